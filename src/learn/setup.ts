/**
 * What a task is searched with during learning and after it: its domain's primitives plus the library's
 * abstractions and neural modules, and a grammar mixing the library's weights with the recognition model's.
 */
import { primitiveNames } from '../lang/expr.ts';
import type { Primitive, PrimitiveSet } from '../lang/primitive.ts';
import { basePrimitives } from '../lang/primitives/index.ts';
import { toPrimitives, type Library } from '../library/library.ts';
import type { Grammar, Prior } from '../search/grammar.ts';
import { searchSetup } from '../search/portfolio-setup.ts';
import type { Task } from '../task/task.ts';

/** What was learned, ready for search: the library, its abstractions and neural modules as primitives, a prior. */
export interface Learned {
  readonly library: Library;
  /** The library's abstractions as primitives (compiled against every base primitive). */
  readonly abstractions: readonly Primitive[];
  /** Neural library entries as primitives (loaded by the shell or the loop with `neuralPrimitivesOf`). */
  readonly neural: readonly Primitive[];
  /** The recognition model, or null before the first dream (or when disabled). */
  readonly prior: Prior | null;
  /** Weight of the recognition model's grammar against the library's (0…1). */
  readonly mix: number;
}

/** A Learned value from a library alone (no recognition model). */
export function learnedFrom(library: Library, o: { neural?: readonly Primitive[]; prior?: Prior | null; mix?: number } = {}): Learned {
  return { library, abstractions: toPrimitives(library, basePrimitives), neural: o.neural ?? [], prior: o.prior ?? null, mix: o.mix ?? 0.5 };
}

/** The task (with its domain's constants), primitives and grammar to search it with. */
export function setupFor(task: Task, learned: Learned | null): { task: Task; prims: PrimitiveSet; grammar: Grammar } {
  if (!learned) {
    const s = searchSetup(task);
    return { task: s.task, prims: s.prims, grammar: s.grammar };
  }
  const domain = searchSetup(task);
  const usable = learned.abstractions.filter((p) => [...primitiveNames(p.body!)].every((n) => domain.prims.has(n) || learned.library.entries.get(n)?.kind === 'abstraction'));
  const extra = [...usable, ...learned.neural];
  const weights = new Map<string, number>();
  for (const e of learned.library.entries.values()) weights.set(e.name, e.weight);
  const s = searchSetup(task, extra, weights);
  if (!learned.prior || learned.mix <= 0) return { task: s.task, prims: s.prims, grammar: s.grammar };
  const rec = learned.prior.grammarFor(s.task);
  const mixed = new Map<string, number>();
  for (const [name, w] of s.grammar.weights) {
    const r = rec.weights.get(name);
    // the recognition model's log-probabilities, taken relative to variables (whose weight is 0 in both)
    mixed.set(name, r === undefined ? w : (1 - learned.mix) * w + learned.mix * (r - rec.variable));
  }
  return { task: s.task, prims: s.prims, grammar: { weights: mixed, variable: 0 } };
}

/** The production names a recognition model scores for a set of tasks: every primitive any of them may use. */
export function productionNames(tasks: readonly Task[], learned: Learned): string[] {
  const names = new Set<string>();
  for (const t of tasks) for (const n of setupFor(t, { ...learned, prior: null }).prims.keys()) names.add(n);
  return [...names].sort();
}
