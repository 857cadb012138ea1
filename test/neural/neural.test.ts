import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, tf } from '../../src/neural/backend.ts';
import { createModule, loadModule, toTfjsFiles } from '../../src/neural/module.ts';
import { neuralPrimitive } from '../../src/neural/primitive.ts';
import { convolve, relaxEval, logLikelihood } from '../../src/neural/relax.ts';
import { trainProgram } from '../../src/neural/train.ts';
import { digitExamples, DIGIT_SKELETONS } from '../../src/neural/digits.ts';
import { parse } from '../../src/lang/parse.ts';
import { extendSet } from '../../src/lang/primitive.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import { evaluate } from '../../src/lang/evaluate.ts';
import { rng } from '../../src/util/rng.ts';
import { toyImages } from '../fixtures/neural/toy-digits.ts';

let backend = '';
before(async () => { backend = await initBackend(); });


test('a backend starts and is reported', () => {
  assert.ok(['tensorflow', 'wasm', 'cpu'].includes(backend));
});

test('save and load keep the outputs (TensorFlow.js layers format), and no tensors leak', async () => {
  const before = tf.memory().numTensors;
  const m = createModule({ kind: 'mlp', inputSize: 4, hidden: [5], outputSize: 3 }, 7);
  const x = [[0.1, 0.2, 0.3, 0.4]];
  const y1 = tf.tidy(() => Array.from(m.apply(tf.tensor2d(x)).dataSync()));
  const saved = await m.save();
  const files = toTfjsFiles(saved);
  assert.equal(JSON.parse(files.modelJson).format, 'layers-model');
  assert.equal(files.weightsBin.length, (4 * 5 + 5 + 5 * 3 + 3) * 4);
  const m2 = await loadModule(JSON.parse(JSON.stringify(saved)));
  const y2 = tf.tidy(() => Array.from(m2.apply(tf.tensor2d(x)).dataSync()));
  assert.deepEqual(y2, y1);
  m.dispose(); m2.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('seeded initialisation is reproducible', () => {
  const a = createModule({ kind: 'mlp', inputSize: 3, hidden: [], outputSize: 2 }, 5);
  const b = createModule({ kind: 'mlp', inputSize: 3, hidden: [], outputSize: 2 }, 5);
  const wa = tf.tidy(() => Array.from(a.apply(tf.ones([1, 3])).dataSync()));
  const wb = tf.tidy(() => Array.from(b.apply(tf.ones([1, 3])).dataSync()));
  assert.deepEqual(wa, wb);
  a.dispose(); b.dispose();
});

test('conv2d filter gradient works on this backend (fallback kernel) and matches finite differences', () => {
  const x = tf.randomNormal([1, 4, 4, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
  const w = tf.randomNormal([3, 3, 1, 2], 0, 1, 'float32', 2) as tf.Tensor4D;
  const f = (ww: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, ww as tf.Tensor4D, 1, "same"))) as tf.Scalar;
  const g = tf.grad(f)(w).dataSync();
  const wv = w.dataSync();
  const h = 1e-2;
  for (const i of [0, 5, 11]) {
    const plus = Float32Array.from(wv); plus[i]! += h;
    const minus = Float32Array.from(wv); minus[i]! -= h;
    const fd = (f(tf.tensor4d(plus, w.shape)).dataSync()[0]! - f(tf.tensor4d(minus, w.shape)).dataSync()[0]!) / (2 * h);
    assert.ok(Math.abs(fd - g[i]!) < 0.05 * Math.max(1, Math.abs(fd)), `grad ${i}: ${g[i]} vs ${fd}`);
  }
});

test('convolve gives the distribution of a sum', () => {
  const p = tf.tensor1d([0.5, 0.5]), q = tf.tensor1d([0.25, 0.25, 0.5]);
  const r = Array.from(convolve(p, q).dataSync()).map((v) => Math.round(v * 1000) / 1000);
  assert.deepEqual(r, [0.125, 0.25, 0.375, 0.25]);
});

test('relaxed count-equal-first matches the exact probability', () => {
  const mod = createModule({ kind: 'mlp', inputSize: 64, hidden: [], outputSize: 10 }, 1);
  const classify = neuralPrimitive({ name: 'classify', type: 'image -> int', module: mod, decode: 'argmax' });
  const prims = extendSet(basePrimitives, [classify]);
  const imgs = toyImages(2);
  const dists = [tf.tensor1d([0.8, 0.2, 0, 0, 0, 0, 0, 0, 0, 0]), tf.tensor1d([0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0])];
  const ctx = { neural: (_p: unknown, x: unknown) => dists[imgs.findIndex((d) => d.image === x)]! };
  let f = relaxEval(parse(DIGIT_SKELETONS['count-first']), prims, [], ctx);
  if (f.k === 'fn') f = f.f({ k: 'det', v: imgs.map((d) => d.image) });
  // count = 1 + [d1 == d0]; P(d1 == d0) = 0.8*0.5 + 0.2*0.5 = 0.5
  assert.ok(Math.abs(Math.exp(logLikelihood(f, 2).dataSync()[0]!) - 0.5) < 1e-5);
  mod.dispose();
});

test('the digit module inside `sum`, trained only from sums, learns to classify; the program then runs in the evaluator', () => {
  const r = rng(11);
  const imgs = toyImages(200, r);
  const mod = createModule({ kind: 'mlp', inputSize: 64, hidden: [16], outputSize: 10 }, 2);
  const classify = neuralPrimitive({ name: 'classify', type: 'image -> int', module: mod, decode: 'argmax' });
  const prims = extendSet(basePrimitives, [classify]);
  const program = parse(DIGIT_SKELETONS.sum);
  const examples = digitExamples('sum', imgs, 300, 1, 3, r);
  const before = tf.memory().numTensors;
  const report = trainProgram({ program, prims, examples, epochs: 4, rng: r, learningRate: 0.02 });
  assert.equal(tf.memory().numTensors, before, 'training leaks no tensors');
  assert.ok(report.losses.at(-1)! < report.losses[0]! / 3, `loss fell: ${report.losses.join(', ')}`);
  const acc = imgs.filter((d) => classify.impl(d.image) === d.label).length / imgs.length;
  assert.ok(acc > 0.95, `classifier accuracy ${acc}`);
  const long = digitExamples('sum', imgs, 20, 10, 10, r);
  const ok = long.filter((e) => { const res = evaluate(program, e.inputs, { prims }); return res.ok && res.value === e.output; }).length;
  assert.ok(ok >= 18, `length-10 sums right: ${ok}/20`);
  mod.dispose();
});
