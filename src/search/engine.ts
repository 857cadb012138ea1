/** SearchEngine: one interface for every synthesis strategy; each runs the shared conformance suite. */
import type { Expr } from '../lang/expr.ts';
import type { PrimitiveSet } from '../lang/primitive.ts';
import type { Clock } from '../util/clock.ts';
import type { Rng } from '../util/rng.ts';
import type { Task } from '../task/task.ts';
import type { Budget, StopReason } from './budget.ts';
import type { Grammar } from './grammar.ts';

export interface SearchContext {
  readonly prims: PrimitiveSet;
  readonly grammar: Grammar;
  readonly budget: Budget;
  readonly clock: Clock;
  readonly rng: Rng;
  /** Progress, called now and then (not every candidate). */
  readonly onStep?: (p: SearchProgress) => void;
}

export interface SearchProgress {
  readonly engine: string;
  readonly enumerated: number;
  readonly elapsedMs: number;
  readonly best?: string;
}

export interface SearchStats {
  /** Candidate programs generated. */
  enumerated: number;
  /** Candidates kept after observational-equivalence or syntactic dedup. */
  distinct: number;
  /** Candidate evaluations on the examples. */
  evaluated: number;
  /** Named-rule firings (prunings, mutations, …) by name. */
  rules: Record<string, number>;
  [key: string]: unknown;
}

export interface SearchResult {
  /** Simplest program consistent with every train example, or null. */
  readonly program: Expr | null;
  /** Further consistent programs found (the frontier), best first, including `program`. */
  readonly frontier: readonly Expr[];
  readonly stopReason: StopReason;
  readonly stats: SearchStats;
  readonly ms: number;
}

export interface SearchEngine {
  readonly name: string;
  search(task: Task, ctx: SearchContext): SearchResult;
}

export const emptyStats = (): SearchStats => ({ enumerated: 0, distinct: 0, evaluated: 0, rules: {} });
