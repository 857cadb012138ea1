/**
 * The recognition model (DreamCoder's Q(ρ | task)): reads a task's examples and outputs a grammar for it — a
 * weight per library entry — so search tries likely primitives first. Implements search's `Prior`.
 * Featurizer: each example (inputs and output) is serialized to characters, embedded, and read by a 1-D
 * convolution with max-pooling over time (a sequence encoder for strings, lists and grids alike); example
 * encodings are averaged; an MLP maps them to one logit per primitive plus one for variables.
 * Trained on (task, programs) pairs — replays of solved tasks and fantasies from the library — to maximize the
 * programs' (unigram) log-likelihood under the predicted grammar.
 */
import type { Expr } from '../lang/expr.ts';
import { untypedJson } from '../lang/value.ts';
import type { Grammar, Prior } from '../search/grammar.ts';
import type { Task } from '../task/task.ts';
import type { Rng } from '../util/rng.ts';
import { tf } from './backend.ts';

const VOCAB = 98; // printable ASCII (32..126), plus 'other' and padding
const SEQ = 96;

/** Characters of one example, input then a separator then output, as token ids (0 = padding). */
export function exampleTokens(inputs: readonly unknown[], output: unknown): number[] {
  const text = `${inputs.map((x) => JSON.stringify(untypedJson(x))).join(' ')} → ${JSON.stringify(untypedJson(output))}`;
  const ids: number[] = [];
  for (const ch of text) {
    if (ids.length >= SEQ) break;
    const c = ch.codePointAt(0)!;
    ids.push(c >= 32 && c <= 126 ? c - 31 : 96);
  }
  while (ids.length < SEQ) ids.push(0);
  return ids;
}

/** Counts of each production in a program: primitive names, and '$var' for variables. */
export function productionCounts(e: Expr, out = new Map<string, number>()): Map<string, number> {
  switch (e.kind) {
    case 'prim': out.set(e.name, (out.get(e.name) ?? 0) + 1); break;
    case 'var': out.set('$var', (out.get('$var') ?? 0) + 1); break;
    case 'app': productionCounts(e.fn, out); productionCounts(e.arg, out); break;
    case 'lam': productionCounts(e.body, out); break;
    default: break;
  }
  return out;
}

export interface RecognitionOptions {
  /** The productions the model scores (library entry names). */
  readonly names: readonly string[];
  readonly seed: number;
  readonly hidden?: number;
  /** At most this many examples are read per task. */
  readonly maxExamples?: number;
}

export interface TrainingPair {
  readonly task: Task;
  readonly programs: readonly Expr[];
}

/** A recognition model that owns its tensors (dispose when done). */
export class RecognitionModel implements Prior {
  readonly names: readonly string[];
  private readonly vars: tf.Variable[];
  private readonly emb: tf.Variable;
  private readonly conv: tf.Variable;
  private readonly w1: tf.Variable;
  private readonly b1: tf.Variable;
  private readonly w2: tf.Variable;
  private readonly b2: tf.Variable;
  private readonly maxExamples: number;

  constructor(o: RecognitionOptions) {
    this.names = o.names;
    this.maxExamples = o.maxExamples ?? 8;
    const h = o.hidden ?? 64, out = o.names.length + 1;
    const g = (shape: number[], k: number) => tf.variable(tf.initializers.glorotUniform({ seed: o.seed * 13 + k }).apply(shape) as tf.Tensor);
    this.emb = g([VOCAB, 16], 1);
    this.conv = g([5, 16, 48], 2);
    this.w1 = g([48, h], 3);
    this.b1 = tf.variable(tf.zeros([h]));
    this.w2 = g([h, out], 4);
    this.b2 = tf.variable(tf.zeros([out]));
    this.vars = [this.emb, this.conv, this.w1, this.b1, this.w2, this.b2];
  }

  /** Logits for one task: [names.length + 1] (last = variables). */
  private logits(task: Task): tf.Tensor1D {
    const exs = [...task.train].slice(0, this.maxExamples);
    const ids = exs.length ? exs.map((e) => exampleTokens(e.inputs, e.output)) : [new Array(SEQ).fill(0)];
    const x = tf.gather(this.emb, tf.tensor2d(ids, [ids.length, SEQ], 'int32')) as tf.Tensor3D; // [n, SEQ, 16]
    const c = tf.relu(tf.conv1d(x, this.conv as tf.Tensor3D, 1, 'same')); // [n, SEQ, 48]
    const pooled = tf.mean(tf.max(c, 1), 0, true) as tf.Tensor2D; // [1, 48]
    const hid = tf.relu(tf.add(tf.matMul(pooled, this.w1 as tf.Tensor2D), this.b1));
    return tf.add(tf.matMul(hid, this.w2 as tf.Tensor2D), this.b2).reshape([this.names.length + 1]) as tf.Tensor1D;
  }

  /** Log-probabilities per name (and for variables) for a task: the search's grammar. */
  grammarFor(task: Task): Grammar {
    const lp = tf.tidy(() => tf.logSoftmax(this.logits(task)).dataSync());
    const weights = new Map<string, number>();
    this.names.forEach((n, i) => weights.set(n, lp[i]!));
    return { weights, variable: lp[this.names.length]! };
  }

  /** Trains on replays/fantasies; returns the mean loss per epoch. */
  train(pairs: readonly TrainingPair[], o: { epochs: number; rng: Rng; learningRate?: number }): number[] {
    const index = new Map(this.names.map((n, i) => [n, i]));
    const targets = pairs.map((p) => {
      const t = new Float32Array(this.names.length + 1);
      for (const prog of p.programs)
        for (const [name, c] of productionCounts(prog)) {
          const i = name === '$var' ? this.names.length : index.get(name);
          if (i !== undefined) t[i]! += c;
        }
      const s = t.reduce((a, b) => a + b, 0);
      return s > 0 ? t.map((v) => v / s) : t;
    });
    // words of the embedding get no gradient from the gather op on wasm (no UnsortedSegmentSum): train it by
    // a one-hot matmul instead; see logitsTrainable
    const opt = tf.train.adam(o.learningRate ?? 0.005);
    const order = pairs.map((_, i) => i);
    const losses: number[] = [];
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) { const j = o.rng.int(i + 1); [order[i], order[j]] = [order[j]!, order[i]!]; }
      let total = 0;
      for (let b = 0; b < order.length; b += 16) {
        const batch = order.slice(b, b + 16).filter((i) => targets[i]!.some((v) => v > 0));
        if (!batch.length) continue;
        const cost = opt.minimize(() => {
          const ls = batch.map((i) => tf.neg(tf.sum(tf.mul(tf.tensor1d(targets[i]!), tf.logSoftmax(this.logitsTrainable(pairs[i]!.task))))));
          return tf.div(tf.addN(ls), batch.length) as tf.Scalar;
        }, true, this.vars);
        total += cost!.dataSync()[0]! * batch.length;
        cost!.dispose();
      }
      losses.push(total / Math.max(1, pairs.length));
    }
    opt.dispose();
    return losses;
  }

  /** Same as logits, with the embedding looked up by a one-hot product (differentiable on every backend). */
  private logitsTrainable(task: Task): tf.Tensor1D {
    const exs = [...task.train].slice(0, this.maxExamples);
    const ids = exs.length ? exs.map((e) => exampleTokens(e.inputs, e.output)) : [new Array(SEQ).fill(0)];
    const oh = tf.oneHot(tf.tensor1d(ids.flat(), 'int32'), VOCAB).toFloat(); // [n*SEQ, VOCAB]
    const x = tf.matMul(oh, this.emb as tf.Tensor2D).reshape([ids.length, SEQ, 16]) as tf.Tensor3D;
    const c = tf.relu(tf.conv1d(x, this.conv as tf.Tensor3D, 1, 'same'));
    const pooled = tf.mean(tf.max(c, 1), 0, true) as tf.Tensor2D;
    const hid = tf.relu(tf.add(tf.matMul(pooled, this.w1 as tf.Tensor2D), this.b1));
    return tf.add(tf.matMul(hid, this.w2 as tf.Tensor2D), this.b2).reshape([this.names.length + 1]) as tf.Tensor1D;
  }

  dispose(): void {
    this.vars.forEach((v) => v.dispose());
  }
}
