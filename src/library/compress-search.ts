/**
 * Top-down search for the best abstraction (Stitch's algorithm). A pattern (./compress-pattern.ts) is a partial
 * abstraction body with holes; it starts as one hole matching every corpus node, and expanding its leftmost hole
 * (./compress-expand.ts) splits its matches by what they hold there (an application, a lambda, a variable, a
 * primitive) or turns the hole into an argument #i, new or reused. Patterns are expanded best-first by an admissible
 * upper bound on their utility (branch and bound); the prunings are named rules whose firings are counted. Finished
 * patterns (no holes) are scored exactly.
 */
import type { Clock } from '../util/clock.ts';
import { overlapBound } from './compress-bound.ts';
import { createExpander, EXPAND_PRUNINGS } from './compress-expand.ts';
import type { CorpusIndex } from './compress-index.ts';
import type { Tokens } from './compress-match.ts';
import { argOccurrences, bodyPenalty, heapPop, heapPush, rootPattern, tokensOf, type Pattern } from './compress-pattern.ts';
import { primeCandidates } from './compress-prime.ts';
import { ARGUMENT_PRUNINGS, PATTERN_PRUNINGS, sharedPart } from './compress-prune.ts';
import { createTopK } from './compress-top.ts';
import type { CostModel } from './cost.ts';
import { compressiveUtility, type Matches, type Scratch } from './rewrite.ts';

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

/**
 * The prunings this loop fires itself: a finished pattern whose quick estimate cannot beat the incumbents, and a
 * pattern whose overlap bound cannot. (It also fires the argument rule sharedPart on narrowed matches.)
 */
export const SEARCH_PRUNINGS: readonly string[] = ['scoreBound', 'overlapBound'];

/** Every pruning a search counts, as each module that fires them declares them (the keys of `stats.prunings`). */
const PRUNING_NAMES: readonly string[] = [
  ...[...PATTERN_PRUNINGS, ...ARGUMENT_PRUNINGS].map((r) => r.name), ...EXPAND_PRUNINGS, ...SEARCH_PRUNINGS,
];

/**
 * Finds the abstraction of highest utility: compressive utility minus structure penalty times body cost, where the
 * body cost counts `costs.ivar` per argument occurrence (Stitch's; the compression ratio counts bodies the same way).
 */
export function searchBest(ix: CorpusIndex, scratch: Scratch, opts: SearchOptions): SearchResult {
  const stats: SearchStats = { expanded: 0, scored: 0, prunings: {} };
  for (const name of PRUNING_NAMES) stats.prunings[name] = 0;
  const t = ix.t, costs = opts.costs, P = opts.structurePenalty, maxArity = opts.maxArity, IV = costs.ivar;
  const numPaths = ix.numPaths, tcost = t.cost;
  const top = createTopK<SearchFound>(Math.max(1, opts.topK ?? 1), Math.max(0, opts.floor ?? 0));
  const penalty = (bodyCost: number, occ: number): number => bodyPenalty(P, IV, bodyCost, occ);

  const score = (p: Pattern): void => {
    const arity = p.ivars.length, L = p.n, W = arity + 1, rows = p.rows;
    const locs = new Int32Array(L), args = new Int32Array(L * arity), utilOnce = new Float64Array(L);
    const base = p.bodyCost - costs.prim - arity * costs.app;
    let quick = 0;
    // (One pass, as overlapBound: splitting the rows in a pass of their own measured slower on both.)
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
    if (quick - pen <= top.least) { stats.prunings.scoreBound!++; return; }
    stats.scored++;
    const m: Matches = { locs, arity, args, argDepth: Int32Array.from(p.ivars, (s) => s.depth), utilOnce };
    const compressive = compressiveUtility(ix, m, scratch);
    const utility = compressive - pen;
    if (utility > top.least) top.add({ tokens: tokensOf(p), matches: m, utility, compressive });
  };

  /** Scores the priming candidates (./compress-prime.ts) while their estimates can beat the incumbent. */
  const prime = (): void => {
    for (const c of primeCandidates(ix, costs, P, maxArity, opts.deadline !== undefined ? PRIME_SCORED_TIMED : PRIME_SCORED)) {
      if (c.estimate <= top.least) break;
      stats.scored++;
      const compressive = compressiveUtility(ix, c.matches, scratch);
      const utility = compressive - P * c.bodyCost;
      if (utility > top.least) top.add({ tokens: c.tokens, matches: c.matches, utility, compressive });
    }
  };

  const sharedArgument = (p: Pattern): boolean => {
    const W = p.ivars.length + 1;
    for (let j = 1; j < W; j++) if (sharedPart(t, p.rows, W, j, p.n)) return true;
    return false;
  };

  const heap: Pattern[] = [rootPattern(ix)];
  // Search dives until a first abstraction is scored, and again every DIVE_EVERY patterns taken from the heap: it goes
  // on with the most promising child of the pattern it just expanded instead of the heap's top, until it scores a
  // finished pattern. Incumbents (for pruning, and for time-limited runs) come early and keep coming: when the bound
  // is loose, best-first alone would rarely finish a pattern before the time runs out.
  let dive: Pattern | null = null, diveOn = true;
  const offer = (p: Pattern): void => {
    if (p.holes.length === 0) { score(p); diveOn = top.best === null; }
    else if (diveOn && (dive === null || p.bound > dive.bound)) {
      if (dive) heapPush(heap, dive);
      dive = p;
    } else heapPush(heap, p);
  };
  // Size stages (SIZE_STAGES): children that would add an application past `maxApps` wait in `deferred`.
  const deferred: Pattern[] = [];
  const expand = createExpander({ ix, costs, structurePenalty: P, maxArity, top, prunings: stats.prunings, offer, defer: (p) => deferred.push(p) });

  prime();

  const stages = [...(opts.stages ?? SIZE_STAGES).filter((s) => 2 * s <= ix.appDepth), Infinity];
  let stage = 0, maxApps = stages[0]!, stageEnd = Infinity;
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
    for (const d of deferred) if (d.bound > top.least) heapPush(heap, d);
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
    if (p.bound <= top.least) { // best-first: nothing left in the heap can beat the best
      if (diving) continue;
      if (stage === stages.length - 1) break;
      heap.length = 0;
      nextStage();
      continue;
    }
    if (!p.tight && p.spine >= OVERLAP_MIN_SPINE && p.n >= OVERLAP_MIN_MATCHES) {
      p.tight = true;
      const use = costs.prim + p.ivars.length * costs.app;
      const tight = overlapBound(ix, p.rows, p.n, p.ivars.length + 1, use, scratch) - penalty(p.bodyCost, argOccurrences(p));
      if (tight < p.bound) {
        p.bound = tight;
        if (tight <= top.least) { stats.prunings.overlapBound!++; continue; }
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
    expand(p, maxApps);
  }
  return { best: top.best, top: top.top, stats, stopReason, ...(openBound !== undefined ? { openBound } : {}) };
}
