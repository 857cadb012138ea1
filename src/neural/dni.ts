/**
 * Decoupled training with synthetic gradients (Decoupled Neural Interfaces, Jaderberg et al. 2017) beside
 * end-to-end backprop on the same stack of dense layers. Each hidden layer updates as soon as its forward pass is
 * done, from a synthetic gradient predicted from its output by a small linear module (zero-initialized, as in
 * the paper); each synthetic-gradient module regresses the gradient that the layer above actually sends back
 * (itself computed from that layer's synthetic gradient: bootstrapping). Only the top layer sees the loss.
 */
import type { Rng } from '../util/rng.ts';
import type { Clock } from '../util/clock.ts';
import { tf } from './backend.ts';

export interface StackSpec {
  readonly sizes: readonly number[];
  readonly learningRate?: number;
  /** Momentum-SGD step of hidden layers on synthetic gradients (default 0.01). */
  readonly syntheticStep?: number;
  /** Adam step of the synthetic-gradient modules (default: learningRate). */
  readonly sgLearningRate?: number;
  readonly seed: number;
  /** Times each epoch (the shell passes the system clock); epochs report 0 ms without one. */
  readonly clock?: Clock;
}

interface Layer { w: tf.Variable; b: tf.Variable }

function makeStack(spec: StackSpec): Layer[] {
  return spec.sizes.slice(1).map((n, i) => ({
    w: tf.variable(tf.initializers.glorotUniform({ seed: spec.seed * 17 + i }).apply([spec.sizes[i]!, n]) as tf.Tensor2D),
    b: tf.variable(tf.zeros([n])),
  }));
}

const forwardLayer = (l: Layer, h: tf.Tensor, last: boolean): tf.Tensor => {
  const z = tf.add(tf.matMul(h as tf.Tensor2D, l.w as unknown as tf.Tensor2D), l.b);
  return last ? z : tf.relu(z);
};

export interface EpochReport { readonly epoch: number; readonly loss: number; readonly ms: number }

export interface TrainedStack {
  predict(x: number[][]): number[];
  dispose(): void;
}

function predictor(layers: Layer[]): TrainedStack {
  return {
    predict: (x) => tf.tidy(() => {
      let h: tf.Tensor = tf.tensor2d(x);
      layers.forEach((l, i) => { h = forwardLayer(l, h, i === layers.length - 1); });
      return Array.from(h.argMax(1).dataSync());
    }),
    dispose: () => layers.forEach((l) => { l.w.dispose(); l.b.dispose(); }),
  };
}

function* batches(n: number, size: number, rng: Rng): Generator<number[]> {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const j = rng.int(i + 1); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
  for (let b = 0; b < n; b += size) yield idx.slice(b, b + size);
}

/** Plain end-to-end backprop (Adam) on the stack. */
export function trainBackprop(spec: StackSpec, x: number[][], y: number[], epochs: number, rng: Rng, onEpoch?: (r: EpochReport) => void): TrainedStack {
  const layers = makeStack(spec);
  const k = spec.sizes.at(-1)!;
  const opt = tf.train.adam(spec.learningRate ?? 0.003);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const t0 = spec.clock?.now() ?? 0;
    let total = 0;
    for (const idx of batches(x.length, 32, rng)) {
      const cost = opt.minimize(() => {
        let h: tf.Tensor = tf.tensor2d(idx.map((i) => x[i]!));
        layers.forEach((l, i) => { h = forwardLayer(l, h, i === layers.length - 1); });
        return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(idx.map((i) => y[i]!), 'int32'), k), h) as tf.Scalar;
      }, true);
      total += cost!.dataSync()[0]! * idx.length;
      cost!.dispose();
    }
    onEpoch?.({ epoch, loss: total / x.length, ms: (spec.clock?.now() ?? 0) - t0 });
  }
  opt.dispose();
  return predictor(layers);
}

interface SgModule { w: tf.Variable; u: tf.Variable; b: tf.Variable }

/** A synthetic gradient for a layer's output, from the output and the one-hot label. */
const synth = (s: SgModule, out: tf.Tensor, labels: tf.Tensor): tf.Tensor =>
  tf.add(tf.add(tf.matMul(out as tf.Tensor2D, s.w as unknown as tf.Tensor2D), tf.matMul(labels as tf.Tensor2D, s.u as unknown as tf.Tensor2D)), s.b);

/** Training with synthetic gradients: every hidden layer updates from its own predicted gradient. */
export function trainSynthetic(spec: StackSpec, x: number[][], y: number[], epochs: number, rng: Rng, onEpoch?: (r: EpochReport) => void): TrainedStack {
  const layers = makeStack(spec);
  const k = spec.sizes.at(-1)!;
  const lr = spec.learningRate ?? 0.003;
  // synthetic-gradient modules for hidden layers 0..L-2: linear maps of the layer's output, zero-initialized
  const sg: SgModule[] = layers.slice(0, -1).map((l) => {
    const n = l.w.shape[1]!;
    // conditioned on the label too (cDNI), which the paper found makes synthetic gradients far more accurate
    return { w: tf.variable(tf.zeros([n, n])), u: tf.variable(tf.zeros([k, n])), b: tf.variable(tf.zeros([n])) };
  });
  // hidden layers follow their synthetic gradients with plain momentum SGD: Adam would blow the small, noisy early
  // predictions up to full-size steps; the top layer, on the true loss, uses Adam
  const optLayer = layers.map((_, i) => (i === layers.length - 1 ? tf.train.adam(lr) : tf.train.momentum(spec.syntheticStep ?? 0.01, 0.9)));
  const optSg = sg.map(() => tf.train.adam(spec.sgLearningRate ?? lr));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const t0 = spec.clock?.now() ?? 0;
    let total = 0;
    for (const idx of batches(x.length, 32, rng)) {
      tf.tidy(() => {
        let h: tf.Tensor = tf.tensor2d(idx.map((i) => x[i]!));
        const labels = tf.oneHot(tf.tensor1d(idx.map((i) => y[i]!), 'int32'), k);
        const inputGrads: tf.Tensor[] = []; // gradient each layer sends down to its input
        const inputs: tf.Tensor[] = [];
        for (let i = 0; i < layers.length; i++) {
          const l = layers[i]!, last = i === layers.length - 1;
          const hin = h;
          inputs.push(hin);
          // the layer's local objective: the true loss at the top, else <output, synthetic gradient>; the
          // synthetic gradient is computed outside the differentiated function, so it acts as a constant
          const out0 = forwardLayer(l, hin, last);
          const g = last ? null : synth(sg[i]!, out0, labels);
          const objective = (input: tf.Tensor) => {
            const out = forwardLayer(l, input, last);
            return (last ? tf.losses.softmaxCrossEntropy(labels, out) : tf.div(tf.sum(tf.mul(out, g!)), idx.length)) as tf.Scalar;
          };
          inputGrads.push(tf.grad((input: tf.Tensor) => objective(input))(hin));
          const { value, grads } = tf.variableGrads(() => objective(hin), [l.w, l.b]);
          optLayer[i]!.applyGradients(grads as unknown as tf.NamedTensorMap & Record<string, tf.Variable>);
          if (last) total += value.dataSync()[0]! * idx.length;
          h = out0;
        }
        // each synthetic-gradient module regresses the gradient the layer above sent to its input
        for (let i = 0; i < sg.length; i++) {
          const s = sg[i]!;
          const out = inputs[i + 1]!, target = tf.mul(inputGrads[i + 1]!, idx.length); // per-example scale
          optSg[i]!.minimize(() => tf.losses.meanSquaredError(target, synth(s, out, labels)) as tf.Scalar, false, [s.w, s.u, s.b]);
        }
      });
    }
    onEpoch?.({ epoch, loss: total / x.length, ms: (spec.clock?.now() ?? 0) - t0 });
  }
  [...optLayer, ...optSg].forEach((o) => o.dispose());
  sg.forEach((s) => { s.w.dispose(); s.u.dispose(); s.b.dispose(); });
  return predictor(layers);
}
