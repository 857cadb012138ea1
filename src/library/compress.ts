/**
 * compress: learn a library of abstractions from a corpus of programs grouped by task (Stitch-style). Each iteration
 * finds the abstraction of highest utility (search in ./compress-search.ts), rewrites the corpus with it (./rewrite.ts)
 * and continues on the rewritten corpus, so later abstractions may use earlier ones.
 */
import type { Expr } from '../lang/expr.ts';
import type { Clock } from '../util/clock.ts';
import { abstractionCost, type LearnedAbstraction } from './abstraction.ts';
import { buildIndex } from './compress-index.ts';
import { tokensAbstraction } from './compress-match.ts';
import { searchBest, type SearchStats } from './compress-search.ts';
import { STITCH_COSTS, taskCost, type CostModel } from './cost.ts';
import { applyRewrites, compressiveUtility, createScratch } from './rewrite.ts';

export interface CompressOptions {
  /** Abstractions to learn (at most). Default 1. */
  readonly iterations?: number;
  /** Most arguments per abstraction. Default 3. */
  readonly maxArity?: number;
  /** Utility pays this many times the abstraction's body cost (its arguments excluded). Default 1. */
  readonly structurePenalty?: number;
  readonly costs?: CostModel;
  /** Abstraction names are PREFIX0, PREFIX1, … Default 'fn_'. */
  readonly prefix?: string;
  /**
   * Optional time limit for the whole run (needs a clock). Each iteration gets an equal share of the time left and
   * keeps the best abstraction it found in that share (then the report's stopReason is 'timeLimit').
   */
  readonly clock?: Clock;
  readonly timeLimitMs?: number;
  /** Called after each abstraction is learned. */
  readonly onStep?: (step: CompressStep) => void;
}

/** One iteration's outcome. */
export interface CompressStep {
  readonly iteration: number;
  readonly abstraction: LearnedAbstraction;
  /** Corpus cost (tasks at their cheapest program) after rewriting with it. */
  readonly cost: number;
  readonly stats: SearchStats;
}

export interface CompressReport {
  readonly abstractions: readonly LearnedAbstraction[];
  /** The corpus rewritten with every abstraction, grouped by task like the input. */
  readonly rewritten: readonly (readonly Expr[])[];
  /** Corpus cost before and after (each task at its cheapest program), and the abstractions' body costs. */
  readonly costBefore: number;
  readonly costAfter: number;
  readonly bodyCost: number;
  /** costBefore / (costAfter + bodyCost). */
  readonly compressionRatio: number;
  /** costBefore / costAfter (the library's size not counted). */
  readonly corpusRatio: number;
  readonly steps: readonly CompressStep[];
  readonly stopReason: 'solved' | 'exhausted' | 'timeLimit';
}

/** Corpus cost: each task at its cheapest program. */
export function corpusCost(tasks: readonly (readonly Expr[])[], costs: CostModel = STITCH_COSTS): number {
  let c = 0;
  for (const ps of tasks) c += taskCost(ps, costs);
  return c;
}

/** Learns up to `iterations` abstractions; stops early when none has positive utility ('exhausted'). */
export function compress(tasks: readonly (readonly Expr[])[], options: CompressOptions = {}): CompressReport {
  const iterations = options.iterations ?? 1, maxArity = options.maxArity ?? 3;
  const structurePenalty = options.structurePenalty ?? 1, costs = options.costs ?? STITCH_COSTS;
  const prefix = options.prefix ?? 'fn_';
  const deadline = options.clock && options.timeLimitMs !== undefined ? options.clock.now() + options.timeLimitMs : undefined;
  const costBefore = corpusCost(tasks, costs);
  const abstractions: LearnedAbstraction[] = [];
  const steps: CompressStep[] = [];
  let corpus = tasks;
  let stopReason: CompressReport['stopReason'] = 'solved';
  for (let it = 0; it < iterations; it++) {
    const ix = buildIndex(corpus, costs);
    const scratch = createScratch(ix.n);
    // Under a time limit each iteration gets an equal share of what is left, and keeps the best it found in it.
    let share: { clock: Clock; deadline: number } | undefined;
    if (options.clock && deadline !== undefined) {
      const now = options.clock.now();
      if (now >= deadline) { stopReason = 'timeLimit'; break; }
      share = { clock: options.clock, deadline: now + (deadline - now) / (iterations - it) };
    }
    const r = searchBest(ix, scratch, { maxArity, structurePenalty, costs, ...share });
    if (r.stopReason === 'timeLimit') stopReason = 'timeLimit';
    if (!r.best) { if (stopReason === 'solved') stopReason = 'exhausted'; break; }
    const name = `${prefix}${it}`;
    const abs = tokensAbstraction(ix.t, r.best.tokens, name);
    compressiveUtility(ix, r.best.matches, scratch); // recompute, so the scratch holds exactly this choice
    const { programs, uses } = applyRewrites(ix, r.best.matches, scratch, name);
    const learned: LearnedAbstraction = { ...abs, uses, utility: r.best.utility };
    abstractions.push(learned);
    corpus = programs;
    const step: CompressStep = { iteration: it, abstraction: learned, cost: ix.cost - r.best.compressive, stats: r.stats };
    steps.push(step);
    options.onStep?.(step);
  }
  const costAfter = corpusCost(corpus, costs);
  const bodyCost = abstractions.reduce((s, a) => s + abstractionCost(a, costs), 0);
  return {
    abstractions, rewritten: corpus, costBefore, costAfter, bodyCost,
    compressionRatio: costBefore / Math.max(1, costAfter + bodyCost),
    corpusRatio: costBefore / Math.max(1, costAfter),
    steps, stopReason,
  };
}

