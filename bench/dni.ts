/**
 * Decoupled training (synthetic gradients) beside end-to-end backprop on the same network and data: a dense
 * stack 64-128-128-10 on sklearn digits (70/30 split), same epochs, same seed. Reports test accuracy and
 * time per epoch of both.   node --import tsx bench/dni.ts [--epochs 10]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/neural/backend.ts';
import { parseDigitsCsv, splitImages } from '../src/neural/digits.ts';
import { trainBackprop, trainSynthetic, type EpochReport } from '../src/neural/dni.ts';
import { rng } from '../src/util/rng.ts';
import { systemClock } from '../src/util/clock.ts';

const { values } = parseArgs({ options: { epochs: { type: 'string', default: '10' }, seed: { type: 'string', default: '1' } } });
const data = process.env.ARBOR_DATA ?? new URL('../../shared/data/', import.meta.url).pathname;
const backend = await initBackend();
const seed = Number(values.seed), epochs = Number(values.epochs);
const { train, test } = splitImages(parseDigitsCsv(readFileSync(`${data}/sklearn/digits.csv`, 'utf8')), 0.3, rng(seed));
const x = train.map((d) => d.image.flat()), y = train.map((d) => d.label);
const spec = { sizes: [64, 128, 128, 10], seed, clock: systemClock };
const rows = [];
for (const [name, fit] of [['backprop', trainBackprop], ['synthetic-gradients', trainSynthetic]] as const) {
  const epochsLog: EpochReport[] = [];
  const model = fit(spec, x, y, epochs, rng(seed + 1), (r) => epochsLog.push(r));
  const pred = model.predict(test.map((d) => d.image.flat()));
  const acc = pred.filter((p, i) => p === test[i]!.label).length / test.length;
  const msPerEpoch = epochsLog.reduce((s, r) => s + r.ms, 0) / epochsLog.length;
  rows.push({ method: name, testAccuracy: acc, msPerEpoch, finalLoss: epochsLog.at(-1)!.loss, epochs, backend });
  console.log(`${name.padEnd(20)} test accuracy ${(100 * acc).toFixed(1)}%  ${msPerEpoch.toFixed(0)} ms/epoch  final train loss ${epochsLog.at(-1)!.loss.toFixed(3)}`);
  model.dispose();
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/dni.json', import.meta.url), JSON.stringify(rows, null, 2));
