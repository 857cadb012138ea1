/**
 * Architecture search on sklearn digits (issue 7): regularized evolution vs random search on the same space and
 * trial budget over several seeds (best validation accuracy after each trial); two weight-inheritance variants of
 * evolution whose children fine-tune `--inherit-epochs` at `--inherit-lr` (scratch training: `--epochs` at 0.003):
 * "morphism" inherits only through function-preserving widen/deepen, "partial" also copies the surviving weights
 * for narrow/shallow/activation/skip. They run to evolution's epoch budget (trials × epochs), or to its trial count
 * with --same-trials. Then population-based training of learning rates. Compute is counted as epochs actually
 * trained and CPU seconds (process.cpuUsage, this process) until the best-so-far accuracy first reaches a target:
 * random search's best, then evolution's best, on the same seed. --jobs N splits the seeds over N processes.
 *   nice node --import tsx bench/nas.ts [--seeds 10] [--trials 24] [--epochs 4] [--population 8]
 *     [--inherit-epochs 1] [--inherit-lr 0.001] [--jobs 1] [--same-trials] [--out FILE]
 */
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../src/neural/backend.ts';
import { parseDigitsCsv, splitImages } from '../src/neural/digits.ts';
import { regularizedEvolution, randomSearch, type NasOptions, type NasReport } from '../src/automl/evolve.ts';
import { pbt } from '../src/automl/pbt.ts';
import type { Dataset } from '../src/automl/net.ts';
import { rng } from '../src/util/rng.ts';

const { values } = parseArgs({ options: {
  seeds: { type: 'string', default: '10' }, trials: { type: 'string', default: '24' }, epochs: { type: 'string', default: '4' },
  population: { type: 'string', default: '8' }, 'inherit-epochs': { type: 'string', default: '1' }, 'inherit-lr': { type: 'string', default: '0.001' },
  jobs: { type: 'string', default: '1' }, out: { type: 'string' }, only: { type: 'string' }, 'same-trials': { type: 'boolean', default: false }, 'rows-out': { type: 'string' },
} });
const int = (name: string, v: string | undefined, min: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) { console.error(`--${name} must be an integer ≥ ${min} (got ${v})`); process.exit(2); }
  return n;
};
const seeds = int('seeds', values.seeds, 1), trials = int('trials', values.trials, 1), epochs = int('epochs', values.epochs, 1);
const population = int('population', values.population, 2), inheritEpochs = int('inherit-epochs', values['inherit-epochs'], 0);
const jobs = int('jobs', values.jobs, 1);
const inheritLr = Number(values['inherit-lr']);
if (!(inheritLr > 0)) { console.error(`--inherit-lr must be a positive number (got ${values['inherit-lr']})`); process.exit(2); }
const data = process.env.ARBOR_DATA ?? new URL('../../shared/data/', import.meta.url).pathname;
const backend = await initBackend();
const all = parseDigitsCsv(readFileSync(`${data}/sklearn/digits.csv`, 'utf8'));
const toSet = (ds: typeof all): Dataset => ({ x: ds.map((d) => d.image.flat()), y: ds.map((d) => d.label), classes: 10 });
const space = { widths: [16, 32, 64, 128], activations: ['relu', 'tanh', 'elu'] as const, maxBlocks: 3 };
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

const methods = ['evolution', 'random', 'morphism', 'partial'] as const;
type Method = (typeof methods)[number];
/** One run: its report plus, per trial, the cumulative epochs and CPU seconds spent so far. */
interface Run { report: NasReport; epochs: number[]; cpu: number[]; best: number[] }
function run(method: Method, o: NasOptions): Run {
  const cpu: number[] = [], t0 = cpuNow();
  const opts = { ...o, onTrial: () => cpu.push(cpuNow() - t0) };
  // the inheritance variants get evolution's epoch budget (trials × epochs), not its trial count, unless --same-trials
  const budget = values['same-trials'] ? {} : { trials: o.trials * o.epochs, maxEpochs: o.trials * o.epochs };
  const report = method === 'random' ? randomSearch(opts)
    : regularizedEvolution(method === 'evolution' ? opts : { ...opts, ...budget, inherit: { epochs: inheritEpochs, lr: inheritLr, partial: method === 'partial' } });
  let e = 0, b = 0;
  return { report, cpu, epochs: report.trials.map((t) => (e += t.epochs)), best: report.trials.map((t) => (b = Math.max(b, t.valAccuracy))) };
}
/** Epochs and CPU seconds spent until the best-so-far accuracy first reaches `target` (null if never). */
const costTo = (r: Run, target: number) => {
  const i = r.best.findIndex((b) => b >= target);
  return i < 0 ? null : { trials: i + 1, epochs: r.epochs[i]!, cpu: r.cpu[i]! };
};

interface Row {
  seed: number; val: number; test: number;
  best: Record<Method, number>; targets: { random: number; evolution: number };
  costTo: Record<'random' | 'evolution', Record<Method, { trials: number; epochs: number; cpu: number } | null>>;
  inherited: Record<'morphism' | 'partial', { morphism: number; partial: number; scratch: number }>;
  bestArch: Record<Method, string>; rules: Record<string, number>;
  /** Per method and trial: best-so-far accuracy, cumulative epochs and CPU seconds. */
  curves: Record<Method, { best: number[]; epochs: number[]; cpu: number[] }>;
}
const byMethod = <T,>(f: (m: Method) => T) => Object.fromEntries(methods.map((m) => [m, f(m)])) as Record<Method, T>;
let warmedUp = false;
function runSeed(s: number): Row {
  if (!warmedUp) { // the backend's first kernels compile lazily: pay that before timing, not in the first method's figures
    const d = toSet(all.slice(0, 64));
    randomSearch({ space, train: d, val: d, trials: 2, epochs: 1, rng: rng(0) });
    warmedUp = true;
  }
  const { train: tv, test } = splitImages(all, 0.25, rng(s));
  const nVal = Math.round(tv.length * 0.25);
  const val = toSet(tv.slice(0, nVal)), train = toSet(tv.slice(nVal));
  const common = { space, train, val, trials, epochs, population, sample: 3, lr: 0.003 };
  const r = byMethod((m) => run(m, { ...common, rng: rng(100 + s) }));
  const targets = { random: r.random.report.best.valAccuracy, evolution: r.evolution.report.best.valAccuracy };
  const costs = { random: byMethod((m) => costTo(r[m], targets.random)), evolution: byMethod((m) => costTo(r[m], targets.evolution)) };
  const count = (m: Method) => ({ morphism: r[m].report.trials.filter((t) => t.inherited === 'morphism').length,
    partial: r[m].report.trials.filter((t) => t.inherited === 'partial').length, scratch: r[m].report.trials.filter((t) => t.inherited === null).length });
  const row: Row = { seed: s, test: test.length, val: val.y.length, best: byMethod((m) => r[m].report.best.valAccuracy), targets, costTo: costs,
    inherited: { morphism: count('morphism'), partial: count('partial') },
    bestArch: byMethod((m) => r[m].report.trials.find((t) => t.valAccuracy === r[m].report.best.valAccuracy)!.arch), rules: r.evolution.report.rules,
    curves: byMethod((m) => ({ best: r[m].best, epochs: r[m].epochs, cpu: r[m].cpu })) };
  const fmt = (c: { epochs: number; cpu: number } | null) => (c ? `${c.epochs}ep/${c.cpu.toFixed(0)}s` : 'never');
  console.log(`seed ${s}: best ${methods.map((m) => `${m} ${pct(row.best[m])} (${r[m].report.totalEpochs}ep)`).join('  ')}` +
    `\n         to random's best ${pct(targets.random)}: ${methods.map((m) => `${m} ${fmt(costs.random[m])}`).join('  ')}` +
    `\n         to evolution's best ${pct(targets.evolution)}: ${methods.map((m) => `${m} ${fmt(costs.evolution[m])}`).join('  ')}`);
  return row;
}

const load0 = loadavg();
const seedList = values.only ? values.only.split(',').map((x) => int('only', x, 1)) : Array.from({ length: seeds }, (_, i) => i + 1);
let rows: Row[];
if (jobs > 1 && !values.only) {
  // seeds split over child processes (each measures its own CPU seconds); rows come back through files
  const dir = mkdtempSync(join(tmpdir(), 'nas-'));
  const parts = Array.from({ length: jobs }, (_, j) => seedList.filter((_, i) => i % jobs === j)).filter((p) => p.length);
  const argv = process.argv.slice(2);
  await Promise.all(parts.map((p, j) => new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...argv, '--only', p.join(','), '--rows-out', join(dir, `${j}.json`)], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`seed worker ${p.join(',')} exited with ${code}`))));
  })));
  rows = parts.flatMap((_, j) => JSON.parse(readFileSync(join(dir, `${j}.json`), 'utf8')) as Row[]).sort((a, b) => a.seed - b.seed);
  rmSync(dir, { recursive: true });
} else rows = seedList.map(runSeed);
if (values['rows-out']) { writeFileSync(values['rows-out'], JSON.stringify(rows)); process.exit(0); }
const load1 = loadavg();

const ks = [...new Set([population, 2 * population, trials].filter((k) => k <= trials))];
const summary = ks.map((k) => ({ trials: k, ...byMethod((m) => median(rows.map((r) => r.curves[m].best[k - 1]!))) }));
console.log(`\nbackend ${backend}; ${rows.length} seeds, ${trials} trials (first ${population} random in all), ${epochs} epochs from scratch, inherited children ${inheritEpochs} at lr ${inheritLr}`);
console.log('median best validation accuracy after k trials');
for (const r of summary) console.log(`  k=${String(r.trials).padStart(3)}  ${methods.map((m) => `${m} ${pct(r[m])}`).join('  ')}`);
/** Per target: for each method, seeds reaching it, median epochs and CPU seconds among all seeds (never = ∞). */
const reach = Object.fromEntries((['random', 'evolution'] as const).map((tg) => [tg, byMethod((m) => {
  const cs = rows.map((row) => row.costTo[tg][m]);
  return { reached: cs.filter(Boolean).length, medianEpochs: median(cs.map((c) => c?.epochs ?? Infinity)), medianCpuSeconds: median(cs.map((c) => c?.cpu ?? Infinity)) };
})]));
for (const [tg, byM] of Object.entries(reach)) {
  console.log(`to reach ${tg}'s best on the same seed: ` + methods.map((m) =>
    `${m} ${byM[m].reached}/${rows.length} seeds, median ${byM[m].medianEpochs} epochs / ${byM[m].medianCpuSeconds.toFixed(1)} CPU s`).join(';  '));
}
const totals = byMethod((m) => ({ epochs: median(rows.map((r) => r.curves[m].epochs.at(-1)!)), cpuSeconds: median(rows.map((r) => r.curves[m].cpu.at(-1)!)) }));
console.log('median total spent per run: ' + methods.map((m) => `${m} ${totals[m].epochs} epochs / ${totals[m].cpuSeconds.toFixed(1)} CPU s`).join(';  '));
/** Median best-so-far accuracy within E epochs spent in all (E = a half and all of evolution's budget). */
const atEqual = [trials * epochs / 2, trials * epochs].map((budget) => ({ epochs: budget, ...byMethod((m) => median(rows.map((r) => {
  const c = r.curves[m];
  let b = 0; c.epochs.forEach((e, i) => { if (e <= budget) b = c.best[i]!; });
  return b;
}))) }));
for (const a of atEqual) console.log(`median best within ${a.epochs} epochs: ` + methods.map((m) => `${m} ${pct(a[m])}`).join('  '));
console.log('median trials run: ' + methods.map((m) => `${m} ${median(rows.map((r) => r.curves[m].best.length))}`).join('  '));
console.log(`load average ${load0.map((x) => x.toFixed(1)).join(' ')} → ${load1.map((x) => x.toFixed(1)).join(' ')}`);

// population-based training on a fixed architecture
const { train: tv } = splitImages(all, 0.25, rng(1));
const nVal = Math.round(tv.length * 0.25);
const p = pbt({ arch: { inputSize: 64, outputSize: 10, blocks: [{ units: 64, activation: 'relu', skip: false }] }, train: toSet(tv.slice(nVal)), val: toSet(tv.slice(0, nVal)),
  population: 8, rounds: 5, epochsPerRound: 1, lrRange: [1e-4, 3e-1], rng: rng(7) });
console.log(`PBT (8 members x 5 rounds x 1 epoch): best val acc ${pct(p.bestValAccuracy)} at lr ${p.bestLr.toExponential(2)}; per round best ${p.rounds.map((r) => (100 * r.best).toFixed(1)).join(' ')}`);
const out = values.out ? new URL(values.out, `file://${process.cwd()}/`) : new URL('./results/nas.json', import.meta.url);
mkdirSync(new URL('./', out), { recursive: true });
writeFileSync(out, JSON.stringify({ command: `node --import tsx bench/nas.ts ${process.argv.slice(2).join(' ')}`, backend, loadavg: { start: load0, end: load1 },
  space, trials, epochs, population, inheritEpochs, inheritLr, sameTrials: values['same-trials'], seeds: rows.length, summary, reach, totals, atEqualEpochs: atEqual, rows, pbt: p }, null, 2));
