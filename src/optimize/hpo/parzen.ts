import type { Rng } from '../../util/rng.ts';
import { normal } from '../optimizer.ts';

/**
 * One dimension of a Parzen estimator: a real in [0, 1] (truncated Gaussian kernels) or a category index. A numeric
 * dimension with a `step` is discrete (integers): its values are bin centres `step` wide, scored by the bin's mass.
 */
export type Dim = { readonly kind: 'numeric'; readonly step?: number } | { readonly kind: 'categorical'; readonly size: number };

/** Kernel settings (Optuna 3.1 defaults: prior weight 1, magic clip, no endpoints). */
export interface ParzenOptions {
  /** Bandwidth rule: per-point neighbour gaps (univariate) or Scott-like shared width (multivariate). */
  readonly multivariate: boolean;
  readonly priorWeight?: number;
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
    | { readonly mus: Float64Array; readonly sigmas: Float64Array; readonly logZ: Float64Array }
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
      sigmas.fill(0.2 * Math.max(n, 1) ** (-1 / (dims.length + 4)));
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
    // magic clip: no kernel narrower than range / min(100, 1 + n + 1) nor wider than the range
    const minSigma = 1 / Math.min(100, 2 + n);
    for (let i = 0; i < n; i++) sigmas[i] = Math.min(1, Math.max(minSigma, sigmas[i]));
    sigmas[n] = 1;
    for (let i = 0; i < k; i++) logZ[i] = logGaussMass(-mus[i] / sigmas[i], (1 - mus[i]) / sigmas[i]);
    return { mus, sigmas, logZ };
  });
  return { dims, logWeights, params };
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
 * Log score of the mixture at `x` (log-sum-exp over components of the product kernels), computed as Optuna 3.1 does:
 * a continuous kernel contributes φ(z) / Z without the 1/σ of a density (its `_truncnorm.logpdf` drops the scale), so
 * wide kernels, the prior above all, weigh more than in a true density; a discrete dimension contributes its bin's
 * mass. This is what the issue-7 reference figures were measured with; the true density scores worse on them.
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
        t += -0.5 * z * z - LOG_SQRT_2PI - q.logZ[c];
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
