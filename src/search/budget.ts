/** Budget: the limits of one search, and the reason a search stopped. */
import type { Clock } from '../util/clock.ts';

export type StopReason = 'solved' | 'exhausted' | 'timeLimit' | 'evalLimit' | 'memoryLimit' | 'aborted';

export interface Budget {
  /** Wall-clock limit in ms, measured with the clock passed alongside. */
  readonly timeMs?: number;
  /** Maximum number of candidate-program evaluations (one program on all its examples counts once). */
  readonly maxEvals?: number;
  /** Heap limit in MB (checked by the shell's memory probe). */
  readonly maxMemoryMb?: number;
  /** Set element 0 to non-zero from another thread (or the same one) to stop the search. */
  readonly stopFlag?: Int32Array;
}

/** Tracks a budget during a run; `check()` returns a StopReason once a limit is reached. */
export interface Meter {
  readonly start: number;
  evals: number;
  check(): StopReason | null;
  elapsed(): number;
}

export function startMeter(budget: Budget, clock: Clock, memoryMb: () => number = () => 0): Meter {
  const start = clock.now();
  const m: Meter = {
    start,
    evals: 0,
    elapsed: () => clock.now() - start,
    check: () => {
      if (budget.stopFlag && Atomics.load(budget.stopFlag, 0) !== 0) return 'aborted';
      if (budget.maxEvals !== undefined && m.evals >= budget.maxEvals) return 'evalLimit';
      if (budget.timeMs !== undefined && clock.now() - start >= budget.timeMs) return 'timeLimit';
      if (budget.maxMemoryMb !== undefined && memoryMb() >= budget.maxMemoryMb) return 'memoryLimit';
      return null;
    },
  };
  return m;
}
