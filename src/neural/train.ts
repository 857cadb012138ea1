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
import { logLikelihood, relaxEval, type RVal } from './relax.ts';

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
          let f: RVal = relaxEval(o.program, o.prims, [], ctx);
          for (const x of ex.inputs) f = f.k === 'fn' ? f.f({ k: 'det', v: x }) : f;
          ll = tf.add(ll, logLikelihood(f, ex.output)) as tf.Scalar;
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
