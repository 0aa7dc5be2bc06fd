// careermap's rule engine and route planner, ported from Python line for line.
//
// careermap/cover.py, careermap/engine.py, careermap/explanation.py and
// careermap/planner.py are the specification: every answer here (eligibility, the fewest
// missing codes, the closest route, each explained requirement, the cheapest plan with its
// steps, tie-breaks and search budget) must be theirs, and a browser test holds them
// together on every subset of the shipped map and on random maps. Masks are BigInts, so
// a map may have any number of codes, and where Python iterates a dict or breaks a tie
// by order, this code keeps the same order. Change one side only with the other.

// ---------------------------------------------------------------- bits

const WORD = 0xffffffffn;

function popcount32(w) {
  w -= (w >>> 1) & 0x55555555;
  w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
  return Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The number of set bits of a non-negative BigInt (Python's int.bit_count). */
function popcount(mask) {
  let count = 0;
  while (mask) {
    count += popcount32(Number(mask & WORD));
    mask >>= 32n;
  }
  return count;
}

/** Indexes of the set bits of a non-negative BigInt, lowest first. */
function bitsOf(mask) {
  const found = [];
  let base = 0;
  while (mask) {
    let word = Number(mask & WORD);
    while (word) {
      const low = word & -word;
      found.push(base + 31 - Math.clz32(low));
      word ^= low;
    }
    mask >>= 32n;
    base += 32;
  }
  return found;
}

const bitCache = [];
/** 1n << index, remembered. */
function bit(index) {
  let value = bitCache[index];
  if (value === undefined) {
    value = 1n << BigInt(index);
    bitCache[index] = value;
  }
  return value;
}

const byNumber = (a, b) => a - b;

/** A binary min-heap ordered by `less`; pop order is fixed when no two items tie. */
class Heap {
  constructor(less, items = []) {
    this.less = less;
    this.items = items;
    for (let index = (items.length >> 1) - 1; index >= 0; index--) this.down(index);
  }
  get size() {
    return this.items.length;
  }
  peek() {
    return this.items[0];
  }
  push(item) {
    const items = this.items;
    items.push(item);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.less(items[index], items[parent])) break;
      [items[index], items[parent]] = [items[parent], items[index]];
      index = parent;
    }
  }
  pop() {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length) {
      items[0] = last;
      this.down(0);
    }
    return top;
  }
  down(index) {
    const items = this.items;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let least = index;
      if (left < items.length && this.less(items[left], items[least])) least = left;
      if (right < items.length && this.less(items[right], items[least])) least = right;
      if (least === index) return;
      [items[index], items[least]] = [items[least], items[index]];
      index = least;
    }
  }
}

// ---------------------------------------------------------------- cover.py

const COVER_BUDGET = 80000;

/** Indexes (ascending) of the fewest codes whose closures cover `needed`: cover.py's
 * minimum_cover, with its reductions, its branch and bound and its budget of steps. */
function minimumCover(needed, closures, budget = COVER_BUDGET) {
  if (!needed) return [];
  const [chosen, rest, left] = reduceCover(needed, coverCandidates(needed, closures));
  if (left) {
    const steps = [budget];
    const parts = coverComponents(rest);
    parts.sort((a, b) => a[0].length - b[0].length); // stable, as Python's sorted
    for (const [part, partMask] of parts) chosen.push(...coverSearch(partMask, part, steps));
  }
  return chosen.sort(byNumber);
}

function coverCandidates(needed, closures) {
  const first = new Map(); // coverage -> code, in insertion order like Python's dict
  const others = [];
  let union = 0n;
  closures.forEach((closure, code) => {
    const covers = closure & needed;
    if (covers) {
      union |= covers;
      if ((needed >> BigInt(code)) & 1n) {
        if (!first.has(covers)) first.set(covers, code);
      } else {
        others.push([code, covers]);
      }
    }
  });
  if (union !== needed) throw new Error("some needed code is in no closure");
  for (const [code, covers] of others) if (!first.has(covers)) first.set(covers, code);
  const wide = [...first.keys()].filter((covers) => covers & (covers - 1n));
  let inWide = 0n;
  for (const covers of wide) inWide |= covers;
  const maximal = new Set();
  const byBit = new Map();
  const counted = wide.map((covers) => [popcount(covers), covers]);
  counted.sort((a, b) => b[0] - a[0]);
  for (const [, covers] of counted) {
    const low = bitsOf(covers & -covers)[0];
    if ((byBit.get(low) || []).some((kept) => (covers & kept) === covers)) continue;
    maximal.add(covers);
    for (const index of bitsOf(covers)) {
      if (!byBit.has(index)) byBit.set(index, []);
      byBit.get(index).push(covers);
    }
  }
  const candidates = [];
  for (const [covers, code] of first) {
    if (maximal.has(covers) || !(covers & (covers - 1n) || covers & inWide)) {
      candidates.push([code, covers]);
    }
  }
  return candidates;
}

function reduceCover(needed, candidates) {
  let once = 0n;
  let twice = 0n;
  for (const [, covers] of candidates) {
    twice |= once & covers;
    once |= covers;
  }
  const lone = needed & ~twice;
  if (!lone) return [[], candidates, needed];
  if (!twice) return [candidates.map(([code]) => code), [], 0n];

  const covs = candidates.map(([, covers]) => covers);
  const holders = new Map();
  covs.forEach((covers, position) => {
    for (const index of bitsOf(covers)) {
      if (!holders.has(index)) holders.set(index, new Set());
      holders.get(index).add(position);
    }
  });
  const alive = covs.map(() => true);
  const queue = [];
  covs.forEach((covers, position) => {
    if (covers & lone) queue.push(position);
  });
  const chosen = [];
  let left = needed;

  const drop = (position) => {
    alive[position] = false;
    for (const index of bitsOf(covs[position])) {
      const others = holders.get(index);
      others.delete(position);
      if (others.size === 1) queue.push(...others);
    }
  };

  while (queue.length) {
    const position = queue.pop();
    if (!alive[position]) continue;
    alive[position] = false;
    chosen.push(candidates[position][0]);
    const covered = covs[position] & left;
    left &= ~covered;
    const touched = new Set();
    for (const index of bitsOf(covered)) {
      for (const other of holders.get(index)) touched.add(other);
      holders.delete(index);
    }
    for (const other of [...touched].sort(byNumber)) {
      if (!alive[other]) continue;
      const covers = (covs[other] = covs[other] & left);
      if (!covers) {
        drop(other);
        continue;
      }
      // Only a candidate that shrank can have become dominated.
      let rarest = -1;
      let fewest = Infinity;
      for (const index of bitsOf(covers)) {
        const size = holders.get(index).size;
        if (size < fewest) {
          fewest = size;
          rarest = index;
        }
      }
      for (const wider of holders.get(rarest)) {
        if (wider < other && (covers & covs[wider]) === covers) {
          drop(other);
          break;
        }
      }
    }
  }
  const rest = [];
  covs.forEach((covers, position) => {
    if (alive[position]) rest.push([candidates[position][0], covers]);
  });
  return [chosen, rest, left];
}

function coverComponents(candidates) {
  const parent = new Map();
  const root = (index) => {
    for (;;) {
      if (!parent.has(index)) parent.set(index, index);
      if (parent.get(index) === index) return index;
      const next = parent.get(parent.get(index));
      parent.set(index, next);
      index = next;
    }
  };
  const lows = [];
  for (const [, covers] of candidates) {
    const indexes = bitsOf(covers);
    const low = root(indexes[0]);
    for (const index of indexes.slice(1)) {
      const other = root(index);
      if (other !== low) parent.set(other, low);
    }
    lows.push(indexes[0]);
  }
  const parts = new Map();
  candidates.forEach((candidate, number) => {
    const key = root(lows[number]);
    if (!parts.has(key)) parts.set(key, [[], 0n]);
    const part = parts.get(key);
    part[0].push(candidate);
    part[1] |= candidate[1];
  });
  return [...parts.values()];
}

function coverSearch(needed, candidates, steps) {
  const local = new Map();
  bitsOf(needed).forEach((index, number) => local.set(index, number));
  const covs = candidates.map(([, covers]) => {
    let mask = 0n;
    for (const index of bitsOf(covers)) mask |= bit(local.get(index));
    return mask;
  });
  const holders = Array.from(local, () => 0n);
  covs.forEach((mask, position) => {
    for (const index of bitsOf(mask)) holders[index] |= bit(position);
  });
  const codes = candidates.map(([code]) => code);
  const everything = bit(covs.length) - 1n;
  let left = bit(local.size) - 1n;
  const named = (positions) => positions.map((position) => codes[position]);

  let best = greedyCover(left, covs);
  if (steps[0] <= 0) return named(best);
  const [smaller, proved] = solveCover(left, everything, best.length, covs, holders, steps, false);
  if (smaller !== null) best = smaller;
  if (!proved) return named(best);

  const size = best.length;
  const witness = [...best].sort(byNumber);
  let taken = 0;
  let low = 0;
  const extra = bit(local.size);
  while (left) {
    let upcoming = witness[taken];
    for (;;) {
      let gap = 0n;
      for (let position = low; position < upcoming; position++) {
        if (covs[position] & left) gap |= bit(position);
      }
      if (!gap) break;
      steps[0] -= covs.length;
      const marked = covs.map((mask, position) => ((gap >> BigInt(position)) & 1n ? mask | extra : mask));
      const [found, done] = solveCover(
        left | extra,
        everything & ~(bit(low) - 1n),
        size - taken + 1,
        marked,
        [...holders, gap],
        steps,
        true,
      );
      if (found === null) {
        if (done) break;
        return named(witness); // out of steps
      }
      witness.splice(taken, witness.length - taken, ...[...found].sort(byNumber));
      upcoming = witness[taken];
    }
    taken += 1;
    left &= ~covs[upcoming];
    low = upcoming + 1;
  }
  return named(witness);
}

function solveCover(left, available, limit, covs, holders, steps, first) {
  let best = null;
  const stack = [[left, available, 0, null]];
  while (stack.length) {
    if (steps[0] <= 0) return [best, false];
    const [here, free, depth, path] = stack.pop();
    if (!here) return [[], true];
    const room = limit - depth - 1;
    if (room <= 0) continue;
    const gains = [];
    let useful = 0n;
    for (const position of bitsOf(free)) {
      const gain = popcount(covs[position] & here);
      if (gain) {
        gains.push([gain, position]);
        useful |= bit(position);
      }
    }
    steps[0] -= gains.length + popcount(here);
    gains.sort((a, b) => b[0] - a[0]);
    let bound = 0;
    let uncovered = here;
    for (const [gain, position] of gains) {
      const fresh = covs[position] & uncovered;
      if (fresh) {
        bound += popcount(fresh) / gain;
        uncovered &= ~fresh;
        if (!uncovered) break;
      }
    }
    if (uncovered || bound > room + 1e-9) continue;
    let fewest = useful;
    let fewestCount = popcount(fewest);
    for (const index of bitsOf(here)) {
      const options = holders[index] & useful;
      const count = popcount(options);
      if (count < fewestCount) {
        fewest = options;
        fewestCount = count;
        if ((fewest & (fewest - 1n)) === 0n) break;
      }
    }
    const order = [];
    const reaches = [];
    let remaining = useful;
    for (const [, position] of gains) {
      if ((fewest >> BigInt(position)) & 1n) {
        const reach = covs[position] & here;
        if (reaches.some((wider) => (reach & wider) === reach)) {
          remaining &= ~bit(position);
        } else {
          order.push(position);
          reaches.push(reach);
        }
      }
    }
    let children = [];
    for (const position of order) {
      remaining &= ~bit(position);
      const after = here & ~covs[position];
      if (!after) {
        best = pathPositions([position, path]);
        limit = depth + 1;
        if (first) return [best, true];
        children = [];
        break;
      }
      children.push([after, remaining, depth + 1, [position, path]]);
    }
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
  }
  return [best, true];
}

function greedyCover(full, covs) {
  // Python's heapq of (-gain, position); positions are unique, so pops come in one order.
  const less = (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const heap = new Heap(
    less,
    covs.map((mask, position) => [-popcount(mask), position]),
  );
  let left = full;
  const chosen = [];
  while (left) {
    const [, position] = heap.pop();
    const gain = popcount(covs[position] & left);
    if (heap.size) {
      const [topGain, topPosition] = heap.peek();
      // (gain, -position) < (-topGain, -topPosition), as tuples
      if (gain < -topGain || (gain === -topGain && -position < -topPosition)) {
        if (gain) heap.push([-gain, position]);
        continue;
      }
    }
    chosen.push(position);
    left &= ~covs[position];
  }
  return chosen.sort(byNumber);
}

function pathPositions(path) {
  const found = [];
  while (path !== null) {
    found.push(path[0]);
    path = path[1];
  }
  return found.reverse();
}

// ---------------------------------------------------------------- engine.py

const ELIGIBLE = "eligible";
const ONE_AWAY = "one-away";
const FURTHER = "further";
const CACHE_LIMIT = 1 << 16;

function statusFor(missingCount) {
  if (missingCount === 0) return ELIGIBLE;
  return missingCount === 1 ? ONE_AWAY : FURTHER;
}

class RuleEngine {
  constructor(catalogue) {
    this.catalogue = catalogue;
    this.qualifications = new Map(catalogue.qualifications.map((q) => [q.code, q]));
    this.codes = catalogue.qualifications.map((q) => q.code);
    this.bit = new Map(this.codes.map((code, index) => [code, bit(index)]));
    this.closure = new Map(this.codes.map((code) => [code, this.closureMask(code)]));
    this.closures = this.codes.map((code) => this.closure.get(code));
    this.roles = catalogue.roles;
    this.roleIndex = new Map(catalogue.roles.map((role, index) => [role.id, index]));
    this.bandRank = new Map(catalogue.bands.map((band, rank) => [band, rank]));
    this.routes = catalogue.roles.map((role) => role.requires.map((route) => this.mask(route)));
    this.compiled = catalogue.roles.map((role) => role.requires.map((route) => this.compile(route)));
    this.records = new Map();
    this.covers = new Map();
  }

  mask(codes) {
    let mask = 0n;
    for (const code of codes) mask |= this.bit.get(code);
    return mask;
  }

  /** The codes of `mask`, in catalogue order. */
  codesIn(mask) {
    return bitsOf(mask).map((index) => this.codes[index]);
  }

  inOrder(codes) {
    return this.codesIn(this.mask(codes));
  }

  effectiveMask(held) {
    let mask = 0n;
    for (const code of held) mask |= this.closure.get(code);
    return mask;
  }

  /** The codes as a set, throwing for any the map lacks (Python: UnknownQualificationError). */
  known(codes) {
    const held = [...new Set(codes)];
    const unknown = held.filter((code) => !this.bit.has(code));
    if (unknown.length) throw new Error(`unknown qualification codes: ${unknown.sort().join(", ")}`);
    return held;
  }

  countsAs(code) {
    return this.codesIn(this.closure.get(code) & ~this.bit.get(code));
  }

  compile(requires) {
    const mask = this.mask(requires);
    const simple = this.closures.every((closure) => popcount(closure & mask) <= 1);
    const position = new Map(requires.map((code, number) => [code, number]));
    return {
      requires,
      mask,
      inOrder: requires.map((code) => [this.bit.get(code), code]),
      position,
      simple,
    };
  }

  /** Which roles are open (by index) and each role's closest route, for an effective mask. */
  record(effective) {
    const cached = this.records.get(effective);
    if (cached !== undefined) return cached;
    const lacking = ~effective;
    const fewest = [];
    const closest = [];
    this.compiled.forEach((routes, index) => {
      let least = this.codes.length + 1;
      let nearest = 0;
      routes.forEach((route, number) => {
        const needed = route.mask & lacking;
        const count = needed ? (route.simple ? popcount(needed) : this.cover(needed).length) : 0;
        if (count < least) {
          least = count;
          nearest = number;
        }
      });
      fewest.push(least);
      closest.push(nearest);
    });
    const record = { eligible: fewest.map((count) => count === 0), closest };
    if (this.records.size >= CACHE_LIMIT) this.records.clear();
    this.records.set(effective, record);
    return record;
  }

  /** Role number `index`'s result: every route's missing codes, and the closest. */
  roleResult(index, effective, closest) {
    const lacking = ~effective;
    const routes = this.compiled[index].map((route) => ({
      requires: route.requires,
      missing: this.missing(route, route.mask & lacking),
    }));
    const missing = routes[closest].missing;
    return {
      role: this.roles[index],
      routes,
      closest,
      eligible: missing.length === 0,
      missing,
      status: statusFor(missing.length),
    };
  }

  missing(route, needed) {
    if (!needed) return [];
    if (route.simple) return route.inOrder.filter(([mask]) => needed & mask).map(([, code]) => code);
    const codes = this.cover(needed);
    if (codes.length < 2) return codes;
    const last = route.position.size;
    const at = (code) => (route.position.has(code) ? route.position.get(code) : last);
    return [...codes].sort((a, b) => at(a) - at(b));
  }

  cover(needed) {
    if (!needed) return [];
    let cached = this.covers.get(needed);
    if (cached === undefined) {
      cached = minimumCover(needed, this.closures).map((index) => this.codes[index]);
      if (this.covers.size >= CACHE_LIMIT) this.covers.clear();
      this.covers.set(needed, cached);
    }
    return cached;
  }

  /** Every role for a person holding `held` (codes), as careermap.evaluate gives it. */
  evaluate(held) {
    const codes = this.known(held);
    const mask = this.effectiveMask(codes);
    const record = this.record(mask);
    return {
      held: this.inOrder(codes),
      effective: this.codesIn(mask),
      results: record.closest.map((closest, index) => this.roleResult(index, mask, closest)),
    };
  }

  closureMask(code) {
    let mask = 0n;
    const stack = [code];
    while (stack.length) {
      const current = stack.pop();
      const own = this.bit.get(current);
      if (!(mask & own)) {
        mask |= own;
        stack.push(...(this.qualifications.get(current).satisfies || []));
      }
    }
    return mask;
  }

  /** explanation.py's explain: each requirement of each route, met or not and how. */
  explain(roleId, quals) {
    const index = this.roleIndex.get(roleId);
    if (index === undefined) throw new Error(`unknown role: ${roleId}`);
    const codes = this.known(quals);
    const effective = this.effectiveMask(codes);
    const result = this.roleResult(index, effective, this.record(effective).closest[index]);
    const held = this.inOrder(codes);
    const routes = result.routes.map((route) => ({
      route,
      checks: route.requires.map((code) => this.check(held, effective, code)),
    }));
    return { result, held, routes };
  }

  check(held, effective, code) {
    const qualification = this.qualifications.get(code);
    const name = qualification.name;
    if (held.includes(code)) return { code, name, met: true, via: null, needsFirst: [] };
    for (const other of held) {
      if (this.closure.get(other) & this.bit.get(code)) {
        return { code, name, met: true, via: other, needsFirst: [] };
      }
    }
    let routes = qualification.requires || [];
    if (routes.some((route) => (this.mask(route) & ~effective) === 0n)) routes = [];
    return { code, name, met: false, via: null, needsFirst: routes };
  }

  /** Codes working in any role builds (models.py: Catalogue.from_any_role). */
  get fromAnyRole() {
    return this.catalogue.qualifications.filter((q) => q.from_any_role).map((q) => q.code);
  }

  /** What working in a role gives someone heading for `tracks` (every track when null),
   * and after how many months, shortest first (models.py: Catalogue.role_steps). */
  roleSteps(role, tracks = null) {
    const anywhere = this.fromAnyRole;
    const training = role.training || {};
    const towards = [...(training.leads_to || [])];
    for (const [track, codes] of Object.entries(training.by_track || {})) {
      if (tracks === null || tracks.has(track)) towards.push(...codes);
    }
    const steps = new Map();
    const months = training.months ?? null;
    if (months !== null) steps.set(months, [...towards, ...anywhere]);
    const experience = role.experience || [];
    const built = role.experience_months || months;
    if (experience.length && built !== null) {
      const earlier = [...steps].filter(([at]) => at <= built).flatMap(([, codes]) => codes);
      steps.set(built, [...earlier, ...experience, ...anywhere]);
    }
    return [...steps]
      .sort((a, b) => a[0] - b[0])
      .map(([at, codes]) => [at, [...new Set(codes)]])
      .filter(([, codes]) => codes.length);
  }

  /** Codes gained by working in a role, in the time roleSteps gives (models.py). */
  gains(role, tracks = null) {
    const steps = this.roleSteps(role, tracks);
    return steps.length ? steps[steps.length - 1][1] : [];
  }
}

// ---------------------------------------------------------------- planner.py

const PLAN_BUDGET = 1000000;
const PUSH_WORK = 5;
const PRUNED_UP_TO = 200;
// The lanes a step takes: a role the work lane, a course alongside work the study lane,
// and a course that stops work both.
const WORK = 1;
const STUDY = 2;
const BOTH = 3;
// Python's _NEVER (a month no plan reaches) and _UNREACHABLE: only ever compared.
const NEVER = Infinity;
const LARGEST = 4;
const NONE = [
  [0, 0],
  [0, 0],
  [0, 0],
  [0, 0],
];

function isOpen(move, state) {
  return move.routes === null || move.routes.some((route) => (route & ~state) === 0n);
}

function lowestIndex(mask) {
  return bitsOf(mask & -mask)[0];
}

/** Python's sorted() of (left, gain, lanes, turn) tuples. */
function byRunning(a, b) {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || a[2] - b[2] || a[3] - b[3];
}

/** Python's sorted() of tuples of numbers. */
function byTuple(a, b) {
  for (let index = 0; index < a.length; index++) {
    if (a[index] !== b[index]) return a[index] < b[index] ? -1 : 1;
  }
  return 0;
}

/** RoutePlanner: plans for one person to any number of targets. */
class RoutePlanner {
  constructor(
    engine,
    quals,
    { currentRole = null, useRoles = true, budget = PLAN_BUDGET, studying = {} } = {},
  ) {
    this.engine = engine;
    this.catalogue = engine.catalogue;
    const study = Object.entries(studying);
    engine.known(study.map(([code]) => code));
    const due = study.filter(([, months]) => months <= 0).map(([code]) => code);
    if (currentRole !== null && !engine.roleIndex.has(currentRole)) {
      throw new Error(`unknown role: ${currentRole}`);
    }
    // Being in a role is experience: what working in any role builds is held.
    const inRole = currentRole !== null ? engine.fromAnyRole : [];
    this.startCodes = engine.inOrder(engine.known([...quals, ...due, ...inRole]));
    this.start = engine.effectiveMask(this.startCodes);
    this.current = currentRole;
    this.useRoles = useRoles;
    this.budget = budget;
    this.courses = [];
    for (const qualification of engine.catalogue.qualifications) {
      const months = qualification.course_months;
      if (months !== null && months !== undefined) {
        const code = qualification.code;
        const through = qualification.gained_through;
        const step = through  // volunteering, a placement: not a course
          ? plainStep("experience", code, `${qualification.name}, through ${through}`, [code], months)
          : plainStep("course", code, qualification.name, [code], months);
        const requires = qualification.requires || [];
        const routes = requires.length ? requires.map((route) => engine.mask(route)) : null;
        const lanes = qualification.alongside_work === false ? BOTH : STUDY;
        this.courses.push({ step, gain: engine.closure.get(code), routes, lanes });
      }
    }
    // Study under way, soonest due first: it takes the study lane until it is due.
    const position = new Map(engine.codes.map((code, index) => [code, index]));
    this.underWay = study
      .filter(([code, months]) => months > 0 && engine.closure.get(code) & ~this.start)
      .map(([code, months]) => ({
        step: plainStep("course", code, engine.qualifications.get(code).name, [code], months, 0, true),
        gain: engine.closure.get(code),
        routes: null,
        lanes: STUDY,
      }))
      .sort((a, b) => a.step.months - b.step.months || position.get(a.step.id) - position.get(b.step.id));
    this.towardsTracks = new Map();
  }

  /** The moves open to someone heading for `target` (a role's training can depend on
   * the track), roles before courses, and what follows from them (planner.py: _toward). */
  towards(target) {
    const key = [...target.tracks].sort().join("\n");
    if (this.towardsTracks.has(key)) return this.towardsTracks.get(key);
    const engine = this.engine;
    const onTrack = new Set(target.tracks);
    const roles = [];
    if (this.useRoles) {
      engine.roles.forEach((role, index) => {
        for (const [months, gains] of engine.roleSteps(role, onTrack)) {
          const step = plainStep("role", role.id, role.title, gains, months);
          const routes = role.id === this.current ? null : engine.routes[index];
          roles.push([role, { step, gain: engine.effectiveMask(gains), routes, lanes: WORK }]);
        }
      });
    }
    const rank = engine.bandRank;
    // The person's own role first: on a tie, staying in post beats a step down.
    const order = ([role]) => [
      role.id === this.current ? 0 : 1,
      role.tracks.some((track) => onTrack.has(track)) ? 0 : 1,
      rank.get(role.band),
    ];
    roles.sort((a, b) => byTuple(order(a), order(b)));
    const moves = [...roles.map(([, move]) => move), ...this.courses];
    let arriving = 0n;
    for (const move of this.underWay) arriving |= move.gain;
    const givers = new Map();
    for (const move of moves) {
      for (const index of bitsOf(move.gain)) {
        if (!givers.has(index)) givers.set(index, []);
        givers.get(index).push(move);
      }
    }
    const found = {
      moves,
      reachable: everythingReachable(this.start | arriving, moves),
      earliest: earliestMonths(this.start, this.underWay, moves),
      givers,
    };
    this.towardsTracks.set(key, found);
    return found;
  }

  plan(targetId, onlyRoute = null) {
    const engine = this.engine;
    const index = engine.roleIndex.get(targetId);
    if (index === undefined) throw new Error(`unknown role: ${targetId}`);
    const target = engine.roles[index];
    if (target.id === this.current) {
      throw new Error(`${target.id} is the role the person works in already; plan a move to another`);
    }
    const towards = this.towards(target);
    const start = this.start;
    const reachable = towards.reachable;
    const requires = onlyRoute === null ? target.requires : [target.requires[onlyRoute]];
    const goals = onlyRoute === null ? engine.routes[index] : [engine.routes[index][onlyRoute]];
    const base = { target, start: this.startCodes, blockedBy: [], provenCheapest: true };
    if (!goals.some((goal) => (goal & ~reachable) === 0n)) {
      const blockedBy = goals.map((goal) => engine.codesIn(goal & ~reachable));
      return { ...base, steps: [], route: null, blockedBy, totalMonths: 0, sequentialMonths: 0 };
    }
    const moves = towards.moves;
    const relevant = relevantCodes(goals, moves);
    const useful = moves.filter((move) => move.gain & relevant);
    const search = new PlanSearch(goals, useful, this.underWay, relevant, this.budget, towards.givers, towards.earliest);
    const [found, proven] = search.run(start & relevant);
    const timing = new Timing(start, this.underWay, goals);
    let best = null;
    for (const taken of found) {
      let order = timing.withoutIdle(taken);
      const steady = timing.inPreferredOrder(order, useful);
      const same = steady.length === order.length && steady.every((move, at) => move === order[at]);
      if (!same && timing.finish(steady) <= timing.finish(order)) order = timing.withoutIdle(steady);
      const finish = timing.finish(order);
      const effort = order.reduce((sum, move) => sum + moveEffort(move), 0);
      if (best === null || finish < best[0] || (finish === best[0] && effort < best[1])) {
        best = [finish, effort, order];
      }
    }
    const steps = timing.steps(best[2], engine);
    let state = start;
    for (const step of steps) state |= engine.effectiveMask(step.gives);
    const met = goals.find((goal) => (goal & ~state) === 0n);
    const route = requires[goals.indexOf(met)];
    const totalMonths = steps.reduce((most, step) => Math.max(most, step.endMonth), 0);
    const sequentialMonths = steps.reduce((sum, step) => sum + step.months, 0);
    return { ...base, steps, route, provenCheapest: proven, totalMonths, sequentialMonths };
  }

}

function plainStep(kind, id, title, gives, months, startMonth = 0, underWay = false) {
  return { kind, id, title, gives, months, startMonth, endMonth: startMonth + months, underWay };
}

function moveEffort(move) {
  return move.step.underWay ? 0 : move.step.months;
}

function everythingReachable(start, moves) {
  const waiting = new Map();
  for (const move of moves) {
    for (const route of move.routes || []) {
      for (const index of bitsOf(route)) {
        if (!waiting.has(index)) waiting.set(index, []);
        waiting.get(index).push(move);
      }
    }
  }
  let state = start;
  const queue = [...moves];
  while (queue.length) {
    const move = queue.pop();
    const fresh = move.gain & ~state;
    if (fresh && isOpen(move, state)) {
      state |= move.gain;
      for (const index of bitsOf(fresh)) {
        queue.push(...(waiting.get(index) || []));
        waiting.delete(index);
      }
    }
  }
  return state;
}

/** planner.py's _earliest_months: per code index, the earliest month any plan holds it. */
function earliestMonths(start, underWay, moves) {
  const study = underWay.reduce((most, move) => Math.max(most, move.step.months), 0);
  const free = { [WORK]: 0, [STUDY]: study, [BOTH]: study };
  const waiting = new Map();
  const lacking = new Map();
  const months = bitsOf(start).map((index) => [0, index]);
  for (const move of underWay) for (const index of bitsOf(move.gain)) months.push([move.step.months, index]);
  moves.forEach((move, number) => {
    if (move.routes === null) {
      const end = free[move.lanes] + move.step.months;
      for (const index of bitsOf(move.gain)) months.push([end, index]);
      return;
    }
    move.routes.forEach((route, which) => {
      lacking.set(`${number},${which}`, popcount(route));
      for (const index of bitsOf(route)) {
        if (!waiting.has(index)) waiting.set(index, []);
        waiting.get(index).push([number, which]);
      }
    });
  });
  const heap = new Heap((a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]), months);
  const earliest = new Map();
  const started = new Set();
  while (heap.size) {
    const [month, index] = heap.pop();
    if (earliest.has(index)) continue;
    earliest.set(index, month);
    for (const [number, which] of waiting.get(index) || []) {
      const key = `${number},${which}`;
      lacking.set(key, lacking.get(key) - 1);
      if (lacking.get(key) || started.has(number)) continue;
      started.add(number);
      const move = moves[number];
      const end = Math.max(month, free[move.lanes]) + move.step.months;
      for (const gained of bitsOf(move.gain)) if (!earliest.has(gained)) heap.push([end, gained]);
    }
    waiting.delete(index);
  }
  return earliest;
}

function relevantCodes(goals, moves) {
  const givers = new Map();
  for (const move of moves) {
    if (move.routes && move.routes.length) {
      for (const index of bitsOf(move.gain)) {
        if (!givers.has(index)) givers.set(index, []);
        givers.get(index).push(move);
      }
    }
  }
  let relevant = 0n;
  for (const goal of goals) relevant |= goal;
  const queue = bitsOf(relevant);
  while (queue.length) {
    const index = queue.pop();
    const found = givers.get(index) || [];
    givers.delete(index);
    for (const move of found) {
      let needed = 0n;
      for (const route of move.routes || []) needed |= route;
      const fresh = needed & ~relevant;
      relevant |= fresh;
      queue.push(...bitsOf(fresh));
    }
  }
  return relevant;
}

function stateKey(held, running, phase, idleWork, idleStudy, afterWork, afterStudy) {
  const runs = running.map(([left, gain, lanes, turn]) => `${left}:${gain.toString(36)}:${lanes}:${turn}`);
  const idle = `${idleWork.toString(36)}|${idleStudy.toString(36)}`;
  return `${held.toString(36)}|${runs.join(",")}|${phase}|${idle}|${afterWork}|${afterStudy}`;
}

/** planner.py's _Search: A* over the states of a timeline within a budget of work. */
class PlanSearch {
  constructor(goals, moves, underWay, relevant, budget, givers, earliest) {
    this.goals = goals;
    this.moves = moves;
    this.relevant = relevant;
    this.budget = budget;
    this.work = 0;
    this.every = [...moves, ...underWay];
    this.gains = this.every.map((move) => move.gain & relevant);
    this.ranked = new Map();
    this.open = new Map();
    this.workSide = [];
    this.studySide = [];
    moves.forEach((move, index) => {
      if (move.lanes & WORK) this.workSide.push(index);
      if (move.lanes === STUDY) this.studySide.push(index);
    });
    this.shares = [];
    this.mixed = [];
    this.roleOnly = [];
    this.courseOnly = [];
    this.dearest = new Map();
    for (const goal of goals) {
      const shares = new Map();
      const mixed = new Map();
      let roleOnly = 0n;
      let courseOnly = 0n;
      for (const index of bitsOf(goal)) {
        let sides = 0;
        const least = [NEVER, NEVER, NEVER];
        const bySide = [Infinity, Infinity, Infinity];
        for (const move of givers.get(index) || []) {
          const months = move.step.months;
          const share = months / popcount(move.gain & goal);
          shares.set(index, Math.min(shares.has(index) ? shares.get(index) : share, share));
          const side = move.lanes === WORK ? WORK : STUDY;
          sides |= side;
          least[0] = Math.min(least[0], months);
          least[side] = Math.min(least[side], months);
          bySide[side] = Math.min(bySide[side], share);
        }
        const at = bit(index);
        if (sides === WORK) roleOnly |= at;
        else if (sides === STUDY) courseOnly |= at;
        else if (sides) mixed.set(index, [bySide[WORK], bySide[STUDY]]);
        this.dearest.set(index, [
          least[0],
          sides === WORK ? least[WORK] : -1,
          sides === STUDY ? least[STUDY] : -1,
          earliest.has(index) ? earliest.get(index) : NEVER,
        ]);
      }
      this.shares.push(shares);
      this.mixed.push(mixed);
      this.roleOnly.push(roleOnly);
      this.courseOnly.push(courseOnly);
    }
  }

  parts(free) {
    return this.goals.map((goal, number) => {
      const shares = this.shares[number];
      let total = 0;
      let roles = 0;
      let courses = 0;
      const missing = goal & ~free;
      const indexes = bitsOf(missing);
      this.work += indexes.length;
      if (indexes.some((index) => !shares.has(index))) return [Infinity, 0, 0, NONE];
      for (const index of indexes) {
        const share = shares.get(index);
        total += share;
        const at = bit(index);
        if (at & this.roleOnly[number]) roles += share;
        else if (at & this.courseOnly[number]) courses += share;
      }
      return [total, roles, courses, this.largest(missing)];
    });
  }

  largest(missing) {
    const largest = [];
    for (let kind = 0; kind < LARGEST; kind++) largest.push([0, 0]);
    for (const index of bitsOf(missing)) {
      this.dearest.get(index).forEach((value, kind) => {
        const [top, times] = largest[kind];
        if (value > top) largest[kind] = [value, 1];
        else if (value === top) largest[kind] = [top, times + 1];
      });
    }
    return largest;
  }

  partsAfter(parts, free, gain) {
    return this.goals.map((goal, number) => {
      const shares = this.shares[number];
      let [total, roles, courses, largest] = parts[number];
      const taken = gain & goal & ~free;
      if (taken && total !== Infinity) {
        const indexes = bitsOf(taken);
        this.work += indexes.length;
        const counts = largest.map(([, times]) => times);
        let rescan = false;
        for (const index of indexes) {
          const share = shares.get(index);
          total -= share;
          const at = bit(index);
          if (at & this.roleOnly[number]) roles -= share;
          else if (at & this.courseOnly[number]) courses -= share;
          this.dearest.get(index).forEach((value, kind) => {
            if (value === largest[kind][0]) {
              counts[kind] -= 1;
              rescan = rescan || !counts[kind];
            }
          });
        }
        if (rescan) {
          const left = goal & ~free & ~gain;
          this.work += popcount(left);
          largest = this.largest(left);
        } else {
          largest = largest.map(([top], kind) => [top, counts[kind]]);
        }
      }
      return [total, roles, courses, largest];
    });
  }

  value(parts, held, running, elapsed) {
    let work = 0;
    let study = 0;
    let coming = 0n;
    for (const [left, gain, lanes] of running) {
      if (lanes & WORK) work = Math.max(work, left);
      if (lanes & STUDY) study = Math.max(study, left);
      coming |= gain;
    }
    const low = Math.min(work, study);
    const high = Math.max(work, study);
    let best = Infinity;
    let leastEffort = Infinity;
    this.goals.forEach((goal, number) => {
      const [total, roles, courses, largest] = parts[number];
      const [[anyway], [byRole], [byCourse], [latest]] = largest;
      if (total === Infinity || latest === NEVER) return;
      const roleOnly = this.roleOnly[number];
      const courseOnly = this.courseOnly[number];
      const needed = goal & ~held & ~coming;
      let bound = 0;
      if (needed) {
        bound = Math.max(low + anyway, latest - elapsed);
        if (needed & roleOnly) bound = Math.max(bound, work + byRole);
        if (needed & courseOnly) bound = Math.max(bound, study + byCourse);
        const both = total <= high - low ? low + total : (total + work + study) / 2;
        const lanes = this.lanes(
          number,
          needed,
          needed & roleOnly,
          needed & courseOnly,
          work + roles,
          study + courses,
        );
        bound = Math.max(bound, both, lanes);
      }
      const arriving = goal & ~held & coming;
      if (arriving) {
        const indexes = bitsOf(arriving);
        this.work += indexes.length;
        for (const index of indexes) {
          const at = bit(index);
          let when = Infinity;
          for (const [left, gain] of running) if (gain & at) when = Math.min(when, left);
          const [least, , , earliest] = this.dearest.get(index);
          bound = Math.max(bound, Math.min(when, Math.max(low + least, earliest - elapsed)));
        }
      }
      best = Math.min(best, Math.ceil(bound - 1e-6));
      leastEffort = Math.min(leastEffort, needed ? Math.ceil(total - 1e-6) : 0);
    });
    return [best, leastEffort];
  }

  lanes(number, needed, roles, courses, onWork, onStudy) {
    const either = needed & ~roles & ~courses;
    const key = `${number}:${either.toString(36)}`;
    let ranked = this.ranked.get(key);
    if (ranked === undefined) {
      const mixed = this.mixed[number];
      const ordered = bitsOf(either)
        .map((index) => mixed.get(index))
        .sort((a, b) => a[0] / a[1] - b[0] / b[1]);
      let sumRoles = 0;
      let sumCourses = 0;
      for (const [byRole, byCourse] of ordered) {
        sumRoles += byRole;
        sumCourses += byCourse;
      }
      ranked = [ordered, sumRoles, sumCourses];
      this.ranked.set(key, ranked);
    }
    const [pairs, onRoles, onCourses] = ranked;
    this.work += pairs.length;
    let best = !courses ? onWork + onRoles : Infinity;
    if (!roles) best = Math.min(best, onStudy + onCourses);
    let work = onWork;
    let study = onStudy + onCourses;
    for (const [byRole, byCourse] of pairs) {
      if (work + byRole > study - byCourse) {
        const part = (study - work) / (byRole + byCourse);
        [work, study] = [work + byRole * part, study - byCourse * part];
        break;
      }
      [work, study] = [work + byRole, study - byCourse];
    }
    return Math.min(best, Math.max(work, study));
  }

  run(start) {
    const { goals, moves, gains } = this;
    const first = moves.length;
    const rootRunning = this.every
      .slice(first)
      .map((move, k) => [move.step.months, gains[first + k], STUDY, -1])
      .sort(byRunning);
    const root = [start, rootRunning, 0, -1n, -1n, -1, -1];
    let coming = 0n;
    for (const [, gain] of rootRunning) coming |= gain;
    // Moves that take turns (see planner.py): their codes open nothing and they are open
    // from the start; one right after another in a lane, the longer first.
    let needs = 0n;
    for (const move of moves) for (const route of move.routes || []) needs |= route;
    this.inTurn = moves.map((move, index) => !(gains[index] & needs) && isOpen(move, start));
    const bounds = new Map([[start | coming, this.parts(start | coming)]]);
    const rootKey = stateKey(...root);
    const best = new Map([[rootKey, [0, 0]]]);
    const cameFrom = new Map();
    let order = 0;
    const [guess, effortGuess] = this.value(bounds.get(start | coming), start, rootRunning, 0);
    const [greedy, bound] = this.greedyFinish(start, rootRunning, 0, []);
    // Python's heapq of (estimate, effort estimate, -elapsed, -effort, order, state):
    // order is unique, so the pops come in one order whatever the heap's layout.
    const frontier = new Heap((a, b) => {
      for (let index = 0; index < 5; index++) if (a[index] !== b[index]) return a[index] < b[index];
      return false;
    });
    frontier.push([guess, effortGuess, -0, -0, order++, root, rootKey]);

    const push = (parentKey, free, child, elapsed, effort, index, at) => {
      const childKey = stateKey(...child);
      const known = best.get(childKey);
      if (known !== undefined && (known[0] < elapsed || (known[0] === elapsed && known[1] <= effort))) return;
      const after = index >= 0 ? free | gains[index] : free;
      let parts = bounds.get(after);
      if (parts === undefined) {
        parts = this.partsAfter(bounds.get(free), free, gains[index]);
        bounds.set(after, parts);
      }
      const [guess, effortGuess] = this.value(parts, child[0], child[1], elapsed);
      if (elapsed + guess > bound) return;
      best.set(childKey, [elapsed, effort]);
      cameFrom.set(childKey, [parentKey, index, at]);
      frontier.push([elapsed + guess, effort + effortGuess, -elapsed, -effort, order++, child, childKey]);
      this.work += PUSH_WORK + goals.length;
    };

    const advance = (parentKey, free, [held, running, idleWork, idleStudy], elapsed, effort, index) => {
      if (!running.length) return; // nothing runs and nothing starts: a dead end
      const step = running[0][0];
      const rest = [];
      let afterWork = -1;
      let afterStudy = -1;
      for (const [left, gain, lanes, turn] of running) {
        if (left === step) {
          held |= gain;
          if (turn >= 0 && lanes & WORK) afterWork = turn;
          if (turn >= 0 && lanes & STUDY) afterStudy = turn;
        } else {
          rest.push([left - step, gain, lanes, turn]);
        }
      }
      const child = [held, rest, 0, idleWork, idleStudy, afterWork, afterStudy];
      push(parentKey, free, child, elapsed + step, effort, index, elapsed);
    };

    while (frontier.size) {
      const [, , negElapsed, negEffort, , state, key] = frontier.pop();
      const elapsed = -negElapsed;
      const effort = -negEffort;
      const known = best.get(key);
      if (known[0] !== elapsed || known[1] !== effort) continue; // reached again more cheaply
      const [held, running, phase, lastIdleWork, idleStudy, afterWork, afterStudy] = state;
      let idleWork = lastIdleWork;
      if (goals.some((goal) => (goal & ~held) === 0n)) {
        return [[this.taken(key, cameFrom, elapsed).map(([, move]) => move)], true];
      }
      if (this.work > this.budget) {
        const here = this.taken(key, cameFrom, NEVER);
        return [[this.greedyFinish(held, running, elapsed, here)[0], greedy], false];
      }
      let busy = 0;
      let coming = 0n;
      for (const [, gain, lanes] of running) {
        busy |= lanes;
        coming |= gain;
      }
      const free = held | coming;
      const [workSide, studySide] = this.openAt(held);
      const courses = [];
      if (!(busy & STUDY)) {
        for (const index of studySide) {
          this.work += 1;
          if (elapsed + moves[index].step.months > bound) continue;
          if (idleStudy >= 0n && isOpen(moves[index], idleStudy)) continue;
          if (this.outOfTurn(index, afterStudy)) continue;
          if (this.worth(index, held, running)) courses.push(index);
        }
      }
      const studyIdle = busy & STUDY ? -1n : held;
      let decided = false;
      if (phase === 0) {
        idleWork = -1n;
        if (!(busy & WORK)) {
          let started = false;
          for (const index of workSide) {
            const move = moves[index];
            this.work += 1;
            if (elapsed + move.step.months > bound) continue;
            if (move.lanes === BOTH) {
              if (busy & STUDY || (idleStudy >= 0n && lastIdleWork >= 0n && isOpen(move, idleStudy))) continue;
            } else if (lastIdleWork >= 0n && isOpen(move, lastIdleWork)) continue;
            if (this.outOfTurn(index, afterWork)) continue;
            if (!this.worth(index, held, running)) continue;
            started = true;
            const now = this.runningWith(running, index);
            const spent = effort + moveEffort(move);
            if (move.lanes === BOTH) {
              advance(key, free, [held, now, -1n, -1n], elapsed, spent, index);
            } else if (courses.length) {
              push(key, free, [held, now, 1, -1n, idleStudy, -1, afterStudy], elapsed, spent, index, elapsed);
            } else {
              advance(key, free, [held, now, -1n, studyIdle], elapsed, spent, index);
            }
          }
          if (started) {
            if (courses.length) {
              push(key, free, [held, running, 1, held, idleStudy, -1, afterStudy], elapsed, effort, -1, elapsed);
            } else {
              advance(key, free, [held, running, held, studyIdle], elapsed, effort, -1);
            }
            decided = true;
          } else {
            idleWork = held;
          }
        }
      }
      if (decided) continue;
      for (const index of courses) {
        const move = moves[index];
        const now = this.runningWith(running, index);
        advance(key, free, [held, now, idleWork, -1n], elapsed, effort + moveEffort(move), index);
      }
      advance(key, free, [held, running, idleWork, studyIdle], elapsed, effort, -1);
    }
    throw new Error("a reachable goal was not found");
  }

  openAt(held) {
    const found = this.open.get(held);
    if (found !== undefined) return found;
    const { moves, gains } = this;
    this.work += moves.length;
    const sides = [this.workSide, this.studySide].map((side) => {
      const cheapest = new Map();
      for (const index of side) {
        const fresh = gains[index] & ~held;
        if (!fresh || !isOpen(moves[index], held)) continue;
        const kind = `${fresh.toString(36)}:${moves[index].lanes}`;
        const other = cheapest.get(kind);
        if (other === undefined || moves[index].step.months < moves[other].step.months) {
          cheapest.set(kind, index);
        }
      }
      const rank = (index) => [moves[index].step.months, -popcount(gains[index] & ~held), index];
      const ranked = [...cheapest.values()].sort((a, b) => byTuple(rank(a), rank(b)));
      const kept = [];
      const holding = new Map();
      for (const index of ranked) {
        const fresh = gains[index] & ~held;
        const lanes = moves[index].lanes;
        const rivals = holding.get(lowestIndex(fresh)) || [];
        this.work += rivals.length;
        if (!rivals.some((other) => moves[other].lanes === lanes && (fresh & ~gains[other]) === 0n)) {
          kept.push(index);
          for (const at of bitsOf(fresh)) {
            if (!holding.has(at)) holding.set(at, []);
            holding.get(at).push(index);
          }
        }
      }
      return kept.sort(byNumber);
    });
    this.open.set(held, sides);
    return sides;
  }

  runningWith(running, index) {
    const move = this.moves[index];
    const turn = this.inTurn[index] ? index : -1;
    return [...running, [move.step.months, this.gains[index], move.lanes, turn]].sort(byRunning);
  }

  outOfTurn(index, after) {
    if (after < 0 || !this.inTurn[index]) return false;
    const move = this.moves[index];
    const other = this.moves[after];
    if (move.lanes !== other.lanes) return false;
    return byTuple([-move.step.months, index], [-other.step.months, after]) < 0;
  }

  worth(index, held, running) {
    let fresh = this.gains[index] & ~held;
    const months = this.moves[index].step.months;
    for (const [left, gain] of running) if (left <= months) fresh &= ~gain;
    return fresh !== 0n;
  }

  taken(key, cameFrom, by) {
    const taken = [];
    while (cameFrom.has(key)) {
      const [parent, index, at] = cameFrom.get(key);
      if (index >= 0 && at + this.moves[index].step.months <= by) taken.push([at, index]);
      key = parent;
    }
    return taken.sort(byTuple).map(([at, index]) => [at, this.moves[index]]);
  }

  greedyFinish(held, running, now, taken) {
    const { goals, moves, gains } = this;
    taken = [...taken];
    let runs = [...running];
    while (!goals.some((goal) => (goal & ~held) === 0n)) {
      let busy = 0;
      let coming = 0n;
      for (const [, gain, lanes] of runs) {
        busy |= lanes;
        coming |= gain;
      }
      let free = held | coming;
      let nearest = goals[0];
      let nearestCount = popcount(nearest & ~free);
      for (const goal of goals.slice(1)) {
        const count = popcount(goal & ~free);
        if (count < nearestCount) {
          nearest = goal;
          nearestCount = count;
        }
      }
      for (const [lane, side] of [
        [WORK, this.workSide],
        [STUDY, this.studySide],
      ]) {
        if (busy & lane) continue;
        let choice = null;
        for (const index of side) {
          const move = moves[index];
          if (move.lanes === BOTH && busy & STUDY) continue;
          const toward = popcount(gains[index] & ~free & nearest);
          if (!toward || !isOpen(move, held)) continue;
          const score = move.step.months / toward;
          if (choice === null || score < choice[0]) choice = [score, index];
        }
        if (choice !== null) {
          const move = moves[choice[1]];
          runs.push([move.step.months, gains[choice[1]], move.lanes, -1]);
          taken.push([now, move]);
          busy |= move.lanes;
          free |= gains[choice[1]];
        }
      }
      if (!runs.length) {
        let fallback = null;
        moves.forEach((move, index) => {
          const fresh = gains[index] & ~free;
          if (!fresh || !isOpen(move, held)) return;
          const score = move.step.months / popcount(fresh);
          if (fallback === null || score < fallback[0]) fallback = [score, index];
        });
        if (fallback === null) throw new Error("a reachable goal has an open move toward it");
        const move = moves[fallback[1]];
        runs.push([move.step.months, gains[fallback[1]], move.lanes, -1]);
        taken.push([now, move]);
      }
      const step = Math.min(...runs.map(([left]) => left));
      for (const [left, gain] of runs) if (left === step) held |= gain;
      runs = runs.filter(([left]) => left !== step).map(([left, gain, lanes]) => [left - step, gain, lanes, -1]);
      now += step;
    }
    return [taken.filter(([at, move]) => at + move.step.months <= now).map(([, move]) => move), now];
  }
}

/** planner.py's _Timing: moves in list order, each as early as its lanes and needs allow. */
class Timing {
  constructor(start, underWay, goals) {
    this.start = start;
    this.underWay = underWay;
    this.goals = goals;
    this.arriving = 0n;
    for (const move of underWay) this.arriving |= move.gain;
  }

  schedule(order, unused = new Set()) {
    const arrival = new Map(bitsOf(this.start).map((index) => [index, 0]));
    let work = 0;
    let study = 0;
    for (const [number, move] of this.underWay.entries()) {
      const due = move.step.months;
      study = Math.max(study, due);
      if (!unused.has(number)) {
        for (const index of bitsOf(move.gain)) {
          arrival.set(index, Math.min(arrival.has(index) ? arrival.get(index) : due, due));
        }
      }
    }
    const starts = [];
    let last = 0;
    for (const move of order) {
      let ready = 0;
      if (move.routes !== null) {
        ready = Math.min(...move.routes.map((route) => heldFrom(route, arrival)));
        if (ready === NEVER) return null;
      }
      let begin;
      if (move.lanes === WORK) begin = Math.max(ready, work);
      else if (move.lanes === STUDY) begin = Math.max(ready, study);
      else begin = Math.max(ready, work, study);
      const end = begin + move.step.months;
      if (move.lanes & WORK) work = end;
      if (move.lanes & STUDY) study = end;
      for (const index of bitsOf(move.gain)) {
        if ((arrival.has(index) ? arrival.get(index) : NEVER) > end) arrival.set(index, end);
      }
      starts.push(begin);
      last = Math.max(last, end);
    }
    const met = Math.min(...this.goals.map((goal) => heldFrom(goal, arrival)));
    return met === NEVER ? null : { starts, finish: Math.max(met, last) };
  }

  finish(order) {
    return this.schedule(order).finish;
  }

  withoutIdle(order) {
    let kept = [...order];
    for (;;) {
      kept = this.giving(kept);
      if (kept.length > PRUNED_UP_TO) return kept;
      let finish = this.finish(kept);
      let dropped = false;
      for (let index = kept.length - 1; index >= 0; index--) {
        const trial = [...kept.slice(0, index), ...kept.slice(index + 1)];
        const timed = this.schedule(trial);
        if (timed !== null && timed.finish <= finish) {
          kept = trial;
          finish = timed.finish;
          dropped = true;
        }
      }
      if (!dropped) return kept;
    }
  }

  giving(order) {
    for (;;) {
      let held = this.start;
      const keep = order.map(() => true);
      for (const [, kind, index] of this.events(order)) {
        const move = kind === 0 ? this.underWay[index] : order[index];
        if (kind === 1 && !(move.gain & ~held)) keep[index] = false;
        held |= move.gain;
      }
      if (keep.every(Boolean)) return order;
      order = order.filter((_, index) => keep[index]);
    }
  }

  events(order) {
    const timed = this.schedule(order);
    const ends = this.underWay.map((move, index) => [move.step.months, 0, index]);
    order.forEach((move, index) => ends.push([timed.starts[index] + move.step.months, 1, index]));
    return ends.sort(byTuple);
  }

  inPreferredOrder(order, moves) {
    const rank = new Map(moves.map((move, index) => [move, index]));
    const preference = (move) => {
      const course = move.step.kind !== "role";
      return [course ? 1 : 0, course ? move.step.months : 0, rank.get(move)];
    };
    const left = [...order].sort((a, b) => byTuple(preference(a), preference(b)));
    let state = this.start | this.arriving;
    const ordered = [];
    while (left.length) {
      const at = left.findIndex((move) => isOpen(move, state));
      const [move] = left.splice(at, 1);
      ordered.push(move);
      state |= move.gain;
    }
    return ordered;
  }

  steps(order, engine) {
    const timed = this.schedule(order);
    const unused = new Set();
    for (let index = this.underWay.length - 1; index >= 0; index--) {
      const trial = this.schedule(order, new Set([...unused, index]));
      if (trial !== null && trial.finish <= timed.finish) unused.add(index);
    }
    const shown = new Set(this.underWay.keys());
    for (const index of unused) {
      shown.delete(index);
      const due = this.underWay[index].step.months;
      if (order.some((other, at) => timed.starts[at] === due && other.lanes & STUDY)) shown.add(index);
    }
    let held = this.start;
    const fresh = new Map();
    for (const [, kind, index] of this.events(order)) {
      if (kind === 0 && !shown.has(index)) continue; // the plan does without it
      const move = kind === 0 ? this.underWay[index] : order[index];
      fresh.set(`${kind},${index}`, move.step.gives.filter((code) => engine.closure.get(code) & ~held));
      held |= move.gain;
    }
    const first = -this.underWay.length;
    const entries = [];
    this.underWay.forEach((move, index) => {
      const gives = fresh.get(`0,${index}`);
      if (shown.has(index) && gives.length) entries.push([0, 1, first + index, move.step, gives]);
    });
    order.forEach((move, index) => {
      const kind = move.step.kind !== "role" ? 1 : 0;
      entries.push([timed.starts[index], kind, index, move.step, fresh.get(`1,${index}`)]);
    });
    entries.sort((a, b) => byTuple(a.slice(0, 3), b.slice(0, 3)));
    return entries.map(([begin, , , step, gives]) =>
      plainStep(step.kind, step.id, step.title, gives, step.months, begin, step.underWay),
    );
  }
}

function heldFrom(route, arrival) {
  let month = 0;
  for (const index of bitsOf(route)) {
    month = Math.max(month, arrival.has(index) ? arrival.get(index) : NEVER);
  }
  return month;
}

// ---------------------------------------------------------------- render/text.py

function heldText(codes) {
  return codes.join(", ") || "no qualifications yet";
}

function planOutcome(plan) {
  if (plan.route === null) {
    const blocked = plan.target.requires
      .map((route, number) => `route ${number + 1} (${route.join(" + ")}) needs ${plan.blockedBy[number].join(", ")}`)
      .join("; ");
    return `No route: nothing on this map that is open to you gives what every entry route needs: ${blocked}.`;
  }
  const route = plan.route.join(" + ");
  if (!plan.steps.length) return `Already eligible: ${route} is met now.`;
  const steps = plan.steps.length === 1 ? "step" : "steps";
  let total = `Total: ${plan.totalMonths} months in ${plan.steps.length} ${steps}`;
  if (plan.sequentialMonths !== plan.totalMonths) {
    total += ` (${plan.sequentialMonths} if taken one after another)`;
  }
  total += `; then ${route} is met.`;
  if (plan.provenCheapest) return total;
  return `${total} (The map is too tangled to search fully: a quicker plan may exist.)`;
}

function stepText(step) {
  if (step.kind === "role") return `Work as ${step.title}`;
  return `${step.underWay ? "Course under way:" : "Course:"} ${step.title}`;
}

function spanText(step) {
  return `months ${step.startMonth}-${step.endMonth}`;
}

function routesText(routes, between = " or ") {
  return routes.map((route) => route.join(" + ")).join(between);
}
