/**
 * Top-down search for the best abstraction (Stitch's algorithm). A pattern is a partial abstraction body with holes;
 * it starts as one hole matching every corpus node, and expanding its leftmost hole splits its matches by what they
 * hold there (an application, a lambda, a variable, a primitive) or turns the hole into an argument #i, new or
 * reused. Patterns are expanded best-first by an admissible upper bound on their utility (branch and bound); the
 * prunings are named rules whose firings are counted. Finished patterns (no holes) are scored exactly.
 */
import type { Clock } from '../util/clock.ts';
import { overlapBound } from './compress-bound.ts';
import { ARGUMENT_PRUNINGS, PATTERN_PRUNINGS, sharedPart } from './compress-prune.ts';
import { primeCandidates } from './compress-prime.ts';
import { MANY_TASKS, type CorpusIndex } from './compress-index.ts';
import { appendNode, chainTokens, IVAR, type TokenChain, type Tokens } from './compress-match.ts';
import { APP, LAM, PRIM, shiftDown, VAR } from './compress-table.ts';
import type { CostModel } from './cost.ts';
import { compressiveUtility, type Matches, type Scratch } from './rewrite.ts';

/** Where a hole (or an argument's first occurrence) sits: child moves from the pattern root (0: fn or body, 1: arg). */
interface Site {
  readonly path: readonly number[];
  /** The path as bits, or -1 when longer than 30 moves. */
  readonly bits: number;
  /** Lambdas of the pattern above it. */
  readonly depth: number;
  /**
   * For an application's argument hole: the nodes there, known when the application was expanded, for the rows of
   * the pattern that expansion made (`anchorRows`, stride `anchorW`). Later patterns' rows are an ordered subset of
   * those, so a merge finds their nodes without walking the (possibly long) path from each match.
   */
  anchor?: { readonly rows: Int32Array; readonly w: number; readonly n: number; readonly nodes: Int32Array };
}

/** A partial abstraction. */
interface Pattern {
  readonly tokens: TokenChain | null;
  /** Unfilled holes, the next one last. */
  readonly holes: readonly Site[];
  /** First occurrence of each argument, and its number of occurrences. */
  readonly ivars: readonly Site[];
  readonly counts: readonly number[];
  /** Per match i (ascending by node): rows[i * (arity + 1)] is the matched node, then each argument's node there. */
  readonly rows: Int32Array;
  /** Number of matches. */
  readonly n: number;
  /** The node at the next hole for each match, when the expansion that made this pattern knew it (else walked). */
  readonly next: Int32Array | null;
  /** Cost of the body's concrete part (arguments excluded). */
  readonly bodyCost: number;
  /** Upper bound on the utility of any completion (tightened once, when the pattern first reaches the top). */
  bound: number;
  tight: boolean;
  /** Applications the body starts with along its function spine, and whether every token so far is one. */
  readonly spine: number;
  readonly spineOpen: boolean;
  /** Applications in the body (see SIZE_STAGES). */
  readonly apps: number;
}

export interface SearchOptions {
  readonly maxArity: number;
  readonly structurePenalty: number;
  readonly costs: CostModel;
  /** Stop early (returning the best so far) when `clock.now()` passes `deadline`. */
  readonly clock?: Clock;
  readonly deadline?: number;
  /** Application limits of the size stages (default SIZE_STAGES; [] searches in one stage). */
  readonly stages?: readonly number[];
  /** How many of the best abstractions to return (distinct patterns, best first). Default 1. */
  readonly topK?: number;
  /** Only abstractions of utility above this are wanted (default 0: any that saves cost). */
  readonly floor?: number;
}

/** Counters of one search: patterns expanded, finished patterns scored, and firings per pruning rule. */
export interface SearchStats {
  expanded: number;
  scored: number;
  prunings: Record<string, number>;
}

/** An abstraction the search found: its pattern, its matches, and its utility (and compressive part of it). */
export interface SearchFound {
  readonly tokens: Tokens;
  readonly matches: Matches;
  readonly utility: number;
  readonly compressive: number;
}

export interface SearchResult {
  readonly best: SearchFound | null;
  /** The `topK` best found, best first (with `best` first of them). */
  readonly top: readonly SearchFound[];
  readonly stats: SearchStats;
  readonly stopReason: 'exhausted' | 'timeLimit';
  /** When a time limit cut the search: the highest bound left unexplored (no abstraction's utility exceeds it). */
  readonly openBound?: number;
}

/**
 * Priming candidates of each kind scored exactly before the search (the best is the first incumbent). A search that
 * runs to the end needs few (dives find incumbents about as fast); one that a time limit may cut scores many, since on
 * corpora of long argument lists (cogsci bridge, castle) the best n-grams are often its answer.
 */
const PRIME_SCORED = 16, PRIME_SCORED_TIMED = 128;
/** The overlap bound (./compress-bound.ts) is worth its cost only for patterns starting with this many applications. */
const OVERLAP_MIN_SPINE = 3;
/**
 * … and only for patterns with this many matches: with fewer, the cheap bound's overcount costs less search than the
 * bound's pass over the matches' ancestors (under a 40 s limit, castle's 2nd search finishes in its share with 1024,
 * not with 256; house's finish sooner than with 2048).
 */
const OVERLAP_MIN_MATCHES = 1024;
/** Patterns popped from the heap between two dives. */
const DIVE_EVERY = 4;
/**
 * Size stages, on corpora of deep programs (at least twice a stage's limit in applications on one path): the search
 * first explores bodies of at most 4 applications, then 8, 16, 32, then any; a pattern that would add an application
 * past the stage's limit waits (deferred) until a later stage. On long argument lists (cogsci castle) and long chains of
 * earlier abstractions, small patterns have few holes and tight bounds, so a stage finishes quickly, and its best
 * abstraction is an incumbent that prunes much of the next. The search stays exact: the last stage has no limit and
 * takes every deferred pattern.
 */
const SIZE_STAGES = [4, 8, 16, 32];
/** Under a time limit, a limited stage ends after this share of the time left (its patterns move to the next). */
const STAGE_SHARE = 0.5;
/** Int32 slots per match-table slab. */
const SLAB = 1 << 18;

/**
 * Finds the abstraction of highest utility: compressive utility minus structure penalty times body cost, where the
 * body cost counts `costs.ivar` per argument occurrence (Stitch's; the compression ratio counts bodies the same way).
 */
export function searchBest(ix: CorpusIndex, scratch: Scratch, opts: SearchOptions): SearchResult {
  const stats: SearchStats = { expanded: 0, scored: 0, prunings: {} };
  for (const r of [...PATTERN_PRUNINGS, ...ARGUMENT_PRUNINGS]) stats.prunings[r.name] = 0;
  for (const name of ['freeVarBody', 'argCapture', 'scoreBound', 'overlapBound', 'sameSubtree']) stats.prunings[name] = 0;
  const t = ix.t, costs = opts.costs, P = opts.structurePenalty, maxArity = opts.maxArity, IV = costs.ivar;
  const { numPaths, taskOf } = ix;
  const N = ix.n;
  const kind = t.kind, ta = t.a, tb = t.b, tcost = t.cost, minFree = t.minFree;
  /** The least utility worth keeping: the best's, or with topK > 1 the K-th best's (the floor until there are K). */
  let bestUtility = Math.max(0, opts.floor ?? 0);
  let best: SearchFound | null = null;
  const K = Math.max(1, opts.topK ?? 1), top: SearchFound[] = [], seen = new Set<string>();
  const found = (f: SearchFound): void => {
    if (K === 1) { top[0] = best = f; bestUtility = f.utility; return; }
    const key = `${f.tokens.kind.join()}/${f.tokens.val.join()}`; // primed candidates may come up in the search again
    if (seen.has(key)) return;
    seen.add(key);
    top.push(f);
    top.sort((x, y) => y.utility - x.utility);
    if (top.length > K) top.length = K;
    best = top[0]!;
    if (top.length === K) bestUtility = top[K - 1]!.utility;
  };

  // Work buffers, reused across expansions (a pattern has at most N matches, an expansion at most N + 2 groups).
  const nodes = new Int32Array(N), groupOfLoc = new Int32Array(N), ok = new Uint8Array(N), saves = new Float64Array(N);
  const eqs = Array.from({ length: maxArity }, () => new Uint8Array(N));
  const leafStamp = new Int32Array(N), leafGroup = new Int32Array(N);
  const gKey = new Int32Array(N + 2), gCount = new Int32Array(N + 2), gFirst = new Int32Array(N + 2);
  const gOcc = new Float64Array(N + 2), gSum = new Float64Array(N + 2), gMany = new Uint8Array(N + 2);
  const gFill = new Int32Array(N + 2);
  let stamp = 0;
  // Match tables are carved from shared slabs: a typed array of its own per pattern costs a backing store each.
  const slabSize = Math.min(SLAB, Math.max(4096, 32 * N));
  let slab = new Int32Array(slabSize), slabAt = 0;
  const alloc = (size: number): Int32Array => {
    if (size > slabSize >> 4) return new Int32Array(size);
    if (slabAt + size > slabSize) { slab = new Int32Array(slabSize); slabAt = 0; }
    slabAt += size;
    return slab.subarray(slabAt - size, slabAt);
  };
  const inSub = new Int32Array(N), okBuf = new Int32Array(N);
  let subStamp = 0;

  const sharedArgument = (p: Pattern): boolean => {
    const W = p.ivars.length + 1;
    for (let j = 1; j < W; j++) if (sharedPart(t, p.rows, W, j, p.n)) return true;
    return false;
  };
  /** Structure penalty of a body: its concrete part plus `costs.ivar` per argument occurrence. */
  const penalty = (bodyCost: number, occ: number): number => P * (bodyCost + IV * occ);
  /** Occurrences of arguments in a pattern's body (the library pays `costs.ivar` for each, as Stitch's body cost does). */
  const argOccurrences = (p: Pattern): number => { let o = 0; for (const c of p.counts) o += c; return o; };
  const sameArgument = (n: number, depth: number, m: number, mDepth: number): boolean =>
    depth === mDepth ? n === m : shiftDown(t, n, depth) === shiftDown(t, m, mDepth);
  const candidate = { occurrences: 0, manyTasks: false, bound: 0 };
  const pruned = (occurrences: number, manyTasks: boolean, bound: number): boolean => {
    candidate.occurrences = occurrences; candidate.manyTasks = manyTasks; candidate.bound = bound;
    for (const r of PATTERN_PRUNINGS) if (r.apply(candidate, bestUtility)) { stats.prunings[r.name]!++; return true; }
    return false;
  };
  /** Starts group g (accumulators of one candidate child). */
  const openGroup = (g: number, key: number): void => {
    gKey[g] = key; gCount[g] = 0; gOcc[g] = 0; gSum[g] = 0; gFirst[g] = -1; gMany[g] = 0; gFill[g] = 0;
  };
  const tally = (g: number, loc: number, s: number): void => {
    const m = numPaths[loc]!;
    gCount[g]!++; gOcc[g]! += m;
    if (s > 0) gSum[g]! += m * s;
    const k = taskOf[loc]!;
    if (k === MANY_TASKS) gMany[g] = 1;
    else if (gFirst[g] === -1) gFirst[g] = k;
    else if (gFirst[g] !== k) gMany[g] = 1;
  };

  const score = (p: Pattern): void => {
    const arity = p.ivars.length, L = p.n, W = arity + 1, rows = p.rows;
    const locs = new Int32Array(L), args = new Int32Array(L * arity), utilOnce = new Float64Array(L);
    const base = p.bodyCost - costs.prim - arity * costs.app;
    let quick = 0;
    for (let i = 0; i < L; i++) {
      locs[i] = rows[i * W]!;
      let u = base;
      for (let j = 0; j < arity; j++) {
        const x = rows[i * W + 1 + j]!;
        args[i * arity + j] = x;
        if (p.counts[j]! > 1) u += (p.counts[j]! - 1) * tcost[x]!;
      }
      utilOnce[i] = u;
      if (u > 0) quick += numPaths[locs[i]!]! * u;
    }
    const pen = penalty(p.bodyCost, argOccurrences(p));
    if (quick - pen <= bestUtility) { stats.prunings.scoreBound!++; return; }
    stats.scored++;
    const m: Matches = { locs, arity, args, argDepth: Int32Array.from(p.ivars, (s) => s.depth), utilOnce };
    const compressive = compressiveUtility(ix, m, scratch);
    const utility = compressive - pen;
    if (utility > bestUtility) found({ tokens: tokensOf(p), matches: m, utility, compressive });
  };

  /** Scores the priming candidates (./compress-prime.ts) while their estimates can beat the incumbent. */
  const prime = (): void => {
    for (const c of primeCandidates(ix, costs, P, maxArity, opts.deadline !== undefined ? PRIME_SCORED_TIMED : PRIME_SCORED)) {
      if (c.estimate <= bestUtility) break;
      stats.scored++;
      const compressive = compressiveUtility(ix, c.matches, scratch);
      const utility = compressive - P * c.bodyCost;
      if (utility > bestUtility) found({ tokens: c.tokens, matches: c.matches, utility, compressive });
    }
  };

  const heap: Pattern[] = [];
  // Search dives until a first abstraction is scored, and again every DIVE_EVERY patterns taken from the heap: it goes
  // on with the most promising child of the pattern it just expanded instead of the heap's top, until it scores a
  // finished pattern. Incumbents (for pruning, and for time-limited runs) come early and keep coming: when the bound
  // is loose, best-first alone would rarely finish a pattern before the time runs out.
  let dive: Pattern | null = null, diveOn = true;
  const offer = (p: Pattern): void => {
    if (p.holes.length === 0) { score(p); diveOn = best === null; }
    else if (diveOn && (dive === null || p.bound > dive.bound)) {
      if (dive) heapPush(heap, dive);
      dive = p;
    } else heapPush(heap, p);
  };

  {
    const reachable: number[] = [];
    for (let n = 0; n < N; n++) if (numPaths[n]! > 0) reachable.push(n);
    heap.push({
      tokens: null, holes: [site([], 0)], ivars: [], counts: [],
      rows: Int32Array.from(reachable), n: reachable.length, next: Int32Array.from(reachable), bodyCost: 0, bound: Infinity,
      tight: true, spine: 0, spineOpen: true, apps: 0,
    });
  }

  prime();

  // Size stages (SIZE_STAGES): children that would add an application past `maxApps` wait in `deferred`.
  const appsIn = ix.apps;
  const stages = [...(opts.stages ?? SIZE_STAGES).filter((s) => 2 * s <= ix.appDepth), Infinity];
  let stage = 0, maxApps = stages[0]!, stageEnd = Infinity;
  const deferred: Pattern[] = [];
  const startStage = (): void => {
    maxApps = stages[stage]!;
    stageEnd = Infinity;
    if (maxApps !== Infinity && opts.clock && opts.deadline !== undefined) {
      const now = opts.clock.now();
      stageEnd = now + (opts.deadline - now) * STAGE_SHARE;
    }
  };
  const nextStage = (): void => {
    stage++;
    for (const d of deferred) if (d.bound > bestUtility) heapPush(heap, d);
    deferred.length = 0;
    startStage();
  };
  startStage();

  let stopReason: SearchResult['stopReason'] = 'exhausted';
  let openBound: number | undefined;
  let pops = 0, heapPops = 0;
  for (;;) {
    if (heap.length === 0 && !dive) {
      if (stage === stages.length - 1) break;
      nextStage();
      continue;
    }
    const diving = dive !== null;
    const p = dive ?? heapPop(heap);
    if (!diving && ++heapPops % DIVE_EVERY === 0) diveOn = true;
    dive = null;
    if (p.bound <= bestUtility) { // best-first: nothing left in the heap can beat the best
      if (diving) continue;
      if (stage === stages.length - 1) break;
      heap.length = 0;
      nextStage();
      continue;
    }
    const occ = argOccurrences(p);
    if (!p.tight && p.spine >= OVERLAP_MIN_SPINE && p.n >= OVERLAP_MIN_MATCHES) {
      p.tight = true;
      const tight = overlapBound(ix, p.rows, p.n, p.ivars.length + 1, costs.prim + p.ivars.length * costs.app, scratch) - penalty(p.bodyCost, occ);
      if (tight < p.bound) {
        p.bound = tight;
        if (tight <= bestUtility) { stats.prunings.overlapBound!++; continue; }
        if (!diving && heap.length > 0 && heap[0]!.bound > tight) { heapPush(heap, p); continue; }
      }
    }
    if (opts.clock && opts.deadline !== undefined && (++pops & 1023) === 0) {
      const now = opts.clock.now();
      if (now > opts.deadline) {
        stopReason = 'timeLimit';
        openBound = p.bound;
        for (const q of [...heap.slice(0, 1), ...deferred]) openBound = Math.max(openBound, q.bound);
        break;
      }
      if (now > stageEnd) { heapPush(heap, p); nextStage(); continue; }
    }
    // Matches only ever narrow, so an argument may come to share a part at every match that remains (sharedPart).
    if (p.ivars.length > 0 && sharedArgument(p)) { stats.prunings.sharedPart!++; continue; }
    stats.expanded++;
    const hole = p.holes[p.holes.length - 1]!, depth = hole.depth;
    const rest = p.holes.slice(0, -1);
    const L = p.n, rows = p.rows, A = p.ivars.length, W = A + 1;
    const use = costs.prim + A * costs.app;
    // The node at the hole, and the most one use can save (the match's cost minus the application and arguments).
    const path = hole.path, bits = hole.bits, plen = path.length, known = p.next, anchor = hole.anchor;
    for (let i = 0; i < L; i++) {
      const r = i * W;
      let s = tcost[rows[r]!]! - use;
      for (let j = 1; j < W; j++) s -= tcost[rows[r + j]!]!;
      saves[i] = s;
    }
    if (known) nodes.set(known.subarray(0, L));
    else if (anchor) {
      const ar = anchor.rows, aw = anchor.w, an = anchor.nodes, m = anchor.n;
      if (m > 8 * L) {
        // Few rows left of many: binary search (rows and the anchor's are both ascending by node).
        for (let i = 0, lo = 0; i < L; i++) {
          const loc = rows[i * W]!;
          let hi = m - 1;
          while (lo < hi) { const mid = (lo + hi) >> 1; if (ar[mid * aw]! < loc) lo = mid + 1; else hi = mid; }
          nodes[i] = an[lo]!;
        }
      } else {
        for (let i = 0, q = 0; i < L; i++) {
          const loc = rows[i * W]!;
          while (ar[q * aw] !== loc) q++; // rows are an ordered subset of the anchor's
          nodes[i] = an[q]!;
        }
      }
    } else {
      for (let i = 0; i < L; i++) {
        let n = rows[i * W]!;
        if (bits >= 0) for (let k = 0; k < plen; k++) n = (bits >>> k) & 1 ? tb[n]! : ta[n]!;
        else for (let k = 0; k < plen; k++) n = path[k] === 0 ? ta[n]! : tb[n]!;
        nodes[i] = n;
      }
    }

    // Every match holds the same subtree here: a new argument would be useless (uselessAbstract) and so would any
    // below it, so unless an existing argument could be reused somewhere inside it, the hole becomes that whole
    // subtree in one step (Stitch reaches the same pattern hole by hole).
    if (plen > 0 && L > 0) {
      const n0 = nodes[0]!;
      let same = t.maxFree[n0]! < depth; // else a variable of it would escape the body
      for (let i = 1; same && i < L; i++) if (nodes[i] !== n0) same = false;
      if (same && A > 0) {
        const st = ++subStamp;
        const stack = [n0];
        while (stack.length) {
          const n = stack.pop()!;
          if (inSub[n] === st) continue;
          inSub[n] = st;
          if (kind[n] === APP) stack.push(ta[n]!, tb[n]!);
          else if (kind[n] === LAM) stack.push(ta[n]!);
        }
        for (let i = 0; same && i < L; i++) {
          for (let j = 1; j < W; j++) {
            const x = rows[i * W + j]!;
            if (t.maxFree[x]! >= 0 || inSub[x] === st) { same = false; break; } // (open arguments: don't risk it)
          }
        }
      }
      if (same) {
        stats.prunings.sameSubtree!++;
        offer({
          ...p, tokens: appendNode(t, p.tokens, n0), holes: rest, next: null,
          bodyCost: p.bodyCost + tcost[n0]!, bound: p.bound - P * tcost[n0]!, tight: p.tight && !p.spineOpen,
          spine: p.spineOpen ? p.spine + spineLength(n0, kind, ta) : p.spine, spineOpen: false, apps: p.apps + appsIn[n0]!,
        });
        continue;
      }
    }
    // Concrete expansions: group matches by what the hole holds (one group for APP, one for LAM, one per leaf).
    stamp++;
    let G = 0, appG = -1, lamG = -1;
    for (let i = 0; i < L; i++) {
      const n = nodes[i]!, k = kind[n];
      let g: number;
      if (k === APP) { if (appG < 0) { appG = G++; openGroup(appG, -1); } g = appG; }
      else if (k === LAM) { if (lamG < 0) { lamG = G++; openGroup(lamG, -2); } g = lamG; }
      else if (leafStamp[n] === stamp) g = leafGroup[n]!;
      else { leafStamp[n] = stamp; g = leafGroup[n] = G++; openGroup(g, n); }
      groupOfLoc[i] = g;
      tally(g, rows[i * W]!, saves[i]!);
    }
    const children: (Pattern | null)[] = new Array(G).fill(null);
    for (let g = 0; g < G; g++) {
      const key = gKey[g]!;
      let holes: Site[], tokKind: number, tokVal = 0, cost: number;
      let argSite: Site | null = null;
      if (key === -1) {
        argSite = site([...path, 1], depth);
        holes = [...rest, argSite, site([...path, 0], depth)];
        tokKind = APP; cost = costs.app;
      } else if (key === -2) {
        holes = [...rest, site([...path, 0], depth + 1)];
        tokKind = LAM; cost = costs.lam;
      } else if (kind[key] === VAR) {
        if (ta[key]! >= depth) { stats.prunings.freeVarBody!++; continue; } // the abstraction must be closed
        holes = rest; tokKind = VAR; tokVal = key; cost = costs.var;
      } else {
        holes = rest; tokKind = PRIM; tokVal = key; cost = costs.prim;
      }
      const bodyCost = p.bodyCost + cost;
      const bound = gSum[g]! - penalty(bodyCost, occ);
      if (pruned(gOcc[g]!, gMany[g] === 1, bound)) continue;
      const c = gCount[g]!;
      const child: Pattern = children[g] = {
        tokens: { prev: p.tokens, kind: tokKind, val: tokVal }, holes, ivars: p.ivars, counts: p.counts,
        rows: alloc(c * W), n: c, next: key < 0 ? alloc(c) : null, bodyCost, bound,
        tight: false, spine: p.spineOpen && key === -1 ? p.spine + 1 : p.spine, spineOpen: p.spineOpen && key === -1,
        apps: key === -1 ? p.apps + 1 : p.apps,
      };
      if (argSite) argSite.anchor = { rows: child.rows, w: W, n: c, nodes: alloc(c) };
    }
    for (let i = 0; i < L; i++) {
      const g = groupOfLoc[i]!, ch = children[g];
      if (!ch) continue;
      const at = gFill[g]!++, to = at * W, from = i * W, out = ch.rows;
      for (let j = 0; j < W; j++) out[to + j] = rows[from + j]!;
      if (ch.next) ch.next[at] = ta[nodes[i]!]!; // an app's function or a lambda's body: the child's next hole
      if (gKey[g] === -1) ch.holes[ch.holes.length - 2]!.anchor!.nodes[at] = tb[nodes[i]!]!; // and an app's argument
    }
    for (let g = 0; g < G; g++) {
      const ch = children[g];
      if (!ch) continue;
      if (gKey[g] === -1 && p.apps >= maxApps) deferred.push(ch); // (a later size stage)
      else offer(ch);
    }

    // Argument expansions (never at the root: the identity abstraction #0 is useless).
    if (plen === 0) continue;
    let okCount = 0;
    for (let i = 0; i < L; i++) {
      const v = minFree[nodes[i]!]! >= depth ? 1 : 0; // else the argument would capture a body variable
      ok[i] = v; okCount += v;
    }
    if (okCount < L) stats.prunings.argCapture! += L - okCount;
    if (okCount === 0) continue;
    // eqs[j][i]: at match i the hole holds what argument j holds.
    const sameAs: boolean[] = [];
    for (let j = 0; j < A; j++) {
      const eq = eqs[j]!, jd = p.ivars[j]!.depth;
      let all = true;
      for (let i = 0; i < L; i++) {
        if (!ok[i]) continue;
        const e = sameArgument(nodes[i]!, depth, rows[i * W + 1 + j]!, jd);
        eq[i] = e ? 1 : 0;
        if (!e) all = false;
      }
      sameAs.push(all);
    }
    if (A < maxArity) {
      for (let i = 0, q = 0; i < L; i++) if (ok[i]) okBuf[q++] = nodes[i]!;
      const okNodes = okBuf.subarray(0, okCount);
      const argPruned = ARGUMENT_PRUNINGS.find((r) => r.apply({ t, nodes: okNodes, sameAs }));
      if (argPruned) stats.prunings[argPruned.name]!++;
      else {
        openGroup(0, 0);
        for (let i = 0; i < L; i++) if (ok[i]) tally(0, rows[i * W]!, saves[i]! - costs.app - tcost[nodes[i]!]!);
        const bound = gSum[0]! - penalty(p.bodyCost, occ + 1);
        if (!pruned(gOcc[0]!, gMany[0] === 1, bound)) {
          const W2 = W + 1, out = alloc(okCount * W2);
          for (let i = 0, q = 0; i < L; i++) {
            if (!ok[i]) continue;
            const to = q++ * W2, from = i * W;
            for (let j = 0; j < W; j++) out[to + j] = rows[from + j]!;
            out[to + W] = nodes[i]!;
          }
          offer({
            tokens: { prev: p.tokens, kind: IVAR, val: A }, holes: rest, ivars: [...p.ivars, hole], counts: [...p.counts, 1],
            rows: out, n: okCount, next: null, bodyCost: p.bodyCost, bound, tight: false, spine: p.spine, spineOpen: false, apps: p.apps,
          });
        }
      }
    }
    for (let j = 0; j < A; j++) {
      const eq = eqs[j]!;
      openGroup(0, 0);
      for (let i = 0; i < L; i++) if (ok[i] && eq[i]) tally(0, rows[i * W]!, saves[i]!);
      const c = gCount[0]!;
      if (c === 0) continue;
      const bound = gSum[0]! - penalty(p.bodyCost, occ + 1);
      if (pruned(gOcc[0]!, gMany[0] === 1, bound)) continue;
      const out = alloc(c * W);
      for (let i = 0, q = 0; i < L; i++) {
        if (!(ok[i] && eq[i])) continue;
        const to = q++ * W, from = i * W;
        for (let jj = 0; jj < W; jj++) out[to + jj] = rows[from + jj]!;
      }
      const counts = p.counts.slice();
      counts[j]!++;
      offer({
        tokens: { prev: p.tokens, kind: IVAR, val: j }, holes: rest, ivars: p.ivars, counts, rows: out, n: c, next: null,
        bodyCost: p.bodyCost, bound, tight: false, spine: p.spine, spineOpen: false, apps: p.apps,
      });
    }
  }
  return { best, top, stats, stopReason, ...(openBound !== undefined ? { openBound } : {}) };
}

/** A site; paths of up to 30 moves are also kept as bits (bit k: move k) for fast walking. */
function site(path: readonly number[], depth: number): Site {
  let bits = 0;
  if (path.length > 30) bits = -1;
  else for (let k = 0; k < path.length; k++) if (path[k] === 1) bits |= 1 << k;
  return { path, bits, depth };
}

/** Applications along a node's function spine. */
function spineLength(n: number, kind: Uint8Array, ta: Int32Array): number {
  let s = 0;
  while (kind[n] === APP) { s++; n = ta[n]!; }
  return s;
}

function tokensOf(p: Pattern): Tokens {
  return chainTokens(p.tokens, p.ivars.length);
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
