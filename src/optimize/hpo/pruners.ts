import type { Pruner, Trial } from './trial.ts';

/** Options of `successiveHalving` (Optuna's asynchronous SuccessiveHalvingPruner, i.e. ASHA). */
export interface SuccessiveHalvingOptions {
  /** Step of the first rung (default 1). */
  readonly minResource?: number;
  /** η: a trial continues past a rung only if it is in the best 1/η of the trials that reached it (default 3). */
  readonly reductionFactor?: number;
  /** s: the first rung is at minResource·η^s (default 0). */
  readonly minEarlyStoppingRate?: number;
}

/** The value a trial reported when it first reached `step` or beyond, if it did. */
function valueAt(t: Trial, step: number): number | undefined {
  for (const [s, v] of t.intermediate) if (s >= step) return v;
  return undefined;
}

/**
 * Asynchronous successive halving (Li et al. 2020): rung k sits at step minResource·η^(s+k). A trial that reaches a
 * rung is compared with every trial that reached it before (their values there); it goes on only if it ranks within
 * the top ⌊m/η⌋ of those m (the top one while m < η). Rung values are read back from the intermediate reports, so
 * the pruner keeps no state of its own.
 */
export function successiveHalving(o: SuccessiveHalvingOptions = {}, among?: (t: Trial) => boolean): Pruner {
  const minR = o.minResource ?? 1, eta = o.reductionFactor ?? 3, s = o.minEarlyStoppingRate ?? 0;
  if (!(minR > 0)) throw new Error(`successiveHalving: minResource must be > 0, got ${minR}`);
  if (!(eta >= 2)) throw new Error(`successiveHalving: reductionFactor must be >= 2, got ${eta}`);
  return {
    name: 'successiveHalving',
    prune(trial, trials) {
      if (trial.intermediate.length === 0) return false;
      const [step, value] = trial.intermediate[trial.intermediate.length - 1];
      if (Number.isNaN(value)) return true;
      for (let rung = 0; ; rung++) {
        const at = minR * eta ** (s + rung);
        if (step < at) return false;
        const mine = valueAt(trial, at) as number;
        const others: number[] = [];
        for (const t of trials) {
          if (t.number === trial.number || (among && !among(t))) continue;
          const v = valueAt(t, at);
          if (v !== undefined) others.push(v);
        }
        others.push(mine);
        others.sort((a, b) => a - b);
        const k = Math.max(0, Math.floor(others.length / eta) - 1);
        if (!(mine <= others[k])) return true;
      }
    },
  };
}

/** Options of `hyperband`. */
export interface HyperbandOptions {
  readonly minResource?: number;
  /** The step at which a trial is complete; sets the number of brackets. */
  readonly maxResource: number;
  readonly reductionFactor?: number;
}

/**
 * Hyperband (Li et al. 2018) in Optuna's form: brackets of successive halving with early-stopping rates 0…B−1, each
 * trial assigned to one bracket (in proportion to the brackets' budgets, by its number) and compared only within it.
 */
export function hyperband(o: HyperbandOptions): Pruner {
  const minR = o.minResource ?? 1, eta = o.reductionFactor ?? 3;
  if (!(o.maxResource >= minR)) throw new Error(`hyperband: maxResource must be >= minResource (${minR}), got ${o.maxResource}`);
  const nBrackets = Math.floor(Math.log(o.maxResource / minR) / Math.log(eta) + 1e-9) + 1;
  const budgets = Array.from({ length: nBrackets }, (_, b) => {
    const sMax = nBrackets - 1 - b;
    return Math.ceil((nBrackets * eta ** sMax) / (sMax + 1));
  });
  const total = budgets.reduce((a, b) => a + b, 0);
  const bracketOf = (t: Trial): number => {
    let h = Math.imul(t.number + 0x9e3779b9, 0x85ebca6b) >>> 0; // spread numbers over the budget cycle
    h = ((h ^ (h >>> 13)) >>> 0) % total;
    for (let b = 0; b < nBrackets; b++) { if (h < budgets[b]) return b; h -= budgets[b]; }
    return nBrackets - 1;
  };
  const pruners = budgets.map((_, b) => successiveHalving({ minResource: minR, reductionFactor: eta, minEarlyStoppingRate: b }, (t) => bracketOf(t) === b));
  return { name: 'hyperband', prune: (trial, trials) => pruners[bracketOf(trial)].prune(trial, trials) };
}
