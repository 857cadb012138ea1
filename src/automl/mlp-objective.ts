/**
 * A cross-validated dense classifier as an objective: the trained model's measures (accuracy, size, latency) go
 * to a user function, e.g. accuracy minus a size penalty. Kept apart from objectives.ts so that tuning a plain
 * function does not load TensorFlow.js.
 */
import { accuracy, buildNet, netVariables, paramCount, trainNet, uploadSplit, type Activation, type Architecture, type Dataset, type TrainOptions } from './net.ts';
import { adamW } from './adamw.ts';
import { asLrSchedule, lrFactor, lrSchedules, type LrSchedule } from './lr-schedule.ts';
import { categorical, int, logUniform, uniform, TrialPruned, type Params, type Space } from '../optimize/hpo/index.ts';
import type { TuneObjective } from './objectives.ts';
import type { Clock } from '../util/clock.ts';
import { rng } from '../util/rng.ts';

/** What the dense-net objective measures of a trained model, for the user's function. */
export interface ModelMeasures {
  /** Mean validation accuracy over the folds. */
  readonly accuracy: number;
  readonly params: number;
  /** Mean milliseconds to classify one validation example (0 without a clock). */
  readonly latencyMs: number;
  readonly epochs: number;
  readonly arch: Architecture;
}

/** Options of `mlpObjective`. */
export interface MlpObjectiveOptions {
  readonly data: Dataset;
  /** k of k-fold cross-validation (default 3). */
  readonly folds?: number;
  /** Epochs per trial; accuracy is reported after each, so a pruner can stop the trial early (default 20). */
  readonly maxEpochs?: number;
  /** Turns the trained model's measures into the objective (default: accuracy). */
  readonly measure?: (m: ModelMeasures) => number | readonly number[];
  /** Called once per epoch actually trained (all folds), to count compute. */
  readonly onEpoch?: () => void;
  /** Times prediction for latency; omit to skip (the pure core reads no clock itself). */
  readonly clock?: Clock;
  readonly seed?: number;
  /** Scale each input to zero mean and unit variance, with statistics of each fold's training part (default false). */
  readonly standardize?: boolean;
}

/** Standardizes both parts of a fold with the training part's per-feature mean and deviation. */
function standardizeFold(f: { train: Dataset; val: Dataset }): { train: Dataset; val: Dataset } {
  const d = f.train.x[0]!.length, n = f.train.x.length;
  const mean = new Array<number>(d).fill(0), sd = new Array<number>(d).fill(0);
  for (const x of f.train.x) for (let j = 0; j < d; j++) mean[j]! += x[j]! / n;
  for (const x of f.train.x) for (let j = 0; j < d; j++) sd[j]! += (x[j]! - mean[j]!) ** 2 / n;
  const scale = (xs: readonly (readonly number[])[]) => xs.map((x) => x.map((v, j) => (v - mean[j]!) / (Math.sqrt(sd[j]!) || 1)));
  return { train: { ...f.train, x: scale(f.train.x) }, val: { ...f.val, x: scale(f.val.x) } };
}

/**
 * Architecture and training from parameters `layers`, `units` (or `units0…`), `activation`, `lr`, and optionally
 * `batchSize`, `weightDecay`, `dropout`, `labelSmoothing`, `schedule` (absent ones take `trainNet`'s defaults).
 */
export function mlpFromParams(p: Params, inputSize: number, outputSize: number): {
  arch: Architecture; lr: number; train: TrainOptions; schedule: LrSchedule;
} {
  const layers = Number(p.layers ?? 1), units = Number(p.units ?? 64);
  const activation = String(p.activation ?? 'relu') as Activation;
  const blocks = Array.from({ length: layers }, (_, i) => ({ units: Number(p[`units${i}`] ?? units), activation, skip: false }));
  const num = (name: string) => (p[name] === undefined ? undefined : Number(p[name]));
  const train: TrainOptions = {
    batchSize: num('batchSize'), weightDecay: num('weightDecay'), dropout: num('dropout'), labelSmoothing: num('labelSmoothing'),
  };
  return { arch: { inputSize, outputSize, blocks }, lr: Number(p.lr ?? 0.003), train, schedule: asLrSchedule(p.schedule ?? 'constant') };
}

/** Stratification-free k folds over a seeded permutation. */
function folds(data: Dataset, k: number, seed: number): { train: Dataset; val: Dataset }[] {
  const r = rng(seed), idx = data.x.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) { const j = r.int(i + 1); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
  const pick = (ix: number[]): Dataset => ({ x: ix.map((i) => data.x[i]!), y: ix.map((i) => data.y[i]!), classes: data.classes });
  return Array.from({ length: k }, (_, f) => ({
    train: pick(idx.filter((_, i) => i % k !== f)), val: pick(idx.filter((_, i) => i % k === f)),
  }));
}

/**
 * A dense classifier trained with k-fold cross-validation, the folds in lockstep one epoch at a time; the mean
 * validation accuracy is reported after each epoch (step = epoch), and a pruned trial throws `TrialPruned`.
 */
export function mlpObjective(o: MlpObjectiveOptions): TuneObjective {
  const k = o.folds ?? 3, maxEpochs = o.maxEpochs ?? 20;
  const split = folds(o.data, k, o.seed ?? 1).map((f) => (o.standardize ? standardizeFold(f) : f));
  return (params, trial) => {
    const { arch, lr, train, schedule } = mlpFromParams(params, o.data.x[0]!.length, o.data.classes);
    const nets = split.map((_, f) => buildNet(arch, (o.seed ?? 1) * 1000 + trial.number * 10 + f));
    // one Adam per fold for the whole trial: training one epoch at a time must not reset its moments
    const optimizers = nets.map((n) => adamW(netVariables(n)));
    // each fold uploaded once for the trial, not once per epoch
    const dev = split.map((s) => uploadSplit(s.train, s.val));
    try {
      const r = rng((o.seed ?? 1) + trial.number);
      let acc = 0, epochs = 0;
      for (let e = 1; e <= maxEpochs; e++) {
        // the schedule spans the whole trial (maxEpochs), whether or not a pruner stops it sooner
        const at = (t: number) => lr * lrFactor(schedule, (e - 1 + t) / maxEpochs);
        split.forEach((s, f) => trainNet(nets[f]!, s.train, { ...train, epochs: 1, lr: at, rng: r, adam: optimizers[f]!, uploaded: dev[f]!.train }));
        epochs = e;
        o.onEpoch?.();
        acc = split.reduce((sum, s, f) => sum + accuracy(nets[f]!, s.val, dev[f]!.val), 0) / k;
        if (trial.report(e, acc)) throw new TrialPruned();
      }
      let latencyMs = 0;
      if (o.clock) {
        const t0 = o.clock.now();
        accuracy(nets[0]!, split[0]!.val);
        latencyMs = (o.clock.now() - t0) / split[0]!.val.y.length;
      }
      const m: ModelMeasures = { accuracy: acc, params: paramCount(arch), latencyMs, epochs, arch };
      return o.measure ? o.measure(m) : m.accuracy;
    } finally {
      nets.forEach((n) => n.dispose());
      optimizers.forEach((opt) => opt.dispose());
      dev.forEach((d) => d.dispose());
    }
  };
}

/** Options of `mlpSpace`. */
export interface MlpSpaceOptions {
  readonly maxLayers?: number;
  readonly minUnits?: number;
  readonly maxUnits?: number;
  /** Also tune how the net is trained: batch size, AdamW weight decay, dropout, label smoothing, lr schedule. */
  readonly training?: boolean;
}

/** The dense-net space `mlpFromParams` reads: depth, width, activation, Adam learning rate (and training knobs). */
export function mlpSpace(o: MlpSpaceOptions = {}): Space {
  return {
    layers: int(1, o.maxLayers ?? 3),
    units: int(o.minUnits ?? 16, o.maxUnits ?? 256, { log: true }),
    activation: categorical(['relu', 'tanh', 'elu']),
    lr: logUniform(1e-4, 3e-2),
    ...(o.training ? {
      batchSize: categorical([16, 32, 64, 128]),
      weightDecay: logUniform(1e-4, 1),
      dropout: uniform(0, 0.5),
      labelSmoothing: uniform(0, 0.2),
      schedule: categorical([...lrSchedules]),
    } : {}),
  };
}
