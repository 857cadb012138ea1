/**
 * Multi-task training and reuse through the library (issue 6 item 6): one digit module is trained jointly on two
 * tasks (sum and sort of digit lists, from program outputs only), saved into a library (SQLite file) with its
 * weights, then reused by a new task — the maximum of a list — given only a few examples: frozen, fine-tuned
 * (abduction), or trained from scratch on the same few examples.
 *   node --import tsx bench/neural-reuse.ts [--few 20] [--epochs 4]
 */
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/neural/backend.ts';
import { createModule } from '../src/neural/module.ts';
import { neuralPrimitive } from '../src/neural/primitive.ts';
import { trainJointly } from '../src/neural/train.ts';
import { trainByAbduction } from '../src/neural/abduce.ts';
import { moduleEntry, neuralPrimitivesOf } from '../src/neural/library-modules.ts';
import { parseDigitsCsv, splitImages, digitExamples, DIGIT_SKELETONS, type DigitImage } from '../src/neural/digits.ts';
import { openStore } from '../src/store/open.ts';
import { rng } from '../src/util/rng.ts';
import { parse } from '../src/lang/parse.ts';
import { extendSet, type Primitive } from '../src/lang/primitive.ts';
import { basePrimitives } from '../src/lang/primitives/index.ts';
import { evaluate } from '../src/lang/evaluate.ts';
import type { Example } from '../src/task/task.ts';

const { values } = parseArgs({ options: { few: { type: 'string', default: '20' }, epochs: { type: 'string', default: '4' }, seed: { type: 'string', default: '1' } } });
const data = process.env.ARBOR_DATA ?? new URL('../../shared/data/', import.meta.url).pathname;
await initBackend();
const seed = Number(values.seed), epochs = Number(values.epochs), few = Number(values.few);
const { train, test } = splitImages(parseDigitsCsv(readFileSync(`${data}/sklearn/digits.csv`, 'utf8')), 0.3, rng(seed));
const r = rng(seed + 7);

// 1. joint training of one module on two tasks
const spec = { kind: 'cnn', height: 8, width: 8, filters: [16, 32], outputSize: 10 } as const;
const shared = createModule(spec, seed);
const digit = neuralPrimitive({ name: 'digit', type: 'image -> int', module: shared, decode: 'argmax' });
const prims = extendSet(basePrimitives, [digit]);
const skel = (k: keyof typeof DIGIT_SKELETONS) => parse(DIGIT_SKELETONS[k].replaceAll('classify', 'digit'));
const t0 = performance.now();
trainJointly({ prims, epochs, rng: r, tasks: [
  { program: skel('sum'), examples: digitExamples('sum', train, 1000, 1, 3, r) },
  { program: skel('sort'), examples: digitExamples('sort', train, 1000, 1, 3, r) },
] });
const jointSeconds = (performance.now() - t0) / 1000;
const classAcc = (p: Primitive, imgs: readonly DigitImage[]) => imgs.filter((d) => p.impl(d.image) === d.label).length / imgs.length;
console.log(`joint training (sum + sort): ${jointSeconds.toFixed(0)} s; module accuracy on held-out images ${(100 * classAcc(digit, test)).toFixed(1)}%`);

// 2. into the library with its weights, and back
const dir = mkdtempSync(join(tmpdir(), 'arbor-reuse-'));
const store = await openStore(join(dir, 'library.db'));
await store.apply({ operation: 'train', note: 'digit module trained jointly on sum and sort', add: [await moduleEntry({
  name: 'digit', type: 'image -> int', module: shared, decode: 'argmax',
  provenance: { tasks: ['digits-sum', 'digits-sort'], programs: [DIGIT_SKELETONS.sum, DIGIT_SKELETONS.sort], createdAt: new Date().toISOString(), source: 'neural-reuse bench' },
})] });
const lib = await store.load();
await store.close();

// 3. a new task with few examples: the maximum of a list of digits
const maxProgram = parse('(lambda (maximum (map digit $0)))');
const label = new Map<unknown, number>([...train, ...test].map((d) => [d.image, d.label]));
const withMax = (ex: Example[]): Example[] => ex.map((e) => ({ inputs: e.inputs, output: Math.max(...(e.inputs[0] as unknown[]).map((x) => label.get(x)!)) }));
const fewShot = withMax(digitExamples('sum', train, few, 1, 3, r));
const tests = withMax(digitExamples('sum', test, 200, 10, 10, r));
const accuracyOf = (p: Primitive) => {
  const ps = extendSet(basePrimitives, [p]);
  return tests.filter((e) => { const res = evaluate(maxProgram, e.inputs, { prims: ps }); return res.ok && res.value === e.output; }).length / tests.length;
};
const rows: Record<string, unknown>[] = [];
for (const mode of ['frozen', 'fine-tuned', 'scratch'] as const) {
  const p = mode === 'scratch'
    ? neuralPrimitive({ name: 'digit', type: 'image -> int', module: createModule(spec, seed + 1), decode: 'argmax' })
    : (await neuralPrimitivesOf(lib))[0]!;
  const t1 = performance.now();
  if (mode !== 'frozen') trainByAbduction({ program: maxProgram, prims: extendSet(basePrimitives, [p]), examples: fewShot, epochs: 10, rng: rng(seed), learningRate: mode === 'scratch' ? 0.01 : 0.001 });
  const row = { mode, fewShotExamples: few, lengthTenAccuracy: accuracyOf(p), moduleAccuracy: classAcc(p, test), trainSeconds: (performance.now() - t1) / 1000 };
  rows.push(row);
  console.log(`max of 10 digits, ${few} examples, module ${mode.padEnd(10)}: ${(100 * row.lengthTenAccuracy).toFixed(1)}% (module ${(100 * row.moduleAccuracy).toFixed(1)}%)`);
}
rmSync(dir, { recursive: true, force: true });
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/neural-reuse.json', import.meta.url), JSON.stringify({ jointSeconds, jointModuleAccuracy: classAcc(digit, test), rows }, null, 2));
