import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, tf } from '../../src/neural/backend.ts';
import { RecognitionModel, productionCounts } from '../../src/neural/recognition.ts';
import { parse } from '../../src/lang/parse.ts';
import { parseType } from '../../src/lang/type.ts';
import type { Task } from '../../src/task/task.ts';
import { rng } from '../../src/util/rng.ts';

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
