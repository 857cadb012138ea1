/**
 * Top-down search for the best abstraction (Stitch's algorithm). A pattern is a partial abstraction body with holes;
 * it starts as one hole matching every corpus node, and expanding its leftmost hole splits its matches by what they
 * hold there (an application, a lambda, a variable, a primitive) or turns the hole into an argument #i, new or
 * reused. Patterns are expanded best-first by an admissible upper bound on their utility (branch and bound); the
 * prunings are named rules whose firings are counted. Finished patterns (no holes) are scored exactly.
 */
import type { Clock } from '../util/clock.ts';
import { MANY_TASKS, type CorpusIndex } from './compress-index.ts';
import { IVAR, type Tokens } from './compress-match.ts';
import { APP, LAM, PRIM, shiftDown, VAR } from './compress-table.ts';
import type { CostModel } from './cost.ts';
import { compressiveUtility, type Matches, type Scratch } from './rewrite.ts';

/** Where a hole (or an argument's first occurrence) sits: child moves from the pattern root (0: fn or body, 1: arg). */
interface Site {
  readonly path: readonly number[];
  /** Lambdas of the pattern above it. */
  readonly depth: number;
}

/** A partial abstraction; its tokens are a chain through `prev` (preorder, the order holes are filled in). */
interface Pattern {
  readonly prev: Pattern | null;
  readonly tokKind: number;
  readonly tokVal: number;
  /** Unfilled holes, the next one last. */
  readonly holes: readonly Site[];
  readonly ivars: readonly Site[];
  readonly counts: readonly number[];
  readonly locs: Int32Array;
  readonly bodyCost: number;
  /** Occurrences of the matches in the corpus, and the upper bound on utility. */
  occurrences: number;
  bound: number;
}

export interface SearchOptions {
  readonly maxArity: number;
  readonly structurePenalty: number;
  readonly costs: CostModel;
  /** Stop early (returning the best so far) when `clock.now()` passes `deadline`. */
  readonly clock?: Clock;
  readonly deadline?: number;
}

/** Counters of one search: patterns expanded, finished patterns scored, and firings per pruning rule. */
export interface SearchStats {
  expanded: number;
  scored: number;
  prunings: Record<string, number>;
}

export interface SearchResult {
  readonly best: { readonly tokens: Tokens; readonly matches: Matches; readonly utility: number; readonly compressive: number } | null;
  readonly stats: SearchStats;
  readonly stopReason: 'exhausted' | 'timeLimit';
}

interface Context {
  readonly ix: CorpusIndex;
  readonly opts: SearchOptions;
  readonly stats: SearchStats;
  best: number;
}

/** A rule that discards a candidate pattern (before it is queued or scored). */
export interface PatternPruning {
  readonly name: string;
  apply(p: Pattern, ctx: Context): boolean;
}

/** A rule that discards turning a hole into a new argument, given the nodes the hole holds at each match. */
export interface ArgumentPruning {
  readonly name: string;
  apply(nodes: Int32Array, hole: Site, p: Pattern, ctx: Context): boolean;
}

/** Prunings of candidate patterns, cheapest first. */
export const PATTERN_PRUNINGS: readonly PatternPruning[] = [
  // An abstraction used once saves nothing (its body is paid for again).
  { name: 'singleUse', apply: (p) => p.occurrences < 2 },
  // Stitch's default: an abstraction must be used by two or more tasks.
  {
    name: 'singleTask', apply: (p, ctx) => {
      const taskOf = ctx.ix.taskOf;
      const first = taskOf[p.locs[0]!]!;
      if (first === MANY_TASKS) return false;
      for (let i = 1; i < p.locs.length; i++) if (taskOf[p.locs[i]!] !== first) return false;
      return true;
    },
  },
  // Branch and bound: no completion of this pattern can beat the best abstraction found so far.
  { name: 'upperBound', apply: (p, ctx) => p.bound <= ctx.best },
];

/** Prunings of a new argument #i: both are dominated by another expansion of the same hole. */
export const ARGUMENT_PRUNINGS: readonly ArgumentPruning[] = [
  // The argument is the same everywhere: putting that subtree in the body instead is better.
  { name: 'uselessAbstract', apply: (nodes) => nodes.every((n) => n === nodes[0]) },
  // The argument always equals an existing one: reusing that argument is better.
  {
    name: 'forceMultiuse', apply: (nodes, hole, p, ctx) => {
      for (let j = 0; j < p.ivars.length; j++) {
        const other = argNodes(ctx, p, p.ivars[j]!);
        if (nodes.every((n, i) => sameArgument(ctx, n, hole.depth, other[i]!, p.ivars[j]!.depth))) return true;
      }
      return false;
    },
  },
];

function walk(ctx: Context, loc: number, path: readonly number[]): number {
  const a = ctx.ix.t.a, b = ctx.ix.t.b;
  let n = loc;
  for (let i = 0; i < path.length; i++) n = path[i] === 0 ? a[n]! : b[n]!;
  return n;
}

function argNodes(ctx: Context, p: Pattern, site: Site): Int32Array {
  const out = new Int32Array(p.locs.length);
  for (let i = 0; i < p.locs.length; i++) out[i] = walk(ctx, p.locs[i]!, site.path);
  return out;
}

/** Two argument occurrences are the same argument when equal once lowered out of their lambdas. */
function sameArgument(ctx: Context, n: number, depth: number, m: number, mDepth: number): boolean {
  if (depth === mDepth) return n === m;
  return shiftDown(ctx.ix.t, n, depth) === shiftDown(ctx.ix.t, m, mDepth);
}

function bump(stats: SearchStats, name: string, by = 1): void {
  stats.prunings[name] = (stats.prunings[name] ?? 0) + by;
}

/** Fills occurrences and the upper bound: each occurrence saves at most its cost minus the abstraction's application. */
function measure(ctx: Context, p: Pattern): void {
  const { numPaths } = ctx.ix, cost = ctx.ix.t.cost, c = ctx.opts.costs;
  const use = c.prim + p.ivars.length * c.app;
  let occ = 0, bound = 0;
  for (let i = 0; i < p.locs.length; i++) {
    const x = p.locs[i]!, m = numPaths[x]!;
    occ += m;
    const s = cost[x]! - use;
    if (s > 0) bound += m * s;
  }
  p.occurrences = occ;
  p.bound = bound - ctx.opts.structurePenalty * penaltyCost(ctx, p);
}

/** What the structure penalty multiplies: the body's cost without its arguments (as Stitch's body utility). */
function penaltyCost(_ctx: Context, p: Pattern): number {
  return p.bodyCost;
}

function tokensOf(p: Pattern): Tokens {
  const kind: number[] = [], val: number[] = [];
  for (let q: Pattern | null = p; q && q.prev; q = q.prev) { kind.push(q.tokKind); val.push(q.tokVal); }
  return { kind: kind.reverse(), val: val.reverse(), arity: p.ivars.length };
}

/** Matches of a finished pattern; per-use savings count repeated arguments once. */
function finishedMatches(ctx: Context, p: Pattern): Matches {
  const arity = p.ivars.length, L = p.locs.length, c = ctx.opts.costs, cost = ctx.ix.t.cost;
  const args = new Int32Array(L * arity);
  for (let j = 0; j < arity; j++) {
    const path = p.ivars[j]!.path;
    for (let i = 0; i < L; i++) args[i * arity + j] = walk(ctx, p.locs[i]!, path);
  }
  const utilOnce = new Float64Array(L);
  const base = p.bodyCost - c.prim - arity * c.app;
  for (let i = 0; i < L; i++) {
    let u = base;
    for (let j = 0; j < arity; j++) if (p.counts[j]! > 1) u += (p.counts[j]! - 1) * cost[args[i * arity + j]!]!;
    utilOnce[i] = u;
  }
  return { locs: p.locs, arity, args, argDepth: Int32Array.from(p.ivars, (s) => s.depth), utilOnce };
}

/** Finds the abstraction of highest utility (compressive utility minus structure penalty times body cost). */
export function searchBest(ix: CorpusIndex, scratch: Scratch, opts: SearchOptions): SearchResult {
  const stats: SearchStats = { expanded: 0, scored: 0, prunings: {} };
  for (const r of PATTERN_PRUNINGS) stats.prunings[r.name] = 0;
  for (const r of ARGUMENT_PRUNINGS) stats.prunings[r.name] = 0;
  for (const name of ['freeVarBody', 'argCapture', 'scoreBound']) stats.prunings[name] = 0;
  const ctx: Context = { ix, opts, stats, best: 0 };
  let best: SearchResult['best'] = null;
  const t = ix.t;

  const reachable: number[] = [];
  for (let n = 0; n < ix.n; n++) if (ix.numPaths[n]! > 0) reachable.push(n);
  const root: Pattern = {
    prev: null, tokKind: -1, tokVal: -1, holes: [{ path: [], depth: 0 }], ivars: [], counts: [],
    locs: Int32Array.from(reachable), bodyCost: 0, occurrences: 0, bound: 0,
  };
  measure(ctx, root);
  const heap: Pattern[] = [root];

  const score = (p: Pattern): void => {
    const m = finishedMatches(ctx, p);
    let quick = 0;
    for (let i = 0; i < m.locs.length; i++) if (m.utilOnce[i]! > 0) quick += ix.numPaths[m.locs[i]!]! * m.utilOnce[i]!;
    if (quick - opts.structurePenalty * penaltyCost(ctx, p) <= ctx.best) { bump(stats, 'scoreBound'); return; }
    stats.scored++;
    const compressive = compressiveUtility(ix, m, scratch);
    const utility = compressive - opts.structurePenalty * penaltyCost(ctx, p);
    if (utility > ctx.best) {
      ctx.best = utility;
      best = { tokens: tokensOf(p), matches: m, utility, compressive };
    }
  };

  const consider = (p: Pattern): void => {
    measure(ctx, p);
    for (const r of PATTERN_PRUNINGS) if (r.apply(p, ctx)) { stats.prunings[r.name]!++; return; }
    if (p.holes.length === 0) score(p);
    else heapPush(heap, p);
  };

  let stopReason: SearchResult['stopReason'] = 'exhausted';
  while (heap.length > 0) {
    const p = heapPop(heap);
    if (p.bound <= ctx.best) break; // best-first: nothing left can beat the best
    if (opts.clock && opts.deadline !== undefined && (stats.expanded & 255) === 0 && opts.clock.now() > opts.deadline) {
      stopReason = 'timeLimit';
      break;
    }
    stats.expanded++;
    const hole = p.holes[p.holes.length - 1]!;
    const rest = p.holes.slice(0, -1);
    const L = p.locs.length;
    const nodes = new Int32Array(L);
    for (let i = 0; i < L; i++) nodes[i] = walk(ctx, p.locs[i]!, hole.path);

    // Concrete expansions: group matches by what the hole holds (APP -> -1, LAM -> -2, a leaf -> its node id).
    const groups = new Map<number, number[]>();
    for (let i = 0; i < L; i++) {
      const n = nodes[i]!, k = t.kind[n];
      const key = k === APP ? -1 : k === LAM ? -2 : n;
      let g = groups.get(key);
      if (!g) { g = []; groups.set(key, g); }
      g.push(p.locs[i]!);
    }
    for (const [key, g] of groups) {
      let holes: Site[], tokKind: number, tokVal = 0, cost: number;
      if (key === -1) {
        holes = [...rest, { path: [...hole.path, 1], depth: hole.depth }, { path: [...hole.path, 0], depth: hole.depth }];
        tokKind = APP; cost = opts.costs.app;
      } else if (key === -2) {
        holes = [...rest, { path: [...hole.path, 0], depth: hole.depth + 1 }];
        tokKind = LAM; cost = opts.costs.lam;
      } else if (t.kind[key] === VAR) {
        if (t.a[key]! >= hole.depth) { bump(stats, 'freeVarBody'); continue; } // the abstraction must be closed
        holes = rest; tokKind = VAR; tokVal = key; cost = opts.costs.var;
      } else {
        holes = rest; tokKind = PRIM; tokVal = key; cost = opts.costs.prim;
      }
      consider({
        prev: p, tokKind, tokVal, holes, ivars: p.ivars, counts: p.counts, locs: Int32Array.from(g),
        bodyCost: p.bodyCost + cost, occurrences: 0, bound: 0,
      });
    }

    // Argument expansions (never at the root: the identity abstraction #0 is useless).
    if (hole.path.length === 0) continue;
    const okIdx: number[] = [];
    for (let i = 0; i < L; i++) if (t.minFree[nodes[i]!]! >= hole.depth) okIdx.push(i);
    if (okIdx.length < L) bump(stats, 'argCapture', L - okIdx.length);
    if (okIdx.length === 0) continue;
    const okLocs = Int32Array.from(okIdx, (i) => p.locs[i]!);
    const okNodes = Int32Array.from(okIdx, (i) => nodes[i]!);
    const sub: Pattern = { ...p, locs: okLocs };
    if (p.ivars.length < opts.maxArity) {
      let pruned = false;
      for (const r of ARGUMENT_PRUNINGS) if (r.apply(okNodes, hole, sub, ctx)) { stats.prunings[r.name]!++; pruned = true; break; }
      if (!pruned) {
        consider({
          prev: p, tokKind: IVAR, tokVal: p.ivars.length, holes: rest, ivars: [...p.ivars, hole], counts: [...p.counts, 1],
          locs: okLocs, bodyCost: p.bodyCost, occurrences: 0, bound: 0,
        });
      }
    }
    for (let j = 0; j < p.ivars.length; j++) {
      const site = p.ivars[j]!;
      const other = argNodes(ctx, sub, site);
      const keep: number[] = [];
      for (let i = 0; i < okLocs.length; i++) if (sameArgument(ctx, okNodes[i]!, hole.depth, other[i]!, site.depth)) keep.push(okLocs[i]!);
      if (keep.length === 0) continue;
      const counts = p.counts.slice();
      counts[j]!++;
      consider({
        prev: p, tokKind: IVAR, tokVal: j, holes: rest, ivars: p.ivars, counts, locs: Int32Array.from(keep),
        bodyCost: p.bodyCost, occurrences: 0, bound: 0,
      });
    }
  }
  return { best, stats, stopReason };
}

function heapPush(h: Pattern[], p: Pattern): void {
  h.push(p);
  let i = h.length - 1;
  while (i > 0) {
    const up = (i - 1) >> 1;
    if (h[up]!.bound >= p.bound) break;
    h[i] = h[up]!; i = up;
  }
  h[i] = p;
}

function heapPop(h: Pattern[]): Pattern {
  const top = h[0]!;
  const last = h.pop()!;
  if (h.length > 0) {
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && h[r]!.bound > h[l]!.bound ? r : l;
      if (h[c]!.bound <= last.bound) break;
      h[i] = h[c]!; i = c;
    }
    h[i] = last;
  }
  return top;
}
