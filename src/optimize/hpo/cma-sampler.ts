import { cmaes } from '../cmaes.ts';
import type { Optimizer } from '../optimizer.ts';
import { fromUnit, isActive, sampleParam, type Params } from './space.ts';
import type { Sampler } from './trial.ts';

/** Options of `cmaSampler`. */
export interface CmaSamplerOptions {
  /** Initial step size in the unit cube (default 1/6, as Optuna's CmaEsSampler). */
  readonly sigma?: number;
  readonly popSize?: number;
  /** Seed of the CMA-ES generator (default: drawn from the study's generator on the first trial). */
  readonly seed?: number;
}

/** Folds a real line onto [0, 1] by reflection, so CMA-ES can move freely while every candidate stays in range. */
const reflect = (u: number): number => {
  const m = ((u % 2) + 2) % 2;
  return m > 1 ? 2 - m : m;
};

/**
 * CMA-ES over the unconditional numeric parameters (unit cube, reflected at the bounds; integers rounded);
 * categorical and conditional parameters are sampled at random. Candidates are handed out one trial at a time and
 * a generation is told once all of its trials have finished (pruned and failed ones count as worst); while one is
 * still running (parallel use), extra trials are sampled at random.
 */
export function cmaSampler(o: CmaSamplerOptions = {}): Sampler {
  let opt: Optimizer | null = null, names: string[] = [], seed = 0;
  let gen: number[][] = [], owners: number[] = [];
  return {
    name: 'cmaes',
    sample({ space, trials, number, rng: r }) {
      const all = Object.keys(space);
      if (opt === null) {
        names = all.filter((n) => space[n].kind !== 'categorical' && !space[n].when);
        seed = o.seed ?? r.int(2 ** 31);
        if (names.length > 0) {
          opt = cmaes({ sigma: o.sigma ?? 1 / 6, seed, popSize: o.popSize }).start(names.map(() => 0.5));
        }
      }
      let x: number[] | null = null;
      if (opt !== null) {
        if (owners.length === gen.length) {
          const byNumber = new Map(trials.map((t) => [t.number, t]));
          const done = owners.map((k) => byNumber.get(k));
          if (done.every((t) => t !== undefined && t.state !== 'running')) {
            if (gen.length > 0) opt.tell(gen, done.map((t) => (t?.state === 'complete' && !Number.isNaN(t.value) ? (t.value as number) : Infinity)));
            if (opt.stop()) opt = cmaes({ sigma: o.sigma ?? 1 / 6, seed: seed + number, popSize: o.popSize }).start(names.map(() => 0.5));
            gen = opt.ask(); owners = [];
          }
        }
        if (owners.length < gen.length) { x = gen[owners.length]; owners.push(number); }
      }
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
