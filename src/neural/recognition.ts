/**
 * The recognition model (DreamCoder's Q(ρ | task)): reads a task's examples and outputs a grammar for it — a
 * weight per library entry — so search tries likely primitives first. Implements search's `Prior`.
 * Featurizer per domain (src/neural/featurize.ts), chosen by the task's type: a 2-D convolutional encoder for
 * grid tasks (grid inputs and output), a character sequence encoder (1-D convolution) for everything else.
 * Each featurizer has its own hidden layer; the output layer, one logit per primitive plus one for variables,
 * is shared.
 * Trained on (task, programs) pairs — replays of solved tasks and fantasies from the library — to maximize the
 * programs' (unigram) log-likelihood under the predicted grammar.
 */
import type { Expr } from '../lang/expr.ts';
import type { Grammar, Prior } from '../search/grammar.ts';
import type { Task } from '../task/task.ts';
import type { Rng } from '../util/rng.ts';
import { tf } from './backend.ts';
import { featurizerKind, GridFeaturizer, SequenceFeaturizer, type Featurizer, type FeaturizerKind } from './featurize.ts';

export { exampleTokens, featurizerKind } from './featurize.ts';

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

/** A featurizer and the hidden layer that reads its vector. */
interface Encoder {
  readonly featurizer: Featurizer;
  readonly w1: tf.Variable;
  readonly b1: tf.Variable;
}

/** A recognition model that owns its tensors (dispose when done). */
export class RecognitionModel implements Prior {
  readonly names: readonly string[];
  private readonly vars: tf.Variable[];
  private readonly encoders: Readonly<Record<FeaturizerKind, Encoder>>;
  private readonly w2: tf.Variable;
  private readonly b2: tf.Variable;
  private readonly maxExamples: number;

  constructor(o: RecognitionOptions) {
    this.names = o.names;
    this.maxExamples = o.maxExamples ?? 8;
    const h = o.hidden ?? 64, out = o.names.length + 1;
    const g = (shape: number[], k: number) => tf.variable(tf.initializers.glorotUniform({ seed: o.seed * 13 + k }).apply(shape) as tf.Tensor);
    const encoder = (featurizer: Featurizer, k: number): Encoder => ({ featurizer, w1: g([featurizer.size, h], k), b1: tf.variable(tf.zeros([h])) });
    this.encoders = { sequence: encoder(new SequenceFeaturizer(g), 3), grid: encoder(new GridFeaturizer(g), 7) };
    this.w2 = g([h, out], 4);
    this.b2 = tf.variable(tf.zeros([out]));
    this.vars = [
      ...Object.values(this.encoders).flatMap((e) => [...e.featurizer.variables, e.w1, e.b1]),
      this.w2, this.b2,
    ];
  }

  /** Which featurizer reads this task ('grid' for grid-to-grid tasks, else 'sequence'). */
  featurizerFor(task: Task): FeaturizerKind {
    return featurizerKind(task.type);
  }

  /** Logits for one task: [names.length + 1] (last = variables). Differentiable in the model's variables. */
  private logits(task: Task): tf.Tensor1D {
    const e = this.encoders[this.featurizerFor(task)];
    const feats = e.featurizer.features(task, this.maxExamples); // [1, size]
    const hid = tf.relu(tf.add(tf.matMul(feats, e.w1 as tf.Tensor2D), e.b1));
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
    const opt = tf.train.adam(o.learningRate ?? 0.005);
    const order = pairs.map((_, i) => i);
    const losses: number[] = [];
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) { const j = o.rng.int(i + 1); [order[i], order[j]] = [order[j]!, order[i]!]; }
      let total = 0;
      for (let b = 0; b < order.length; b += 16) {
        const batch = order.slice(b, b + 16).filter((i) => targets[i]!.some((v) => v > 0));
        if (!batch.length) continue;
        // always the full variable list: Adam keeps its moments by position in it (an encoder this batch does
        // not use gets no gradient and is skipped)
        const cost = opt.minimize(() => {
          const ls = batch.map((i) => tf.neg(tf.sum(tf.mul(tf.tensor1d(targets[i]!), tf.logSoftmax(this.logits(pairs[i]!.task))))));
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

  dispose(): void {
    this.vars.forEach((v) => v.dispose());
  }
}
