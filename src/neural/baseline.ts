/**
 * End-to-end neural baseline for list-of-images tasks: a Deep Sets network (Zaheer et al. 2017) — a per-image
 * MLP encoder, sum pooling over the list, and a head: a number (regression) or, for sorting, a rank class per
 * element from [its encoding, the pooled encoding]. Permutation-invariant and length-agnostic, so it is a fair
 * (strong) purely neural baseline. Trained on the same examples as the hybrid program with the same epochs.
 * (tfjs's LSTM layer fails to train on the wasm backend here: its unstack gradient breaks; Deep Sets avoids RNNs.)
 */
import type { Example } from '../task/task.ts';
import type { Rng } from '../util/rng.ts';
import { tf } from './backend.ts';
import { flatten } from './primitive.ts';

export type BaselineHead = 'number' | 'ranks';

export interface Baseline {
  predict(images: readonly unknown[]): number | number[];
  dispose(): void;
}

const MAX_RANK = 20, H = 64;

export function trainBaseline(o: {
  examples: readonly Example[]; head: BaselineHead; epochs: number; seed: number; rng: Rng;
  /** For 'ranks': the target rank of each input element; derived from the example's output. */
  ranksOf?: (ex: Example) => number[];
  onEpoch?: (epoch: number, loss: number) => void;
}): Baseline {
  const g = (shape: [number, number], k: number) => tf.variable(tf.initializers.glorotUniform({ seed: o.seed * 31 + k }).apply(shape) as tf.Tensor2D);
  const w1 = g([64, H], 1), b1 = tf.variable(tf.zeros([H])), w2 = g([H, H], 2), b2 = tf.variable(tf.zeros([H]));
  const wo = o.head === 'number' ? g([H, 1], 3) : g([2 * H, MAX_RANK], 3);
  const bo = tf.variable(tf.zeros([o.head === 'number' ? 1 : MAX_RANK]));
  const vars = [w1, b1, w2, b2, wo, bo];
  const encode = (x: tf.Tensor2D) => tf.relu(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2)) as tf.Tensor2D;
  /** Outputs for one list: [1] number or [n, MAX_RANK] logits. */
  const forward = (images: readonly unknown[]) => {
    const e = encode(tf.tensor2d(images.map(flatten), [images.length, 64]));
    const pooled = tf.sum(e, 0, true) as tf.Tensor2D;
    if (o.head === 'number') return tf.add(tf.matMul(pooled, wo), bo).reshape([1]);
    const both = tf.concat([e, tf.tile(pooled, [images.length, 1])], 1) as tf.Tensor2D;
    return tf.add(tf.matMul(both, wo), bo);
  };
  const opt = tf.train.adam(0.003);
  const idx = o.examples.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = idx.length - 1; i > 0; i--) { const j = o.rng.int(i + 1); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
    let total = 0;
    for (let b = 0; b < idx.length; b += 32) {
      const batch = idx.slice(b, b + 32).map((i) => o.examples[i]!).filter((ex) => (ex.inputs[0] as unknown[]).length > 0);
      if (!batch.length) continue;
      const cost = opt.minimize(() => {
        const losses = batch.map((ex) => {
          const out = forward(ex.inputs[0] as unknown[]);
          if (o.head === 'number') return tf.squaredDifference(out, tf.tensor1d([ex.output as number])).sum();
          const ranks = o.ranksOf!(ex).map((r) => Math.min(r, MAX_RANK - 1));
          return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(ranks, 'int32'), MAX_RANK), out);
        });
        return tf.div(tf.addN(losses), batch.length) as tf.Scalar;
      }, true, vars);
      total += cost!.dataSync()[0]! * batch.length;
      cost!.dispose();
    }
    o.onEpoch?.(epoch, total / idx.length);
  }
  opt.dispose();
  return {
    predict: (images) => tf.tidy(() => {
      const y = forward(images);
      if (o.head === 'number') return y.dataSync()[0]!;
      return Array.from(y.argMax(1).dataSync());
    }),
    dispose: () => vars.forEach((v) => v.dispose()),
  };
}
