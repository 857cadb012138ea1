import type { Incumbent } from './optimizer.ts';

/** An incumbent as `save()` writes it: the value as a string so ±Infinity survive JSON. */
export type SavedIncumbent = { x: number[]; value: string } | null;

/** The best candidate a strategy has been told about, kept, saved and restored the same way by `es` and `ga`. */
export interface IncumbentTracker {
  /** Keeps (a copy of) `x` when it beats the incumbent, or when there is none yet. */
  offer(x: readonly number[], value: number): void;
  best(): Incumbent | null;
  save(): SavedIncumbent;
  /** Takes back what `save` wrote (a number value is accepted too). */
  restore(saved: { x: readonly number[]; value: number | string } | null): void;
}

export function incumbentTracker(): IncumbentTracker {
  let bestX: number[] | null = null, bestValue = Infinity;
  return {
    offer(x, value) {
      if (value < bestValue || bestX === null) { bestValue = value; bestX = [...x]; }
    },
    best: () => (bestX ? { x: [...bestX], value: bestValue } : null),
    save: () => (bestX ? { x: [...bestX], value: String(bestValue) } : null),
    restore(saved) {
      bestX = saved ? [...saved.x] : null;
      bestValue = saved ? Number(saved.value) : Infinity;
    },
  };
}
