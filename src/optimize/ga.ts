import { rng as makeRng, type Rng } from '../util/rng.ts';
import { incumbentTracker, type SavedIncumbent } from './incumbent.ts';
import {
  checkState, checkTell, decodeNumbers, encodeNumbers, normal,
  type Optimizer, type OptimizerState, type StopReason, type Strategy,
} from './optimizer.ts';

/** What a GA individual is: a real vector, or a vector of small integers (gene i in [0, cardinality_i)). */
export type Genome =
  | {
      readonly kind: 'real';
      /** Initial spread around x0 and initial mutation step (default 1). */
      readonly sigma?: number;
      readonly crossover?: 'sbx' | 'blend';
      /** SBX distribution index (default 15). */
      readonly eta?: number;
      /** BLX-α extension (default 0.5). */
      readonly alpha?: number;
    }
  | { readonly kind: 'discrete'; readonly cardinality: number | readonly number[] };

/** Options of `ga`. */
export interface GaOptions {
  readonly genome?: Genome;
  /** Individuals per generation (default 50). */
  readonly popSize?: number;
  readonly seed?: number;
  /** Tournament size of parent selection (default 3). */
  readonly tournament?: number;
  /** Probability that a pair of parents is recombined (default 0.9). */
  readonly crossoverRate?: number;
  /** Per-gene mutation probability (default: 1/n for discrete genomes, 1 for real ones). */
  readonly mutationRate?: number;
  /** Best individuals copied unchanged into the next generation (default 1). */
  readonly elite?: number;
}

/** A variation operator as named data; the GA counts firings by name in its stats. */
interface Operator<A extends unknown[]> {
  readonly name: string;
  readonly apply: (...args: A) => void;
}
type Crossover = Operator<[a: number[], b: number[], r: Rng]>;
type Mutation = Operator<[x: number[], step: number, r: Rng, rate: number]>;

const sbx = (eta: number): Crossover => ({
  name: 'crossover.sbx',
  apply: (a, b, r) => {
    for (let i = 0; i < a.length; i++) {
      if (r.next() >= 0.5) continue;
      const u = r.next();
      const beta = u <= 0.5 ? (2 * u) ** (1 / (eta + 1)) : (1 / (2 * (1 - u))) ** (1 / (eta + 1));
      const x = a[i], y = b[i];
      a[i] = 0.5 * ((1 + beta) * x + (1 - beta) * y);
      b[i] = 0.5 * ((1 - beta) * x + (1 + beta) * y);
    }
  },
});
const blend = (alpha: number): Crossover => ({
  name: 'crossover.blend',
  apply: (a, b, r) => {
    for (let i = 0; i < a.length; i++) {
      const g = (1 + 2 * alpha) * r.next() - alpha, x = a[i], y = b[i];
      a[i] = (1 - g) * x + g * y;
      b[i] = g * x + (1 - g) * y;
    }
  },
});
const uniform: Crossover = {
  name: 'crossover.uniform',
  apply: (a, b, r) => {
    for (let i = 0; i < a.length; i++) if (r.next() < 0.5) { const t = a[i]; a[i] = b[i]; b[i] = t; }
  },
};
const gaussian: Mutation = {
  name: 'mutation.gaussian',
  apply: (x, step, r, rate) => { for (let i = 0; i < x.length; i++) if (r.next() < rate) x[i] += step * normal(r); },
};
const point = (card: readonly number[]): Mutation => ({
  name: 'mutation.point',
  apply: (x, _step, r, rate) => {
    for (let i = 0; i < x.length; i++) {
      if (card[i] > 1 && r.next() < rate) x[i] = (x[i] + 1 + r.int(card[i] - 1)) % card[i]; // always a new value
    }
  },
});

const KIND = 'ga', VERSION = 1;

/**
 * A generational genetic algorithm: tournament selection, crossover (SBX or blend for reals, uniform for discrete),
 * mutation (Gaussian with a self-adapted step per individual for reals, point mutation for discrete) and elitism.
 */
export function ga(options: GaOptions = {}): Strategy {
  const popSize = options.popSize ?? 50, elite = options.elite ?? 1;
  if (!(Number.isInteger(popSize) && popSize >= 2)) throw new Error(`ga: popSize must be an integer >= 2, got ${popSize}`);
  if (!(Number.isInteger(elite) && elite >= 0 && elite < popSize)) {
    throw new Error(`ga: elite must be an integer in [0, popSize), got ${elite}`);
  }
  return { name: KIND, start: (x0) => startGa(x0, options) };
}

function startGa(x0: readonly number[], o: GaOptions): Optimizer {
  const n = x0.length;
  if (n < 1) throw new Error('ga: x0 must have at least one coordinate');
  const genome: Genome = o.genome ?? { kind: 'real' };
  const popSize = o.popSize ?? 50, elite = o.elite ?? 1, tsize = o.tournament ?? 3, pc = o.crossoverRate ?? 0.9;
  const discrete = genome.kind === 'discrete';
  const card = discrete ? cardinalities(genome.cardinality, n) : [];
  if (discrete) {
    x0.forEach((g, i) => {
      if (!(Number.isInteger(g) && g >= 0 && g < card[i])) throw new Error(`ga: x0[${i}] = ${g} is not in [0, ${card[i]})`);
    });
  }
  const pm = o.mutationRate ?? (discrete ? 1 / n : 1);
  const crossover: Crossover = genome.kind === 'discrete' ? uniform
    : genome.crossover === 'blend' ? blend(genome.alpha ?? 0.5) : sbx(genome.eta ?? 15);
  const mutation: Mutation = discrete ? point(card) : gaussian;
  const sigma0 = genome.kind === 'real' ? (genome.sigma ?? 1) : 0;
  const tau = 1 / Math.sqrt(2 * n); // learning rate of the log-normal step self-adaptation
  let r: Rng = makeRng(o.seed ?? 1);
  let pop: number[][] = [], steps: number[] = [], fit: number[] = [];
  let kids: number[][] = [], kidSteps: number[] = [];
  let gen = 0, evals = 0;
  const incumbent = incumbentTracker();
  const fired: Record<string, number> = {};
  const fire = (name: string): void => { fired[name] = (fired[name] ?? 0) + 1; };

  function tournament(): number {
    let w = r.int(pop.length);
    for (let k = 1; k < tsize; k++) { const c = r.int(pop.length); if (fit[c] < fit[w]) w = c; }
    return w;
  }

  function ask(): number[][] {
    kids = []; kidSteps = [];
    if (gen === 0) {
      kids.push([...x0]); kidSteps.push(sigma0);
      while (kids.length < popSize) {
        kids.push(discrete ? card.map((c) => r.int(c)) : x0.map((v) => v + sigma0 * normal(r)));
        kidSteps.push(sigma0);
      }
    } else {
      const count = popSize - elite;
      while (kids.length < count) {
        const i = tournament(), j = tournament();
        const a = [...pop[i]], b = [...pop[j]];
        let sa = steps[i], sb = steps[j];
        if (r.next() < pc) {
          crossover.apply(a, b, r); fire(crossover.name);
          sa = sb = Math.sqrt(sa * sb);
        }
        for (const [x, s] of [[a, sa], [b, sb]] as const) {
          if (kids.length >= count) break;
          const step = discrete ? 0 : s * Math.exp(tau * normal(r));
          mutation.apply(x, step, r, pm); fire(mutation.name);
          kids.push(x); kidSteps.push(step);
        }
      }
    }
    return kids.map((k) => [...k]);
  }

  function tell(candidates: readonly (readonly number[])[], values: readonly number[]): void {
    checkTell(KIND, kids.length, candidates, values);
    const order = pop.map((_, i) => i).sort((a, b) => (fit[a] < fit[b] ? -1 : fit[a] > fit[b] ? 1 : a - b)).slice(0, gen === 0 ? 0 : elite);
    const next = order.map((i) => pop[i]), nextSteps = order.map((i) => steps[i]), nextFit = order.map((i) => fit[i]);
    for (let k = 0; k < kids.length; k++) {
      next.push(kids[k]); nextSteps.push(kidSteps[k]); nextFit.push(values[k]);
      incumbent.offer(kids[k], values[k]);
    }
    evals += kids.length; gen++;
    pop = next; steps = nextSteps; fit = nextFit; kids = []; kidSteps = [];
  }

  function save(): OptimizerState {
    return {
      kind: KIND, version: VERSION, dim: n, rng: [...r.state()], gen, evals, fired: { ...fired },
      pop: pop.map((x) => [...x]), steps: [...steps], fit: encodeNumbers(fit),
      kids: kids.map((x) => [...x]), kidSteps: [...kidSteps],
      best: incumbent.save(),
    };
  }

  function restore(state: OptimizerState): void {
    checkState(state, KIND, VERSION, n);
    const s = state as unknown as {
      rng: number[]; gen: number; evals: number; fired: Record<string, number>;
      pop: number[][]; steps: number[]; fit: unknown; kids: number[][]; kidSteps: number[];
      best: SavedIncumbent;
    };
    r = makeRng(s.rng);
    gen = s.gen; evals = s.evals;
    for (const k of Object.keys(fired)) delete fired[k];
    Object.assign(fired, s.fired);
    pop = s.pop.map((x, i) => decodeNumbers(x, `pop[${i}]`)); steps = decodeNumbers(s.steps, 'steps');
    fit = decodeNumbers(s.fit, 'fit');
    kids = s.kids.map((x, i) => decodeNumbers(x, `kids[${i}]`)); kidSteps = decodeNumbers(s.kidSteps, 'kidSteps');
    incumbent.restore(s.best);
  }

  return {
    name: KIND, dim: n, ask, tell, save, restore,
    best: incumbent.best,
    stop: (): StopReason | null => null,
    stats: () => ({ generations: gen, evals, ...fired }),
  };
}

function cardinalities(c: number | readonly number[], n: number): number[] {
  const out = typeof c === 'number' ? new Array<number>(n).fill(c) : [...c];
  if (out.length !== n) throw new Error(`ga: genome.cardinality has ${out.length} entries, x0 has ${n}`);
  out.forEach((k, i) => {
    if (!(Number.isInteger(k) && k >= 1)) throw new Error(`ga: genome.cardinality[${i}] must be an integer >= 1, got ${k}`);
  });
  return out;
}
