// The benchmark functions of bench/hpo.ts (issue 7): Branin, Hartmann-6 and Rosenbrock-10 as objectives of named
// parameters; bench/hpo-optuna.py defines the same ones for Optuna.
import { uniform, type Params, type Space } from '../src/optimize/hpo/index.ts';

/** A test function over a search space, with its minimum (for regret). */
export interface HpoProblem {
  readonly name: string;
  readonly space: Space;
  readonly f: (p: Params) => number;
  readonly optimum: number;
}

export const branin = (p: Params): number => {
  const x1 = p.x1 as number, x2 = p.x2 as number;
  const b = 5.1 / (4 * Math.PI ** 2), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
};
const H_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]];
const H_P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]].map((r) => r.map((v) => v * 1e-4));
export const hartmann6 = (p: Params): number => {
  let s = 0;
  for (let i = 0; i < 4; i++) {
    let e = 0;
    for (let j = 0; j < 6; j++) e += H_A[i][j] * ((p[`x${j}`] as number) - H_P[i][j]) ** 2;
    s += H_ALPHA[i] * Math.exp(-e);
  }
  return -s;
};
export const rosenbrock10 = (p: Params): number => {
  let s = 0;
  for (let i = 0; i < 9; i++) {
    const x = p[`x${i}`] as number, y = p[`x${i + 1}`] as number;
    s += 100 * (y - x * x) ** 2 + (1 - x) ** 2;
  }
  return s;
};
export const box = (n: number, lo: number, hi: number): Space => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${i}`, uniform(lo, hi)]));

/** The benchmark problems on the domains Optuna's figures were measured on (bench/hpo-optuna.py). */
export const hpoProblems: readonly HpoProblem[] = [
  { name: 'branin', f: branin, space: { x1: uniform(-5, 10), x2: uniform(0, 15) }, optimum: 0.397887 },
  { name: 'hartmann6', f: hartmann6, space: box(6, 0, 1), optimum: -3.32237 },
  { name: 'rosenbrock10', f: rosenbrock10, space: box(10, -5, 10), optimum: 0 },
];
