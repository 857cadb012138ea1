/**
 * The general fallback for training a program's neural parts: treat the module's weights as one vector and
 * minimize the program's error on its examples with a black-box optimizer (evolution strategies by default),
 * which needs neither gradients nor a relaxation. Practical for small modules.
 */
import type { Expr } from '../lang/expr.ts';
import type { PrimitiveSet } from '../lang/primitive.ts';
import { evaluate } from '../lang/evaluate.ts';
import { valueEquals } from '../lang/value.ts';
import type { Strategy } from '../optimize/optimizer.ts';
import type { Example } from '../task/task.ts';
import { tf } from './backend.ts';
import { invalidate } from './primitive.ts';
import { moduleOf, theNeuralPrimitive } from './train.ts';

/** Error of one output: |difference| for numbers, 0/1 otherwise. */
export function outputError(got: unknown, want: unknown): number {
  if (typeof got === 'number' && typeof want === 'number') return Math.min(Math.abs(got - want), 10);
  return valueEquals(got, want) ? 0 : 1;
}

export function trainByOptimizer(o: {
  program: Expr; prims: PrimitiveSet; examples: readonly Example[]; strategy: Strategy; maxEvals: number;
  onGeneration?: (evals: number, best: number) => void;
}): { best: number; evals: number } {
  const prim = theNeuralPrimitive(o.prims);
  const mod = moduleOf(prim);
  const shapes = mod.model.getWeights().map((w) => w.shape);
  const x0 = mod.model.getWeights().flatMap((w) => Array.from(w.dataSync()));
  const setFlat = (x: readonly number[]) => {
    let off = 0;
    const ws = shapes.map((s) => { const n = s.reduce((a, b) => a * b, 1); const t = tf.tensor(x.slice(off, off + n), s); off += n; return t; });
    mod.model.setWeights(ws);
    ws.forEach((t) => t.dispose());
    invalidate(prim);
  };
  const loss = (x: readonly number[]) => {
    setFlat(x);
    let s = 0;
    for (const ex of o.examples) {
      const r = evaluate(o.program, ex.inputs, { prims: o.prims, fuel: 100_000 });
      s += r.ok ? outputError(r.value, ex.output) : 10;
    }
    return s / o.examples.length;
  };
  const opt = o.strategy.start(x0);
  let evals = 0;
  while (evals < o.maxEvals && !opt.stop()) {
    const cands = opt.ask();
    const values = cands.map(loss);
    evals += cands.length;
    opt.tell(cands, values);
    o.onGeneration?.(evals, opt.best()!.value);
    if (opt.best()!.value === 0) break;
  }
  const best = opt.best()!;
  setFlat(best.x);
  return { best: best.value, evals };
}
