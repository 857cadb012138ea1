/**
 * Trains the neural parts of a program from the program's own examples (no labels for the modules): maximizes
 * the relaxed program's log-likelihood of each example's output (see relax.ts) by gradient descent.
 */
import type { Expr } from '../lang/expr.ts';
import type { Primitive, PrimitiveSet } from '../lang/primitive.ts';
import type { Example } from '../task/task.ts';
import type { Rng } from '../util/rng.ts';
import { tf } from './backend.ts';
import type { NeuralModule } from './module.ts';
import { flatten, invalidate } from './primitive.ts';
import { logLikelihood, relaxEval, type RelaxContext, type RVal } from './relax.ts';

export interface TrainOptions {
  readonly program: Expr;
  readonly prims: PrimitiveSet;
  readonly examples: readonly Example[];
  readonly epochs: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly rng: Rng;
  /** Reuse an optimizer across calls (multi-task training keeps one Adam state); not disposed here. */
  readonly optimizer?: tf.Optimizer;
  /**
   * Enumerate the values of module outputs the program uses more than once (exact) instead of treating every
   * use as independent. Off by default: on count-equal-first it drove training into the all-one-class collapse
   * (0% on length 10 vs 84.5% with the independent relaxation, bench/neural.ts).
   */
  readonly exactShared?: boolean;
  /** Called after each epoch with the mean negative log-likelihood. */
  readonly onEpoch?: (epoch: number, loss: number) => void;
}

export interface TrainReport {
  readonly losses: readonly number[];
  readonly steps: number;
}

/** The module behind a neural primitive. */
export const moduleOf = (p: Primitive): NeuralModule => (p.params!.handle as { module: NeuralModule }).module;

/** Collects the values in `v` a module with `inputSize` inputs can read (images, vectors). */
export function collectInputs(v: unknown, inputSize: number, out: Set<unknown>): void {
  if (!Array.isArray(v)) return;
  if (v.length > 0 && Array.isArray(v[0]) && typeof (v[0] as unknown[])[0] === 'number' && flatten(v).length === inputSize) { out.add(v); return; }
  if (v.length === inputSize && typeof v[0] === 'number') { out.add(v); return; }
  for (const x of v) collectInputs(x, inputSize, out);
}

export function trainProgram(o: TrainOptions): TrainReport {
  const prim = theNeuralPrimitive(o.prims);
  const mod = moduleOf(prim);
  const inputSize = mod.model.inputs[0]!.shape[1] as number;
  const k = mod.model.outputs[0]!.shape[1] as number;
  const opt = o.optimizer ?? tf.train.adam(o.learningRate ?? 0.01);
  const bs = o.batchSize ?? 32;
  const losses: number[] = [];
  let steps = 0;
  const idx = o.examples.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = idx.length - 1; i > 0; i--) { const j = o.rng.int(i + 1); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
    let total = 0;
    for (let b = 0; b < idx.length; b += bs) {
      const batch = idx.slice(b, b + bs).map((i) => o.examples[i]!);
      const inputs = new Set<unknown>();
      for (const ex of batch) for (const x of ex.inputs) collectInputs(x, inputSize, inputs);
      const list = [...inputs];
      const row = new Map(list.map((x, i) => [x, i]));
      const cost = opt.minimize(() => {
        const probs = tf.softmax(mod.apply(tf.tensor2d(list.map(flatten)))) as tf.Tensor2D;
        // one tensor per input row, made on first use (slice, not unstack: unused rows must get zero gradient)
        const rows = new Map<number, tf.Tensor1D>();
        const ctx = {
          neural: (_p: Primitive, x: unknown) => {
            const r = row.get(x);
            if (r === undefined) throw new Error('trainProgram: neural input not found in the batch');
            let t = rows.get(r);
            if (!t) { t = tf.slice(probs, [r, 0], [1, probs.shape[1]]).reshape([probs.shape[1]]) as tf.Tensor1D; rows.set(r, t); }
            return t;
          },
        };
        let ll: tf.Scalar = tf.scalar(0);
        for (const ex of batch) {
          const shared = o.exactShared ? sharedRows(o.program, o.prims, ex, row, k) : [];
          if (shared.length === 0 || k ** shared.length > 100) {
            ll = tf.add(ll, exampleLogLik(o.program, o.prims, ex, ctx)) as tf.Scalar;
            continue;
          }
          // a module output used more than once is one random variable: enumerate its values (exact), so the
          // rest of the relaxation may treat the remaining, once-used outputs as independent
          const terms: tf.Scalar[] = [];
          for (let a = 0; a < k ** shared.length; a++) {
            const fixed = new Map<number, tf.Tensor1D>();
            let logPrior: tf.Scalar = tf.scalar(0);
            shared.forEach((r, j) => {
              const v = Math.floor(a / k ** j) % k;
              fixed.set(r, tf.oneHot(tf.tensor1d([v], 'int32'), k).reshape([k]).toFloat() as tf.Tensor1D);
              logPrior = tf.add(logPrior, tf.log(tf.add(tf.slice(ctx.neural(prim, list[r]), [v], [1]).reshape([]), 1e-7))) as tf.Scalar;
            });
            const cond = { neural: (p: Primitive, x: unknown) => fixed.get(row.get(x)!) ?? ctx.neural(p, x) };
            terms.push(tf.add(logPrior, exampleLogLik(o.program, o.prims, ex, cond)) as tf.Scalar);
          }
          ll = tf.add(ll, tf.logSumExp(tf.stack(terms))) as tf.Scalar;
        }
        return tf.div(tf.neg(ll), batch.length) as tf.Scalar;
      }, true, mod.trainableWeights());
      total += cost!.dataSync()[0]! * batch.length;
      cost!.dispose();
      steps++;
    }
    losses.push(total / idx.length);
    o.onEpoch?.(epoch, total / idx.length);
  }
  if (!o.optimizer) opt.dispose();
  invalidate(prim);
  return { losses, steps };
}

/** The single trainable neural primitive of a primitive set (training handles one module per program). */
export function theNeuralPrimitive(prims: PrimitiveSet): Primitive {
  const neural = [...prims.values()].filter((p) => p.family === 'neural' && p.params);
  if (neural.length !== 1) throw new Error(`expected one neural primitive, found ${neural.length}`);
  return neural[0]!;
}

/**
 * Multi-task training: one module (the primitive set's neural primitive) trained jointly on several programs'
 * examples, alternating tasks epoch by epoch with one optimizer.
 */
export function trainJointly(o: { tasks: readonly { program: Expr; examples: readonly Example[] }[]; prims: PrimitiveSet; epochs: number; rng: Rng; learningRate?: number }): number[][] {
  const opt = tf.train.adam(o.learningRate ?? 0.01);
  const losses: number[][] = o.tasks.map(() => []);
  for (let epoch = 0; epoch < o.epochs; epoch++)
    o.tasks.forEach((t, i) => {
      const r = trainProgram({ program: t.program, prims: o.prims, examples: t.examples, epochs: 1, rng: o.rng, optimizer: opt });
      losses[i]!.push(r.losses[0]!);
    });
  opt.dispose();
  return losses;
}

/** The relaxed program's log-likelihood of one example's output. */
function exampleLogLik(program: Expr, prims: PrimitiveSet, ex: Example, ctx: RelaxContext): tf.Scalar {
  let f: RVal = relaxEval(program, prims, [], ctx);
  for (const x of ex.inputs) f = f.k === 'fn' ? f.f({ k: 'det', v: x }) : f;
  return logLikelihood(f, ex.output);
}

/** Input rows whose module output the program uses more than once on this example. */
function sharedRows(program: Expr, prims: PrimitiveSet, ex: Example, row: ReadonlyMap<unknown, number>, k: number): number[] {
  return tf.tidy(() => {
    const uses = new Map<number, number>();
    const dummies = new Map<number, tf.Tensor1D>();
    const ctx: RelaxContext = {
      neural: (_p, x) => {
        const r = row.get(x)!;
        uses.set(r, (uses.get(r) ?? 0) + 1);
        if (!dummies.has(r)) dummies.set(r, tf.fill([k], 1 / k) as tf.Tensor1D);
        return dummies.get(r)!;
      },
    };
    exampleLogLik(program, prims, ex, ctx);
    return [...uses].filter(([, n]) => n > 1).map(([r]) => r);
  });
}
