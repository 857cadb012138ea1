import type { Rng } from '../../util/rng.ts';
import type { Params, Space } from './space.ts';

/** Where a trial stands: asked and running, finished with a value, stopped early by a pruner, or crashed. */
export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';

/** One evaluated (or running) configuration of a study. */
export interface Trial {
  readonly number: number;
  readonly params: Params;
  readonly state: TrialState;
  /** The final value (complete trials); for samplers and pruners always a loss (lower is better). */
  readonly value?: number;
  /** Intermediate values reported as `[step, value]`, in step order. */
  readonly intermediate: readonly (readonly [number, number])[];
  /** Why a failed trial failed (the objective's exception message). */
  readonly error?: string;
}

/**
 * Where a study keeps its trials. `optimize` only loads once and saves each trial whenever it changes, so a store
 * backed by a database (or shared between worker threads) can resume a killed study.
 */
export interface TrialStore {
  load(): Trial[];
  save(t: Trial): void;
}

/** An in-memory `TrialStore` (the default); `trials` exposes what was saved. */
export function memoryStore(initial: readonly Trial[] = []): TrialStore & { readonly trials: Trial[] } {
  const trials = [...initial];
  return {
    trials,
    load: () => [...trials],
    save: (t) => {
      const i = trials.findIndex((x) => x.number === t.number);
      if (i >= 0) trials[i] = t; else trials.push(t);
    },
  };
}

/** What a sampler sees when asked for the next trial's parameters. */
export interface SampleContext {
  readonly space: Space;
  /** Every earlier trial, values as losses. */
  readonly trials: readonly Trial[];
  /** The number of the trial being sampled. */
  readonly number: number;
  /** A generator derived from the study seed and the trial number, so a resumed study samples identically. */
  readonly rng: Rng;
  /** The study's seed, for a sampler that keeps one generator across trials (CMA-ES) and rebuilds it on resume. */
  readonly seed?: number;
}

/** Proposes the parameters of the next trial from the history. */
export interface Sampler {
  readonly name: string;
  sample(ctx: SampleContext): Params;
}

/** Decides, after an intermediate report, whether a running trial should stop. */
export interface Pruner {
  readonly name: string;
  /** `trial` is the running trial with its latest report; `trials` every trial of the study (losses). */
  prune(trial: Trial, trials: readonly Trial[]): boolean;
}

/**
 * Completed and pruned trials ordered best first, as Optuna's TPE ranks them: complete by value, then pruned by
 * furthest step and its value (a NaN report counts as +∞), then pruned trials that never reported; ties by number.
 */
export function rankTrials(trials: readonly Trial[]): Trial[] {
  const done = trials.filter((t) => t.state === 'complete' && t.value !== undefined && !Number.isNaN(t.value));
  done.sort((a, b) => (a.value as number) - (b.value as number) || a.number - b.number);
  const pruned = trials.filter((t) => t.state === 'pruned');
  const last = (t: Trial): readonly [number, number] => {
    if (t.intermediate.length === 0) return [-Infinity, Infinity];
    const [step, v] = t.intermediate[t.intermediate.length - 1];
    return [step, Number.isNaN(v) ? Infinity : v];
  };
  const cmp = (x: number, y: number): number => (x === y ? 0 : x < y ? -1 : 1);
  pruned.sort((a, b) => cmp(last(b)[0], last(a)[0]) || cmp(last(a)[1], last(b)[1]) || a.number - b.number);
  return [...done, ...pruned];
}
