/**
 * Architecture search on sklearn digits (issue 7): regularized evolution vs random search on the same space and
 * trial budget over several seeds (best validation accuracy after each trial), the weight-inheritance variant
 * (network morphism: epochs spent to reach the same accuracy), and population-based training of learning rates.
 *   node --import tsx bench/nas.ts [--seeds 10] [--trials 20] [--epochs 5]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/neural/backend.ts';
import { parseDigitsCsv, splitImages } from '../src/neural/digits.ts';
import { regularizedEvolution, randomSearch, type NasReport } from '../src/automl/evolve.ts';
import { pbt } from '../src/automl/pbt.ts';
import type { Dataset } from '../src/automl/net.ts';
import { rng } from '../src/util/rng.ts';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '10' }, trials: { type: 'string', default: '20' }, epochs: { type: 'string', default: '5' } } });
const data = process.env.ARBOR_DATA ?? new URL('../../shared/data/', import.meta.url).pathname;
await initBackend();
const all = parseDigitsCsv(readFileSync(`${data}/sklearn/digits.csv`, 'utf8'));
const seeds = Number(values.seeds), trials = Number(values.trials), epochs = Number(values.epochs);
const toSet = (ds: typeof all): Dataset => ({ x: ds.map((d) => d.image.flat()), y: ds.map((d) => d.label), classes: 10 });
const space = { widths: [16, 32, 64, 128], activations: ['relu', 'tanh', 'elu'] as const, maxBlocks: 3 };
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
const curve = (r: NasReport) => { let b = 0; return r.trials.map((t) => (b = Math.max(b, t.valAccuracy))); };
/** Epochs spent until the best-so-far accuracy first reaches `target` (Infinity if never). */
const epochsTo = (r: NasReport, target: number) => { let e = 0; for (const t of r.trials) { e += t.epochs; if (t.valAccuracy >= target) return e; } return Infinity; };

const rows: Record<string, unknown>[] = [];
const curves: Record<string, number[][]> = { evolution: [], random: [], inherit: [] };
const saved: number[] = [];
for (let s = 1; s <= seeds; s++) {
  const { train: tv, test } = splitImages(all, 0.25, rng(s));
  const nVal = Math.round(tv.length * 0.25);
  const val = toSet(tv.slice(0, nVal)), train = toSet(tv.slice(nVal));
  const common = { space, train, val, trials, epochs, population: 8, sample: 3, lr: 0.003 };
  const t0 = performance.now();
  const re = regularizedEvolution({ ...common, rng: rng(100 + s) });
  const t1 = performance.now();
  const rs = randomSearch({ ...common, rng: rng(100 + s) });
  const t2 = performance.now();
  const inh = regularizedEvolution({ ...common, rng: rng(100 + s), inherit: { epochs: 1 } });
  const t3 = performance.now();
  curves.evolution!.push(curve(re)); curves.random!.push(curve(rs)); curves.inherit!.push(curve(inh));
  const target = re.best.valAccuracy - 0.005;
  const eRe = epochsTo(re, target), eInh = epochsTo(inh, target);
  if (Number.isFinite(eInh)) saved.push(1 - eInh / eRe);
  rows.push({ seed: s, evolution: re.best.valAccuracy, random: rs.best.valAccuracy, inherit: inh.best.valAccuracy,
    epochs: { evolution: re.totalEpochs, random: rs.totalEpochs, inherit: inh.totalEpochs },
    epochsToEvolutionBest: { evolution: eRe, inherit: eInh }, seconds: { evolution: (t1 - t0) / 1000, random: (t2 - t1) / 1000, inherit: (t3 - t2) / 1000 },
    bestArch: { evolution: re.trials.find((t) => t.valAccuracy === re.best.valAccuracy)!.arch }, rules: re.rules, test: test.length });
  console.log(`seed ${s}: best val acc  evolution ${(100 * re.best.valAccuracy).toFixed(1)}%  random ${(100 * rs.best.valAccuracy).toFixed(1)}%  ` +
    `inherit ${(100 * inh.best.valAccuracy).toFixed(1)}% (${inh.totalEpochs} vs ${re.totalEpochs} epochs; to within 0.5% of evolution's best: ${eInh} vs ${eRe})`);
}
const atTrial = (name: string, k: number) => median(curves[name]!.map((c) => c[Math.min(k, c.length) - 1]!));
const summary = [5, 10, trials].filter((k) => k <= trials).map((k) => ({ trials: k, evolution: atTrial('evolution', k), random: atTrial('random', k), inherit: atTrial('inherit', k) }));
console.log('\nmedian best validation accuracy after k trials');
for (const r of summary) console.log(`  k=${String(r.trials).padStart(3)}  evolution ${(100 * r.evolution).toFixed(1)}%  random ${(100 * r.random).toFixed(1)}%  inherit ${(100 * r.inherit).toFixed(1)}%`);
console.log(`weight inheritance: median ${(100 * median(saved)).toFixed(0)}% fewer epochs to reach evolution's best (within 0.5%), over ${saved.length}/${seeds} seeds where it got there`);

// population-based training on a fixed architecture
const { train: tv } = splitImages(all, 0.25, rng(1));
const nVal = Math.round(tv.length * 0.25);
const p = pbt({ arch: { inputSize: 64, outputSize: 10, blocks: [{ units: 64, activation: 'relu', skip: false }] }, train: toSet(tv.slice(nVal)), val: toSet(tv.slice(0, nVal)),
  population: 8, rounds: 5, epochsPerRound: 1, lrRange: [1e-4, 3e-1], rng: rng(7) });
console.log(`PBT (8 members x 5 rounds x 1 epoch): best val acc ${(100 * p.bestValAccuracy).toFixed(1)}% at lr ${p.bestLr.toExponential(2)}; per round best ${p.rounds.map((r) => (100 * r.best).toFixed(1)).join(' ')}`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/nas.json', import.meta.url), JSON.stringify({ space, trials, epochs, seeds, summary, inheritanceSaving: median(saved), rows, pbt: p }, null, 2));
