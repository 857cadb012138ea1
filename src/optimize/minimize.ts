import type { Clock } from '../util/clock.ts';
import type { Optimizer, StopReason, Strategy } from './optimizer.ts';

/** Limits and hooks of one `minimize` run. */
export interface MinimizeOptions {
  /** Evaluation budget; `f` is never called more often (default 10,000). */
  readonly maxEvals?: number;
  /** Stop as soon as a value ≤ target is seen (default -Infinity: never). */
  readonly target?: number;
  /** Wall-time limit in ms, measured on `clock` (both or neither). */
  readonly timeLimitMs?: number;
  readonly clock?: Clock;
  /** Called after every generation; return false to abort. */
  readonly onStep?: (step: { evals: number; best: number; generation: number }) => boolean | void;
}

/** What `minimize` returns: the best point, its value, the evaluations spent and why it stopped. */
export interface MinimizeResult {
  readonly best: number[];
  readonly value: number;
  readonly evals: number;
  readonly stopReason: StopReason;
  readonly stats: Record<string, number>;
}

/**
 * Minimizes `f` from `x0` with an ask/tell optimizer until the target is reached, the budget is spent or the
 * optimizer gives up. The target is checked after every single evaluation, so `evals` counts exactly the
 * evaluations needed to reach it.
 */
export function minimize(
  f: (x: number[]) => number, x0: readonly number[], strategy: Strategy | Optimizer, options: MinimizeOptions = {},
): MinimizeResult {
  const maxEvals = options.maxEvals ?? 10_000;
  const target = options.target ?? -Infinity;
  const { clock, timeLimitMs, onStep } = options;
  if ((clock === undefined) !== (timeLimitMs === undefined)) throw new Error('minimize: timeLimitMs needs a clock');
  const opt: Optimizer = 'start' in strategy ? strategy.start(x0) : strategy;
  const t0 = clock?.now() ?? 0;
  let best: number[] = [...x0], value = Infinity, evals = 0, generation = 0;
  let stopReason: StopReason | null = null;
  while (stopReason === null) {
    stopReason = opt.stop();
    if (stopReason) break;
    if (evals >= maxEvals) { stopReason = 'evalLimit'; break; }
    if (clock && clock.now() - t0 >= (timeLimitMs as number)) { stopReason = 'timeLimit'; break; }
    const xs = opt.ask();
    const ys: number[] = new Array(xs.length);
    for (let k = 0; k < xs.length; k++) {
      if (evals >= maxEvals) { stopReason = 'evalLimit'; break; }
      const y = f(xs[k]);
      evals++;
      ys[k] = Number.isNaN(y) ? Infinity : y;
      if (ys[k] < value) { value = ys[k]; best = xs[k]; } // copied once at the end
      if (ys[k] <= target) { stopReason = 'solved'; break; }
    }
    if (stopReason !== null) break; // a partial generation is not told: the optimizers expect whole populations
    opt.tell(xs, ys);
    generation++;
    if (onStep && onStep({ evals, best: value, generation }) === false) stopReason = 'aborted';
  }
  return { best: [...best], value, evals, stopReason, stats: { ...opt.stats(), evals, generations: generation } };
}
