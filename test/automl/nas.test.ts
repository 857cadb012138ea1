import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, tf } from '../../src/neural/backend.ts';
import { buildNet, outputs, trainNet, accuracy, describe, type Architecture } from '../../src/automl/net.ts';
import { widen, deepen, inheritWeights, alignLayers } from '../../src/automl/morphism.ts';
import { archMutations, randomArchitecture } from '../../src/automl/mutations.ts';
import { regularizedEvolution, randomSearch } from '../../src/automl/evolve.ts';
import { pbt } from '../../src/automl/pbt.ts';
import { rng } from '../../src/util/rng.ts';

import { maxDiff, toy } from '../fixtures/automl/toy.ts';

before(async () => { await initBackend(); });

const space = { widths: [4, 8, 16], activations: ['relu', 'tanh'] as const, maxBlocks: 3 };

test('widen and deepen preserve the function the network computes', () => {
  const arch: Architecture = { inputSize: 8, outputSize: 3, blocks: [{ units: 4, activation: 'relu', skip: false }, { units: 4, activation: 'tanh', skip: false }] };
  const net = buildNet(arch, 1);
  const data = toy(20, 1);
  trainNet(net, data, { epochs: 2, lr: 0.01, rng: rng(1) });
  const before = outputs(net, data.x);
  const wide = widen(net, 0, 9, rng(2), 0)!;
  assert.equal(describe(wide.arch), '9relu>4tanh');
  assert.ok(maxDiff(before, outputs(wide, data.x)) < 1e-5);
  const deep = deepen(net, 1, true)!;
  assert.equal(describe(deep.arch), '4relu>4relu>4tanh');
  assert.ok(maxDiff(before, outputs(deep, data.x)) < 1e-5);
  assert.equal(deepen(net, 2, true), null, 'after a tanh block the identity ReLU would clip negatives');
  [net, wide, deep].forEach((n) => n.dispose());
});

test('partial inheritance keeps surviving weights, starts inserted layers as identity, and refuses removed inputs', () => {
  const relu = (units: number) => ({ units, activation: 'relu' as const, skip: false });
  const parentArch: Architecture = { inputSize: 8, outputSize: 3, blocks: [relu(8), relu(4)] };
  const parent = buildNet(parentArch, 1);
  trainNet(parent, toy(30, 2), { epochs: 1, lr: 0.01, rng: rng(1) });
  assert.deepEqual(alignLayers(parentArch, { ...parentArch, blocks: [relu(8), relu(8), relu(4)] }), [0, null, 1, 2]);
  assert.deepEqual(alignLayers(parentArch, { ...parentArch, blocks: [relu(4)] }), [1, 2]);
  // an activation change keeps every weight
  const tanhArch: Architecture = { ...parentArch, blocks: [relu(8), { ...relu(4), activation: 'tanh' }] };
  const t = inheritWeights(parent, tanhArch, 5)!;
  t.layers.forEach((l, k) => assert.deepEqual(l.w.arraySync(), parent.layers[k]!.w.arraySync()));
  // narrowing keeps the first units' incoming and outgoing weights
  const narrow = inheritWeights(parent, { ...parentArch, blocks: [relu(8), relu(2)] }, 5)!;
  assert.deepEqual(narrow.layers[1]!.w.arraySync(), (parent.layers[1]!.w.arraySync() as number[][]).map((row) => row.slice(0, 2)));
  assert.deepEqual(narrow.layers[2]!.w.arraySync(), (parent.layers[2]!.w.arraySync() as number[][]).slice(0, 2));
  // an identity block inserted after a ReLU block computes the same function
  const deep = inheritWeights(parent, { ...parentArch, blocks: [relu(8), relu(8), relu(4)] }, 5)!;
  const x = toy(10, 3).x;
  assert.ok(maxDiff(outputs(parent, x), outputs(deep, x)) < 1e-5);
  // removing a block leaves the next layer reading other features: no inheritance
  assert.equal(inheritWeights(parent, { ...parentArch, blocks: [relu(4)] }, 5), null);
  [parent, t, narrow, deep].forEach((n) => n.dispose());
});

test('an inherited child computes its parent\'s function before fine-tuning, and keeps most of its accuracy after', () => {
  const train = toy(120, 10), val = toy(60, 11);
  const parentArch: Architecture = { inputSize: 8, outputSize: 3, blocks: [{ units: 8, activation: 'relu', skip: false }] };
  const parent = buildNet(parentArch, 3);
  trainNet(parent, train, { epochs: 15, lr: 0.02, rng: rng(4) });
  const acc = accuracy(parent, val);
  assert.ok(acc > 0.8, `parent ${acc}`);
  for (const child of [widen(parent, 0, 16, rng(5))!, deepen(parent, 1, true)!]) {
    assert.ok(maxDiff(outputs(parent, val.x), outputs(child, val.x)) < 1e-2, describe(child.arch));
    assert.equal(accuracy(child, val), acc, describe(child.arch));
    trainNet(child, train, { epochs: 1, lr: 0.005, rng: rng(6) });
    assert.ok(accuracy(child, val) >= acc - 0.05, `${describe(child.arch)} after fine-tuning: ${accuracy(child, val)} vs ${acc}`);
    child.dispose();
  }
  parent.dispose();
});

test('mutation rules produce valid architectures of the space', () => {
  const r = rng(3);
  const rules = archMutations(space);
  for (let i = 0; i < 200; i++) {
    const a = randomArchitecture(space, 8, 3, r);
    for (const rule of rules) {
      const b = rule.apply(a, r);
      if (!b) continue;
      assert.ok(b.blocks.length >= 1 && b.blocks.length <= space.maxBlocks, rule.name);
      assert.ok(b.blocks.every((x) => space.widths.includes(x.units)), rule.name);
    }
  }
});

test('regularized evolution, random search and the weight-inheritance variant run to their budget and report', () => {
  const train = toy(90, 4), val = toy(60, 5);
  const tensors = tf.memory().numTensors;
  const common = { space, train, val, trials: 8, epochs: 3, population: 4, sample: 2, lr: 0.02 };
  const re = regularizedEvolution({ ...common, rng: rng(6) });
  const rs = randomSearch({ ...common, rng: rng(6) });
  const inh = regularizedEvolution({ ...common, rng: rng(6), inherit: { epochs: 1 } });
  const part = regularizedEvolution({ ...common, rng: rng(6), inherit: { epochs: 1, partial: true, lr: 0.01 } });
  for (const rep of [re, rs, inh, part]) {
    assert.equal(rep.trials.length, 8);
    assert.ok(rep.best.valAccuracy > 0.6, `best ${rep.best.valAccuracy}`);
    assert.equal(rep.totalEpochs, rep.trials.reduce((s, t) => s + t.epochs, 0));
  }
  // the first `population` trials are the same random architectures in evolution and random search
  assert.deepEqual(re.trials.slice(0, 4).map((t) => [t.arch, t.valAccuracy]), rs.trials.slice(0, 4).map((t) => [t.arch, t.valAccuracy]));
  for (const rep of [inh, part]) for (const t of rep.trials) assert.equal(t.epochs, t.inherited ? 1 : 3);
  assert.ok(inh.trials.every((t) => t.inherited !== 'partial'));
  assert.ok(part.trials.some((t) => t.inherited === 'partial'));
  assert.ok(inh.totalEpochs <= re.totalEpochs && part.totalEpochs <= re.totalEpochs);
  // an epoch budget stops the loop once it is spent (the last trial may overshoot by less than one trial)
  for (const rep of [randomSearch({ ...common, trials: 100, maxEpochs: 10, rng: rng(7) }),
    regularizedEvolution({ ...common, population: 2, trials: 100, maxEpochs: 10, rng: rng(7), inherit: { epochs: 1, partial: true } })]) {
    assert.ok(rep.totalEpochs >= 10 && rep.totalEpochs < 13, `spent ${rep.totalEpochs}`);
  }
  assert.equal(tf.memory().numTensors, tensors, 'every network disposed');
});

test('population-based training exploits and explores learning rates', () => {
  const rep = pbt({ arch: { inputSize: 8, outputSize: 3, blocks: [{ units: 8, activation: 'relu', skip: false }] }, train: toy(60, 7), val: toy(40, 8),
    population: 4, rounds: 3, epochsPerRound: 1, lrRange: [1e-4, 1e-1], rng: rng(9) });
  assert.equal(rep.rounds.length, 3);
  assert.ok(rep.rules.exploit > 0);
  assert.ok(rep.bestValAccuracy >= rep.rounds[0]!.median);
});

test('a search trains and scores each trial on datasets uploaded once, as a network trained by hand on the plain data', () => {
  const train = toy(60, 11), val = toy(40, 12), tensors = tf.memory().numTensors;
  const rep = randomSearch({ space, train, val, trials: 2, epochs: 2, lr: 0.02, rng: rng(13) });
  const r = rng(13);
  for (let t = 0; t < 2; t++) { // the same draws: architecture, then shuffles; seeds t + 1
    const net = buildNet(randomArchitecture(space, 8, 3, r), t + 1);
    trainNet(net, train, { epochs: 2, lr: 0.02, rng: r });
    assert.deepEqual([rep.trials[t]!.arch, rep.trials[t]!.valAccuracy], [describe(net.arch), accuracy(net, val)]);
    net.dispose();
  }
  pbt({ arch: { inputSize: 8, outputSize: 3, blocks: [{ units: 8, activation: 'relu', skip: false }] }, train, val,
    population: 4, rounds: 2, epochsPerRound: 1, lrRange: [1e-3, 1e-1], rng: rng(14) });
  assert.equal(tf.memory().numTensors, tensors, 'uploads and networks disposed');
});
