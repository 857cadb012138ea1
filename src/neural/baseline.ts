/**
 * End-to-end neural baseline for list-of-images tasks: a per-image MLP encoder, an LSTM over the list, and a
 * head per task (regression of a number, or a rank per element for sorting). Trained on the same examples as
 * the hybrid program, with the same epoch budget, to compare generalization to longer lists.
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

const MAX_RANK = 20;

export async function trainBaseline(o: {
  examples: readonly Example[]; head: BaselineHead; epochs: number; seed: number; rng: Rng;
  /** For 'ranks': the target rank of each input element; derived from the example's output. */
  ranksOf?: (ex: Example) => number[];
  onEpoch?: (epoch: number, loss: number) => void;
}): Promise<Baseline> {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: o.seed * 31 + k });
  const input = tf.input({ shape: [null, 64] });
  const enc = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(1) }) }).apply(input) as tf.SymbolicTensor;
  const seq = tf.layers.lstm({ units: 64, returnSequences: o.head === 'ranks', kernelInitializer: init(2), recurrentInitializer: 'orthogonal' }).apply(enc) as tf.SymbolicTensor;
  const out = o.head === 'number'
    ? tf.layers.dense({ units: 1, kernelInitializer: init(3) }).apply(seq) as tf.SymbolicTensor
    : tf.layers.timeDistributed({ layer: tf.layers.dense({ units: MAX_RANK, activation: 'softmax', kernelInitializer: init(3) }) }).apply(seq) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  model.compile({ optimizer: tf.train.adam(0.005), loss: o.head === 'number' ? 'meanSquaredError' : 'sparseCategoricalCrossentropy' });
  // group examples by length so each batch is a dense [batch, T, 64] tensor
  const byLen = new Map<number, Example[]>();
  for (const ex of o.examples) { const n = (ex.inputs[0] as unknown[]).length; if (n > 0) byLen.set(n, [...(byLen.get(n) ?? []), ex]); }
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    let total = 0, count = 0;
    for (const [len, exs] of byLen) {
      for (let b = 0; b < exs.length; b += 32) {
        const batch = exs.slice(b, b + 32);
        const x = tf.tensor3d(batch.map((ex) => (ex.inputs[0] as unknown[]).map(flatten)), [batch.length, len, 64]);
        const y = o.head === 'number'
          ? tf.tensor2d(batch.map((ex) => [ex.output as number]), [batch.length, 1])
          : tf.tensor3d(batch.map((ex) => o.ranksOf!(ex).map((r) => [r])), [batch.length, len, 1]);
        const loss = await model.trainOnBatch(x, y);
        x.dispose(); y.dispose();
        total += Number(loss) * batch.length; count += batch.length;
      }
    }
    o.onEpoch?.(epoch, total / count);
  }
  return {
    predict: (images) => tf.tidy(() => {
      const y = model.predict(tf.tensor3d([images.map(flatten)], [1, images.length, 64])) as tf.Tensor;
      if (o.head === 'number') return y.dataSync()[0]!;
      const p = y.reshape([images.length, MAX_RANK]).argMax(1).dataSync();
      return Array.from(p);
    }),
    dispose: () => model.dispose(),
  };
}
