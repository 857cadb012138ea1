import type { Rng } from '../../util/rng.ts';
import { buildParzen, logPdf, sampleParzen, type Dim } from './parzen.ts';
import { fromUnit, isActive, sampleParam, toUnit, type Param, type Params, type ParamValue } from './space.ts';
import { rankTrials, type Sampler, type Trial } from './trial.ts';

/** Options of `tpeSampler`; the defaults are Optuna 3.1's. */
export interface TpeOptions {
  /** Model all parameters of the common search space jointly (Falkner et al. 2018) instead of one by one. */
  readonly multivariate?: boolean;
  /** Random trials before the model takes over (default 10). */
  readonly nStartupTrials?: number;
  /** Candidates drawn from l(x) and ranked by l(x)/g(x) (default 24). */
  readonly nEiCandidates?: number;
  /** How many of n observations count as good (default min(⌈0.1 n⌉, 25)). */
  readonly gamma?: (n: number) => number;
  readonly priorWeight?: number;
}

const defaultGamma = (n: number): number => Math.min(Math.ceil(0.1 * n), 25);

/** Optuna's `default_weights`: the 25 newest observations weigh 1, older ones ramp down linearly. */
function ageWeights(n: number): number[] {
  if (n < 25) return new Array(n).fill(1);
  const ramp = n - 25;
  return Array.from({ length: n }, (_, i) => (i < ramp ? (ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1)) : 1));
}

/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011), Optuna-style: split the history at the γ-quantile, fit
 * Parzen estimators l (good) and g (rest) with adaptive bandwidths, draw candidates from l, keep the best l/g.
 */
export function tpeSampler(o: TpeOptions = {}): Sampler {
  const nStartup = o.nStartupTrials ?? 10, nCand = o.nEiCandidates ?? 24, gamma = o.gamma ?? defaultGamma;
  const multivariate = o.multivariate ?? false;
  const parzen = { multivariate, priorWeight: o.priorWeight };

  /** Samples the parameters `names` jointly from the trials that all have them. */
  function sampleJoint(names: readonly string[], specs: readonly Param[], trials: readonly Trial[], r: Rng, joint: boolean): ParamValue[] {
    const dims: Dim[] = specs.map((p) => (p.kind === 'categorical' ? { kind: 'categorical', size: p.choices.length } : { kind: 'numeric' }));
    const encode = (t: Trial) => names.map((n, d) => toUnit(specs[d], t.params[n]));
    const nBelow = Math.min(trials.length, gamma(trials.length));
    const byNumber = (ts: readonly Trial[]) => [...ts].sort((a, b) => a.number - b.number);
    const below = byNumber(trials.slice(0, nBelow)), above = byNumber(trials.slice(nBelow));
    const opts = { ...parzen, multivariate: joint };
    const l = buildParzen(below.map(encode), ageWeights(below.length), dims, opts);
    const g = buildParzen(above.map(encode), ageWeights(above.length), dims, opts);
    let best: number[] | null = null, bestScore = -Infinity;
    for (const c of sampleParzen(l, r, nCand)) {
      // integers are scored at the centre of the bin they round to
      const x = c.map((u, d) => (dims[d].kind === 'numeric' ? toUnit(specs[d], fromUnit(specs[d], u)) : u));
      const score = logPdf(l, x) - logPdf(g, x);
      if (best === null || score > bestScore) { best = x; bestScore = score; }
    }
    return (best as number[]).map((u, d) => (dims[d].kind === 'numeric' ? fromUnit(specs[d], u) : (specs[d] as { choices: readonly ParamValue[] }).choices[u]));
  }

  return {
    name: multivariate ? 'tpe-multivariate' : 'tpe',
    sample({ space, trials, rng: r }) {
      const ranked = rankTrials(trials);
      const names = Object.keys(space);
      const out: Params = {};
      if (ranked.length < nStartup) {
        for (const n of names) if (isActive(space, n, out)) out[n] = sampleParam(space[n], r);
        return out;
      }
      if (multivariate) {
        const common = names.filter((n) => ranked.every((t) => n in t.params));
        if (common.length > 0) {
          const values = sampleJoint(common, common.map((n) => space[n]), ranked, r, true);
          const joint = new Map(common.map((n, i) => [n, values[i]]));
          for (const n of names) if (joint.has(n) && isActive(space, n, out)) out[n] = joint.get(n) as ParamValue;
        }
      }
      for (const n of names) {
        if (n in out || !isActive(space, n, out)) continue;
        const having = ranked.filter((t) => n in t.params);
        out[n] = having.length === 0 ? sampleParam(space[n], r) : sampleJoint([n], [space[n]], having, r, false)[0];
      }
      return out;
    },
  };
}
