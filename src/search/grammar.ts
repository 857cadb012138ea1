/**
 * Grammar: a probabilistic grammar over primitives (DreamCoder's Grammar). Each production has a log-probability;
 * `variable` is the log-probability mass of using any in-scope variable. Optionally conditioned on the parent
 * primitive and argument position (bigram), as a recognition model outputs.
 */
import type { PrimitiveSet } from '../lang/primitive.ts';
import type { Task } from '../task/task.ts';

export interface Grammar {
  /** Log-probability per primitive name (unnormalized scores; engines normalize among type-compatible ones). */
  readonly weights: ReadonlyMap<string, number>;
  readonly variable: number;
  /** Optional bigram weights: key `${parent}/${argIndex}` (parent '' at the root) → per-primitive log-probs. */
  readonly bigram?: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** The uniform grammar over a primitive set, honoring each primitive's declared cost (weight = -cost). */
export function uniformGrammar(prims: PrimitiveSet): Grammar {
  const weights = new Map<string, number>();
  for (const p of prims.values()) weights.set(p.name, -(p.cost ?? 1));
  return { weights, variable: 0 };
}

/** Produces a grammar for a task: the recognition model implements this (src/neural), the library a fixed one. */
export interface Prior {
  grammarFor(task: Task): Grammar;
}
