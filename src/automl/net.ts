/**
 * A small dense network described by an Architecture (blocks of width + activation + optional skip), owning its
 * weights as plain tensors so that mutations can rewrite them (network morphism). Trained with Adam, in place.
 */
import { tf } from '../neural/backend.ts';
import type { Rng } from '../util/rng.ts';

export type Activation = 'relu' | 'tanh' | 'elu';

export interface Block {
  readonly units: number;
  readonly activation: Activation;
  /** Residual connection around the block; active only when its input has the same width. */
  readonly skip: boolean;
}

export interface Architecture {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly blocks: readonly Block[];
}

/** A short readable form, e.g. `64relu>32tanh+` (+ marks a skip). */
export const describe = (a: Architecture): string =>
  a.blocks.map((b) => `${b.units}${b.activation}${b.skip ? '+' : ''}`).join('>') || 'linear';

/** Weights of one layer: blocks, then the output layer. */
export interface LayerWeights { w: tf.Variable; b: tf.Variable }

export interface Net {
  readonly arch: Architecture;
  readonly layers: LayerWeights[];
  dispose(): void;
}

/** Parameter count (for size penalties). */
export const paramCount = (a: Architecture): number => {
  let n = 0, prev = a.inputSize;
  for (const b of [...a.blocks.map((b) => b.units), a.outputSize]) { n += prev * b + b; prev = b; }
  return n;
};

/** A network owning variables made from `weights` (which it takes over and disposes). */
export function netFromWeights(arch: Architecture, weights: readonly { w: tf.Tensor; b: tf.Tensor }[]): Net {
  const layers = weights.map(({ w, b }) => ({ w: tf.variable(w), b: tf.variable(b) }));
  weights.forEach(({ w, b }) => { w.dispose(); b.dispose(); }); // the variables keep their own reference to the data
  return { arch, layers, dispose: () => layers.forEach((l) => { l.w.dispose(); l.b.dispose(); }) };
}

/** A freshly initialized network (Glorot uniform, zero biases). */
export function buildNet(arch: Architecture, seed: number): Net {
  const sizes = [arch.inputSize, ...arch.blocks.map((b) => b.units), arch.outputSize];
  return netFromWeights(arch, sizes.slice(1).map((n, i) => ({
    w: tf.initializers.glorotUniform({ seed: seed * 7919 + i }).apply([sizes[i]!, n]) as tf.Tensor,
    b: tf.zeros([n]),
  })));
}

const act = (a: Activation, x: tf.Tensor): tf.Tensor => (a === 'relu' ? tf.relu(x) : a === 'tanh' ? tf.tanh(x) : tf.elu(x));

/** Logits for a batch. Call inside tf.tidy. */
export function forward(net: Net, x: tf.Tensor2D): tf.Tensor2D {
  let h: tf.Tensor = x;
  net.arch.blocks.forEach((b, i) => {
    const l = net.layers[i]!;
    const z = act(b.activation, tf.add(tf.matMul(h as tf.Tensor2D, l.w as unknown as tf.Tensor2D), l.b));
    h = b.skip && h.shape[1] === b.units ? tf.add(h, z) : z;
  });
  const out = net.layers[net.arch.blocks.length]!;
  return tf.add(tf.matMul(h as tf.Tensor2D, out.w as unknown as tf.Tensor2D), out.b) as tf.Tensor2D;
}

export interface Dataset { readonly x: number[][]; readonly y: number[]; readonly classes: number }

/** Trains for `epochs` epochs with Adam at `lr` (mini-batches of 32), in place. */
export function trainNet(net: Net, data: Dataset, o: { epochs: number; lr: number; rng: Rng; optimizer?: tf.Optimizer }): void {
  const opt = o.optimizer ?? tf.train.adam(o.lr);
  const vars = net.layers.flatMap((l) => [l.w, l.b]);
  const idx = data.x.map((_, i) => i);
  for (let e = 0; e < o.epochs; e++) {
    for (let i = idx.length - 1; i > 0; i--) { const j = o.rng.int(i + 1); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
    for (let s = 0; s < idx.length; s += 32) {
      const bi = idx.slice(s, s + 32);
      tf.tidy(() => {
        const x = tf.tensor2d(bi.map((i) => data.x[i]!));
        const y = tf.oneHot(tf.tensor1d(bi.map((i) => data.y[i]!), 'int32'), data.classes);
        opt.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(net, x)) as tf.Scalar, false, vars);
      });
    }
  }
  if (!o.optimizer) opt.dispose();
}

/** Fraction of `data` classified correctly. */
export function accuracy(net: Net, data: Dataset): number {
  const pred = tf.tidy(() => forward(net, tf.tensor2d(data.x)).argMax(1).dataSync());
  let c = 0;
  for (let i = 0; i < data.y.length; i++) if (pred[i] === data.y[i]) c++;
  return c / data.y.length;
}

/** The network's logits on inputs, as arrays (to check function preservation). */
export function outputs(net: Net, x: number[][]): number[][] {
  return tf.tidy(() => forward(net, tf.tensor2d(x)).arraySync() as number[][]);
}
