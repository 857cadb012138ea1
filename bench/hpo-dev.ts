// Sampler development for issue 7: runs TPE variants on the development problems (bench/hpo-dev-problems.ts, not the
// benchmark's), and compares best-so-far trajectories with Optuna's (bench/hpo-optuna.py --curves).
// Usage:
//   node --import tsx bench/hpo-dev.ts [--variants a,b] [--problems p,q] [--seeds 20] [--trials 100] [--first-seed 100]
//   node --import tsx bench/hpo-dev.ts --curves OPTUNA.json --problems rosenbrock10 --variants optuna31-mv --seeds 100
//     [--startups FILE --first-seed 0] (continue seed i from the i-th list of trials in FILE, as Optuna did)
//   node --import tsx bench/hpo-dev.ts --write-startups FILE --problems rosenbrock10 --seeds 200 --first-seed 50000
//     (our random startup trials, 10 per seed, for hpo-optuna.py --startups FILE and --startups FILE here: a paired
//     comparison of the model phase alone)
// The first form prints, per problem, each variant's median log10 regret at 25/50/100 trials and its mean rank over
// the problems (rank of the median regret; lower is better), with CPU ms per trial. The second prints the median
// best-so-far at each trial beside Optuna's, and P(ours < Optuna's) at that trial over all seed pairs.
import { readFileSync, writeFileSync } from 'node:fs';
import { memoryStore, optimize, randomSampler, tpeSampler, type Params, type Sampler, type TpeOptions, type Trial } from '../src/optimize/hpo/index.ts';
import { linearGamma } from '../src/optimize/hpo/tpe.ts';
import { devProblems, type DevProblem } from './hpo-dev-problems.ts';
import { hpoProblems } from './hpo-problems.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** Named variants: options of `tpeSampler` (random as the floor). */
const mv: TpeOptions = { preset: 'optuna31', multivariate: true };
const sqrt = (b: number) => (n: number) => Math.min(Math.ceil(b * Math.sqrt(n)), 25);
const variants: Record<string, TpeOptions | 'random'> = {
  random: 'random',
  'optuna31': { preset: 'optuna31' },
  'optuna31-mv': mv,
  default: {},
  // the first default (before Scott's rule and densities were adopted for few dimensions)
  'mv-ei100-g0.15': { ...mv, nEiCandidates: 100, gamma: linearGamma(0.15) },
  // the second default (Scott's rule and densities in every dimension)
  'density-scott': { nEiCandidates: 100, gamma: linearGamma(0.15), bandwidth: 'scott', density: true },
  'default-uni': { multivariate: false },
  'mv-density': { ...mv, density: true },
  'mv-scott': { ...mv, bandwidth: 'scott' },
  'mv-scott-density': { ...mv, bandwidth: 'scott', density: true },
  'mv-ei100': { ...mv, nEiCandidates: 100 },
  'mv-ei8': { ...mv, nEiCandidates: 8 },
  'mv-uniformw': { ...mv, weights: 'uniform' },
  'mv-prior0.3': { ...mv, priorWeight: 0.3 },
  'mv-prior3': { ...mv, priorWeight: 3 },
  'mv-g0.2': { ...mv, gamma: linearGamma(0.2) },
  'mv-g0.05': { ...mv, gamma: linearGamma(0.05) },
  'mv-sqrt0.75': { ...mv, gamma: sqrt(0.75) },
  'mv-sqrt0.25': { ...mv, gamma: sqrt(0.25) },
  'mv-bmin0.03': { ...mv, minBandwidth: 0.03 },
  'mv-bmin0.1': { ...mv, minBandwidth: 0.1 },
  'mv-ei100-prior0.3': { ...mv, nEiCandidates: 100, priorWeight: 0.3 },
  'mv-ei100-density': { ...mv, nEiCandidates: 100, density: true },
  'mv-ei100-g0.2': { ...mv, nEiCandidates: 100, gamma: linearGamma(0.2) },
  'mv-ei256': { ...mv, nEiCandidates: 256 },
  'mv-ei24-g0.15': { ...mv, gamma: linearGamma(0.15) },
  'mv-ei50-g0.15': { ...mv, nEiCandidates: 50, gamma: linearGamma(0.15) },
  'mv-ei1000': { ...mv, nEiCandidates: 1000 },
  'mv-start5': { ...mv, nStartupTrials: 5 },
  'mv-ei100-start5': { ...mv, nEiCandidates: 100, nStartupTrials: 5 },
  'uni-density': { preset: 'optuna31', density: true },
  'uni-ei100': { preset: 'optuna31', nEiCandidates: 100 },
};

const seeds = Number(arg('seeds') ?? 20), nTrials = Number(arg('trials') ?? 100), firstSeed = Number(arg('first-seed') ?? 100);
const curvesFile = arg('curves');
// --startups FILE: seed i starts from the i-th list of given trials (e.g. the same random startups Optuna continued from)
const startupsFile = arg('startups');
const startups = startupsFile ? (JSON.parse(readFileSync(startupsFile, 'utf8')) as { params: Params; value: number }[][]) : null;
const initial = (i: number): Trial[] => (startups ? startups[i].map((t, number) => ({ number, params: t.params, value: t.value, state: 'complete', intermediate: [] })) : []);
// the benchmark problems only for trajectory comparisons with Optuna (never for choosing defaults)
const pool = curvesFile || arg('write-startups') ? [...hpoProblems, ...devProblems] : devProblems;
const problems = pool.filter((p) => arg('problems') === undefined || (arg('problems') as string).split(',').includes(p.name));
const names = (arg('variants') ?? Object.keys(variants).join(',')).split(',');
for (const n of names) if (!(n in variants)) throw new Error(`--variants: unknown '${n}' (known: ${Object.keys(variants).join(', ')})`);
const make = (n: string): Sampler => (variants[n] === 'random' ? randomSampler() : tpeSampler(variants[n] as TpeOptions));

const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Best-so-far after each trial, per seed; and CPU ms per trial. */
function run(p: DevProblem, variant: string): { curves: number[][]; ms: number } {
  const curves: number[][] = [];
  const c = process.cpuUsage();
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const res = optimize(p.f, p.space, { nTrials, sampler: make(variant), seed, store: memoryStore(initial(seed - firstSeed)) });
    let best = Infinity;
    curves.push(res.trials.map((t) => (best = Math.min(best, t.value ?? Infinity))));
  }
  const d = process.cpuUsage(c);
  return { curves, ms: (d.user + d.system) / 1000 / (seeds * nTrials) };
}

const pBetter = (a: number[], b: number[]): number => {
  let w = 0;
  for (const x of a) for (const y of b) w += x < y ? 1 : x === y ? 0.5 : 0;
  return w / (a.length * b.length);
};

const writeStartups = arg('write-startups');
if (writeStartups) {
  const p = problems[0];
  const lists = Array.from({ length: seeds }, (_, i) =>
    optimize(p.f, p.space, { nTrials: 10, sampler: randomSampler(), seed: firstSeed + i }).trials.map((t) => ({ params: t.params, value: t.value })));
  writeFileSync(writeStartups, JSON.stringify(lists) + '\n');
} else if (curvesFile) {
  const ref = (JSON.parse(readFileSync(curvesFile, 'utf8')) as { rows: { problem: string; sampler: string; values: number[] }[] }).rows;
  const at = (arg('at') ?? '1,5,10,11,12,13,15,20,25,30,35,40,45,50,60,70,80,90,100').split(',').map(Number).filter((t) => t <= nTrials);
  for (const p of problems) {
    const theirs = ref.filter((r) => r.problem === p.name).map((r) => { let b = Infinity; return r.values.map((v) => (b = Math.min(b, v))); });
    if (theirs.length === 0) continue;
    for (const v of names) {
      const { curves, ms } = run(p, v);
      console.log(`${p.name} ${v} (${seeds} seeds, ${ms.toFixed(3)} ms/trial) vs Optuna (${theirs.length} seeds): trial, median best ours / Optuna, P(ours < Optuna)`);
      for (const t of at) {
        const a = curves.map((c) => c[t - 1]), b = theirs.map((c) => c[t - 1]);
        console.log(`  ${String(t).padStart(3)} ${median(a).toPrecision(4).padStart(10)} ${median(b).toPrecision(4).padStart(10)}  P=${pBetter(a, b).toFixed(2)}`);
      }
    }
  }
} else {
  const checkpoints = [25, 50, 100].filter((c) => c <= nTrials);
  const table: Record<string, Record<string, number[]>> = {}; // variant → checkpoint → median log regret per problem
  const ms: Record<string, number[]> = {};
  // paired against the first variant: same problem, same seed (so the same random startup trials)
  const wins: Record<string, Record<number, number[]>> = {};
  for (const p of problems) {
    const line: string[] = [];
    const base: number[][] = [];
    for (const v of names) {
      const r = run(p, v);
      if (v === names[0]) base.push(...r.curves);
      for (const c of checkpoints) {
        const w = ((wins[v] ??= {})[c] ??= []);
        r.curves.forEach((cv, i) => w.push(cv[c - 1] < base[i][c - 1] ? 1 : cv[c - 1] === base[i][c - 1] ? 0.5 : 0));
      }
      (ms[v] ??= []).push(r.ms);
      const meds = checkpoints.map((c) => median(r.curves.map((cv) => Math.log10(Math.max(1e-12, cv[c - 1] - p.optimum)))));
      table[v] ??= {};
      checkpoints.forEach((c, i) => (table[v][c] ??= []).push(meds[i]));
      line.push(`${v}: ${meds.map((m) => m.toFixed(2)).join('/')}`);
    }
    console.log(`${p.name.padEnd(13)} ${line.join('  ')}`);
  }
  console.log(`\nmedian log10 regret @${checkpoints.join('/')} per problem (${seeds} seeds from ${firstSeed}); mean rank over ${problems.length} problems (1 = best), mean over problems, ms/trial`);
  for (const c of checkpoints) {
    const ranks: Record<string, number> = Object.fromEntries(names.map((v) => [v, 0]));
    problems.forEach((_, i) => {
      const order = [...names].sort((a, b) => table[a][c][i] - table[b][c][i]);
      names.forEach((v) => { ranks[v] += (order.indexOf(v) + 1) / problems.length; });
    });
    console.log(`@${c}: ${names.map((v) => `${v} rank ${ranks[v].toFixed(2)} mean ${(table[v][c].reduce((s, x) => s + x, 0) / problems.length).toFixed(3)}`).join(' | ')}`);
  }
  const mean = (a: number[]): number => a.reduce((s, x) => s + x, 0) / a.length;
  console.log(`paired against ${names[0]} (same problem and seed): share of runs better, @${checkpoints.join('/')}`);
  for (const v of names.slice(1)) console.log(`  ${v.padEnd(20)} ${checkpoints.map((c) => mean(wins[v][c]).toFixed(3)).join(' / ')}`);
  console.log(`ms/trial: ${names.map((v) => `${v} ${(ms[v].reduce((s, x) => s + x, 0) / ms[v].length).toFixed(3)}`).join(' | ')}`);
}
