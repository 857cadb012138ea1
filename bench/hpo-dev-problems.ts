// Development problems for the HPO samplers (issue 7): test functions that are NOT bench/hpo.ts's (Branin, Hartmann-6,
// Rosenbrock-10), on domains whose optimum is off-centre (the TPE prior sits at the centre, so a centred optimum would
// flatter it). Defaults are chosen on these; the benchmark functions are measured only afterwards.
import { int, logUniform, uniform, type Params } from '../src/optimize/hpo/index.ts';
import { box, type HpoProblem } from './hpo-problems.ts';

export type DevProblem = HpoProblem;

const xs = (p: Params, d: number): number[] => Array.from({ length: d }, (_, i) => p[`x${i}`] as number);

const ackley = (x: number[]): number => {
  const d = x.length;
  const s1 = x.reduce((s, v) => s + v * v, 0), s2 = x.reduce((s, v) => s + Math.cos(2 * Math.PI * v), 0);
  return -20 * Math.exp(-0.2 * Math.sqrt(s1 / d)) - Math.exp(s2 / d) + 20 + Math.E;
};
const levy = (x: number[]): number => {
  const w = x.map((v) => 1 + (v - 1) / 4), d = x.length;
  let s = Math.sin(Math.PI * w[0]) ** 2;
  for (let i = 0; i < d - 1; i++) s += (w[i] - 1) ** 2 * (1 + 10 * Math.sin(Math.PI * w[i] + 1) ** 2);
  return s + (w[d - 1] - 1) ** 2 * (1 + Math.sin(2 * Math.PI * w[d - 1]) ** 2);
};
const styblinski = (x: number[]): number => x.reduce((s, v) => s + (v ** 4 - 16 * v * v + 5 * v) / 2, 0);
const rastrigin = (x: number[]): number => 10 * x.length + x.reduce((s, v) => s + v * v - 10 * Math.cos(2 * Math.PI * v), 0);
const H3_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H3_A = [[3, 10, 30], [0.1, 10, 35], [3, 10, 30], [0.1, 10, 35]];
const H3_P = [[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]].map((r) => r.map((v) => v * 1e-4));
const hartmann3 = (x: number[]): number =>
  -H3_ALPHA.reduce((s, a, i) => s + a * Math.exp(-x.reduce((e, v, j) => e + H3_A[i][j] * (v - H3_P[i][j]) ** 2, 0)), 0);
const camel = (x: number[]): number => {
  const [a, b] = x;
  return (4 - 2.1 * a * a + a ** 4 / 3) * a * a + a * b + (-4 + 4 * b * b) * b * b;
};
const himmelblau = (x: number[]): number => (x[0] ** 2 + x[1] - 11) ** 2 + (x[0] + x[1] ** 2 - 7) ** 2;
/** Goldstein-Price in log scale (its raw range spans five decades). */
const goldstein = (x: number[]): number => {
  const [a, b] = x;
  const p = 1 + (a + b + 1) ** 2 * (19 - 14 * a + 3 * a * a - 14 * b + 6 * a * b + 3 * b * b);
  const q = 30 + (2 * a - 3 * b) ** 2 * (18 - 32 * a + 12 * a * a + 48 * b - 36 * a * b + 27 * b * b);
  return Math.log(p * q);
};
/** A rotated, ill-conditioned ellipsoid (condition 1e4): the coordinates interact, as in a multivariate model's favour. */
const ellipsoid = (x: number[]): number => {
  const d = x.length;
  let s = 0;
  for (let i = 0; i < d; i++) {
    // a fixed rotation: pairs (i, i+1) turned by 30°, shift 1.3 off the centre
    const a = x[i] - 1.3, b = x[(i + 1) % d] - 1.3;
    const r = 0.866 * a + 0.5 * b;
    s += 10 ** (4 * i / (d - 1)) * r * r;
  }
  return s;
};
/** A hyperparameter-like objective over log-scale reals and integers: a validation loss with an optimum inside. */
const mixed = (p: Params): number => {
  const lr = Math.log10(p.lr as number), wd = Math.log10(p.wd as number), width = p.width as number, depth = p.depth as number;
  const drop = p.dropout as number;
  return (lr + 2.7) ** 2 + 0.3 * (wd + 4.2) ** 2 + 0.5 * (Math.log2(width) - 6.5) ** 2 + 0.2 * (depth - 3) ** 2
    + 2 * (drop - 0.15) ** 2 + 0.3 * (lr + 2.7) * (Math.log2(width) - 6.5);
};

const fn = (name: string, d: number, lo: number, hi: number, f: (x: number[]) => number, optimum: number): DevProblem =>
  ({ name, space: box(d, lo, hi), f: (p) => f(xs(p, d)), optimum });

export const devProblems: readonly DevProblem[] = [
  fn('ackley5', 5, -10, 30, ackley, 0),
  fn('ackley10', 10, -10, 30, ackley, 0),
  fn('levy4', 4, -10, 10, levy, 0),
  fn('levy10', 10, -10, 10, levy, 0),
  fn('styblinski5', 5, -5, 5, styblinski, -39.16617 * 5),
  fn('styblinski10', 10, -5, 5, styblinski, -39.16617 * 10),
  fn('rastrigin6', 6, -3, 7, rastrigin, 0),
  fn('ellipsoid8', 8, -5, 10, ellipsoid, 0),
  fn('hartmann3', 3, 0, 1, hartmann3, -3.86278),
  fn('himmelblau2', 2, -6, 4, himmelblau, 0),
  fn('goldstein2', 2, -2, 2, goldstein, Math.log(3)),
  fn('camel2', 2, -3, 3, camel, -1.0316),
  { name: 'mixed5', optimum: 0, f: mixed,
    space: { lr: logUniform(1e-5, 1), wd: logUniform(1e-6, 1e-1), width: int(8, 512, { log: true }), depth: int(1, 8), dropout: uniform(0, 0.6) } },
];
