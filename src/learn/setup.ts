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
  const own: Grammar = { ...s.grammar, weights: new Map([...s.grammar.weights].filter(([n]) => s.prims.has(n))) };
  return { task: s.task, prims: s.prims, grammar: mixGrammars(own, learned.prior.grammarFor(s.task), learned.mix) };
}

/**
 * The mixture (1 − m)·P_library + m·P_recognition of two grammars, each normalized over the library's productions
 * and variables, as weights relative to variables (0, as in the uniform grammar). A mixture rather than a product:
 * a production the recognition model rules out keeps at least (1 − m) of its library probability, so an
 * overconfident model costs at most log 1/(1 − m) nats per production, while a confident right guess gains a lot.
 */
export function mixGrammars(lib: Grammar, rec: Grammar, m: number): Grammar {
  const names = [...lib.weights.keys()];
  const norm = (ws: number[]) => { const mx = Math.max(...ws); const z = ws.reduce((a, w) => a + Math.exp(w - mx), 0); return ws.map((w) => Math.exp(w - mx) / z); };
  // last slot: variables
  const pl = norm([...names.map((n) => lib.weights.get(n)!), lib.variable]);
  const known = names.map((n) => rec.weights.get(n));
  // productions the model does not score get the library's share of its mass
  const pr = norm([...known.map((r, i) => r ?? lib.weights.get(names[i]!)! - lib.variable + rec.variable), rec.variable]);
  const p = pl.map((x, i) => (1 - m) * x + m * pr[i]!);
  const pv = p[names.length]!;
  const weights = new Map<string, number>();
  names.forEach((n, i) => weights.set(n, lib.weights.get(n) === -Infinity ? -Infinity : Math.log(p[i]!) - Math.log(pv)));
  return { weights, variable: 0 };
}

/** The production names a recognition model scores for a set of tasks: every primitive any of them may use. */
export function productionNames(tasks: readonly Task[], learned: Learned): string[] {
  const names = new Set<string>();
  for (const t of tasks) for (const n of setupFor(t, { ...learned, prior: null }).prims.keys()) names.add(n);
  return [...names].sort();
}
