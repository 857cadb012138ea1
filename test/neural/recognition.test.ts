import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, tf } from '../../src/neural/backend.ts';
import { RecognitionModel, productionCounts } from '../../src/neural/recognition.ts';
import { GridFeaturizer } from '../../src/neural/featurize.ts';
import { parse } from '../../src/lang/parse.ts';
import { parseType } from '../../src/lang/type.ts';
import type { Task } from '../../src/task/task.ts';
import { rng, type Rng } from '../../src/util/rng.ts';
import { flipH, rot90 } from '../../src/lang/primitives/grid-basic.ts';

before(async () => { await initBackend(); });

const listTask = (name: string, f: (xs: number[]) => unknown, r = rng(name.length)): Task => ({
  name, type: parseType('list(int) -> list(int)'), test: [],
  train: Array.from({ length: 5 }, () => { const xs = Array.from({ length: 1 + r.int(5) }, () => r.int(10)); return { inputs: [xs], output: f(xs) }; }),
});
const strTask = (name: string, f: (s: string) => string, r = rng(name.length + 99)): Task => ({
  name, type: parseType('str -> str'), test: [],
  train: Array.from({ length: 5 }, () => { const s = Array.from({ length: 3 + r.int(5) }, () => 'abcdefgh'[r.int(8)]).join(''); return { inputs: [s], output: f(s) }; }),
});

test('production counts', () => {
  assert.deepEqual([...productionCounts(parse('(lambda (map (lambda (+ $0 1)) $0))'))].sort(), [['$var', 2], ['+', 1], ['map', 1]]);
});

test('the recognition model learns which primitives a kind of task needs', () => {
  const names = ['map', '+', 'str.++', 'str.at'];
  const model = new RecognitionModel({ names, seed: 1 });
  const pairs = [];
  for (let k = 0; k < 6; k++) {
    pairs.push({ task: listTask(`add${k}`, (xs) => xs.map((x) => x + k)), programs: [parse(`(lambda (map (lambda (+ $0 ${k})) $0))`)] });
    pairs.push({ task: strTask(`dup${k}`, (s) => s + s[0]), programs: [parse('(lambda (str.++ $0 (str.at $0 0)))')] });
  }
  const before = tf.memory().numTensors;
  const losses = model.train(pairs, { epochs: 12, rng: rng(2), learningRate: 0.01 });
  assert.equal(tf.memory().numTensors, before, 'no tensor leak');
  assert.ok(losses.at(-1)! < losses[0]!, `loss fell ${losses[0]} -> ${losses.at(-1)}`);
  const gl = model.grammarFor(listTask('new-list', (xs) => xs.map((x) => x + 20), rng(77)));
  const gs = model.grammarFor(strTask('new-str', (s) => s + s[0], rng(78)));
  assert.ok(gl.weights.get('map')! > gl.weights.get('str.++')!, 'list task prefers map');
  assert.ok(gs.weights.get('str.++')! > gs.weights.get('map')!, 'string task prefers str.++');
  model.dispose();
});

/** A random grid with horizontal runs of a colour (ARC grids have spatial structure; i.i.d. cells have none). */
const randomGrid = (r: Rng, square = false): number[][] => {
  const h = 3 + r.int(6), w = square ? h : 3 + r.int(6);
  return Array.from({ length: h }, () => {
    const row = [r.int(10)];
    while (row.length < w) row.push(r.int(10) < 7 ? row.at(-1)! : r.int(10));
    return row;
  });
};
const gridTask = (name: string, f: (g: number[][]) => number[][], r: Rng, square = false): Task => ({
  name, type: parseType('grid -> grid'), test: [],
  train: Array.from({ length: 4 }, () => { const g = randomGrid(r, square); return { inputs: [g], output: f(g) }; }),
});

test('grid tasks are read by the grid featurizer, other tasks by the sequence encoder', () => {
  const model = new RecognitionModel({ names: ['grid.flip-h'], seed: 3 });
  assert.equal(model.featurizerFor(gridTask('g', flipH, rng(1))), 'grid');
  assert.equal(model.featurizerFor(listTask('l', (xs) => xs)), 'sequence');
  assert.equal(model.featurizerFor(strTask('s', (s) => s)), 'sequence');
  assert.equal(model.featurizerFor({ ...listTask('gi', (xs) => xs.length), type: parseType('grid -> int') }), 'sequence');
  model.dispose();
});

/** Trains on flip-h and rot90 grid tasks (plus a few list tasks); returns the share of held-out grid tasks ranked right. */
function flipVersusRotate(square: boolean, seed: number): { right: number; total: number; losses: number[] } {
  const names = ['grid.flip-h', 'grid.rot90', 'map', 'str.++'];
  const model = new RecognitionModel({ names, seed });
  const r = rng(seed + 1);
  const pairs = [];
  for (let k = 0; k < 12; k++) {
    pairs.push({ task: gridTask(`flip${k}`, flipH, r, square), programs: [parse('(lambda (grid.flip-h $0))')] });
    pairs.push({ task: gridTask(`rot${k}`, rot90, r, square), programs: [parse('(lambda (grid.rot90 $0))')] });
  }
  // a few sequence tasks in the same training set: both encoders train side by side
  for (let k = 0; k < 3; k++) pairs.push({ task: listTask(`add${k}`, (xs) => xs.map((x) => x + k)), programs: [parse(`(lambda (map (lambda (+ $0 ${k})) $0))`)] });
  const before = tf.memory().numTensors;
  const losses = model.train(pairs, { epochs: 10, rng: rng(seed + 2), learningRate: 0.01 });
  assert.equal(tf.memory().numTensors, before, 'no tensor leak');
  const held = rng(seed + 99);
  let right = 0, total = 0;
  for (let k = 0; k < 10; k++) {
    const gf = model.grammarFor(gridTask(`new-flip${k}`, flipH, held, square));
    const gr = model.grammarFor(gridTask(`new-rot${k}`, rot90, held, square));
    right += Number(gf.weights.get('grid.flip-h')! > gf.weights.get('grid.rot90')!);
    right += Number(gr.weights.get('grid.rot90')! > gr.weights.get('grid.flip-h')!);
    total += 2;
  }
  model.dispose();
  return { right, total, losses };
}

test('the grid featurizer learns which transformation a grid task needs', () => {
  const { right, total, losses } = flipVersusRotate(false, 4);
  assert.ok(losses.at(-1)! < losses[0]!, `loss fell ${losses[0]} -> ${losses.at(-1)}`);
  assert.ok(right >= 0.9 * total, `held-out grid tasks ranked right: ${right}/${total}`);
});

test('on square grids (same shape in and out) the convolutions alone tell a flip from a rotation', () => {
  const { right, total } = flipVersusRotate(true, 7);
  assert.ok(right >= 0.8 * total, `held-out square grid tasks ranked right: ${right}/${total}`);
});

test('training batches that use only one of the encoders (grid-only, then list-only) train both', () => {
  const model = new RecognitionModel({ names: ['grid.flip-h', 'map', '+'], seed: 9 });
  const r = rng(10);
  // 16 grid tasks fill the first batch (of 16), 16 list tasks the second: an rng whose shuffle keeps the order
  const pairs = [
    ...Array.from({ length: 16 }, (_, k) => ({ task: gridTask(`g${k}`, flipH, r), programs: [parse('(lambda (grid.flip-h $0))')] })),
    ...Array.from({ length: 16 }, (_, k) => ({ task: listTask(`l${k}`, (xs) => xs.map((x) => x + 1), rng(k)), programs: [parse('(lambda (map (lambda (+ $0 1)) $0))')] })),
  ];
  const before = tf.memory().numTensors;
  const losses = model.train(pairs, { epochs: 6, rng: { ...rng(0), int: (n: number) => n - 1 }, learningRate: 0.01 });
  assert.equal(tf.memory().numTensors, before, 'no tensor leak');
  assert.ok(losses.at(-1)! < losses[0]!, `loss fell ${losses[0]} -> ${losses.at(-1)}`);
  model.dispose();
});

test('grid features do not depend on how far a grid is padded (a larger grid in the same task)', () => {
  let k = 0;
  const init = (shape: number[], seed: number) => tf.variable(tf.initializers.glorotUniform({ seed: seed + 100 * k++ }).apply(shape) as tf.Tensor);
  const f = new GridFeaturizer(init);
  const r = rng(11);
  const small = [[1, 2, 3], [0, 4, 4]], big = Array.from({ length: 12 }, () => Array.from({ length: 9 }, () => r.int(10)));
  const task = (grids: number[][][]): Task => ({ name: 't', type: parseType('grid -> grid'), test: [], train: grids.map((g) => ({ inputs: [g], output: flipH(g) })) });
  const [alone, both, bigAlone] = [[small], [small, big], [big]].map((gs) => tf.tidy(() => f.features(task(gs), 8).dataSync()));
  // features average the examples' encodings: the small grid's, padded to 12×9 beside the big one, is the same as alone
  alone!.forEach((v, i) => assert.ok(Math.abs(2 * both![i]! - bigAlone![i]! - v) < 1e-4, `feature ${i}: ${v} vs ${2 * both![i]! - bigAlone![i]!}`));
  assert.ok(alone!.some((v) => v !== 0), 'features are not all zero');
  f.variables.forEach((v) => v.dispose());
});
