import { rng as makeRng } from '../../util/rng.ts';
import type { StopReason } from '../optimizer.ts';
import { randomSampler } from './random.ts';
import { checkSpace, type Params, type Space } from './space.ts';
import { memoryStore, type Pruner, type Sampler, type Trial, type TrialStore } from './trial.ts';

/** Options of a study. */
export interface StudyOptions {
  readonly sampler?: Sampler;
  readonly pruner?: Pruner;
  readonly seed?: number;
  readonly direction?: 'minimize' | 'maximize';
  /** Where trials persist (default: in memory). Trials found there are resumed; ones left running count as failed. */
  readonly store?: TrialStore;
}

/** A trial handed out by `ask`. */
export interface AskedTrial {
  readonly number: number;
  readonly params: Params;
}

/** Hyperparameter search by ask/tell: ask for parameters, report intermediate values, tell the result. */
export interface Study {
  ask(): AskedTrial;
  /** Records an intermediate value; returns true when the pruner says the trial should stop. */
  report(number: number, step: number, value: number): boolean;
  /** Finishes a trial with its value, or as pruned (its last report stands) or failed. */
  tell(number: number, result: number | 'pruned' | 'failed', error?: string): Trial;
  trials(): readonly Trial[];
  /** The best complete trial (in the study's direction), or null. */
  best(): Trial | null;
  stats(): Record<string, number>;
}

/** Derives the generator of trial `number` from the study seed, so resumed studies sample the same way. */
const trialRng = (seed: number, number: number) => makeRng((Math.imul(seed, 0x2c1b3c6d) ^ Math.imul(number + 1, 0x297a2d39)) >>> 0);

/** Creates a study over `space`; see `StudyOptions`. */
export function createStudy(space: Space, o: StudyOptions = {}): Study {
  checkSpace(space);
  const sampler = o.sampler ?? randomSampler(), pruner = o.pruner, seed = o.seed ?? 1;
  const sign = o.direction === 'maximize' ? -1 : 1;
  const store = o.store ?? memoryStore();
  const trials: Trial[] = store.load().map((t) => (t.state === 'running' ? { ...t, state: 'failed' } : t));
  trials.sort((a, b) => a.number - b.number);
  for (const t of trials) store.save(t);
  const stats: Record<string, number> = { resumed: trials.length, asked: 0, complete: 0, pruned: 0, failed: 0 };

  /** Samplers and pruners always minimise: they see values times `sign`. */
  const asLoss = (t: Trial): Trial => (sign === 1 ? t : {
    ...t, value: t.value === undefined ? undefined : -t.value,
    intermediate: t.intermediate.map(([s, v]) => [s, -v] as const),
  });
  const find = (number: number): number => {
    const i = trials.findIndex((t) => t.number === number);
    if (i < 0) throw new Error(`study: no trial ${number}`);
    if (trials[i].state !== 'running') throw new Error(`study: trial ${number} is already ${trials[i].state}`);
    return i;
  };
  const put = (i: number, t: Trial): Trial => { trials[i] = t; store.save(t); return t; };

  return {
    ask() {
      // the lowest free number: a trial a killed run left unfinished (its store forgot it) is asked again as itself
      let number = 0;
      for (const t of trials) { if (t.number !== number) break; number++; }
      const params = sampler.sample({ space, trials: trials.map(asLoss), number, rng: trialRng(seed, number), seed });
      const t: Trial = { number, params, state: 'running', intermediate: [] };
      trials.splice(number, 0, t); store.save(t); stats.asked++;
      return { number, params };
    },
    report(number, step, value) {
      const i = find(number);
      const t = trials[i];
      const intermediate = [...t.intermediate.filter(([s]) => s !== step), [step, value] as const].sort((a, b) => a[0] - b[0]);
      const next = put(i, { ...t, intermediate });
      return pruner ? pruner.prune(asLoss(next), trials.map(asLoss)) : false;
    },
    tell(number, result, error) {
      const i = find(number);
      const state = typeof result === 'number' ? 'complete' : result;
      stats[state]++;
      return put(i, {
        ...trials[i], state, ...(typeof result === 'number' ? { value: result } : {}), ...(error === undefined ? {} : { error }),
      });
    },
    trials: () => trials,
    best() {
      let b: Trial | null = null;
      for (const t of trials) {
        if (t.state === 'complete' && !Number.isNaN(t.value) && (b === null || sign * (t.value as number) < sign * (b.value as number))) b = t;
      }
      return b;
    },
    stats: () => ({ ...stats }),
  };
}

/** Handed to the objective so it can report intermediate values and learn whether to stop early. */
export interface TrialContext {
  readonly number: number;
  /** Records the value at `step` (e.g. an epoch); returns true when the trial should stop: throw `pruned()`. */
  report(step: number, value: number): boolean;
}

/** Thrown by an objective that stops because its trial was pruned. */
export class TrialPruned extends Error {
  constructor() { super('trial pruned'); this.name = 'TrialPruned'; }
}

/** Options of `optimize`. */
export interface OptimizeOptions extends StudyOptions {
  /** Total trials in the study, counting resumed ones (default 100). */
  readonly nTrials?: number;
  /** Called after each trial; return false to stop. */
  readonly onTrial?: (t: Trial, best: Trial | null) => boolean | void;
}

/** What `optimize` returns. */
export interface OptimizeResult {
  readonly best: Trial | null;
  readonly trials: readonly Trial[];
  readonly stopReason: StopReason;
  readonly stats: Record<string, number>;
}

/** One trial's outcome as the driver hands it back to `trialLoop`: the objective's value, or what it threw. */
type Outcome = { readonly value: number } | { readonly thrown: unknown };

/**
 * The study loop shared by `optimize` and `optimizeAsync`: yields each asked trial for the driver to evaluate (calling
 * the objective, awaited or not), records the outcome it is sent back, and returns the result. A `TrialPruned` ends
 * its trial as pruned; any other exception marks the trial failed and is not rethrown.
 */
function* trialLoop(space: Space, o: OptimizeOptions): Generator<{ params: Params; trial: TrialContext }, OptimizeResult, Outcome> {
  const study = createStudy(space, o);
  const nTrials = o.nTrials ?? 100;
  let stopReason: StopReason = 'evalLimit';
  while (study.trials().length < nTrials) {
    const { number, params } = study.ask();
    const outcome = yield { params, trial: { number, report: (step, v) => study.report(number, step, v) } };
    const t = 'value' in outcome ? study.tell(number, outcome.value)
      : outcome.thrown instanceof TrialPruned ? study.tell(number, 'pruned')
        : study.tell(number, 'failed', outcome.thrown instanceof Error ? outcome.thrown.message : String(outcome.thrown));
    if (o.onTrial && o.onTrial(t, study.best()) === false) { stopReason = 'aborted'; break; }
  }
  return { best: study.best(), trials: study.trials(), stopReason, stats: study.stats() };
}

/**
 * Runs a study to `nTrials`: samples parameters, calls `objective(params, trial)`, records the value. An objective
 * that throws `TrialPruned` ends its trial as pruned; any other exception marks the trial failed and is not rethrown.
 */
export function optimize(
  objective: (params: Params, trial: TrialContext) => number, space: Space, o: OptimizeOptions = {},
): OptimizeResult {
  const loop = trialLoop(space, o);
  for (let step = loop.next(); ; ) {
    if (step.done) return step.value;
    let outcome: Outcome;
    try { outcome = { value: objective(step.value.params, step.value.trial) }; } catch (thrown) { outcome = { thrown }; }
    step = loop.next(outcome);
  }
}

/** `optimize` for objectives that return a promise (e.g. training a TensorFlow.js model); trials run one at a time. */
export async function optimizeAsync(
  objective: (params: Params, trial: TrialContext) => Promise<number>, space: Space, o: OptimizeOptions = {},
): Promise<OptimizeResult> {
  const loop = trialLoop(space, o);
  for (let step = loop.next(); ; ) {
    if (step.done) return step.value;
    let outcome: Outcome;
    try { outcome = { value: await objective(step.value.params, step.value.trial) }; } catch (thrown) { outcome = { thrown }; }
    step = loop.next(outcome);
  }
}
