// The page: the ticks go in, rules.js answers, and this part only words the answers.
// Catalogue text reaches the page through textContent and attributes, never as HTML.

performance.mark("careermap:start");

const data = JSON.parse(document.getElementById("careermap-data").textContent);
const catalogue = data.catalogue;
const palette = data.palette;
const engine = new RuleEngine(catalogue);
const roleById = new Map(catalogue.roles.map((role) => [role.id, role]));
const nameOf = new Map(catalogue.qualifications.map((q) => [q.code, q.name]));
// The map draws roles lowest band first, file order within a band (mapview.py).
const inBandOrder = catalogue.roles
  .map((role, index) => [role, index])
  .sort((a, b) => engine.bandRank.get(a[0].band) - engine.bandRank.get(b[0].band) || a[1] - b[1])
  .map(([role]) => role);

const held = new Set();
let unknownQuals = [];
let planner = null;

// ---------------------------------------------------------------- helpers

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== "") {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }
  return node;
}

function code(text) {
  return el("code", {}, text);
}

/** "ILM3 ILM Level 3 in ..." items, joined by commas. */
function namedCodes(codes) {
  const parts = [];
  codes.forEach((item, index) => {
    if (index) parts.push(", ");
    parts.push(code(item), ` ${nameOf.get(item)}`);
  });
  return parts;
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** How names are compared (lookup.py's name_key): case, spacing, hyphens and invisible
 * characters ignored. */
function nameKey(text) {
  return text
    .normalize("NFD")
    .replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, "")
    .replace(/[\s_-]+/g, " ")
    .trim()
    .toLowerCase()
    .normalize("NFC");
}

const spellings = new Map();
for (const q of catalogue.qualifications) {
  for (const spelling of [q.code, q.name, ...(q.aliases || [])]) spellings.set(nameKey(spelling), q.code);
}

function heldCodes() {
  return engine.inOrder([...held]);
}

function statusWords(result) {
  return result.eligible
    ? `${palette.symbol[ELIGIBLE]} Eligible now`
    : `✘ Not yet: ${palette.label[result.status]}`;
}

// ---------------------------------------------------------------- the address

function readFragment() {
  let text = "";
  for (const part of location.hash.replace(/^#/, "").split("&")) {
    if (part.startsWith("quals=")) text = part.slice("quals=".length);
  }
  try {
    text = decodeURIComponent(text.replace(/\+/g, " "));
  } catch (error) {
    // A malformed escape: read the text as it stands.
  }
  const codes = new Set();
  const unknown = [];
  for (const item of text.split(/[,;]/)) {
    const spelling = item.trim();
    if (!spelling) continue;
    const found = spellings.get(nameKey(spelling));
    if (found) codes.add(found);
    else unknown.push(spelling);
  }
  return [codes, unknown];
}

function fragment() {
  const codes = heldCodes();
  return codes.length ? `#quals=${codes.join(",")}` : "";
}

function writeFragment() {
  const wanted = fragment();
  if (location.hash === wanted) return;
  try {
    history.replaceState(null, "", wanted || location.pathname + location.search);
  } catch (error) {
    if (wanted) location.replace(wanted); // some file: pages refuse replaceState
  }
}

// ---------------------------------------------------------------- what changes

const status = document.getElementById("status");
const heldSummary = document.getElementById("held-summary");
const shareLink = document.getElementById("share-link");
const unknownNote = document.getElementById("unknown-quals");
const detailRole = document.getElementById("detail-role");
const compareSlots = [...document.querySelectorAll("select.compare-role")];
const announcer = document.getElementById("announce");
const mapGroups = [...document.querySelectorAll(".map svg > g")];

function update({ fromAddress = false } = {}) {
  planner = null;
  effortPlanner = null;
  if (!fromAddress) writeFragment();
  for (const box of document.querySelectorAll('.quals input[type="checkbox"]')) {
    box.checked = held.has(box.value);
  }
  const evaluation = engine.evaluate([...held]);
  assessed = held.size ? assess(evaluation) : new Map(evaluation.results.map((r) => [r.role.id, r]));
  const results = assessed;
  status.textContent = statusText([...assessed.values()]);
  shareLink.setAttribute("href", fragment() || "#quals=");
  renderHeld(evaluation);
  unknownNote.hidden = !unknownQuals.length;
  unknownNote.textContent = unknownQuals.length
    ? `Not on this map, so left out: ${unknownQuals.join(", ")}.`
    : "";
  for (const role of catalogue.roles) renderCard(results.get(role.id));
  renderMap(results);
  renderDetail();
  renderComparison();
}

function statusText(results) {
  if (!held.size) {
    return "No qualifications ticked: below is the whole map as the poster gives it. Tick what you hold to see what is open to you.";
  }
  const eligible = results.filter((result) => result.eligible).length;
  const oneAway = results.filter((result) => result.status === ONE_AWAY).length;
  let text = `Eligible for ${plural(eligible, "role")}`;
  if (oneAway) text += `; ${oneAway} more ${oneAway === 1 ? "is" : "are"} one qualification (a year or less) away`;
  return `${text} (of ${results.length} on the map).`;
}

function renderHeld(evaluation) {
  const codes = evaluation.held;
  const through = evaluation.effective.filter((item) => !codes.includes(item));
  if (!codes.length) {
    heldSummary.replaceChildren();
  } else {
    const parts = ["You hold ", ...namedCodes(codes), "."];
    if (through.length) parts.push(` Through "counts as" that also meets ${through.join(", ")}.`);
    heldSummary.replaceChildren(...parts);
  }
  for (const q of catalogue.qualifications) {
    const note = document.getElementById(`q-${q.code}-implied`);
    const by = held.has(q.code) ? undefined : codes.find((other) => engine.closure.get(other) & engine.bit.get(q.code));
    note.textContent = by ? `✔ Met through ${by}, which counts as it.` : "";
  }
}

function renderCard(result) {
  const role = result.role;
  const card = document.getElementById(`role-${role.id}`);
  const box = document.getElementById(`role-${role.id}-status`);
  card.classList.remove(ELIGIBLE, ONE_AWAY, FURTHER);
  if (!held.size) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  card.classList.add(result.status);
  const lines = [el("p", { class: `status-line ${result.status}` }, statusWords(result))];
  if (!result.eligible) lines.push(el("p", {}, "Still needed: ", ...namedCodes(result.missing)));
  if (!result.eligible && result.months !== null) {
    lines.push(el("p", {}, `About ${result.months === 1 ? "1 month" : `${result.months} months`} by the quickest plan.`));
  }
  box.replaceChildren(...lines);
  box.hidden = false;
}

function renderMap(results) {
  if (mapGroups.length !== inBandOrder.length) return; // not the layout this expects
  inBandOrder.forEach((role, index) => {
    const group = mapGroups[index];
    const texts = group.querySelectorAll("text");
    const footer = texts[texts.length - 1];
    const rect = group.querySelector("rect");
    const title = group.querySelector("title");
    const result = results.get(role.id);
    let tooltip = `${role.title} (band ${role.band})`;
    let words = role.id;
    let fill = palette.noStatusFill;
    let stroke = palette.noStatusStroke;
    if (held.size) {
      const symbol = palette.symbol[result.status];
      tooltip += `: ${palette.label[result.status]}`;
      fill = palette.fill[result.status];
      stroke = palette.stroke[result.status];
      if (!result.missing.length) {
        words = `${symbol} ${palette.label[result.status]}`;
      } else {
        words = `${symbol} needs ${result.missing.join(", ")}`;
        if (words.length > palette.footerCharacters) words = `${symbol} needs ${result.missing.length} more`;
      }
    }
    rect.setAttribute("fill", fill);
    rect.setAttribute("stroke", stroke);
    footer.textContent = words;
    title.textContent = tooltip;
  });
}

function currentPlanner() {
  if (planner === null) planner = new RoutePlanner(engine, [...held]);
  return planner;
}

// Every role as check gives it (eligibility.py): eligible now, or the gap on the route the
// quickest plan meets, one qualification away only when that is one code within a year.
// At most PLANNED_ROLES are planned, lowest bands first; the rest keep the fewest codes.
const PLANNED_ROLES = 60;
const ONE_STEP_MONTHS = 12;
let assessed = new Map();

function assess(evaluation) {
  if (effortPlanner === null) effortPlanner = new RoutePlanner(engine, [...held], { budget: EFFORT_BUDGET });
  const waiting = evaluation.results
    .filter((result) => !result.eligible)
    .sort((a, b) => engine.bandRank.get(a.role.band) - engine.bandRank.get(b.role.band));
  const planned = new Set(waiting.slice(0, PLANNED_ROLES).map((result) => result.role.id));
  return new Map(
    evaluation.results.map((result) => {
      const base = { role: result.role, eligible: result.eligible, status: result.status, missing: result.missing, months: null };
      if (result.eligible || !planned.has(result.role.id)) return [result.role.id, base];
      const explanation = engine.explain(result.role.id, [...held]);
      const { closest, months } = effort(explanation, effortPlanner);
      const missing = explanation.routes[closest].route.missing;
      const quick = months === null || months <= ONE_STEP_MONTHS;
      const status = missing.length === 1 && quick ? ONE_AWAY : FURTHER;
      return [result.role.id, { ...base, status, missing, months }];
    }),
  );
}

// Gaps by effort, as check and explain give them (effort.py): the closest route is the one
// the quickest plan ends on (ties to fewer codes, then the first listed), with its months.
const EFFORT_BUDGET = 20000;
const TIES_TRIED = 8;
let effortPlanner = null;

function effort(explanation, effortPlanner) {
  const result = explanation.result;
  if (result.eligible) return { closest: result.closest, months: null };
  const plan = effortPlanner.plan(result.role.id);
  if (plan.route === null) return { closest: result.closest, months: null };
  const end = engine.effectiveMask([...plan.start, ...plan.steps.flatMap((step) => step.gives)]);
  const routes = engine.routes[engine.roleIndex.get(result.role.id)];
  const rank = (index) => [explanation.routes[index].route.missing.length, index];
  let closest = null;
  routes.forEach((route, index) => {
    if ((route & ~end) !== 0n) return;
    if (closest === null || byTuple(rank(index), rank(closest)) < 0) closest = index;
  });
  // An equally quick route the tie-break prefers can hide behind the one met (effort.py).
  const preferred = routes
    .map((_, index) => index)
    .filter((index) => byTuple(rank(index), rank(closest)) < 0)
    .sort((a, b) => byTuple(rank(a), rank(b)))
    .slice(0, TIES_TRIED);
  for (const index of preferred) {
    const alone = effortPlanner.plan(result.role.id, index);
    if (alone.route !== null && alone.totalMonths <= plan.totalMonths) return { closest: index, months: plan.totalMonths };
  }
  return { closest, months: plan.totalMonths };
}

function renderDetail() {
  const roleId = detailRole.value;
  const explanation = engine.explain(roleId, [...held]);
  const role = explanation.result.role;
  if (effortPlanner === null) effortPlanner = new RoutePlanner(engine, [...held], { budget: EFFORT_BUDGET });
  const { closest: nearest, months } = effort(explanation, effortPlanner);
  const equivalent = new Set(role.or_equivalent || []);
  const gap = explanation.routes[nearest].route.missing
    .map((code) => (equivalent.has(code) ? `${code} or equivalent` : code))
    .join(" + ");
  const verdict = explanation.result.eligible
    ? "eligible"
    : `not yet eligible: needs ${gap}${months === null ? "" : ` (${months === 1 ? "1 month" : `${months} months`})`}`;
  const routes = explanation.routes.map(({ route, checks }, number) => {
    const closest = number === nearest;
    let heading = `Route ${number + 1}: ${route.requires.join(" + ")}`;
    heading += route.missing.length ? `, needs ${route.missing.join(", ")}` : ", met";
    const checkItems = checks.map((check) => {
      const how = check.met
        ? `✔ ${check.code} ${check.via ? `via ${check.via}` : "held"}`
        : `✘ ${check.code} not yet`;
      const needs = check.needsFirst.length
        ? `; its course needs ${routesText(check.needsFirst)} first`
        : "";
      return el("li", { class: check.met ? "met" : "unmet" }, how, ` (${check.name})${needs}`);
    });
    return el(
      "li",
      { class: closest ? "route closest" : "route" },
      el("p", {}, el("strong", {}, heading), closest ? " (the closest route)" : ""),
      el("ul", { class: "checks" }, checkItems),
    );
  });
  document.getElementById("explanation").replaceChildren(
    el("h3", {}, `${role.title} (${role.id}, band ${role.band}) for ${heldText(explanation.held)}: ${verdict}`),
    el("ol", { class: "routes" }, routes),
  );
  const plan = currentPlanner().plan(roleId);
  const steps = plan.steps.map((step) => timelineStep(step, plan.totalMonths));
  document.getElementById("route").replaceChildren(
    el("h3", {}, `The cheapest route to ${role.title}`),
    steps.length ? el("ol", { class: "steps" }, steps) : "",
    steps.length ? el("p", { class: "scale" }, `Each bar runs on one scale, from now to month ${plan.totalMonths}.`) : "",
    el("p", {}, planOutcome(plan)),
  );
}

/** A step in words (what, when, what it gives), then its bar from its start to its end on
 * the plan's scale, drawn only: the words say it all (html.py's _timeline_step). */
function timelineStep(step, total) {
  const months = step.months === 1 ? "1 month" : `${step.months} months`;
  const bar = el("span", { class: `bar ${step.kind}` });
  // Set through the style object: the page's content security policy refuses style attributes.
  bar.style.left = `${((100 * step.startMonth) / total).toFixed(1)}%`;
  bar.style.width = `${((100 * step.months) / total).toFixed(1)}%`;
  return el(
    "li",
    {},
    `${stepText(step)}, ${spanText(step)} (${months}), gaining ${step.gives.join(", ")}`,
    el("span", { class: "track", "aria-hidden": "true" }, bar),
  );
}

function renderComparison() {
  const chosen = [...new Set(compareSlots.map((slot) => slot.value).filter(Boolean))];
  const box = document.getElementById("comparison");
  if (chosen.length < 2) {
    box.replaceChildren(
      el("p", { class: "hint" }, "Choose two or three roles to see them side by side."),
    );
    return;
  }
  const roles = chosen.map((id) => roleById.get(id));
  const resultOf = (role) => assessed.get(role.id);
  const plans = roles.map((role) => currentPlanner().plan(role.id));
  const leads = (role) =>
    role.progresses_to.map((id) => `${roleById.get(id).title} (band ${roleById.get(id).band})`).join(", ") ||
    "no other role on this map";
  const gives = (role) => {
    const training = role.training;
    if (!(training.leads_to || []).length) return "-";
    return `${training.leads_to.join(", ")}${training.months ? `, in about ${training.months} months` : ""}`;
  };
  const rows = [
    ["Band", (role) => role.band],
    ["Tracks", (role) => role.tracks.join(", ")],
    ["Your status", (role) => (held.size ? statusWords(resultOf(role)) : "No qualifications ticked")],
    ["Still needed", (role) => (resultOf(role).missing.length ? namedCodes(resultOf(role).missing) : "-")],
    ["Entry", (role) => routesText(role.requires)],
    ["Its training gives", gives],
    ["Leads to", leads],
    [
      "Cheapest route",
      (role, number) => {
        const plan = plans[number];
        const steps = plan.steps.map((step) => `${stepText(step)} (${spanText(step)})`);
        return [steps.length ? `${steps.join("; ")}. ` : "", planOutcome(plan)];
      },
    ],
  ];
  const table = el(
    "table",
    { class: "comparison" },
    el("caption", {}, `Comparing ${roles.map((role) => role.title).join(", ")}`),
    el(
      "thead",
      {},
      el("tr", {}, el("td", {}), roles.map((role) => el("th", { scope: "col" }, role.title))),
    ),
    el(
      "tbody",
      {},
      rows.map(([label, cell]) =>
        el("tr", {}, el("th", { scope: "row" }, label), roles.map((role, number) => el("td", {}, cell(role, number)))),
      ),
    ),
  );
  box.replaceChildren(
    el(
      "div",
      { class: "scroll", role: "region", "aria-label": "The comparison, scrolling sideways", tabindex: "0" },
      table,
    ),
  );
}

// ---------------------------------------------------------------- what a person does

function announce(text) {
  announcer.textContent = text;
}

document.querySelector(".quals").addEventListener("change", (event) => {
  const box = event.target;
  if (box.checked) held.add(box.value);
  else held.delete(box.value);
  update();
});

const search = document.getElementById("qual-search");
search.addEventListener("input", () => {
  const query = nameKey(search.value);
  const items = [...document.querySelectorAll(".quals > li")];
  let shown = 0;
  for (const item of items) {
    const match = !query || nameKey(item.dataset.search).includes(query);
    item.hidden = !match;
    if (match) shown += 1;
  }
  document.getElementById("qual-count").textContent = query
    ? `${shown} of ${plural(items.length, "qualification")} shown.`
    : "";
});

document.getElementById("clear-quals").addEventListener("click", () => {
  held.clear();
  unknownQuals = [];
  update();
  announce("Every tick cleared.");
});

document.getElementById("print-page").addEventListener("click", () => window.print());
window.addEventListener("beforeprint", () => {
  const date = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  document.getElementById("printed-on").textContent = `Printed on ${date}.`;
});

detailRole.addEventListener("change", renderDetail);
for (const slot of compareSlots) slot.addEventListener("change", renderComparison);

document.getElementById("roles").addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.dataset.explain) {
    detailRole.value = button.dataset.explain;
    renderDetail();
    const heading = document.getElementById("detail-heading");
    heading.scrollIntoView();
    heading.focus();
  } else if (button.dataset.compare) {
    const id = button.dataset.compare;
    const title = roleById.get(id).title;
    if (compareSlots.some((slot) => slot.value === id)) {
      announce(`${title} is already in the comparison.`);
      return;
    }
    const free = compareSlots.find((slot) => !slot.value) || compareSlots[compareSlots.length - 1];
    free.value = id;
    renderComparison();
    const count = compareSlots.filter((slot) => slot.value).length;
    announce(`${title} added to the comparison, now ${plural(count, "role")}; it is under Compare roles.`);
  }
});

/** Explain the first role ahead that is not open yet (none below the highest band open
 * now), as a link is opened: ticking later leaves the choice alone. */
function pickRoleAhead() {
  const results = engine.evaluate([...held]).results;
  const open = (role) => results[engine.roleIndex.get(role.id)].eligible;
  const standing = Math.max(-1, ...inBandOrder.filter(open).map((role) => engine.bandRank.get(role.band)));
  const ahead = inBandOrder.find((role) => !open(role) && engine.bandRank.get(role.band) >= standing);
  detailRole.value = (held.size && ahead ? ahead : inBandOrder[0]).id;
}

window.addEventListener("hashchange", () => {
  const [codes, unknown] = readFragment();
  const same = codes.size === held.size && [...codes].every((item) => held.has(item));
  if (same && !unknown.length) return; // the page's own change of address
  held.clear();
  for (const item of codes) held.add(item);
  unknownQuals = unknown;
  pickRoleAhead();
  update({ fromAddress: true });
});

// ---------------------------------------------------------------- for tests and tools

function plainPlan(plan) {
  return {
    target: plan.target.id,
    start: plan.start,
    steps: plan.steps.map((step) => ({ ...step, gives: [...step.gives] })),
    route: plan.route,
    blockedBy: plan.blockedBy,
    provenCheapest: plan.provenCheapest,
    totalMonths: plan.totalMonths,
    sequentialMonths: plan.sequentialMonths,
    outcome: planOutcome(plan),
  };
}

// The engine's answers, for a test to hold against the Python ones (and for anyone
// scripting the page): codes in, plain data out.
window.careermap = Object.freeze({
  evaluate: (codes) =>
    engine.evaluate(codes).results.map((result) => ({
      id: result.role.id,
      eligible: result.eligible,
      status: result.status,
      missing: result.missing,
      closest: result.closest,
      routes: result.routes.map((route) => route.missing),
    })),
  evaluateMany: (sets) =>
    sets.map((codes) => engine.evaluate(codes).results.map((result) => [result.closest, result.missing])),
  explain: (roleId, codes) => {
    const explanation = engine.explain(roleId, codes);
    const planner = new RoutePlanner(engine, codes, { budget: EFFORT_BUDGET });
    const { closest: nearest } = effort(explanation, planner);
    return {
      held: explanation.held,
      eligible: explanation.result.eligible,
      missing: explanation.routes[nearest].route.missing,
      closest: nearest,
      routes: explanation.routes.map(({ route, checks }) => ({
        requires: route.requires,
        missing: route.missing,
        checks: checks.map((check) => ({ ...check })),
      })),
    };
  },
  plan: (roleId, codes, options = {}) => plainPlan(new RoutePlanner(engine, codes, options).plan(roleId)),
  planEach: (codes, roleIds, options = {}) => {
    const each = new RoutePlanner(engine, codes, options);
    return roleIds.map((roleId) => plainPlan(each.plan(roleId)));
  },
  held: heldCodes,
});

// ---------------------------------------------------------------- first render

{
  const [codes, unknown] = readFragment();
  for (const item of codes) held.add(item);
  unknownQuals = unknown;
  pickRoleAhead();
  update({ fromAddress: true });
  performance.mark("careermap:rendered");
  performance.measure("careermap:first-render", "careermap:start", "careermap:rendered");
}
