/**
 * Training by abduction, for skeletons with no differentiable relaxation (as in DeepProbLog's and ABL's
 * abductive learning): for each example, search the neural module's possible outputs, most probable first, for an
 * assignment under which the program reproduces the example's output; then train the module on those outputs.
 */
import type { Expr } from '../lang/expr.ts';
import type { PrimitiveSet } from '../lang/primitive.ts';
import { evaluate } from '../lang/evaluate.ts';
import { valueEquals } from '../lang/value.ts';
import type { Example } from '../task/task.ts';
import type { Rng } from '../util/rng.ts';
import { tf } from './backend.ts';
import { flatten, invalidate, setOverride } from './primitive.ts';
import { collectInputs, moduleOf, theNeuralPrimitive } from './train.ts';

export interface AbductionOptions {
  readonly program: Expr;
  readonly prims: PrimitiveSet;
  readonly examples: readonly Example[];
  readonly epochs: number;
  readonly rng: Rng;
  /** Hypotheses (program runs) tried per example before giving up on it this epoch. */
  readonly maxTries?: number;
  readonly learningRate?: number;
}

export interface AbductionReport {
  /** Per epoch: the fraction of examples for which a consistent assignment was found. */
  readonly abduced: readonly number[];
  readonly losses: readonly number[];
}

/** Best-first search over label assignments by joint log-probability; returns the first consistent one. */
export function abduce(program: Expr, prims: PrimitiveSet, ex: Example, inputs: readonly unknown[], logp: readonly Float32Array[], maxTries: number): Map<unknown, number> | null {
  const prim = theNeuralPrimitive(prims);
  const k = logp[0]?.length ?? 0;
  // each input's labels in order of preference
  const ranked = logp.map((lp) => Array.from({ length: k }, (_, i) => i).sort((a, b) => lp[b]! - lp[a]!));
  const score = (choice: readonly number[]) => choice.reduce((s, c, i) => s + logp[i]![ranked[i]![c]!]!, 0);
  const seen = new Set<string>();
  const queue: { choice: number[]; score: number }[] = [{ choice: inputs.map(() => 0), score: 0 }];
  queue[0]!.score = score(queue[0]!.choice);
  try {
    for (let tries = 0; tries < maxTries && queue.length; tries++) {
      queue.sort((a, b) => b.score - a.score);
      const { choice } = queue.shift()!;
      const labels = new Map(inputs.map((x, i) => [x, ranked[i]![choice[i]!]!]));
      setOverride(prim, labels);
      const r = evaluate(program, ex.inputs, { prims, fuel: 100_000 });
      if (r.ok && valueEquals(r.value, ex.output)) return labels;
      for (let i = 0; i < choice.length; i++) {
        if (choice[i]! + 1 >= k) continue;
        const next = [...choice];
        next[i]!++;
        const key = next.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        queue.push({ choice: next, score: score(next) });
      }
    }
    return null;
  } finally {
    setOverride(prim, null);
  }
}

export function trainByAbduction(o: AbductionOptions): AbductionReport {
  const prim = theNeuralPrimitive(o.prims);
  const mod = moduleOf(prim);
  const inputSize = mod.model.inputs[0]!.shape[1] as number;
  const opt = tf.train.adam(o.learningRate ?? 0.01);
  const abduced: number[] = [], losses: number[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const xs: number[][] = [], ys: number[] = [];
    let found = 0;
    for (const ex of o.examples) {
      const set = new Set<unknown>();
      for (const x of ex.inputs) collectInputs(x, inputSize, set);
      const inputs = [...set];
      if (!inputs.length) continue;
      const logp = tf.tidy(() => tf.unstack(tf.logSoftmax(mod.apply(tf.tensor2d(inputs.map(flatten))))).map((t) => t.dataSync() as Float32Array));
      const labels = abduce(o.program, o.prims, ex, inputs, logp, o.maxTries ?? 50);
      if (!labels) continue;
      found++;
      for (const [x, y] of labels) { xs.push(flatten(x)); ys.push(y); }
    }
    abduced.push(found / o.examples.length);
    let total = 0;
    for (let b = 0; b < xs.length; b += 64) {
      const bx = xs.slice(b, b + 64), by = ys.slice(b, b + 64);
      const k = mod.model.outputs[0]!.shape[1] as number;
      const cost = opt.minimize(() => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(by, 'int32'), k), mod.apply(tf.tensor2d(bx))) as tf.Scalar, true, mod.trainableWeights());
      total += cost!.dataSync()[0]! * bx.length;
      cost!.dispose();
    }
    losses.push(xs.length ? total / xs.length : NaN);
    invalidate(prim);
  }
  opt.dispose();
  return { abduced, losses };
}
