/**
 * The cost model of compression (Stitch's defaults): a program's cost is the sum of its nodes' costs. Compression
 * utility, upper bounds and the compression ratio are all measured in it, so figures compare with Stitch's.
 */
import { assertNever } from '../util/assert.ts';
import type { Expr } from '../lang/expr.ts';

/** Cost per node kind. */
export interface CostModel {
  readonly app: number;
  readonly lam: number;
  readonly var: number;
  /** A primitive, literal, inlined invention `#(…)` or learned abstraction symbol. */
  readonly prim: number;
  /** An abstraction argument `#i` inside an abstraction body. */
  readonly ivar: number;
}

/** Stitch's default model: cost_app = cost_lam = 1, cost_var = cost_prim = cost_ivar = 100. */
export const STITCH_COSTS: CostModel = { app: 1, lam: 1, var: 100, prim: 100, ivar: 100 };

/** Cost of a program; holes (which corpora never contain) cost like an argument. */
export function exprCost(e: Expr, costs: CostModel = STITCH_COSTS): number {
  switch (e.kind) {
    case 'app': return costs.app + exprCost(e.fn, costs) + exprCost(e.arg, costs);
    case 'lam': return costs.lam + exprCost(e.body, costs);
    case 'var': return costs.var;
    case 'prim': case 'lit': case 'inv': return costs.prim;
    case 'hole': return costs.ivar;
    default: return assertNever(e, 'expr');
  }
}

/** Cost of a task: the cheapest of its alternative programs (a task with no program costs 0). */
export function taskCost(programs: readonly Expr[], costs: CostModel = STITCH_COSTS): number {
  let best = Infinity;
  for (const p of programs) best = Math.min(best, exprCost(p, costs));
  return best === Infinity ? 0 : best;
}
