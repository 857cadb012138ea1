import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, tf } from '../../src/neural/backend.ts';
import { accuracy, buildNet, netVariables as vars, outputs, trainNet, uploadDataset, type Architecture } from '../../src/automl/net.ts';
import { adamW } from '../../src/automl/adamw.ts';
import { asLrSchedule, lrFactor, lrSchedules } from '../../src/automl/lr-schedule.ts';
import { mlpFromParams, mlpSpace } from '../../src/automl/mlp-objective.ts';
import { rng } from '../../src/util/rng.ts';

import { maxDiff, toy } from '../fixtures/automl/toy.ts';

before(async () => { await initBackend(); });

const arch: Architecture = { inputSize: 8, outputSize: 3, blocks: [{ units: 6, activation: 'relu', skip: false }] };

test('AdamW without weight decay takes the same steps as tf.train.adam', () => {
  const data = toy(40, 1);
  const a = buildNet(arch, 2), b = buildNet(arch, 2);
  trainNet(a, data, { epochs: 3, lr: 0.01, rng: rng(3) });
  const opt = adamW(vars(b));
  trainNet(b, data, { epochs: 3, lr: 0.01, rng: rng(3), adam: opt });
  assert.ok(maxDiff(outputs(a, data.x), outputs(b, data.x)) < 1e-4);
  // a constant schedule is the same as the fixed rate
  const c = buildNet(arch, 2), optC = adamW(vars(c));
  trainNet(c, data, { epochs: 3, lr: () => 0.01, rng: rng(3), adam: optC });
  assert.ok(maxDiff(outputs(b, data.x), outputs(c, data.x)) < 1e-6);
  [a, b, c, opt, optC].forEach((x) => x.dispose());
});

test('weight decay shrinks the weights; a zero learning rate leaves them alone', () => {
  const data = toy(40, 1);
  const norm = (n: ReturnType<typeof buildNet>) => n.layers.reduce((s, l) => s + (tf.tidy(() => tf.sum(tf.square(l.w)).dataSync()[0]!)), 0);
  const plain = buildNet(arch, 4), decayed = buildNet(arch, 4), frozen = buildNet(arch, 4);
  const [o1, o2, o3] = [adamW(vars(plain)), adamW(vars(decayed)), adamW(vars(frozen))];
  trainNet(plain, data, { epochs: 5, lr: 0.01, rng: rng(5), adam: o1 });
  trainNet(decayed, data, { epochs: 5, lr: 0.01, rng: rng(5), adam: o2, weightDecay: 5 });
  const before = outputs(frozen, data.x);
  trainNet(frozen, data, { epochs: 2, lr: () => 0, rng: rng(5), adam: o3, weightDecay: 5 });
  assert.ok(norm(decayed) < 0.8 * norm(plain), `${norm(decayed)} vs ${norm(plain)}`);
  assert.ok(maxDiff(before, outputs(frozen, data.x)) < 1e-7);
  [plain, decayed, frozen, o1, o2, o3].forEach((x) => x.dispose());
});

test('dropout, label smoothing, small batches and a schedule still learn the toy task, without leaking tensors', () => {
  const train = toy(120, 10), val = toy(60, 11);
  const net = buildNet({ ...arch, blocks: [{ units: 16, activation: 'relu', skip: false }] }, 3);
  const opt = adamW(vars(net));
  const n0 = tf.memory().numTensors;
  trainNet(net, train, {
    epochs: 15, lr: (t) => 0.02 * lrFactor('cosine', t), rng: rng(4), adam: opt,
    dropout: 0.3, labelSmoothing: 0.1, batchSize: 8, weightDecay: 0.01,
  });
  assert.equal(tf.memory().numTensors, n0);
  assert.ok(accuracy(net, val) > 0.8, `accuracy ${accuracy(net, val)}`);
  // dropout is for training only: predictions are deterministic
  assert.deepEqual(outputs(net, val.x), outputs(net, val.x));
  net.dispose(); opt.dispose();
});

test('trainNet rejects bad options with messages that name them', () => {
  const net = buildNet(arch, 1), data = toy(10, 1);
  assert.throws(() => trainNet(net, data, { epochs: 1, lr: 0.01, rng: rng(1), batchSize: 0 }), /batchSize must be a positive integer/);
  assert.throws(() => trainNet(net, data, { epochs: 1, lr: 0.01, rng: rng(1), dropout: 1 }), /dropout must be in \[0, 1\)/);
  assert.throws(() => trainNet(net, data, { epochs: 1, lr: 0.01, rng: rng(1), labelSmoothing: -0.1 }), /labelSmoothing/);
  assert.throws(() => trainNet(net, data, { epochs: 1, lr: () => 0.01, rng: rng(1) }), /needs an AdamW optimizer/);
  assert.throws(() => trainNet(net, data, { epochs: 1, lr: 0.01, rng: rng(1), weightDecay: 0.1 }), /needs an AdamW optimizer/);
  net.dispose();
});

test('learning-rate schedules start at the peak (one-cycle after warm-up) and end at zero', () => {
  for (const s of lrSchedules) assert.ok(lrFactor(s, 0.5) > 0 && lrFactor(s, 0.5) <= 1, s);
  assert.equal(lrFactor('constant', 1), 1);
  for (const s of ['cosine', 'linear'] as const) { assert.equal(lrFactor(s, 0), 1); assert.ok(lrFactor(s, 1) < 1e-12); }
  assert.ok(lrFactor('onecycle', 0) < 0.2 && Math.abs(lrFactor('onecycle', 0.1) - 1) < 1e-12 && lrFactor('onecycle', 1) < 1e-12);
  assert.equal(asLrSchedule('cosine'), 'cosine');
  assert.throws(() => asLrSchedule('step'), /expected one of constant, cosine, linear, onecycle, got "step"/);
});

test('the training knobs are opt-in in the dense-net space and read back by mlpFromParams', () => {
  assert.deepEqual(Object.keys(mlpSpace()), ['layers', 'units', 'activation', 'lr']);
  assert.deepEqual(Object.keys(mlpSpace({ training: true })).slice(4), ['batchSize', 'weightDecay', 'dropout', 'labelSmoothing', 'schedule']);
  const plain = mlpFromParams({ layers: 1, units: 8, activation: 'relu', lr: 0.01 }, 64, 10);
  assert.equal(plain.schedule, 'constant');
  assert.deepEqual(Object.values(plain.train).filter((v) => v !== undefined), []);
  const tuned = mlpFromParams({ layers: 1, units: 8, activation: 'relu', lr: 0.01, batchSize: 16, dropout: 0.2, labelSmoothing: 0.1, schedule: 'cosine' }, 64, 10);
  assert.deepEqual(tuned.train, { batchSize: 16, weightDecay: undefined, dropout: 0.2, labelSmoothing: 0.1 });
  assert.equal(tuned.schedule, 'cosine');
});

test('a dataset uploaded once trains and scores exactly as one uploaded per call; another dataset is refused', () => {
  const data = toy(50, 6), dev = uploadDataset(data);
  const run = (uploaded?: typeof dev) => {
    const net = buildNet(arch, 7), opt = adamW(vars(net)), r = rng(8);
    for (let e = 0; e < 3; e++) trainNet(net, data, { epochs: 1, lr: 0.01, rng: r, adam: opt, dropout: 0.2, uploaded });
    const res = { out: outputs(net, data.x), acc: accuracy(net, data, uploaded) };
    net.dispose(); opt.dispose();
    return res;
  };
  const n0 = tf.memory().numTensors;
  assert.deepEqual(run(dev), run());
  assert.equal(tf.memory().numTensors, n0);
  const net = buildNet(arch, 1);
  assert.throws(() => trainNet(net, toy(20, 1), { epochs: 1, lr: 0.01, rng: rng(1), uploaded: dev }), /trainNet: the uploaded dataset has 50 examples, the dataset 20/);
  assert.throws(() => accuracy(net, toy(20, 1), dev), /accuracy: the uploaded dataset has 50 examples/);
  net.dispose(); dev.dispose();
});
