import { rng as makeRng, type Rng } from '../util/rng.ts';
import { incumbentTracker, type SavedIncumbent } from './incumbent.ts';
import {
  argsort, checkState, checkTell, decodeNumbers, fillNormal,
  type Optimizer, type OptimizerState, type StopReason, type Strategy,
} from './optimizer.ts';

/** Options of `es` (OpenAI-style evolution strategies, Salimans et al. 2017). */
export interface EsOptions {
  /** Standard deviation of the parameter perturbations. */
  readonly sigma: number;
  /** Candidates per generation; even, since they come in mirrored pairs (default 2·(4 + ⌊3 ln n⌋)). */
  readonly popSize?: number;
  /** Step size of the update (default 0.05 for Adam, 0.1·sigma for SGD). */
  readonly lr?: number;
  readonly seed?: number;
  /** 'adam' (default) or 'sgd' with momentum. */
  readonly step?: 'adam' | 'sgd';
  /** SGD momentum (default 0.9). */
  readonly momentum?: number;
  /** L2 penalty on the parameters, as in the paper (default 0). */
  readonly weightDecay?: number;
  /** Multiplies sigma and lr after each generation, letting the search settle (default 1: constant). */
  readonly decay?: number;
}

const KIND = 'es', VERSION = 1;

/**
 * Evolution strategies as a gradient estimator: antithetic (mirrored) Gaussian perturbations θ ± σε, values replaced
 * by centered ranks in [−0.5, 0.5], gradient Σ (u⁺ − u⁻) ε / (nσ), then an Adam or SGD step.
 */
export function es(options: EsOptions): Strategy {
  if (!(options.sigma > 0)) throw new Error(`es: sigma must be > 0, got ${options.sigma}`);
  const p = options.popSize;
  if (p !== undefined && !(Number.isInteger(p) && p >= 2 && p % 2 === 0)) {
    throw new Error(`es: popSize must be an even integer >= 2, got ${p}`);
  }
  if (options.lr !== undefined && !(options.lr > 0)) throw new Error(`es: lr must be > 0, got ${options.lr}`);
  return { name: KIND, start: (x0) => startEs(x0, options) };
}

function startEs(x0: readonly number[], o: EsOptions): Optimizer {
  const n = x0.length;
  if (n < 1) throw new Error('es: x0 must have at least one coordinate');
  const pairs = o.popSize !== undefined ? o.popSize / 2 : 4 + Math.floor(3 * Math.log(n)), lambda = 2 * pairs;
  const useAdam = (o.step ?? 'adam') === 'adam';
  const beta1 = useAdam ? 0.9 : (o.momentum ?? 0.9), beta2 = 0.999;
  const decay = o.decay ?? 1, weightDecay = o.weightDecay ?? 0;
  let r: Rng = makeRng(o.seed ?? 1);
  const theta = Float64Array.from(x0);
  const m = new Float64Array(n), v = new Float64Array(n), grad = new Float64Array(n);
  const eps = new Float64Array(pairs * n), fit = new Float64Array(lambda), idx = new Int32Array(lambda);
  const rank = new Float64Array(lambda);
  let sigma = o.sigma, lr = o.lr ?? (useAdam ? 0.05 : 0.1 * o.sigma);
  let t = 0, evals = 0, pending = 0;
  const incumbent = incumbentTracker();

  function ask(): number[][] {
    fillNormal(r, eps);
    const out: number[][] = new Array(lambda);
    for (let k = 0; k < pairs; k++) {
      const plus: number[] = new Array(n), minus: number[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const d = sigma * eps[k * n + i];
        plus[i] = theta[i] + d; minus[i] = theta[i] - d;
      }
      out[2 * k] = plus; out[2 * k + 1] = minus;
    }
    pending = lambda;
    return out;
  }

  function tell(candidates: readonly (readonly number[])[], values: readonly number[]): void {
    checkTell(KIND, pending, candidates, values);
    pending = 0;
    for (let k = 0; k < lambda; k++) fit[k] = values[k];
    argsort(fit, idx, lambda);
    incumbent.offer(candidates[idx[0]], fit[idx[0]]);
    evals += lambda; t++;
    // centered ranks: best → −0.5, worst → +0.5; we descend this utility
    for (let k = 0; k < lambda; k++) rank[idx[k]] = lambda > 1 ? k / (lambda - 1) - 0.5 : 0;
    grad.fill(0);
    for (let k = 0; k < pairs; k++) {
      const u = rank[2 * k] - rank[2 * k + 1];
      if (u === 0) continue;
      for (let i = 0; i < n; i++) grad[i] += u * eps[k * n + i];
    }
    for (let i = 0; i < n; i++) {
      const g = grad[i] / (lambda * sigma) + weightDecay * theta[i];
      if (useAdam) {
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        const mh = m[i] / (1 - beta1 ** t), vh = v[i] / (1 - beta2 ** t);
        theta[i] -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
      } else {
        m[i] = beta1 * m[i] + g;
        theta[i] -= lr * m[i];
      }
    }
    sigma *= decay; lr *= decay;
  }

  function save(): OptimizerState {
    return {
      kind: KIND, version: VERSION, dim: n, rng: [...r.state()], t, evals, pending, sigma, lr,
      theta: Array.from(theta), m: Array.from(m), v: Array.from(v), eps: Array.from(eps),
      best: incumbent.save(),
    };
  }

  function restore(state: OptimizerState): void {
    checkState(state, KIND, VERSION, n);
    const s = state as unknown as {
      rng: number[]; t: number; evals: number; pending: number; sigma: number; lr: number;
      best: SavedIncumbent;
    } & Record<'theta' | 'm' | 'v' | 'eps', unknown>;
    r = makeRng(s.rng);
    t = s.t; evals = s.evals; pending = s.pending; sigma = s.sigma; lr = s.lr;
    theta.set(decodeNumbers(s.theta, 'theta')); m.set(decodeNumbers(s.m, 'm'));
    v.set(decodeNumbers(s.v, 'v')); eps.set(decodeNumbers(s.eps, 'eps'));
    incumbent.restore(s.best);
  }

  return {
    name: KIND, dim: n, ask, tell, save, restore,
    best: incumbent.best,
    stop: (): StopReason | null => null,
    stats: () => ({ generations: t, evals, sigma, lr }),
  };
}
