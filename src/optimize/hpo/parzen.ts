import type { Rng } from '../../util/rng.ts';
import { normal } from '../optimizer.ts';

/**
 * One dimension of a Parzen estimator: a real in [0, 1] (truncated Gaussian kernels) or a category index. A numeric
 * dimension with a `step` is discrete (integers): its values are bin centres `step` wide, scored by the bin's mass.
 */
export type Dim = { readonly kind: 'numeric'; readonly step?: number } | { readonly kind: 'categorical'; readonly size: number };

/** Kernel settings; the defaults are Optuna 3.1's (prior weight 1, magic clip, no endpoints, unscaled kernels). */
export interface ParzenOptions {
  /** Joint kernels (one bandwidth per dimension shared by all kernels) instead of per-point neighbour gaps. */
  readonly multivariate: boolean;
  readonly priorWeight?: number;
  /**
   * Multivariate bandwidth: 'optuna31' is 0.2·n^(-1/(d+4)) of the range in every dimension, whatever the data;
   * 'scott' is Scott's rule, the observations' (weighted) spread in that dimension times n^(-1/(d+4)).
   */
  readonly bandwidth?: 'optuna31' | 'scott';
  /** Narrowest kernel as a fraction of the range (default: Optuna's magic clip, 1 / min(100, n + 2)). */
  readonly minBandwidth?: number;
  /** Score with true densities (each kernel's 1/σ included); Optuna 3.1 drops it. */
  readonly density?: boolean;
}

/**
 * A mixture of product kernels, one component per observation plus a broad prior component (centre 0.5, width 1,
 * uniform over categories), as in Optuna 3.1's `_ParzenEstimator`.
 */
export interface Parzen {
  readonly dims: readonly Dim[];
  readonly logWeights: Float64Array;
  /** Per dimension: numeric → mus, sigmas, log normalisers; categorical → log probabilities (component × size). */
  readonly params: readonly (
    | {
      readonly mus: Float64Array; readonly sigmas: Float64Array; readonly logZ: Float64Array;
      /** What a continuous dimension's score subtracts: log Z, plus log σ when scoring densities. */
      readonly logNorm: Float64Array;
    }
    | { readonly logProbs: Float64Array }
  )[];
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Builds the estimator from observations (rows of unit values / category indices) and their weights. */
export function buildParzen(obs: readonly (readonly number[])[], weights: readonly number[], dims: readonly Dim[], o: ParzenOptions): Parzen {
  const n = obs.length, k = n + 1, prior = o.priorWeight ?? 1;
  const w = new Float64Array(k);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += w[i] = weights[i];
  sum += w[n] = prior;
  const logWeights = w.map((x) => Math.log(x / sum));
  const params = dims.map((dim, d) => {
    if (dim.kind === 'categorical') {
      const c = dim.size, logProbs = new Float64Array(k * c);
      for (let i = 0; i < k; i++) {
        // Optuna: every kernel gets prior/k on each choice, plus 1 on its own observation
        const own = i < n ? obs[i][d] : -1;
        const total = (prior / k) * c + (own >= 0 ? 1 : 0);
        for (let j = 0; j < c; j++) logProbs[i * c + j] = Math.log((prior / k + (j === own ? 1 : 0)) / total);
      }
      return { logProbs };
    }
    const mus = new Float64Array(k), sigmas = new Float64Array(k), logZ = new Float64Array(k);
    for (let i = 0; i < n; i++) mus[i] = obs[i][d];
    mus[n] = 0.5;
    if (o.multivariate) {
      const factor = Math.max(n, 1) ** (-1 / (dims.length + 4));
      sigmas.fill(o.bandwidth === 'scott' ? factor * spread(mus, w, n) : 0.2 * factor);
    } else {
      // each kernel as wide as the larger gap to its sorted neighbours (prior included, range ends as sentinels)
      const order = Array.from(mus.keys()).sort((a, b) => mus[a] - mus[b] || a - b);
      for (let r = 0; r < k; r++) {
        const left = r > 0 ? mus[order[r]] - mus[order[r - 1]] : mus[order[0]];
        const right = r < k - 1 ? mus[order[r + 1]] - mus[order[r]] : 1 - mus[order[k - 1]];
        sigmas[order[r]] = Math.max(left, right);
      }
      if (k >= 2) { // consider_endpoints = False: the outermost kernels ignore the range ends
        sigmas[order[0]] = mus[order[1]] - mus[order[0]];
        sigmas[order[k - 1]] = mus[order[k - 1]] - mus[order[k - 2]];
      }
    }
    // magic clip: no kernel narrower than range / min(100, 1 + n + 1) (or the given minimum) nor wider than the range
    const minSigma = o.minBandwidth ?? 1 / Math.min(100, 2 + n);
    for (let i = 0; i < n; i++) sigmas[i] = Math.min(1, Math.max(minSigma, sigmas[i]));
    sigmas[n] = 1;
    for (let i = 0; i < k; i++) logZ[i] = logGaussMass(-mus[i] / sigmas[i], (1 - mus[i]) / sigmas[i]);
    const logNorm = o.density ? logZ.map((z, i) => z + Math.log(sigmas[i])) : logZ;
    return { mus, sigmas, logZ, logNorm };
  });
  return { dims, logWeights, params };
}

/** Weighted standard deviation of the first n of `xs` (the observations, not the prior). */
function spread(xs: Float64Array, w: Float64Array, n: number): number {
  let sw = 0, m = 0;
  for (let i = 0; i < n; i++) { sw += w[i]; m += w[i] * xs[i]; }
  if (sw <= 0) return 0;
  m /= sw;
  let v = 0;
  for (let i = 0; i < n; i++) v += w[i] * (xs[i] - m) ** 2;
  return Math.sqrt(v / sw);
}

/** Draws `count` points: pick a component by weight, then each dimension from that component's kernel. */
export function sampleParzen(p: Parzen, r: Rng, count: number): number[][] {
  const k = p.logWeights.length, cum = new Float64Array(k);
  let acc = 0;
  for (let i = 0; i < k; i++) cum[i] = acc += Math.exp(p.logWeights[i]);
  const out: number[][] = [];
  for (let s = 0; s < count; s++) {
    const u = r.next() * acc;
    let c = 0;
    while (c < k - 1 && cum[c] <= u) c++;
    out.push(p.dims.map((dim, d) => {
      const q = p.params[d];
      if ('logProbs' in q) {
        const size = (dim as { size: number }).size;
        let v = r.next(), j = 0;
        for (; j < size - 1; j++) { v -= Math.exp(q.logProbs[c * size + j]); if (v < 0) break; }
        return j;
      }
      // truncated normal on [0, 1] by rejection: the prior or clipping keeps acceptance high
      for (let tries = 0; tries < 1000; tries++) {
        const x = q.mus[c] + q.sigmas[c] * normal(r);
        if (x >= 0 && x <= 1) return x;
      }
      return Math.min(1, Math.max(0, q.mus[c]));
    }));
  }
  return out;
}

/**
 * Log score of the mixture at `x` (log-sum-exp over components of the product kernels), computed as Optuna 3.1 does
 * unless `density` is set: a continuous kernel contributes φ(z) / Z without the 1/σ of a density (its
 * `_truncnorm.logpdf` drops the scale), so wide kernels, the prior above all, weigh more than in a true density; a
 * discrete dimension contributes its bin's mass. With joint kernels in many dimensions the prior then dominates both
 * l and g, and l/g hardly ranks the candidates (they are in effect draws from l); true densities rank them, but on
 * the development functions they did worse (bench/hpo-dev.ts: l/g then favours points far from every bad one).
 */
export function logPdf(p: Parzen, x: readonly number[]): number {
  const k = p.logWeights.length;
  let max = -Infinity;
  const terms = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let t = p.logWeights[c];
    for (let d = 0; d < p.dims.length; d++) {
      const q = p.params[d];
      const dim = p.dims[d];
      if ('logProbs' in q) t += q.logProbs[c * (dim as { size: number }).size + x[d]];
      else if (dim.kind === 'numeric' && dim.step !== undefined) {
        const lo = Math.max(0, x[d] - dim.step / 2), hi = Math.min(1, x[d] + dim.step / 2);
        t += logGaussMass((lo - q.mus[c]) / q.sigmas[c], (hi - q.mus[c]) / q.sigmas[c]) - q.logZ[c];
      } else {
        const z = (x[d] - q.mus[c]) / q.sigmas[c];
        t += -0.5 * z * z - LOG_SQRT_2PI - q.logNorm[c];
      }
    }
    terms[c] = t;
    if (t > max) max = t;
  }
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let c = 0; c < k; c++) s += Math.exp(terms[c] - max);
  return max + Math.log(s);
}

/** log(Φ(b) − Φ(a)) for a ≤ b, taken in the lower tail (as Optuna's `_log_gauss_mass`) to keep precision far out. */
export function logGaussMass(a: number, b: number): number {
  const mass = b <= 0 ? phi(b) - phi(a) : a > 0 ? phi(-a) - phi(-b) : 1 - phi(a) - phi(-b);
  return Math.log(Math.max(1e-300, mass));
}

/** Standard normal CDF through erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function phi(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x), t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}
