import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/neural/backend.ts';
import { createModule } from '../../src/neural/module.ts';
import { neuralPrimitive } from '../../src/neural/primitive.ts';
import { trainByAbduction } from '../../src/neural/abduce.ts';
import { trainByOptimizer } from '../../src/neural/es-train.ts';
import { digitExamples } from '../../src/neural/digits.ts';
import { parse } from '../../src/lang/parse.ts';
import { extendSet } from '../../src/lang/primitive.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import { es } from '../../src/optimize/es.ts';
import { rng } from '../../src/util/rng.ts';
import { toyImages } from '../fixtures/neural/toy-digits.ts';

before(async () => { await initBackend(); });


test('abduction trains a module inside a skeleton with no relaxation (the maximum of classified images)', () => {
  const r = rng(5);
  const imgs = toyImages(120, r);
  const mod = createModule({ kind: 'mlp', inputSize: 64, hidden: [16], outputSize: 4 }, 3);
  const classify = neuralPrimitive({ name: 'classify', type: 'image -> int', module: mod, decode: 'argmax' });
  const prims = extendSet(basePrimitives, [classify]);
  const program = parse('(lambda (maximum (map classify $0)))');
  const examples = digitExamples('sum', imgs, 150, 1, 2, r).map((e) => ({
    inputs: e.inputs,
    output: Math.max(...(e.inputs[0] as unknown[]).map((x) => imgs.find((d) => d.image === x)!.label)),
  }));
  const report = trainByAbduction({ program, prims, examples, epochs: 6, rng: r, learningRate: 0.05 });
  assert.ok(report.abduced.at(-1)! > 0.9, `abduced ${report.abduced.join(', ')}`);
  const acc = imgs.filter((d) => classify.impl(d.image) === d.label).length / imgs.length;
  assert.ok(acc > 0.9, `classifier accuracy after abduction ${acc}`);
  mod.dispose();
});

test('evolution strategies train a small module from the program error alone', () => {
  const r = rng(8);
  const imgs = toyImages(40, r);
  const mod = createModule({ kind: 'mlp', inputSize: 64, hidden: [], outputSize: 4 }, 4);
  const classify = neuralPrimitive({ name: 'classify', type: 'image -> int', module: mod, decode: 'argmax' });
  const prims = extendSet(basePrimitives, [classify]);
  const program = parse('(lambda (sum (map classify $0)))');
  const examples = digitExamples('sum', imgs, 20, 1, 2, r);
  const gens: number[] = [];
  const res = trainByOptimizer({ program, prims, examples, strategy: es({ sigma: 0.1, popSize: 20, lr: 0.05, seed: 1 }), maxEvals: 600, onGeneration: (_, b) => gens.push(b) });
  assert.ok(res.best < gens[0]! * 0.6 || res.best === 0, `error fell from ${gens[0]} to ${res.best}`);
  mod.dispose();
});

test('synthetic gradients train a layer stack without end-to-end backprop, close to backprop', async () => {
  const { trainBackprop, trainSynthetic } = await import('../../src/neural/dni.ts');
  const r = rng(2);
  const data = toyImages(200, r);
  const x = data.map((d) => d.image.flat()), y = data.map((d) => d.label);
  const spec = { sizes: [64, 32, 32, 4], seed: 3 };
  const accOf = (m: { predict(x: number[][]): number[] }) => m.predict(x).filter((p, i) => p === y[i]).length / y.length;
  const bp = trainBackprop(spec, x, y, 5, rng(1));
  const sg = trainSynthetic(spec, x, y, 5, rng(1));
  assert.ok(accOf(bp) > 0.95, `backprop ${accOf(bp)}`);
  assert.ok(accOf(sg) > 0.9, `synthetic gradients ${accOf(sg)}`);
  bp.dispose(); sg.dispose();
});
