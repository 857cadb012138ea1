/**
 * What a run of the bottom-up bank (`Bank.run`) takes and reports: its limits, the caller's hooks into the
 * enumeration (watched slots, levels, progress) and how it ended.
 */
import type { Expr } from '../lang/expr.ts';
import type { StopReason } from './budget.ts';
import type { Entry } from './bottomup-entry.ts';

/** The run's limits: cost, bank size, fuel, and the budget's check and count. */
export interface BankLimits {
  readonly maxCost: number;
  readonly maxBank: number;
  /** Fuel for one primitive application. */
  readonly fuel: number;
  /** Called every few hundred candidates; a StopReason ends the run. */
  readonly check: () => StopReason | null;
  /** Counts candidate evaluations against the budget. */
  readonly count: (n: number) => void;
}

/** The caller's hooks into the enumeration. */
export interface BankHooks {
  /** Slots whose new entries are reported to onNew (the goal and the divide-and-conquer term slot). */
  readonly watch?: ReadonlySet<number>;
  /** A new distinct program in a watched slot; its outputs are `bank.outputs(slot)[id*m .. id*m+m)`. */
  readonly onNew?: (slot: number, id: number) => void;
  /** After each cost level: a solution found by other means, 'restart', or null to go on. */
  readonly onLevel?: (level: number) => Entry | Expr | 'restart' | null;
  /** Progress, every 2^16 candidates. */
  readonly onProgress?: (enumerated: number) => void;
}

/** How a run ended: the solution (an entry, or an expression a hook found), why it stopped, the last level. */
export interface BankRun {
  readonly found: Entry | Expr | null;
  readonly stop: StopReason | 'restart';
  readonly level: number;
}
