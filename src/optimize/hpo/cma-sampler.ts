import { cmaes } from '../cmaes.ts';
import type { Optimizer } from '../optimizer.ts';
import { fromUnit, isActive, sampleParam, toUnit, type Params, type Space } from './space.ts';
import type { Sampler, Trial } from './trial.ts';

/** Options of `cmaSampler`. */
export interface CmaSamplerOptions {
  /** Initial step size in the unit cube (default 1/6, as Optuna's CmaEsSampler). */
  readonly sigma?: number;
  readonly popSize?: number;
  /** Seed of the CMA-ES generator (default: derived from the study seed, else drawn on the first trial). */
  readonly seed?: number;
}

/** Folds a real line onto [0, 1] by reflection, so CMA-ES can move freely while every candidate stays in range. */
const reflect = (u: number): number => {
  const m = ((u % 2) + 2) % 2;
  return m > 1 ? 2 - m : m;
};

/** What CMA-ES is told for a finished trial: pruned and failed ones count as worst. */
const lossOf = (t: Trial | undefined): number => (t?.state === 'complete' && !Number.isNaN(t.value) ? (t.value as number) : Infinity);

/**
 * CMA-ES over the unconditional numeric parameters (unit cube, reflected at the bounds; integers rounded);
 * categorical and conditional parameters are sampled at random. Candidates are handed out one trial at a time and
 * a generation is told once all of its trials have finished (pruned and failed ones count as worst); while one is
 * still running (parallel use), extra trials are sampled at random. On a resumed study the stored trials are replayed
 * (re-asked and told their values), so the search continues where it stopped; a history this sampler did not
 * produce (another sampler or seed) cannot be replayed, and CMA-ES starts afresh around its best trial.
 */
export function cmaSampler(o: CmaSamplerOptions = {}): Sampler {
  let opt: Optimizer | null = null, names: string[] = [], seed = 0, started = false;
  let gen: number[][] = [], owners: number[] = [];
  const fresh = (s: number, x0: number[]): Optimizer => cmaes({ sigma: o.sigma ?? 1 / 6, seed: s, popSize: o.popSize }).start(x0);

  /** The candidate for trial `number`, telling the last generation once all its trials are done; null while one runs. */
  function next(self: Optimizer, number: number, byNumber: ReadonlyMap<number, Trial>): number[] | null {
    if (owners.length === gen.length) {
      const done = owners.map((k) => byNumber.get(k));
      if (!done.every((t) => t !== undefined && t.state !== 'running')) return null;
      if (gen.length > 0) self.tell(gen, done.map(lossOf));
      if (self.stop()) opt = self = fresh(seed + number, names.map(() => 0.5));
      gen = self.ask(); owners = [];
    }
    owners.push(number);
    return gen[owners.length - 1];
  }

  /** Hands the stored trials out again in order, as the uninterrupted study did, until one does not match. */
  function replay(space: Space, trials: readonly Trial[]): void {
    const past = [...trials].sort((a, b) => a.number - b.number);
    const byNumber = new Map(past.map((t) => [t.number, t]));
    for (const t of past) {
      const x = next(opt as Optimizer, t.number, byNumber);
      if (x !== null && names.every((n, i) => t.params[n] === fromUnit(space[n], reflect(x[i])))) continue;
      const scored = past.filter((p) => names.every((n) => n in p.params) && lossOf(p) < Infinity);
      const best = scored.reduce<Trial | null>((b, p) => (b === null || lossOf(p) < lossOf(b) ? p : b), null);
      opt = fresh(seed, names.map((n) => (best ? toUnit(space[n], best.params[n]) : 0.5)));
      gen = []; owners = [];
      return;
    }
  }

  return {
    name: 'cmaes',
    sample({ space, trials, number, rng: r, seed: studySeed }) {
      const all = Object.keys(space);
      if (!started) {
        started = true;
        names = all.filter((n) => space[n].kind !== 'categorical' && !space[n].when);
        seed = o.seed ?? (studySeed !== undefined ? (Math.imul(studySeed, 0x2c1b3c6d) ^ 0x5bd1e995) >>> 1 : r.int(2 ** 31));
        if (names.length > 0) {
          opt = fresh(seed, names.map(() => 0.5));
          if (trials.length > 0) replay(space, trials);
        }
      }
      const x = opt === null ? null : next(opt, number, new Map(trials.map((t) => [t.number, t])));
      const out: Params = {};
      for (const n of all) {
        if (!isActive(space, n, out)) continue;
        const i = x ? names.indexOf(n) : -1;
        out[n] = i >= 0 ? fromUnit(space[n], reflect((x as number[])[i])) : sampleParam(space[n], r);
      }
      return out;
    },
  };
}
