/**
 * Runs a study with several trials in flight: up to `jobs` evaluations at once (worker threads, or any async
 * evaluator), each asked from and told to one `Study` on this thread, so samplers and pruners see every trial.
 * Stops at `nTrials` trials in the study (resumed ones included), at the time limit, or when `onTrial` says so.
 */
import type { AskedTrial, Study, Trial } from '../optimize/hpo/index.ts';
import type { Clock } from '../util/clock.ts';

/** How one evaluation ended. `values` (several objectives) is scalarized for the sampler; the vector is kept. */
export type TrialOutcome =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'values'; readonly values: readonly number[] }
  | { readonly kind: 'pruned' }
  | { readonly kind: 'failed'; readonly error: string };

/** Evaluates one trial; `report(step, value)` records an intermediate value and says whether to stop (pruned). */
export type Evaluate = (trial: AskedTrial, report: (step: number, value: number) => boolean) => Promise<TrialOutcome>;

/** Options of `runStudy`. */
export interface RunStudyOptions {
  readonly study: Study;
  readonly evaluate: Evaluate;
  /** Total trials in the study, counting resumed ones. */
  readonly nTrials: number;
  /** Trials in flight at once (default 1). */
  readonly jobs?: number;
  /** Stop asking for new trials after this long (running ones finish); needs `clock`. */
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  /** Turns an objective vector into the study's value (default: the first objective). */
  readonly scalarize?: (values: readonly number[]) => number;
  /** Called after each told trial (with its objective vector when it has one); return false to stop asking. */
  readonly onTrial?: (t: Trial, best: Trial | null, values?: readonly number[]) => boolean | void | Promise<boolean | void>;
}

/** What `runStudy` returns: the study's best trial, why it stopped, and counts. */
export interface RunStudyReport {
  readonly best: Trial | null;
  readonly trials: readonly Trial[];
  readonly stopReason: 'evalLimit' | 'timeLimit' | 'aborted';
  readonly stats: Record<string, number>;
}

/** Runs the study to `nTrials` trials with up to `jobs` in flight. */
export async function runStudy(o: RunStudyOptions): Promise<RunStudyReport> {
  const { study } = o;
  const jobs = Math.max(1, o.jobs ?? 1);
  const t0 = o.clock?.now() ?? 0;
  let stopReason: RunStudyReport['stopReason'] = 'evalLimit';
  let stopping = false;
  const outOfTime = () => o.timeoutMs !== undefined && o.clock !== undefined && o.clock.now() - t0 >= o.timeoutMs;
  const started = () => study.trials().length;

  async function lane(): Promise<void> {
    while (!stopping && started() < o.nTrials) {
      if (outOfTime()) { stopReason = 'timeLimit'; stopping = true; break; }
      const asked = study.ask();
      let outcome: TrialOutcome;
      try {
        outcome = await o.evaluate(asked, (step, v) => study.report(asked.number, step, v));
      } catch (e) {
        outcome = { kind: 'failed', error: e instanceof Error ? e.message : String(e) };
      }
      let t: Trial;
      let values: readonly number[] | undefined;
      switch (outcome.kind) {
        case 'value': t = study.tell(asked.number, outcome.value); break;
        case 'values':
          values = outcome.values;
          t = study.tell(asked.number, (o.scalarize ?? ((v) => v[0]!))(values));
          break;
        case 'pruned': t = study.tell(asked.number, 'pruned'); break;
        case 'failed': t = study.tell(asked.number, 'failed', outcome.error); break;
      }
      if (o.onTrial && (await o.onTrial(t, study.best(), values)) === false && !stopping) { stopReason = 'aborted'; stopping = true; }
    }
  }
  await Promise.all(Array.from({ length: jobs }, lane));
  return { best: study.best(), trials: study.trials(), stopReason, stats: study.stats() };
}

/** Runs a user objective on one trial and classifies the result; never throws. */
export async function runObjective(
  objective: (params: AskedTrial['params'], trial: { number: number; report(step: number, value: number): boolean }) => unknown,
  asked: AskedTrial, report: (step: number, value: number) => boolean, nObjectives = 1,
): Promise<TrialOutcome> {
  try {
    const v = await objective(asked.params, { number: asked.number, report });
    if (typeof v === 'number') {
      if (nObjectives > 1) return { kind: 'failed', error: `objective returned one number, expected ${nObjectives} values` };
      return { kind: 'value', value: v };
    }
    if (Array.isArray(v) && v.every((x) => typeof x === 'number')) {
      if (nObjectives === 1 && v.length === 1) return { kind: 'value', value: v[0] as number };
      if (v.length !== nObjectives) return { kind: 'failed', error: `objective returned ${v.length} values, expected ${nObjectives}` };
      return { kind: 'values', values: v as number[] };
    }
    return { kind: 'failed', error: `objective returned ${typeof v}, expected a number${nObjectives > 1 ? ' array' : ''}` };
  } catch (e) {
    // by name as well: a spec loaded in another thread has its own copy of the class
    if (e instanceof Error && e.name === 'TrialPruned') return { kind: 'pruned' };
    return { kind: 'failed', error: e instanceof Error ? e.message : String(e) };
  }
}
