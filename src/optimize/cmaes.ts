import { rng as makeRng, type Rng } from '../util/rng.ts';
import { symmetricEigen } from './eigen.ts';
import {
  argsort, checkState, checkTell, decodeNumbers, encodeNumbers, fillNormal,
  type Incumbent, type Optimizer, type OptimizerState, type StopReason, type Strategy,
} from './optimizer.ts';

/** Options of `cmaes`; everything but `sigma` has the defaults of Hansen's tutorial (2016) and pycma. */
export interface CmaesOptions {
  /** Initial step size (a quarter to a half of the search region's width is typical). */
  readonly sigma: number;
  readonly seed?: number;
  /** Population size λ of the first run; default 4 + ⌊3 ln n⌋. */
  readonly popSize?: number;
  /** IPOP: restart with a larger population when a run stagnates, instead of stopping. */
  readonly ipop?: boolean;
  /** Restarts allowed with `ipop` (default 9). */
  readonly maxRestarts?: number;
  /** Factor applied to λ at each restart (default 2). */
  readonly incPopSize?: number;
  /** Negative recombination weights for the worst half (active CMA, the 2016 tutorial's default; default true). */
  readonly active?: boolean;
  /**
   * 'orthogonal' (default): the λ standard normal vectors of a generation are made mutually orthogonal in blocks of
   * n, each keeping its own length, so every one is still exactly N(0, I) but they cover more directions (Wang,
   * Emmerich & Bäck 2019); 'gaussian': independent samples, as in the tutorial.
   */
  readonly sampling?: 'orthogonal' | 'gaussian';
  /** A run ends when recent best values and the current population span less than this (default 1e-11). */
  readonly tolFun?: number;
  /** A run ends when every coordinate's standard deviation and evolution path is below this (default 1e-11). */
  readonly tolX?: number;
}

const KIND = 'cmaes', VERSION = 1;

/** Names of the conditions that end one CMA-ES run (counted in stats as `stop.<name>`). */
const CRITERIA = ['tolFun', 'tolX', 'noEffectAxis', 'noEffectCoord', 'conditionCov', 'stagnation', 'tolUpSigma'] as const;
type Criterion = (typeof CRITERIA)[number];

/** CMA-ES with full covariance, rank-one and rank-μ updates, cumulative step-size adaptation and IPOP restarts. */
export function cmaes(options: CmaesOptions): Strategy {
  if (!(options.sigma > 0)) throw new Error(`cmaes: sigma must be > 0, got ${options.sigma}`);
  if (options.popSize !== undefined && !(Number.isInteger(options.popSize) && options.popSize >= 2)) {
    throw new Error(`cmaes: popSize must be an integer >= 2, got ${options.popSize}`);
  }
  return { name: KIND, start: (x0) => startCmaes(x0, options) };
}

/** One run's state: a fixed λ and every buffer it needs, allocated once. */
interface Run {
  lambda: number; mu: number; weights: Float64Array; mueff: number;
  cc: number; cs: number; c1: number; cmu: number; damps: number; chiN: number; lazyGap: number;
  mean: Float64Array; sigma: number; pc: Float64Array; ps: Float64Array;
  C: Float64Array; B: Float64Array; D: Float64Array; BD: Float64Array;
  gen: number; evals: number; eigenEvals: number;
  arz: Float64Array; ary: Float64Array; fit: Float64Array; idx: Int32Array;
  bestHist: number[]; medianHist: number[];
  pending: number;
}

function startCmaes(x0: readonly number[], o: CmaesOptions): Optimizer {
  const n = x0.length;
  if (n < 1) throw new Error('cmaes: x0 must have at least one coordinate');
  const origin = Float64Array.from(x0);
  const sigma0 = o.sigma;
  const lambda0 = o.popSize ?? 4 + Math.floor(3 * Math.log(n));
  const maxRestarts = o.ipop ? (o.maxRestarts ?? 9) : 0;
  const incPopSize = o.incPopSize ?? 2;
  const tolFun = o.tolFun ?? 1e-11, tolX = o.tolX ?? 1e-11;
  const active = o.active ?? true;
  const orthogonal = (o.sampling ?? 'orthogonal') === 'orthogonal';
  let r: Rng = makeRng(o.seed ?? 1);
  let restarts = 0, generations = 0, evals = 0;
  let stopped: StopReason | null = null;
  let bestX: Float64Array | null = null, bestValue = Infinity;
  const fired: Record<string, number> = {};
  // scratch, shared by every run
  const eigWork = new Float64Array(n * n + 2 * n), eigVec = new Float64Array(n * n), eigVal = new Float64Array(n);
  const yw = new Float64Array(n), zw = new Float64Array(n);
  let run = newRun(lambda0);

  function newRun(lambda: number): Run {
    const mu = Math.floor(lambda / 2);
    // tutorial (2016) weights: w'_i = ln((λ+1)/2) − ln i for all λ ranks; the positive ones sum to 1, the negative
    // ones (active CMA: they shrink C along bad directions) are scaled so that C stays positive definite
    const raw = new Float64Array(lambda);
    let pos = 0, pos2 = 0, neg = 0, neg2 = 0;
    for (let i = 0; i < lambda; i++) {
      const w = (raw[i] = Math.log((lambda + 1) / 2) - Math.log(i + 1));
      if (i < mu) { pos += w; pos2 += w * w; } else { neg -= w; neg2 += w * w; }
    }
    const mueff = (pos * pos) / pos2, mueffNeg = neg > 0 ? (neg * neg) / neg2 : 0;
    const cc = (4 + mueff / n) / (n + 4 + (2 * mueff) / n);
    const cs = (mueff + 2) / (n + mueff + 5);
    const c1 = 2 / ((n + 1.3) ** 2 + mueff);
    const cmu = Math.min(1 - c1, (2 * (mueff - 2 + 1 / mueff)) / ((n + 2) ** 2 + mueff));
    const negScale = active && neg > 0
      ? Math.min(1 + c1 / cmu, 1 + (2 * mueffNeg) / (mueff + 2), (1 - c1 - cmu) / (n * cmu)) / neg : 0;
    const weights = new Float64Array(lambda);
    for (let i = 0; i < lambda; i++) weights[i] = i < mu ? raw[i] / pos : raw[i] * negScale;
    const damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
    const C = new Float64Array(n * n), B = new Float64Array(n * n), BD = new Float64Array(n * n);
    for (let i = 0; i < n; i++) C[i * n + i] = B[i * n + i] = BD[i * n + i] = 1;
    return {
      lambda, mu, weights, mueff, cc, cs, c1, cmu, damps,
      chiN: Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n)),
      // the eigendecomposition is refreshed only every 0.5·λ/((c1+cμ)·n) evaluations (pycma's lazy gap; the
      // tutorial's 5× more frequent refresh doubles the CPU time at n = 30 for ~1% fewer evaluations on sphere-30)
      lazyGap: (0.5 * lambda) / ((c1 + cmu) * n),
      mean: Float64Array.from(origin), sigma: sigma0, pc: new Float64Array(n), ps: new Float64Array(n),
      C, B, D: new Float64Array(n).fill(1), BD,
      gen: 0, evals: 0, eigenEvals: 0,
      arz: new Float64Array(lambda * n), ary: new Float64Array(lambda * n),
      fit: new Float64Array(lambda), idx: new Int32Array(lambda),
      bestHist: [], medianHist: [], pending: 0,
    };
  }

  function updateEigen(R: Run): void {
    symmetricEigen(R.C, n, eigVal, eigVec, eigWork);
    let dmin = Infinity;
    for (let i = 0; i < n; i++) dmin = Math.min(dmin, eigVal[i]);
    // a covariance that lost positive definiteness through rounding: lift its spectrum slightly
    const lift = dmin <= 0 ? -dmin + 1e-14 * Math.max(1e-300, ...Array.from(eigVal, Math.abs)) : 0;
    for (let i = 0; i < n; i++) R.D[i] = Math.sqrt(eigVal[i] + lift);
    R.B.set(eigVec);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) R.BD[i * n + j] = R.B[i * n + j] * R.D[j];
    R.eigenEvals = R.evals;
  }

  function ask(): number[][] {
    if (stopped) throw new Error(`cmaes: ask() after stop (${stopped})`);
    const R = run;
    if (R.evals - R.eigenEvals > R.lazyGap) updateEigen(R);
    fillNormal(r, R.arz);
    if (orthogonal) orthogonalize(R.arz, R.lambda, n);
    const out: number[][] = new Array(R.lambda);
    const { arz, ary, BD, mean, sigma } = R;
    for (let k = 0; k < R.lambda; k++) {
      const off = k * n;
      const x: number[] = new Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        const row = i * n;
        for (let j = 0; j < n; j++) s += BD[row + j] * arz[off + j];
        ary[off + i] = s;
        x[i] = mean[i] + sigma * s;
      }
      out[k] = x;
    }
    R.pending = R.lambda;
    return out;
  }

  function tell(candidates: readonly (readonly number[])[], values: readonly number[]): void {
    const R = run;
    checkTell(KIND, R.pending, candidates, values);
    R.pending = 0;
    const { lambda, mu, weights, fit, idx, arz, ary, mean, pc, ps, C, B } = R;
    for (let k = 0; k < lambda; k++) fit[k] = values[k];
    argsort(fit, idx, lambda);
    const f0 = fit[idx[0]];
    if (f0 < bestValue || bestX === null) {
      bestValue = f0;
      (bestX ??= new Float64Array(n)).set(candidates[idx[0]]);
    }
    R.evals += lambda; evals += lambda; R.gen++; generations++;

    // weighted recombination of the μ best steps, in y (= B D z) and z space
    yw.fill(0); zw.fill(0);
    for (let i = 0; i < mu; i++) {
      const w = weights[i], off = idx[i] * n;
      for (let j = 0; j < n; j++) { yw[j] += w * ary[off + j]; zw[j] += w * arz[off + j]; }
    }
    for (let j = 0; j < n; j++) mean[j] += R.sigma * yw[j];

    // cumulation: ps uses C^(-1/2) yw = B zw
    const csn = Math.sqrt(R.cs * (2 - R.cs) * R.mueff);
    let psNorm2 = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += B[i * n + j] * zw[j];
      ps[i] = (1 - R.cs) * ps[i] + csn * s;
      psNorm2 += ps[i] * ps[i];
    }
    const psNorm = Math.sqrt(psNorm2);
    const hsig = psNorm / Math.sqrt(1 - (1 - R.cs) ** (2 * R.gen)) / R.chiN < 1.4 + 2 / (n + 1) ? 1 : 0;
    const ccn = hsig * Math.sqrt(R.cc * (2 - R.cc) * R.mueff);
    for (let i = 0; i < n; i++) pc[i] = (1 - R.cc) * pc[i] + ccn * yw[i];

    // covariance: decay, rank-one and rank-λ updates (upper triangle only; the eigensolver reads just that)
    const { c1, cmu } = R;
    let sumW = 0;
    for (let k = 0; k < lambda; k++) sumW += weights[k];
    const decay = 1 - c1 - cmu * sumW + (1 - hsig) * c1 * R.cc * (2 - R.cc);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) C[i * n + j] = decay * C[i * n + j] + c1 * pc[i] * pc[j];
    }
    for (let k = 0; k < lambda; k++) {
      let wk = cmu * weights[k];
      if (wk === 0) continue;
      const off = idx[k] * n;
      if (wk < 0) {
        // negative weights act on the Mahalanobis-normalised step: |C^(-1/2) y|² = |z|²
        let z2 = 0;
        for (let j = 0; j < n; j++) z2 += arz[off + j] * arz[off + j];
        wk *= n / z2;
      }
      for (let i = 0; i < n; i++) {
        const yi = wk * ary[off + i], row = i * n;
        for (let j = i; j < n; j++) C[row + j] += yi * ary[off + j];
      }
    }

    // step size by cumulative step-size adaptation (change capped at e^1 per generation, as in pycma)
    R.sigma *= Math.exp(Math.min(1, (R.cs / R.damps) * (psNorm / R.chiN - 1)));
    // flat fitness: the best and 70th-percentile candidates tie, so widen the search
    if (fit[idx[0]] === fit[idx[Math.min(lambda - 1, Math.ceil(0.7 * lambda))]]) {
      R.sigma *= Math.exp(0.2 + R.cs / R.damps);
      fired['flatFitness'] = (fired['flatFitness'] ?? 0) + 1;
    }
    R.bestHist.push(f0);
    R.medianHist.push(fit[idx[lambda >> 1]]);
    if (R.bestHist.length > 20000) { R.bestHist.shift(); R.medianHist.shift(); }

    const why = terminated(R);
    if (why) {
      fired[`stop.${why}`] = (fired[`stop.${why}`] ?? 0) + 1;
      if (restarts < maxRestarts) {
        restarts++;
        run = newRun(Math.round(run.lambda * incPopSize));
      } else stopped = 'exhausted';
    }
  }

  /** The first of pycma's / the tutorial's termination criteria that holds, if any. */
  function terminated(R: Run): Criterion | null {
    const { lambda, fit, idx, sigma, pc, C, D, B, mean } = R;
    // tolFun: recent best values and the whole current population lie within tolFun
    const histLen = 10 + Math.ceil((30 * n) / lambda);
    if (R.gen >= histLen) {
      let lo = fit[idx[0]], hi = fit[idx[lambda - 1]];
      for (let g = R.bestHist.length - histLen; g < R.bestHist.length; g++) {
        lo = Math.min(lo, R.bestHist[g]); hi = Math.max(hi, R.bestHist[g]);
      }
      if (hi - lo < tolFun) return 'tolFun';
    }
    let allSmall = true, dmax = 0, dmin = Infinity;
    for (let i = 0; i < n; i++) {
      if (sigma * Math.max(Math.abs(pc[i]), Math.sqrt(C[i * n + i])) >= tolX) allSmall = false;
      dmax = Math.max(dmax, D[i]); dmin = Math.min(dmin, D[i]);
    }
    if (allSmall) return 'tolX';
    if (sigma / sigma0 > 1e20 * dmax) return 'tolUpSigma';
    if ((dmax * dmax) / (dmin * dmin) > 1e14) return 'conditionCov';
    // noEffectAxis: a 0.1-sigma step along one principal axis leaves the mean unchanged
    const axis = R.gen % n;
    let same = true;
    for (let i = 0; i < n; i++) {
      if (mean[i] + 0.1 * sigma * D[axis] * B[i * n + axis] !== mean[i]) { same = false; break; }
    }
    if (same) return 'noEffectAxis';
    for (let i = 0; i < n; i++) {
      if (mean[i] + 0.2 * sigma * Math.sqrt(C[i * n + i]) === mean[i]) return 'noEffectCoord';
    }
    // stagnation (Hansen 2009, BIPOP on BBOB): over the last 20% of generations, but at least 120 + 30n/λ, the
    // medians of the newest 30% of best and of median values are no better than those of the oldest 30%
    const window = Math.min(R.bestHist.length, Math.max(120 + Math.ceil((30 * n) / lambda), Math.floor(0.2 * R.gen)));
    if (R.gen > 120 + (30 * n) / lambda) {
      const part = Math.max(1, Math.floor(0.3 * window)), end = R.bestHist.length, start = end - window;
      if (median(R.bestHist, end - part, end) >= median(R.bestHist, start, start + part) &&
          median(R.medianHist, end - part, end) >= median(R.medianHist, start, start + part)) return 'stagnation';
    }
    return null;
  }

  function save(): OptimizerState {
    const R = run;
    return {
      kind: KIND, version: VERSION, dim: n, rng: [...r.state()], restarts, generations, evals,
      stopped, fired: { ...fired },
      best: bestX ? { x: Array.from(bestX), value: String(bestValue) } : null,
      run: {
        lambda: R.lambda, sigma: R.sigma, gen: R.gen, evals: R.evals, eigenEvals: R.eigenEvals, pending: R.pending,
        mean: Array.from(R.mean), pc: Array.from(R.pc), ps: Array.from(R.ps), C: Array.from(R.C), B: Array.from(R.B),
        D: Array.from(R.D), arz: Array.from(R.arz), ary: Array.from(R.ary),
        bestHist: encodeNumbers(R.bestHist), medianHist: encodeNumbers(R.medianHist),
      },
    };
  }

  function restore(state: OptimizerState): void {
    checkState(state, KIND, VERSION);
    if (state.dim !== n) throw new Error(`optimizer state: dim is ${state.dim}, expected ${n}`);
    const s = state as unknown as {
      rng: number[]; restarts: number; generations: number; evals: number; stopped: StopReason | null;
      fired: Record<string, number>; best: { x: number[]; value: number | string } | null;
      run: Record<string, unknown> & { lambda: number; sigma: number; gen: number; evals: number; eigenEvals: number; pending: number };
    };
    r = makeRng(s.rng);
    restarts = s.restarts; generations = s.generations; evals = s.evals; stopped = s.stopped;
    for (const k of Object.keys(fired)) delete fired[k];
    Object.assign(fired, s.fired);
    bestX = s.best ? Float64Array.from(s.best.x) : null;
    bestValue = s.best ? Number(s.best.value) : Infinity;
    const R = newRun(s.run.lambda);
    R.sigma = s.run.sigma; R.gen = s.run.gen; R.evals = s.run.evals; R.eigenEvals = s.run.eigenEvals; R.pending = s.run.pending;
    for (const f of ['mean', 'pc', 'ps', 'C', 'B', 'D', 'arz', 'ary'] as const) R[f].set(decodeNumbers(s.run[f], `run.${f}`));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) R.BD[i * n + j] = R.B[i * n + j] * R.D[j];
    R.bestHist = decodeNumbers(s.run.bestHist, 'run.bestHist');
    R.medianHist = decodeNumbers(s.run.medianHist, 'run.medianHist');
    run = R;
  }

  return {
    name: KIND, dim: n, ask, tell, save, restore,
    best: (): Incumbent | null => (bestX ? { x: Array.from(bestX), value: bestValue } : null),
    stop: () => stopped,
    stats: () => ({ generations, evals, restarts, popSize: run.lambda, sigma: run.sigma, ...fired }),
  };
}

/**
 * Gram–Schmidt on consecutive blocks of n of the λ rows of z (λ×n), restoring each row's original length: a random
 * orthonormal frame times chi-distributed lengths, so each row keeps its N(0, I) distribution.
 */
function orthogonalize(z: Float64Array, lambda: number, n: number): void {
  for (let start = 0; start < lambda; start += n) {
    const end = Math.min(lambda, start + n);
    for (let k = start; k < end; k++) {
      const ok = k * n;
      let norm2 = 0;
      for (let i = 0; i < n; i++) norm2 += z[ok + i] * z[ok + i];
      for (let j = start; j < k; j++) {
        const oj = j * n;
        let dot = 0, nj = 0;
        for (let i = 0; i < n; i++) { dot += z[ok + i] * z[oj + i]; nj += z[oj + i] * z[oj + i]; }
        const c = dot / nj;
        for (let i = 0; i < n; i++) z[ok + i] -= c * z[oj + i];
      }
      let m2 = 0;
      for (let i = 0; i < n; i++) m2 += z[ok + i] * z[ok + i];
      const scale = m2 > 0 ? Math.sqrt(norm2 / m2) : 1;
      for (let i = 0; i < n; i++) z[ok + i] *= scale;
    }
  }
}

function median(xs: readonly number[], from: number, to: number): number {
  const s = xs.slice(from, to).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
