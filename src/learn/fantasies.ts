/**
 * Fantasies (DreamCoder's dreams): random programs drawn from the current library grammar, run on inputs sampled
 * from the task set, kept when well-typed and non-degenerate. Each becomes a (task, program) training pair for
 * the recognition model.
 */
import type { Expr } from '../lang/expr.ts';
import { evaluate } from '../lang/evaluate.ts';
import { generateProgram } from '../lang/generate.ts';
import { checkType } from '../lang/infer.ts';
import type { Primitive, PrimitiveSet } from '../lang/primitive.ts';
import { valueEquals, valueKey } from '../lang/value.ts';
import type { Grammar } from '../search/grammar.ts';
import type { Task } from '../task/task.ts';
import type { Rng } from '../util/rng.ts';

export interface Fantasy {
  readonly task: Task;
  readonly program: Expr;
}

export interface FantasyOptions {
  readonly rng: Rng;
  /** Fantasies wanted. */
  readonly count: number;
  /** Sampling attempts at most (default 20 × count). */
  readonly attempts?: number;
  /** Primitives drawn (by grammar weight, without replacement) for each program (default 10). */
  readonly draw?: number;
  readonly maxDepth?: number;
  readonly fuel?: number;
}

/** `k` names drawn without replacement with probability ∝ exp(weight) (Gumbel top-k). */
function drawByWeight(prims: PrimitiveSet, g: Grammar, k: number, rng: Rng): Primitive[] {
  const keyed = [...prims.values()].filter((p) => p.pure !== false && !p.params).map((p) => {
    const u = Math.max(1e-12, rng.next());
    return { p, key: (g.weights.get(p.name) ?? -1) - Math.log(-Math.log(u)) };
  });
  return keyed.sort((a, b) => b.key - a.key).slice(0, k).map((x) => x.p);
}

/** Why a sampled program is not kept, or null when it is a good fantasy. */
function degenerate(outputs: readonly unknown[], inputs: readonly (readonly unknown[])[]): string | null {
  if (outputs.length > 1 && outputs.every((o) => valueEquals(o, outputs[0]))) return 'constant';
  if (inputs.every((xs, i) => xs.some((x) => valueEquals(x, outputs[i])))) return 'returns an input';
  if (outputs.every((o) => Array.isArray(o) && o.length === 0)) return 'empty';
  return null;
}

/**
 * Samples fantasies: for each, a source task (its type and inputs), primitives drawn from its setup's grammar,
 * a random program of the task's type over them, run on the task's train inputs. Keeps distinct behaviours only.
 */
export function sampleFantasies(sources: readonly { task: Task; prims: PrimitiveSet; grammar: Grammar }[], o: FantasyOptions): Fantasy[] {
  const out: Fantasy[] = [];
  const seen = new Set<string>();
  if (!sources.length) return out;
  const attempts = o.attempts ?? o.count * 20;
  for (let a = 0; a < attempts && out.length < o.count; a++) {
    const src = sources[o.rng.int(sources.length)]!;
    const pool = new Map(drawByWeight(src.prims, src.grammar, o.draw ?? 10, o.rng).map((p) => [p.name, p]));
    const program = generateProgram(src.task.type, { prims: pool, rng: o.rng, maxDepth: o.maxDepth ?? 3 });
    if (!program) continue;
    try { checkType(program, src.task.type, src.prims); } catch { continue; }
    const inputs = src.task.train.map((e) => e.inputs);
    const outputs: unknown[] = [];
    let ok = true;
    for (const xs of inputs) {
      const r = evaluate(program, xs, { prims: src.prims, fuel: o.fuel ?? 5000, maxSize: 2000 });
      if (!r.ok) { ok = false; break; }
      outputs.push(r.value);
    }
    if (!ok || degenerate(outputs, inputs)) continue;
    const key = `${src.task.type ? JSON.stringify(src.task.type) : ''}|${outputs.map(valueKey).join(';')}|${inputs.map((x) => x.map(valueKey).join(',')).join(';')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ task: { name: `fantasy-${out.length}`, type: src.task.type, train: inputs.map((xs, i) => ({ inputs: xs, output: outputs[i] })), test: [] }, program });
  }
  return out;
}
