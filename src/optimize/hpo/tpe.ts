import type { Rng } from '../../util/rng.ts';
import { buildParzen, logPdf, sampleParzen, type Dim, type ParzenOptions } from './parzen.ts';
import { fromUnit, isActive, sampleParam, toUnit, type Param, type Params, type ParamValue } from './space.ts';
import { rankTrials, type Sampler, type Trial } from './trial.ts';

/**
 * Options of `tpeSampler`. The defaults were chosen on development functions (bench/hpo-dev.ts: Ackley, Levy,
 * Styblinski-Tang, Rastrigin, a rotated ellipsoid, Hartmann-3, six-hump camel, Himmelblau, Goldstein-Price and a
 * log/int space; never the benchmark's), following Watanabe (2023)'s ablation of TPE's components: joint
 * (multivariate) kernels, 100 EI candidates, the good set γ(n) = min(⌈0.15 n⌉, 25), and over at most 3 joint
 * dimensions Scott's-rule bandwidths scored as true densities. `preset: 'optuna31'` reproduces Optuna 3.1's
 * `TPESampler` (univariate, 24 candidates, γ(n) = min(⌈0.1 n⌉, 25), its fixed multivariate bandwidth and unscaled
 * kernels); options beside a preset override it.
 */
export interface TpeOptions {
  readonly preset?: 'optuna31';
  /** Model all parameters of the common search space jointly (Falkner et al. 2018) instead of one by one. */
  readonly multivariate?: boolean;
  /** Random trials before the model takes over (default 10). */
  readonly nStartupTrials?: number;
  /** Candidates drawn from l(x) and ranked by l(x)/g(x) (default 100; Optuna 24). */
  readonly nEiCandidates?: number;
  /** How many of n observations count as good (default min(⌈0.15 n⌉, 25); Optuna min(⌈0.1 n⌉, 25)). */
  readonly gamma?: (n: number) => number;
  readonly priorWeight?: number;
  /** Multivariate bandwidth rule (see `ParzenOptions`; default 'scott' over at most 3 joint dimensions, else 'optuna31'). */
  readonly bandwidth?: 'optuna31' | 'scott';
  /** Narrowest kernel as a fraction of the range (default: Optuna's magic clip). */
  readonly minBandwidth?: number;
  /** Score candidates by true densities (default: over at most 3 joint dimensions; Optuna 3.1 drops each kernel's 1/σ). */
  readonly density?: boolean;
  /** Observation weights: 'age' ramps the oldest down (Optuna's `default_weights`, the default), 'uniform' weighs all alike. */
  readonly weights?: 'age' | 'uniform';
}

/** The good-set size γ(n) = min(⌈β n⌉, 25): the presets' rule (β 0.15 for Arbor's, 0.1 for Optuna 3.1's). */
export const linearGamma = (beta: number) => (n: number): number => Math.min(Math.ceil(beta * n), 25);

/** Defaults by preset: Arbor's (chosen on the development functions) and Optuna 3.1's. */
const presets = {
  arbor: { multivariate: true, nStartupTrials: 10, nEiCandidates: 100, gamma: linearGamma(0.15), densityUpToDim: 3 },
  optuna31: { multivariate: false, nStartupTrials: 10, nEiCandidates: 24, gamma: linearGamma(0.1), densityUpToDim: 0 },
} as const;

/** Optuna's `default_weights`: the 25 newest observations weigh 1, older ones ramp down linearly. */
function ageWeights(n: number): number[] {
  if (n < 25) return new Array(n).fill(1);
  const ramp = n - 25;
  return Array.from({ length: n }, (_, i) => (i < ramp ? (ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1)) : 1));
}

/** Whether a parameter can take only one value (Optuna leaves those out of the sampler's search space). */
const single = (p: Param): boolean => (p.kind === 'categorical' ? p.choices.length === 1 : p.low === p.high);

/** The estimator's view of a parameter: integers on a linear scale are discrete, one bin per value. */
const dimOf = (p: Param): Dim =>
  p.kind === 'categorical' ? { kind: 'categorical', size: p.choices.length }
    : p.kind === 'int' && !p.log ? { kind: 'numeric', step: 1 / (p.high - p.low + 1) } : { kind: 'numeric' };

/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011), after Optuna 3.1's `TPESampler`: split the ranked history at
 * the γ-quantile, fit Parzen estimators l (good) and g (rest) with adaptive bandwidths, draw candidates from l, keep
 * the best l/g. A parameter absent from some trials (conditional) is fitted on the trials of each side that have it.
 */
export function tpeSampler(o: TpeOptions = {}): Sampler {
  const d = presets[o.preset ?? 'arbor'];
  const nStartup = o.nStartupTrials ?? d.nStartupTrials, nCand = o.nEiCandidates ?? d.nEiCandidates, gamma = o.gamma ?? d.gamma;
  const multivariate = o.multivariate ?? d.multivariate;
  /**
   * Joint kernels over few dimensions get Scott's-rule bandwidths and density scores; over more, Optuna's fixed
   * bandwidth and unscaled kernels, which in effect sample from l (see `logPdf`): on the development functions the
   * first won in 2 and 3 dimensions, the second from 8 up, with no clear winner between (bench/hpo-dev.ts).
   */
  const parzenFor = (joint: boolean, dim: number): ParzenOptions => {
    const few = joint && dim <= d.densityUpToDim;
    return {
      multivariate: joint, priorWeight: o.priorWeight, minBandwidth: o.minBandwidth,
      bandwidth: o.bandwidth ?? (few ? 'scott' : 'optuna31'), density: o.density ?? few,
    };
  };
  const weigh = o.weights === 'uniform' ? (n: number) => new Array(n).fill(1) : ageWeights;

  /** Samples the parameters `names` jointly from the ranked trials, split at γ before dropping those lacking them. */
  function sampleJoint(names: readonly string[], specs: readonly Param[], ranked: readonly Trial[], r: Rng, joint: boolean): ParamValue[] {
    const dims = specs.map(dimOf);
    const encode = (t: Trial) => names.map((n, d) => toUnit(specs[d], t.params[n]));
    const nBelow = Math.min(ranked.length, gamma(ranked.length));
    const side = (ts: readonly Trial[]) => ts.filter((t) => names[0] in t.params).sort((a, b) => a.number - b.number);
    const below = side(ranked.slice(0, nBelow)), above = side(ranked.slice(nBelow));
    const opts = parzenFor(joint, dims.length);
    const l = buildParzen(below.map(encode), weigh(below.length), dims, opts);
    const g = buildParzen(above.map(encode), weigh(above.length), dims, opts);
    let best: number[] | null = null, bestScore = -Infinity;
    for (const c of sampleParzen(l, r, nCand)) {
      // integers are scored at the value they round to (Optuna rounds the candidates before scoring them)
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
        // Optuna's intersection search space: the parameters every complete or pruned trial has
        const common = names.filter((n) => !single(space[n]) && ranked.every((t) => n in t.params));
        if (common.length > 0) {
          const values = sampleJoint(common, common.map((n) => space[n]), ranked, r, true);
          const joint = new Map(common.map((n, i) => [n, values[i]]));
          for (const n of names) if (joint.has(n) && isActive(space, n, out)) out[n] = joint.get(n) as ParamValue;
        }
      }
      for (const n of names) {
        if (n in out || !isActive(space, n, out)) continue;
        out[n] = single(space[n]) ? fromUnitSingle(space[n]) : sampleJoint([n], [space[n]], ranked, r, false)[0];
      }
      return out;
    },
  };
}

/** The only value of a single-valued parameter. */
const fromUnitSingle = (p: Param): ParamValue => (p.kind === 'categorical' ? p.choices[0] : p.low);
