/**
 * Extreme generalization on digit lists (issue 6): train the hybrid program's digit module only from program
 * outputs on lists of length 1–3, test on lists of length 10 and 20 built from held-out images; compare with an
 * end-to-end LSTM baseline trained on the same examples for the same number of epochs.
 *   node --import tsx bench/neural.ts [--tasks sum,sort,count-first] [--epochs 10] [--examples 3000] [--module cnn|mlp]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { initBackend, tf } from '../src/neural/backend.ts';
import { createModule } from '../src/neural/module.ts';
import { neuralPrimitive } from '../src/neural/primitive.ts';
import { trainProgram } from '../src/neural/train.ts';
import { trainBaseline } from '../src/neural/baseline.ts';
import { parseDigitsCsv, splitImages, digitExamples, DIGIT_SKELETONS, type DigitTaskKind } from '../src/neural/digits.ts';
import { rng } from '../src/util/rng.ts';
import { parse } from '../src/lang/parse.ts';
import { print } from '../src/lang/print.ts';
import { extendSet } from '../src/lang/primitive.ts';
import { basePrimitives } from '../src/lang/primitives/index.ts';
import { evaluate } from '../src/lang/evaluate.ts';
import { valueEquals } from '../src/lang/value.ts';
import type { Example } from '../src/task/task.ts';

const { values: args } = parseArgs({ options: {
  tasks: { type: 'string', default: 'sum,sort,count-first' }, epochs: { type: 'string', default: '10' },
  examples: { type: 'string', default: '3000' }, module: { type: 'string', default: 'cnn' }, seed: { type: 'string', default: '1' },
  'test-lists': { type: 'string', default: '200' },
} });
const data = process.env.ARBOR_DATA ?? new URL('../../shared/data/', import.meta.url).pathname;
const backend = await initBackend();
const all = parseDigitsCsv(readFileSync(`${data}/sklearn/digits.csv`, 'utf8'));
const seed = Number(args.seed);
const { train, test } = splitImages(all, 0.3, rng(seed));
const epochs = Number(args.epochs), nEx = Number(args.examples), nTest = Number(args['test-lists']);
const rows: Record<string, unknown>[] = [];
console.log(`backend ${backend}; ${train.length} train images, ${test.length} test images; ${nEx} examples of length 1-3; ${epochs} epochs`);

for (const kind of args.tasks!.split(',') as DigitTaskKind[]) {
  const r = rng(seed * 1000 + kind.length);
  const examples = digitExamples(kind, train, nEx, 1, 3, r);
  const tests = [10, 20].map((len) => ({ len, ex: digitExamples(kind, test, nTest, len, len, r) }));
  // hybrid: the skeleton with a neural classify primitive, trained from outputs only
  const mod = args.module === 'mlp'
    ? createModule({ kind: 'mlp', inputSize: 64, hidden: [128], outputSize: 10 }, seed)
    : createModule({ kind: 'cnn', height: 8, width: 8, filters: [16, 32], outputSize: 10 }, seed);
  const classify = neuralPrimitive({ name: 'classify', type: 'image -> int', module: mod, decode: 'argmax' });
  const prims = extendSet(basePrimitives, [classify]);
  const program = parse(DIGIT_SKELETONS[kind]);
  const t0 = performance.now();
  trainProgram({ program, prims, examples, epochs, rng: r });
  const trainMs = performance.now() - t0;
  let correct = 0;
  for (const d of test) if (classify.impl(d.image) === d.label) correct++;
  const hybrid = tests.map(({ len, ex }) => ({ len, acc: accuracy(ex, (e) => { const res = evaluate(program, e.inputs, { prims, fuel: 1e6 }); return res.ok ? res.value : undefined; }) }));
  // baseline: LSTM over the image sequence, same examples and epochs
  const t1 = performance.now();
  const base = trainBaseline({
    examples, head: kind === 'sort' ? 'ranks' : 'number', epochs, seed, rng: r,
    ranksOf: (ex) => { const inp = ex.inputs[0] as unknown[]; const out = ex.output as unknown[]; const used = new Set<number>(); return inp.map((x) => { const k = out.findIndex((y, j) => !used.has(j) && y === x); used.add(k); return k; }); },
  });
  const baseMs = performance.now() - t1;
  const baseline = tests.map(({ len, ex }) => ({ len, acc: accuracy(ex, (e) => {
    const imgs = e.inputs[0] as unknown[];
    const p = base.predict(imgs);
    if (kind !== 'sort') return Math.round(p as number);
    const ranks = p as number[];
    return imgs.map((x, i) => [ranks[i]!, i, x] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , x]) => x);
  }) }));
  base.dispose();
  mod.dispose();
  const row = { task: kind, program: print(program), module: args.module, epochs, examples: nEx, classifierAccuracy: correct / test.length,
    hybrid, baseline, trainSeconds: trainMs / 1000, baselineTrainSeconds: baseMs / 1000, backend };
  rows.push(row);
  console.log(`${kind.padEnd(12)} classifier ${(100 * row.classifierAccuracy).toFixed(1)}%  hybrid len10 ${(100 * hybrid[0]!.acc).toFixed(1)}% len20 ${(100 * hybrid[1]!.acc).toFixed(1)}%  ` +
    `baseline len10 ${(100 * baseline[0]!.acc).toFixed(1)}% len20 ${(100 * baseline[1]!.acc).toFixed(1)}%  train ${row.trainSeconds.toFixed(0)}s / ${row.baselineTrainSeconds.toFixed(0)}s  tensors ${tf.memory().numTensors}`);
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/neural.json', import.meta.url), JSON.stringify(rows, null, 2));

function accuracy(ex: readonly Example[], predict: (e: Example) => unknown): number {
  let c = 0;
  for (const e of ex) if (valueEquals(predict(e), e.output)) c++;
  return c / ex.length;
}
