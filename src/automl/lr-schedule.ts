/**
 * Learning-rate schedules over a training budget: the factor applied to the base rate at progress p ∈ [0, 1] of the
 * planned epochs. Decaying to (near) zero by the end lets a short run settle instead of ending mid-stride.
 */

/** A schedule's name, as a search-space choice. */
export type LrSchedule = 'constant' | 'cosine' | 'linear' | 'onecycle';

/** The schedules `lrFactor` knows, for a categorical parameter. */
export const lrSchedules: readonly LrSchedule[] = ['constant', 'cosine', 'linear', 'onecycle'];

/** Multiplier of the base learning rate at progress `p` (clamped to [0, 1]). */
export function lrFactor(schedule: LrSchedule, p: number): number {
  const x = Math.min(1, Math.max(0, p));
  switch (schedule) {
    case 'constant': return 1;
    case 'cosine': return 0.5 * (1 + Math.cos(Math.PI * x));
    case 'linear': return 1 - x;
    // one-cycle (Smith 2018): a short linear warm-up to the peak over the first 10%, then cosine down
    case 'onecycle': return x < 0.1 ? 0.1 + 9 * x : 0.5 * (1 + Math.cos((Math.PI * (x - 0.1)) / 0.9));
  }
}

/** Checks a schedule name read from parameters or a spec. */
export function asLrSchedule(v: unknown): LrSchedule {
  if (typeof v === 'string' && (lrSchedules as readonly string[]).includes(v)) return v as LrSchedule;
  throw new Error(`lr schedule: expected one of ${lrSchedules.join(', ')}, got ${JSON.stringify(v)}`);
}
