import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/neural/backend.ts';
import { createModule } from '../../src/neural/module.ts';
import { neuralPrimitive } from '../../src/neural/primitive.ts';
import { trainByAbduction } from '../../src/neural/abduce.ts';
import { trainByOptimizer } from '../../src/neural/es-train.ts';
import { digitExamples, type DigitImage } from '../../src/neural/digits.ts';
import { parse } from '../../src/lang/parse.ts';
import { extendSet } from '../../src/lang/primitive.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import { es } from '../../src/optimize/es.ts';
import { rng } from '../../src/util/rng.ts';

before(async () => { await initBackend(); });

function toyImages(n: number, r = rng(3)): DigitImage[] {
  return Array.from({ length: n }, () => {
    const label = r.int(4);
    const image = Array.from({ length: 8 }, (_, row) => Array.from({ length: 8 }, () => (row === label * 2 ? 1 : 0) + 0.1 * r.next()));
    return { image, label };
  });
}

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
