/**
 * Arbor tunes itself: the search's own knobs (engine mix and order, each engine's share of the time, top-down's
 * cost window and constant prior, bottom-up's size limit and example subset) form a search space, and the score
 * of a configuration on a fixed set of tasks — solved count minus a time penalty — is the objective. The best
 * parameters become a `SolveConfig` that `arbor solve` can load.
 */
import { categorical, int, uniform, type Params, type Space } from '../optimize/hpo/index.ts';
import type { Task } from '../task/task.ts';
import type { Clock } from '../util/clock.ts';
import type { TuneObjective } from './objectives.ts';
import { solveWithConfig, type SolveConfig } from './solve-config.ts';

/** Engine mixes the self-tuning space chooses from ('auto': the task type's default order). */
export const ENGINE_MIXES = ['auto', 'topdown', 'bottomup', 'topdown,bottomup', 'bottomup,topdown'] as const;

/** The knobs of `arbor solve` as a search space; engine-specific knobs are conditional on their engine. */
export function selfTuneSpace(): Space {
  const usesTop = { when: { param: 'engines', in: ['auto', 'topdown', 'topdown,bottomup', 'bottomup,topdown'] } };
  const usesBottom = { when: { param: 'engines', in: ['auto', 'bottomup', 'topdown,bottomup', 'bottomup,topdown'] } };
  return {
    engines: categorical([...ENGINE_MIXES]),
    firstShare: uniform(0.2, 0.8, { when: { param: 'engines', in: ['auto', 'topdown,bottomup', 'bottomup,topdown'] } }),
    'topdown.step': uniform(0.5, 3, usesTop),
    'topdown.constantLogp': uniform(-4, 0, usesTop),
    'bottomup.maxCost': int(15, 80, usesBottom),
    'bottomup.examples': int(2, 8, usesBottom),
    'bottomup.lambdas': categorical([true, false], usesBottom),
  };
}

/** The configuration a trial's parameters describe. */
export function configFromParams(p: Params): SolveConfig {
  const mix = String(p.engines ?? 'auto');
  const engines = mix === 'auto' ? null : mix.split(',');
  const top: Record<string, number> = {}, bottom: Record<string, number | boolean> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k.startsWith('topdown.')) top[k.slice(8)] = v as number;
    if (k.startsWith('bottomup.')) bottom[k.slice(9)] = v as number | boolean;
  }
  const share = typeof p.firstShare === 'number' ? p.firstShare : null;
  const n = engines?.length ?? 2;
  return {
    version: 1, engines,
    ...(share !== null && n === 2 ? { shares: [share, 1 - share] } : {}),
    engineOptions: { ...(Object.keys(top).length ? { topdown: top } : {}), ...(Object.keys(bottom).length ? { bottomup: bottom } : {}) },
  };
}

/** Options of `selfTuneObjective`. */
export interface SelfTuneOptions {
  readonly tasks: readonly Task[];
  /** Time per task, ms. */
  readonly timeoutMs: number;
  readonly clock: Clock;
  /** Score lost per second spent over all tasks (default 0.05: 20 s of search weigh one task). */
  readonly timePenalty?: number;
  /** Called after each configuration is scored (for reports). */
  readonly onScore?: (s: SelfTuneScore) => void;
}

/** How a configuration did on the task set. */
export interface SelfTuneScore {
  readonly config: SolveConfig;
  readonly solved: number;
  readonly seconds: number;
  readonly value: number;
  readonly solvedNames: readonly string[];
}

/** Scores a configuration: solved count minus `timePenalty` × seconds. */
export async function scoreConfig(config: SolveConfig, o: SelfTuneOptions): Promise<SelfTuneScore> {
  let solved = 0, ms = 0;
  const solvedNames: string[] = [];
  for (const task of o.tasks) {
    const r = await solveWithConfig(task, config, { timeoutMs: o.timeoutMs, clock: o.clock });
    ms += r.ms;
    if (r.program) { solved++; solvedNames.push(task.name); }
  }
  const seconds = ms / 1000;
  const s = { config, solved, seconds, value: solved - (o.timePenalty ?? 0.05) * seconds, solvedNames };
  o.onScore?.(s);
  return s;
}

/** The objective (maximize): solved count minus the time penalty, for a configuration's parameters. */
export function selfTuneObjective(o: SelfTuneOptions): TuneObjective {
  return async (params) => (await scoreConfig(configFromParams(params), o)).value;
}
