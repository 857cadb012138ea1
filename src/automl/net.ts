/**
 * A small dense network described by an Architecture (blocks of width + activation + optional skip), owning its
 * weights as plain tensors so that mutations can rewrite them (network morphism). Trained with Adam, in place.
 */
import { tf } from '../neural/backend.ts';
import type { Rng } from '../util/rng.ts';
import type { AdamW } from './adamw.ts';

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

/** The trainable variables in a fixed order (each layer's weights, then its biases): what optimizers step. */
export const netVariables = (net: Net): tf.Variable[] => net.layers.flatMap((l) => [l.w, l.b]);

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

/** Logits for a batch. Call inside tf.tidy. With `drop`, each hidden block's output is dropped out (training only). */
export function forward(net: Net, x: tf.Tensor2D, drop?: { readonly rate: number; readonly seed: number }): tf.Tensor2D {
  let h: tf.Tensor = x;
  net.arch.blocks.forEach((b, i) => {
    const l = net.layers[i]!;
    const z = act(b.activation, tf.add(tf.matMul(h as tf.Tensor2D, l.w as unknown as tf.Tensor2D), l.b));
    h = b.skip && h.shape[1] === b.units ? tf.add(h, z) : z;
    if (drop && drop.rate > 0) h = tf.dropout(h, drop.rate, undefined, drop.seed + i);
  });
  const out = net.layers[net.arch.blocks.length]!;
  return tf.add(tf.matMul(h as tf.Tensor2D, out.w as unknown as tf.Tensor2D), out.b) as tf.Tensor2D;
}

export interface Dataset { readonly x: number[][]; readonly y: number[]; readonly classes: number }

/** A dataset uploaded once (inputs, one-hot targets), for training or scoring on it many times. */
export interface DeviceDataset { readonly x: tf.Tensor2D; readonly y: tf.Tensor2D; dispose(): void }

/** Uploads `data`; the caller disposes it. */
export function uploadDataset(data: Dataset): DeviceDataset {
  const x = tf.tensor2d(data.x), y = tf.tidy(() => tf.oneHot(tf.tensor1d(data.y, 'int32'), data.classes)) as tf.Tensor2D;
  return { x, y, dispose: () => { x.dispose(); y.dispose(); } };
}

/** A training and a validation set uploaded together, for a run that trains and scores on them many times. */
export interface UploadedSplit { readonly train: DeviceDataset; readonly val: DeviceDataset; dispose(): void }

/** Uploads `train` and `val` (see uploadDataset); the caller disposes both with one call. */
export function uploadSplit(train: Dataset, val: Dataset): UploadedSplit {
  const t = uploadDataset(train), v = uploadDataset(val);
  return { train: t, val: v, dispose: () => { t.dispose(); v.dispose(); } };
}

/** `dev`, checked to hold as many examples as `data`. */
function sameData(data: Dataset, dev: DeviceDataset, who: string): DeviceDataset {
  if (dev.x.shape[0] !== data.x.length) throw new Error(`${who}: the uploaded dataset has ${dev.x.shape[0]} examples, the dataset ${data.x.length}`);
  return dev;
}

/** How a network is trained beyond epochs and learning rate; every field defaults to plain Adam on batches of 32. */
export interface TrainOptions {
  /** Examples per mini-batch (default 32). */
  readonly batchSize?: number;
  /** Decoupled weight decay (AdamW): each step also shrinks the weights by lr·weightDecay (default 0; needs `adam`). */
  readonly weightDecay?: number;
  /** Fraction of each hidden block's outputs dropped while training (default 0). */
  readonly dropout?: number;
  /** Targets mixed with the uniform distribution by this much (default 0). */
  readonly labelSmoothing?: number;
}

/** What `trainNet` takes: epochs, a learning rate, the shuffling generator, and optionally an AdamW that outlives the call. */
export interface TrainNetOptions extends TrainOptions {
  readonly epochs: number;
  /** A rate, or the rate at progress t ∈ [0, 1) through this call's epochs (a schedule; needs `adam`). */
  readonly lr: number | ((t: number) => number);
  readonly rng: Rng;
  /** An AdamW to keep across calls; required for a schedule or weight decay. */
  readonly adam?: AdamW;
  /** `data` as uploaded by `uploadDataset`, kept across calls (default: uploaded for this call). */
  readonly uploaded?: DeviceDataset;
}

/** Trains for `epochs` epochs with Adam (a fresh one, or the given AdamW) on shuffled mini-batches, in place. */
export function trainNet(net: Net, data: Dataset, o: TrainNetOptions): void {
  const batch = o.batchSize ?? 32, decay = o.weightDecay ?? 0, rate = o.dropout ?? 0, smooth = o.labelSmoothing ?? 0;
  if (!(Number.isInteger(batch) && batch >= 1)) throw new Error(`trainNet: batchSize must be a positive integer, got ${batch}`);
  if (!(rate >= 0 && rate < 1)) throw new Error(`trainNet: dropout must be in [0, 1), got ${rate}`);
  if (!(smooth >= 0 && smooth < 1)) throw new Error(`trainNet: labelSmoothing must be in [0, 1), got ${smooth}`);
  if (!(decay >= 0)) throw new Error(`trainNet: weightDecay must be >= 0, got ${decay}`);
  if (!o.adam && (typeof o.lr === 'function' || decay > 0)) throw new Error('trainNet: a learning-rate schedule or weight decay needs an AdamW optimizer (adam)');
  const opt = o.adam ? null : tf.train.adam(o.lr as number);
  const vars = netVariables(net);
  const idx = data.x.map((_, i) => i);
  const steps = Math.ceil(idx.length / batch) * o.epochs;
  const dev = o.uploaded ? sameData(data, o.uploaded, 'trainNet') : uploadDataset(data);
  const loss = (ix: tf.Tensor1D, seed: number) => {
    const logits = forward(net, tf.gather(dev.x, ix) as tf.Tensor2D, rate > 0 ? { rate, seed } : undefined);
    return tf.losses.softmaxCrossEntropy(tf.gather(dev.y, ix), logits, undefined, smooth) as tf.Scalar;
  };
  try {
    let step = 0;
    for (let e = 0; e < o.epochs; e++) {
      for (let i = idx.length - 1; i > 0; i--) { const j = o.rng.int(i + 1); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
      for (let s = 0; s < idx.length; s += batch, step++) {
        const seed = rate > 0 ? o.rng.int(2 ** 30) : 0; // drawn only with dropout, so plain training shuffles as before
        tf.tidy(() => {
          const ix = tf.tensor1d(idx.slice(s, s + batch), 'int32');
          if (opt) { opt.minimize(() => loss(ix, seed), false, vars); return; }
          const { grads } = tf.variableGrads(() => loss(ix, seed), vars);
          const lr = typeof o.lr === 'function' ? o.lr(step / steps) : o.lr;
          o.adam!.step(vars.map((v) => grads[v.name]!), lr, decay);
        });
      }
    }
  } finally {
    if (!o.uploaded) dev.dispose();
    opt?.dispose();
  }
}

/** Fraction of `data` classified correctly (`uploaded`: `data` as uploaded by `uploadDataset`, kept). */
export function accuracy(net: Net, data: Dataset, uploaded?: DeviceDataset): number {
  const pred = tf.tidy(() => forward(net, uploaded ? sameData(data, uploaded, 'accuracy').x : tf.tensor2d(data.x)).argMax(1).dataSync());
  let c = 0;
  for (let i = 0; i < data.y.length; i++) if (pred[i] === data.y[i]) c++;
  return c / data.y.length;
}

/** The network's logits on inputs, as arrays (to check function preservation). */
export function outputs(net: Net, x: number[][]): number[][] {
  return tf.tidy(() => forward(net, tf.tensor2d(x)).arraySync() as number[][]);
}
