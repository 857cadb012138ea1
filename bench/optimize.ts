// Optimizer benchmark (issue 6): evaluations to reach f < 1e-8 on sphere, Rosenbrock and Rastrigin in 10 and 30
// dimensions, x0 ~ U[-3,3]^n, sigma0 = 2, budget 100,000, 10 seeds; median over successful runs, CPU per evaluation.
// Usage: node --import tsx bench/optimize.ts [--seeds 10] [--only cmaes,es,ga] [--problems sphere-10,...]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cmaes, es, ga, minimize, type Strategy } from '../src/optimize/index.ts';
import { rng } from '../src/util/rng.ts';

type F = (x: number[]) => number;
const sphere: F = (x) => { let s = 0; for (let i = 0; i < x.length; i++) s += x[i] * x[i]; return s; };
const rosenbrock: F = (x) => {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) s += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
  return s;
};
const rastrigin: F = (x) => {
  let s = 10 * x.length;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i] - 10 * Math.cos(2 * Math.PI * x[i]);
  return s;
};

/** DEAP 1.3 CMA-ES on this machine (issue 6): median evaluations and successes out of 10. */
const problems = [
  { name: 'sphere-10', f: sphere, dim: 10, deap: { evals: 1407, ok: 10 } },
  { name: 'rosenbrock-10', f: rosenbrock, dim: 10, deap: { evals: 6245, ok: 8 } },
  { name: 'rastrigin-10', f: rastrigin, dim: 10, deap: { evals: 82416, ok: 9 } },
  { name: 'sphere-30', f: sphere, dim: 30, deap: { evals: 3842, ok: 10 } },
  { name: 'rosenbrock-30', f: rosenbrock, dim: 30, deap: { evals: 44881, ok: 9 } },
];
const DEAP_US_PER_EVAL = '15-30';

const optimizers: Record<string, (seed: number, dim: number) => Strategy> = {
  // defaults: tutorial-2016 parameters with negative weights, orthogonal sampling
  cmaes: (seed) => cmaes({ sigma: 2, seed, ipop: true }),
  // independent Gaussian samples, as in the tutorial
  'cmaes-gauss': (seed) => cmaes({ sigma: 2, seed, ipop: true, sampling: 'gaussian' }),
  // and without negative weights: the classic algorithm DEAP implements
  'cmaes-classic': (seed) => cmaes({ sigma: 2, seed, ipop: true, sampling: 'gaussian', active: false }),
  es: (seed) => es({ sigma: 0.5, lr: 0.2, seed, decay: 0.995 }),
  ga: (seed) => ga({ seed, popSize: 100, genome: { kind: 'real', sigma: 2 } }),
};

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const seeds = Number(arg('seeds') ?? 10);
const only = (arg('only') ?? Object.keys(optimizers).join(',')).split(',');
const onlyProblems = arg('problems')?.split(',');
const budget = 100_000, target = 1e-8;

const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const x0For = (seed: number, dim: number): number[] => {
  const r = rng(10_000 + seed);
  return Array.from({ length: dim }, () => r.next() * 6 - 3);
};

interface Row {
  optimizer: string; problem: string; dim: number; seeds: number; ok: number; medianEvals: number | null;
  meanEvalsAll: number; usPerEval: number; msPerRun: number; deapEvals: number; deapOk: number;
  evals: number[]; stopReasons: string[];
}
const rows: Row[] = [];
// warm-up (JIT) on every problem before anything is measured
for (const name of only) {
  for (const p of problems) optimizers[name] && minimize(p.f, x0For(999, p.dim), optimizers[name](999, p.dim), { maxEvals: 20_000, target });
}
for (const name of only) {
  const make = optimizers[name];
  if (!make) throw new Error(`--only: unknown optimizer '${name}' (${Object.keys(optimizers).join(', ')})`);
  for (const p of problems) {
    if (onlyProblems && !onlyProblems.includes(p.name)) continue;
    const evals: number[] = [], stopReasons: string[] = [], runMs: number[] = [];
    let ok = 0, totalEvals = 0, cpuUs = 0;
    const okEvals: number[] = [];
    for (let seed = 0; seed < seeds; seed++) {
      const x0 = x0For(seed, p.dim);
      const c0 = process.cpuUsage();
      const res = minimize(p.f, x0, make(seed, p.dim), { maxEvals: budget, target });
      const c = process.cpuUsage(c0);
      const us = c.user + c.system;
      cpuUs += us; runMs.push(us / 1000); totalEvals += res.evals;
      evals.push(res.evals); stopReasons.push(res.stopReason);
      if (res.stopReason === 'solved') { ok++; okEvals.push(res.evals); }
    }
    rows.push({
      optimizer: name, problem: p.name, dim: p.dim, seeds, ok, medianEvals: okEvals.length ? median(okEvals) : null,
      meanEvalsAll: totalEvals / seeds, usPerEval: cpuUs / totalEvals, msPerRun: median(runMs),
      deapEvals: p.deap.evals, deapOk: p.deap.ok, evals, stopReasons,
    });
  }
}

const pad = (s: string | number, w: number): string => String(s).padStart(w);
console.log(`target f < ${target}, budget ${budget}, ${seeds} seeds, x0 ~ U[-3,3]^n, sigma0 = 2; evals = median over successful runs`);
console.log(`${'optimizer'.padEnd(13)} ${'problem'.padEnd(14)} ${pad('ok', 5)} ${pad('evals', 8)} ${pad('DEAP', 8)} ${pad('DEAP ok', 7)} ${pad('µs/eval', 8)} ${pad('DEAP µs', 8)} ${pad('ms/run', 8)}`);
for (const r of rows) {
  console.log(`${r.optimizer.padEnd(13)} ${r.problem.padEnd(14)} ${pad(`${r.ok}/${r.seeds}`, 5)} ${pad(r.medianEvals ?? '-', 8)} ${pad(r.deapEvals, 8)} ${pad(`${r.deapOk}/10`, 7)} ${pad(r.usPerEval.toFixed(2), 8)} ${pad(DEAP_US_PER_EVAL, 8)} ${pad(r.msPerRun.toFixed(1), 8)}`);
}
const out = new URL('./results/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('optimize.json', out), JSON.stringify(rows.map((r) => ({ ...r, node: process.version })), null, 1) + '\n');
