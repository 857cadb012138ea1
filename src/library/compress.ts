/**
 * compress: learn a library of abstractions from a corpus of programs grouped by task (Stitch-style). Each iteration
 * finds the abstraction of highest utility (search in ./compress-search.ts), rewrites the corpus with it (./rewrite.ts)
 * and continues on the rewritten corpus, so later abstractions may use earlier ones.
 */
import type { Expr } from '../lang/expr.ts';
import type { Clock } from '../util/clock.ts';
import { abstractionCost, type Abstraction, type LearnedAbstraction } from './abstraction.ts';
import { buildIndex, type CorpusIndex } from './compress-index.ts';
import { tokensAbstraction } from './compress-match.ts';
import { searchBest, type SearchFound, type SearchStats } from './compress-search.ts';
import { STITCH_COSTS, taskCost, type CostModel } from './cost.ts';
import { applyRewrites, compressiveUtility, createScratch, type Scratch } from './rewrite.ts';

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
  /**
   * Corpora kept after each step (beam search over sequences of abstractions). 1, the default, is Stitch's greedy
   * run: each step takes the abstraction of highest utility. With W > 1 each step finds the W best abstractions for
   * each of the W corpora kept so far and keeps the W results of least total cost (corpus plus bodies), so a choice
   * that pays off only later can win; the greedy run stays in the beam, so the result is never worse than greedy.
   * Takes up to about W times as long (nuts-bolts 1.2x, DreamCoder corpora 2.2x, furniture 3.4x at W = 3).
   */
  readonly beam?: number;
  /** Called after each step with the newest abstraction (with a beam: of the best corpus so far). */
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

/** One line of search in the beam: a corpus rewritten with the abstractions learned on the way to it. */
interface State {
  readonly corpus: readonly (readonly Expr[])[];
  /** One per abstraction learned on the way (each step holds its abstraction). */
  readonly steps: readonly CompressStep[];
  /** Corpus cost plus the abstractions' body costs: what the compression ratio divides by. */
  readonly total: number;
  /** Follows the best abstraction at every step (the greedy run), kept in the beam so a beam is never worse. */
  readonly greedy: boolean;
}

/**
 * Learns up to `iterations` abstractions; stops early when none has positive utility ('exhausted'). With `beam` > 1
 * it keeps that many corpora after each step instead of one (see CompressOptions.beam).
 */
export function compress(tasks: readonly (readonly Expr[])[], options: CompressOptions = {}): CompressReport {
  const iterations = options.iterations ?? 1, maxArity = options.maxArity ?? 3;
  const structurePenalty = options.structurePenalty ?? 1, costs = options.costs ?? STITCH_COSTS;
  const prefix = options.prefix ?? 'fn_';
  const width = Math.max(1, options.beam ?? 1);
  const deadline = options.clock && options.timeLimitMs !== undefined ? options.clock.now() + options.timeLimitMs : undefined;
  const costBefore = corpusCost(tasks, costs);
  let beam: State[] = [{ corpus: tasks, steps: [], total: costBefore, greedy: true }];
  let stopReason: CompressReport['stopReason'] = 'solved';
  for (let it = 0; it < iterations; it++) {
    // Under a time limit each iteration gets an equal share of what is left, split evenly among the beam's corpora.
    let stepEnd: number | undefined;
    if (options.clock && deadline !== undefined) {
      const now = options.clock.now();
      if (now >= deadline) { stopReason = 'timeLimit'; break; }
      stepEnd = now + (deadline - now) / (iterations - it);
    }
    const name = `${prefix}${it}`;
    const children: Child[] = [];
    // With the structure penalty at 1 (or less) a child's total is at least its state's total minus the abstraction's
    // utility, so once `width` children are in hand, a state's search need only find abstractions that beat the worst.
    const bounded = structurePenalty <= 1, totals: number[] = [];
    beam.forEach((state, b) => {
      const ix = buildIndex(state.corpus, costs);
      const scratch = createScratch(ix.n);
      let share: { clock: Clock; deadline: number } | undefined;
      if (options.clock && stepEnd !== undefined) {
        const now = options.clock.now();
        share = { clock: options.clock, deadline: now + Math.max(0, stepEnd - now) / (beam.length - b) };
      }
      const floor = bounded && !state.greedy && totals.length >= width ? state.total - totals[width - 1]! : 0;
      const r = searchBest(ix, scratch, { maxArity, structurePenalty, costs, topK: width, floor, ...share });
      if (r.stopReason === 'timeLimit') stopReason = 'timeLimit';
      r.top.forEach((c, rank) => {
        const abs = tokensAbstraction(ix.t, c.tokens, name);
        const cost = ix.cost - c.compressive;
        const total = cost + state.total - ix.cost + abstractionCost(abs, costs);
        children.push({ state, ix, scratch, found: c, abs, cost, total, greedy: state.greedy && rank === 0, stats: r.stats });
        if (!totals.includes(total)) { totals.push(total); totals.sort((x, y) => x - y); }
      });
    });
    if (children.length === 0) { if (stopReason === 'solved') stopReason = 'exhausted'; break; }
    beam = keep(children, width).map((ch) => {
      compressiveUtility(ch.ix, ch.found.matches, ch.scratch); // recompute, so the scratch holds exactly this choice
      const { programs, uses } = applyRewrites(ch.ix, ch.found.matches, ch.scratch, name);
      const learned: LearnedAbstraction = { ...ch.abs, uses, utility: ch.found.utility };
      const step: CompressStep = { iteration: it, abstraction: learned, cost: ch.cost, stats: ch.stats };
      return { corpus: programs, steps: [...ch.state.steps, step], total: ch.total, greedy: ch.greedy };
    });
    options.onStep?.(beam[0]!.steps[it]!);
  }
  const best = beam[0]!, abstractions = best.steps.map((s) => s.abstraction);
  const costAfter = corpusCost(best.corpus, costs);
  const bodyCost = abstractions.reduce((s, a) => s + abstractionCost(a, costs), 0);
  return {
    abstractions, rewritten: best.corpus, costBefore, costAfter, bodyCost,
    compressionRatio: costBefore / Math.max(1, costAfter + bodyCost),
    corpusRatio: costBefore / Math.max(1, costAfter),
    steps: best.steps, stopReason,
  };
}

/** A corpus one abstraction further than its state, before it is rewritten (only the kept ones are). */
interface Child {
  readonly state: State;
  readonly ix: CorpusIndex;
  readonly scratch: Scratch;
  readonly found: SearchFound;
  readonly abs: Abstraction;
  /** Corpus cost after rewriting with `found`, and that plus every body cost. */
  readonly cost: number;
  readonly total: number;
  readonly greedy: boolean;
  readonly stats: SearchStats;
}

/**
 * The `width` children of least total cost, one per total (the same abstractions learned in another order give the
 * same corpus), the greedy run's child always among them (first among equal totals, so the dedup keeps it).
 */
function keep(children: Child[], width: number): Child[] {
  const sorted = [...children].sort((x, y) => x.total - y.total || Number(y.greedy) - Number(x.greedy));
  const kept: Child[] = [], totals = new Set<number>();
  for (const ch of sorted) {
    if (kept.length === width) break;
    if (totals.has(ch.total)) continue;
    totals.add(ch.total);
    kept.push(ch);
  }
  const greedy = children.find((ch) => ch.greedy);
  if (greedy && !kept.includes(greedy)) kept[kept.length - 1] = greedy;
  return kept;
}
