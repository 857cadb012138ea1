/**
 * Architecture search on sklearn digits (issue 7): regularized evolution vs random search on the same space and
 * trial budget over several seeds (best validation accuracy after each trial), two weight-inheritance variants of
 * evolution run for the same number of trials (children fine-tune `--inherit-epochs` at `--inherit-lr` (scratch training uses 0.003) instead of training
 * `--epochs` from scratch: "morphism" inherits only through function-preserving widen/deepen, "partial" also
 * copies the surviving weights for narrow/shallow/activation/skip), and population-based training of learning
 * rates. Compute is counted as epochs actually trained and CPU seconds (process.cpuUsage, this process) until
 * the best-so-far accuracy first reaches a target: random search's best, then evolution's best, on the same seed.
 *   nice node --import tsx bench/nas.ts [--seeds 10] [--trials 24] [--epochs 4] [--population 8] [--inherit-epochs 1] [--inherit-lr 0.001]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { initBackend } from '../src/neural/backend.ts';
import { parseDigitsCsv, splitImages } from '../src/neural/digits.ts';
import { regularizedEvolution, randomSearch, type NasOptions, type NasReport } from '../src/automl/evolve.ts';
import { pbt } from '../src/automl/pbt.ts';
import type { Dataset } from '../src/automl/net.ts';
import { rng } from '../src/util/rng.ts';

const { values } = parseArgs({ options: {
  seeds: { type: 'string', default: '10' }, trials: { type: 'string', default: '24' }, epochs: { type: 'string', default: '4' },
  population: { type: 'string', default: '8' }, 'inherit-epochs': { type: 'string', default: '1' }, 'inherit-lr': { type: 'string', default: '0.001' },
  out: { type: 'string' },
} });
const int = (name: string, v: string | undefined, min: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) { console.error(`--${name} must be an integer ≥ ${min} (got ${v})`); process.exit(2); }
  return n;
};
const seeds = int('seeds', values.seeds, 1), trials = int('trials', values.trials, 1), epochs = int('epochs', values.epochs, 1);
const population = int('population', values.population, 2), inheritEpochs = int('inherit-epochs', values['inherit-epochs'], 0);
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
  const report = method === 'random' ? randomSearch(opts)
    : regularizedEvolution(method === 'evolution' ? opts : { ...opts, inherit: { epochs: inheritEpochs, lr: inheritLr, partial: method === 'partial' } });
  let e = 0, b = 0;
  return { report, cpu, epochs: report.trials.map((t) => (e += t.epochs)), best: report.trials.map((t) => (b = Math.max(b, t.valAccuracy))) };
}
/** Epochs and CPU seconds spent until the best-so-far accuracy first reaches `target` (null if never). */
const costTo = (r: Run, target: number) => {
  const i = r.best.findIndex((b) => b >= target);
  return i < 0 ? null : { trials: i + 1, epochs: r.epochs[i]!, cpu: r.cpu[i]! };
};

const rows: Record<string, unknown>[] = [];
const runs: Record<Method, Run[]> = { evolution: [], random: [], morphism: [], partial: [] };
const load0 = loadavg();
for (let s = 1; s <= seeds; s++) {
  const { train: tv, test } = splitImages(all, 0.25, rng(s));
  const nVal = Math.round(tv.length * 0.25);
  const val = toSet(tv.slice(0, nVal)), train = toSet(tv.slice(nVal));
  const common = { space, train, val, trials, epochs, population, sample: 3, lr: 0.003 };
  const r = Object.fromEntries(methods.map((m) => [m, run(m, { ...common, rng: rng(100 + s) })])) as Record<Method, Run>;
  for (const m of methods) runs[m].push(r[m]);
  const targets = { random: r.random.report.best.valAccuracy, evolution: r.evolution.report.best.valAccuracy };
  const to = Object.fromEntries(Object.entries(targets).map(([k, t]) => [k, Object.fromEntries(methods.map((m) => [m, costTo(r[m], t)]))]));
  rows.push({ seed: s, test: test.length, val: val.y.length,
    best: Object.fromEntries(methods.map((m) => [m, r[m].report.best.valAccuracy])),
    epochs: Object.fromEntries(methods.map((m) => [m, r[m].report.totalEpochs])),
    cpuSeconds: Object.fromEntries(methods.map((m) => [m, r[m].cpu.at(-1)])),
    inherited: Object.fromEntries((['morphism', 'partial'] as const).map((m) => [m, {
      morphism: r[m].report.trials.filter((t) => t.inherited === 'morphism').length,
      partial: r[m].report.trials.filter((t) => t.inherited === 'partial').length,
      scratch: r[m].report.trials.filter((t) => t.inherited === null).length }])),
    costTo: to, targets,
    bestArch: Object.fromEntries(methods.map((m) => [m, r[m].report.trials.find((t) => t.valAccuracy === r[m].report.best.valAccuracy)!.arch])),
    rules: r.evolution.report.rules, curves: Object.fromEntries(methods.map((m) => [m, r[m].best])) });
  const fmt = (c: { epochs: number; cpu: number } | null) => (c ? `${c.epochs}ep/${c.cpu.toFixed(0)}s` : 'never');
  console.log(`seed ${s}: best ${methods.map((m) => `${m} ${pct(r[m].report.best.valAccuracy)} (${r[m].report.totalEpochs}ep)`).join('  ')}` +
    `\n         to random's best ${pct(targets.random)}: ${methods.map((m) => `${m} ${fmt(to.random![m])}`).join('  ')}` +
    `\n         to evolution's best ${pct(targets.evolution)}: ${methods.map((m) => `${m} ${fmt(to.evolution![m])}`).join('  ')}`);
}
const load1 = loadavg();

const ks = [...new Set([population, 2 * population, trials].filter((k) => k <= trials))];
const summary = ks.map((k) => ({ trials: k, ...Object.fromEntries(methods.map((m) => [m, median(runs[m].map((r) => r.best[k - 1]!))])) }));
console.log(`\nbackend ${backend}; ${seeds} seeds, ${trials} trials (first ${population} random in all), ${epochs} epochs from scratch, inherited children ${inheritEpochs} at lr ${inheritLr}`);
console.log('median best validation accuracy after k trials');
for (const r of summary) console.log(`  k=${String(r.trials).padStart(3)}  ${methods.map((m) => `${m} ${pct((r as unknown as Record<Method, number>)[m])}`).join('  ')}`);
/** Per target: for each method, seeds reaching it, median epochs and CPU seconds among all seeds (never = ∞). */
const reach = Object.fromEntries((['random', 'evolution'] as const).map((tg) => [tg, Object.fromEntries(methods.map((m) => {
  const cs = rows.map((row) => (row.costTo as Record<string, Record<Method, { epochs: number; cpu: number } | null>>)[tg]![m]);
  return [m, { reached: cs.filter(Boolean).length, medianEpochs: median(cs.map((c) => c?.epochs ?? Infinity)), medianCpuSeconds: median(cs.map((c) => c?.cpu ?? Infinity)) }];
}))]));
for (const [tg, byM] of Object.entries(reach)) {
  console.log(`to reach ${tg}'s best on the same seed: ` + Object.entries(byM).map(([m, v]) =>
    `${m} ${v.reached}/${seeds} seeds, median ${v.medianEpochs} epochs / ${v.medianCpuSeconds.toFixed(1)} CPU s`).join(';  '));
}
const totals = Object.fromEntries(methods.map((m) => [m, { epochs: median(runs[m].map((r) => r.report.totalEpochs)), cpuSeconds: median(runs[m].map((r) => r.cpu.at(-1)!)) }]));
console.log('median total spent per run: ' + methods.map((m) => `${m} ${totals[m]!.epochs} epochs / ${totals[m]!.cpuSeconds.toFixed(1)} CPU s`).join(';  '));
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
  space, trials, epochs, population, inheritEpochs, inheritLr, seeds, summary, reach, totals, rows, pbt: p }, null, 2));
