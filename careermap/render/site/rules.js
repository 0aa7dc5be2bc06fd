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

  /** Codes gained by working in a role: its training's, then its experience (models.py). */
  gains(role) {
    return [...new Set([...(role.training.leads_to || []), ...(role.experience || [])])];
  }
}

// ---------------------------------------------------------------- planner.py

const PLAN_BUDGET = 1000000;
const PUSH_WORK = 5;
const PRUNED_UP_TO = 200;

function isOpen(move, state) {
  return move.routes === null || move.routes.some((route) => (route & ~state) === 0n);
}

/** RoutePlanner: plans for one person to any number of targets. */
class RoutePlanner {
  constructor(engine, quals, { currentRole = null, useRoles = true, budget = PLAN_BUDGET } = {}) {
    this.engine = engine;
    this.catalogue = engine.catalogue;
    this.startCodes = engine.inOrder(engine.known(quals));
    this.start = engine.effectiveMask(this.startCodes);
    if (currentRole !== null && !engine.roleIndex.has(currentRole)) {
      throw new Error(`unknown role: ${currentRole}`);
    }
    this.current = currentRole;
    this.budget = budget;
    this.roleMoves = [];
    if (useRoles) {
      engine.roles.forEach((role, index) => {
        const gains = engine.gains(role);
        const months = role.training.months;
        if (gains.length && months !== null && months !== undefined) {
          const step = { kind: "role", id: role.id, title: role.title, gives: gains, months };
          const routes = role.id === this.current ? null : engine.routes[index];
          this.roleMoves.push([role, { step, gain: engine.effectiveMask(gains), routes }]);
        }
      });
    }
    this.courses = [];
    for (const qualification of engine.catalogue.qualifications) {
      const months = qualification.course_months;
      if (months !== null && months !== undefined) {
        const code = qualification.code;
        const step = { kind: "course", id: code, title: qualification.name, gives: [code], months };
        const requires = qualification.requires || [];
        const routes = requires.length ? requires.map((route) => engine.mask(route)) : null;
        this.courses.push({ step, gain: engine.closure.get(code), routes });
      }
    }
    const moves = [...this.roleMoves.map(([, move]) => move), ...this.courses];
    this.reachable = everythingReachable(this.start, moves);
    this.givers = new Map();
    for (const move of moves) {
      for (const index of bitsOf(move.gain)) {
        if (!this.givers.has(index)) this.givers.set(index, []);
        this.givers.get(index).push(move);
      }
    }
  }

  plan(targetId) {
    const engine = this.engine;
    const index = engine.roleIndex.get(targetId);
    if (index === undefined) throw new Error(`unknown role: ${targetId}`);
    const target = engine.roles[index];
    if (target.id === this.current) {
      throw new Error(`${target.id} is the role the person works in already; plan a move to another`);
    }
    const start = this.start;
    const reachable = this.reachable;
    const goals = engine.routes[index];
    const base = { target, start: this.startCodes, blockedBy: [], provenCheapest: true };
    if (!goals.some((goal) => (goal & ~reachable) === 0n)) {
      const blockedBy = goals.map((goal) => engine.codesIn(goal & ~reachable));
      return { ...base, steps: [], route: null, blockedBy, totalMonths: 0 };
    }
    const moves = this.movesToward(target);
    const relevant = relevantCodes(goals, moves);
    const useful = moves.filter((move) => move.gain & relevant);
    const [forced, state] = this.forcedMoves(goals, start);
    const search = new PlanSearch(goals, useful, relevant, this.budget, this.givers);
    const [found, proven] = search.run(state & relevant);
    const path = withoutIdleMoves(inPreferredOrder([...forced, ...found], useful, start), start, goals);
    const steps = [];
    let now = start;
    for (const move of path) {
      steps.push(newGains(engine, move, now));
      now |= move.gain;
    }
    const met = goals.find((goal) => (goal & ~now) === 0n);
    const route = target.requires[goals.indexOf(met)];
    const totalMonths = steps.reduce((sum, step) => sum + step.months, 0);
    return { ...base, steps, route, provenCheapest: proven, totalMonths };
  }

  forcedMoves(goals, state) {
    const forced = [];
    let neededByAll = -1n;
    for (const goal of goals) neededByAll &= goal;
    for (;;) {
      const more = [];
      for (const index of bitsOf(neededByAll & ~state)) {
        const givers = this.givers.get(index) || [];
        if (givers.length === 1 && givers[0].routes === null) more.push(givers[0]);
      }
      if (!more.length) return [forced, state];
      for (const move of new Set(more)) {
        if (move.gain & ~state) {
          forced.push(move);
          state |= move.gain;
        }
      }
    }
  }

  movesToward(target) {
    const rank = this.engine.bandRank;
    const onTrack = new Set(target.tracks);
    const key = ([role]) => [role.tracks.some((track) => onTrack.has(track)) ? 0 : 1, rank.get(role.band)];
    const ordered = [...this.roleMoves].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1] - y[1];
    });
    return [...ordered.map(([, move]) => move), ...this.courses];
  }
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

/** planner.py's _Search: A* over sets of relevant codes within a budget of work. */
class PlanSearch {
  constructor(goals, moves, relevant, budget, givers) {
    this.goals = goals;
    this.moves = moves;
    this.relevant = relevant;
    this.budget = budget;
    this.work = 0;
    this.cheapest = new Map();
    this.shares = [];
    for (const goal of goals) {
      const shares = new Map();
      for (const index of bitsOf(goal)) {
        for (const move of givers.get(index) || []) {
          const months = move.step.months;
          const share = months / popcount(move.gain & goal);
          shares.set(index, Math.min(shares.has(index) ? shares.get(index) : share, share));
          this.cheapest.set(
            index,
            Math.min(this.cheapest.has(index) ? this.cheapest.get(index) : months, months),
          );
        }
      }
      this.shares.push(shares);
    }
  }

  parts(state) {
    return this.goals.map((goal, number) => {
      const shares = this.shares[number];
      let total = 0;
      let dearest = 0;
      const missing = goal & ~state;
      this.work += popcount(missing);
      for (const index of bitsOf(missing)) {
        if (!shares.has(index)) {
          total = Infinity;
          break;
        }
        total += shares.get(index);
        dearest = Math.max(dearest, this.cheapest.get(index));
      }
      return [total, dearest];
    });
  }

  partsAfter(parts, state, gain) {
    return this.goals.map((goal, number) => {
      const shares = this.shares[number];
      let [total, dearest] = parts[number];
      const taken = gain & goal & ~state;
      if (taken && total !== Infinity) {
        this.work += popcount(taken);
        let rescan = false;
        for (const index of bitsOf(taken)) {
          total -= shares.get(index);
          rescan = rescan || this.cheapest.get(index) === dearest;
        }
        if (rescan) {
          dearest = 0;
          const left = goal & ~state & ~gain;
          this.work += popcount(left);
          for (const index of bitsOf(left)) dearest = Math.max(dearest, this.cheapest.get(index));
        }
      }
      return [total, dearest];
    });
  }

  static value(parts) {
    let least = Infinity;
    for (const [total, dearest] of parts) {
      const bound = total === Infinity ? Infinity : Math.ceil(Math.max(total, dearest) - 1e-6);
      if (bound < least) least = bound;
    }
    return least;
  }

  run(start) {
    const { goals, moves, relevant } = this;
    let order = 0;
    const bounds = new Map([[start, this.parts(start)]]);
    // Python's heapq of (estimate, -spent, order, state): order is unique, so the pops
    // come in one order whatever the heap's layout.
    const frontier = new Heap(
      (a, b) => a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))),
    );
    frontier.push([PlanSearch.value(bounds.get(start)), 0, order++, start]);
    const cost = new Map([[start, 0]]);
    const cameFrom = new Map();
    const done = new Set();
    while (frontier.size) {
      const [, negSpent, , state] = frontier.pop();
      if (done.has(state)) continue;
      if (goals.some((goal) => (goal & ~state) === 0n)) return [this.pathTo(state, cameFrom), true];
      if (this.work > this.budget) {
        const finished = [
          [state, this.pathTo(state, cameFrom)],
          [start, []],
        ].map(([origin, path]) => withoutIdleMoves(this.greedyFinish(origin, path), start, goals));
        const months = (path) => path.reduce((sum, move) => sum + move.step.months, 0);
        return [months(finished[1]) < months(finished[0]) ? finished[1] : finished[0], false];
      }
      done.add(state);
      const here = bounds.get(state);
      bounds.delete(state);
      this.work += moves.length;
      for (const move of moves) {
        if (!(move.gain & ~state)) continue;
        if (move.routes !== null && !move.routes.some((route) => !(route & ~state))) continue;
        const following = (state | move.gain) & relevant;
        const total = move.step.months - negSpent;
        const known = cost.get(following);
        if (total < (known === undefined ? total + 1 : known)) {
          const parts = bounds.get(following) || this.partsAfter(here, state, move.gain);
          const guess = PlanSearch.value(parts);
          if (guess === Infinity) continue;
          bounds.set(following, parts);
          cost.set(following, total);
          cameFrom.set(following, [state, move]);
          frontier.push([total + guess, -total, order++, following]);
          this.work += PUSH_WORK + goals.length;
        }
      }
    }
    throw new Error("a reachable goal was not found");
  }

  pathTo(state, cameFrom) {
    const path = [];
    while (cameFrom.has(state)) {
      const [previous, move] = cameFrom.get(state);
      path.push(move);
      state = previous;
    }
    return path.reverse();
  }

  greedyFinish(state, path) {
    const { goals, relevant } = this;
    path = [...path];
    while (!goals.some((goal) => (goal & ~state) === 0n)) {
      let nearest = goals[0];
      let nearestCount = popcount(nearest & ~state);
      for (const goal of goals.slice(1)) {
        const count = popcount(goal & ~state);
        if (count < nearestCount) {
          nearest = goal;
          nearestCount = count;
        }
      }
      let best = null;
      for (const move of this.moves) {
        const fresh = move.gain & ~state & relevant;
        if (!fresh || !isOpen(move, state)) continue;
        const toward = popcount(fresh & nearest);
        const score = toward
          ? move.step.months / toward
          : 1e9 + move.step.months / popcount(fresh);
        if (best === null || score < best[0]) best = [score, move];
      }
      if (best === null) throw new Error("a reachable goal has an open move toward it");
      path.push(best[1]);
      state = (state | best[1].gain) & relevant;
    }
    return path;
  }
}

function withoutIdleMoves(path, start, goals) {
  const works = (moves) => {
    let state = start;
    for (const move of moves) {
      if (!(move.gain & ~state) || !isOpen(move, state)) return false;
      state |= move.gain;
    }
    return goals.some((goal) => (goal & ~state) === 0n);
  };
  let kept = [];
  let state = start;
  for (const move of path) {
    if (move.gain & ~state) {
      kept.push(move);
      state |= move.gain;
    }
  }
  if (kept.length > PRUNED_UP_TO) return kept;
  for (let index = kept.length - 1; index >= 0; index--) {
    const trial = [...kept.slice(0, index), ...kept.slice(index + 1)];
    if (works(trial)) kept = trial;
  }
  return kept;
}

function inPreferredOrder(path, moves, start) {
  const rank = new Map(moves.map((move, index) => [move, index]));
  const preference = (move) => {
    const course = move.step.kind === "course";
    return [course ? 1 : 0, course ? move.step.months : 0, rank.get(move)];
  };
  const left = [...path].sort((a, b) => {
    const [x, y] = [preference(a), preference(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  let state = start;
  const ordered = [];
  while (left.length) {
    const at = left.findIndex((move) => isOpen(move, state));
    const [move] = left.splice(at, 1);
    ordered.push(move);
    state |= move.gain;
  }
  return ordered;
}

function newGains(engine, move, state) {
  const step = move.step;
  const fresh = step.gives.filter((code) => engine.closure.get(code) & ~state);
  return { kind: step.kind, id: step.id, title: step.title, gives: fresh, months: step.months };
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
  const total = `Total: ${plan.totalMonths} months in ${plan.steps.length} ${steps}; then ${route} is met.`;
  if (plan.provenCheapest) return total;
  return `${total} (The map is too tangled to search fully: a cheaper plan may exist.)`;
}

function stepText(step) {
  return `${step.kind === "role" ? "Work as" : "Course:"} ${step.title}`;
}

function routesText(routes, between = " or ") {
  return routes.map((route) => route.join(" + ")).join(between);
}
