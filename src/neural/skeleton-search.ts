/**
 * Search over program skeletons with neural-module training in the inner loop: the top-down enumerator proposes
 * well-typed programs that call a (fresh, untrained) neural primitive, simplest first; each is trained from the
 * task's examples alone — through its differentiable relaxation when it has one, by abduction otherwise — and
 * scored by how many train examples it then reproduces. The first skeleton that fits them all wins.
 */
import type { Expr } from '../lang/expr.ts';
import { primitiveNames } from '../lang/expr.ts';
import { inferType } from '../lang/infer.ts';
import { parseType } from '../lang/type.ts';
import { print } from '../lang/print.ts';
import { extendSet, type Primitive, type PrimitiveSet } from '../lang/primitive.ts';
import { evaluate } from '../lang/evaluate.ts';
import { valueEquals } from '../lang/value.ts';
import { Enumerator, production } from '../search/topdown-enumerate.ts';
import type { Task } from '../task/task.ts';
import type { Rng } from '../util/rng.ts';
import { trainByAbduction } from './abduce.ts';
import type { NeuralModule } from './module.ts';
import { neuralPrimitive } from './primitive.ts';
import { trainProgram } from './train.ts';

export interface SkeletonSearchOptions {
  readonly task: Task;
  /** The symbolic primitives skeletons may use. */
  readonly base: PrimitiveSet;
  /** The neural primitive's name and type, e.g. 'classify', 'image -> int'. */
  readonly neural: { readonly name: string; readonly type: string };
  /** A fresh module for each skeleton tried. */
  readonly makeModule: () => NeuralModule;
  readonly maxSkeletons?: number;
  readonly epochs?: number;
  readonly rng: Rng;
}

export interface SkeletonTrial { readonly program: string; readonly trainAccuracy: number; readonly method: 'relaxation' | 'abduction' | 'untrainable' }

export interface SkeletonSearchResult {
  readonly program: Expr | null;
  readonly primitive: Primitive | null;
  readonly trials: readonly SkeletonTrial[];
}

/** Skeletons of the task's type that use the neural primitive, in order of description length. */
export function skeletons(task: Task, prims: PrimitiveSet, neuralName: string, max: number): Expr[] {
  const productions = [...prims.values()].map((p) => production({ kind: 'prim', name: p.name }, p.type, -(p.cost ?? 1)));
  const en = new Enumerator({ productions, variableLogp: -1, maxDepth: 6 });
  const out: Expr[] = [];
  for (let lo = 0, hi = 1.5; out.length < max && hi < 30; lo = hi, hi += 1.5) {
    const st = { prunedByCost: false };
    en.enumerate([], task.type, lo, hi, 0, st, (e) => { if (out.length < max && primitiveNames(e).has(neuralName)) out.push(e); });
    if (!st.prunedByCost) break;
  }
  return out;
}

export function searchSkeletons(o: SkeletonSearchOptions): SkeletonSearchResult {
  // enumeration needs only the neural primitive's name and type, not a module
  const typeOnly: Primitive = { name: o.neural.name, type: parseType(o.neural.type), family: 'neural', impl: () => { throw new Error('type only'); } };
  const candidates = skeletons(o.task, extendSet(o.base, [typeOnly]), o.neural.name, o.maxSkeletons ?? 12);
  const trials: SkeletonTrial[] = [];
  let best: { program: Expr; primitive: Primitive; acc: number } | null = null;
  for (const program of candidates) {
    const module = o.makeModule();
    const p = neuralPrimitive({ name: o.neural.name, type: o.neural.type, module, decode: 'argmax' });
    const prims = extendSet(o.base, [p]);
    try { inferType(program, prims); } catch { module.dispose(); continue; }
    let method: SkeletonTrial['method'] = 'relaxation';
    try {
      // whether the skeleton has a relaxation shows when one example goes through the relaxed trainer
      trainProgram({ program, prims, examples: o.task.train.slice(0, 1), epochs: 1, rng: o.rng });
    } catch {
      method = 'abduction';
    }
    try {
      if (method === 'relaxation') trainProgram({ program, prims, examples: o.task.train, epochs: o.epochs ?? 4, rng: o.rng });
      else trainByAbduction({ program, prims, examples: o.task.train, epochs: o.epochs ?? 4, rng: o.rng });
    } catch {
      method = 'untrainable';
    }
    const acc = o.task.train.filter((ex) => { const r = evaluate(program, ex.inputs, { prims }); return r.ok && valueEquals(r.value, ex.output); }).length / o.task.train.length;
    trials.push({ program: print(program), trainAccuracy: acc, method });
    if (!best || acc > best.acc) {
      if (best) (best.primitive.params!.handle as { module: NeuralModule }).module.dispose();
      best = { program, primitive: p, acc };
    } else module.dispose();
    if (acc === 1) break;
  }
  return { program: best?.program ?? null, primitive: best?.primitive ?? null, trials };
}
