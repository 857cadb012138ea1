/**
 * Using learned abstractions on programs they were not learned from: `rewriteWith` rewrites new programs with a
 * library (each abstraction in order, as compression did), and `rewriteCheck` verifies a compression run: every
 * rewritten program, with the abstractions inlined, is its original again (up to beta-reduction).
 */
import { exprEquals, type Expr } from '../lang/expr.ts';
import { betaNormalize, inlineAbstractions, type Abstraction } from './abstraction.ts';
import { buildIndex } from './compress-index.ts';
import { abstractionTokens, matchAll } from './compress-match.ts';
import { corpusCost } from './compress.ts';
import { STITCH_COSTS, type CostModel } from './cost.ts';
import { applyRewrites, compressiveUtility, createScratch } from './rewrite.ts';

/** Result of rewriting programs with a given library. */
export interface RewriteResult {
  /** The programs rewritten, grouped by task like the input. */
  readonly programs: readonly (readonly Expr[])[];
  /** Uses of each abstraction, in order. */
  readonly uses: readonly number[];
  readonly costBefore: number;
  readonly costAfter: number;
}

/** Rewrites programs (grouped by task) with the abstractions, in order, choosing the cheapest uses per program. */
export function rewriteWith(
  abstractions: readonly Abstraction[], tasks: readonly (readonly Expr[])[], costs: CostModel = STITCH_COSTS,
): RewriteResult {
  let corpus = tasks;
  const uses: number[] = [];
  for (const a of abstractions) {
    const ix = buildIndex(corpus, costs);
    const tok = abstractionTokens(ix.t, a);
    const m = matchAll(ix, tok, costs);
    const scratch = createScratch(ix.n);
    compressiveUtility(ix, m, scratch);
    const r = applyRewrites(ix, m, scratch, a.name);
    uses.push(r.uses);
    corpus = r.programs;
  }
  return { programs: corpus, uses, costBefore: corpusCost(tasks, costs), costAfter: corpusCost(corpus, costs) };
}

/** One program that failed the check. */
export interface RewriteMismatch {
  readonly task: number;
  readonly program: number;
  readonly reason: 'differs' | 'noNormalForm';
}

/** Checks that inlining the abstractions into each rewritten program gives back its original (up to beta). */
export function rewriteCheck(
  originals: readonly (readonly Expr[])[], rewritten: readonly (readonly Expr[])[], abstractions: readonly Abstraction[],
): RewriteMismatch[] {
  const out: RewriteMismatch[] = [];
  originals.forEach((ps, task) => ps.forEach((orig, program) => {
    const back = inlineAbstractions(rewritten[task]![program]!, abstractions);
    if (exprEquals(back, orig)) return;
    const a = betaNormalize(back), b = betaNormalize(orig);
    if (!a || !b) out.push({ task, program, reason: 'noNormalForm' });
    else if (!exprEquals(a, b)) out.push({ task, program, reason: 'differs' });
  }));
  return out;
}
