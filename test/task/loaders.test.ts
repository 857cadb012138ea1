import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readTasks, TaskReadError } from '../../src/api/read-tasks.ts';
import { arrow, parseType, printType, tbool, tint, tstr } from '../../src/lang/type.ts';
import { harvestConstants } from '../../src/task/constants.ts';
import { inferTaskType, TypeInferenceError } from '../../src/task/infer-type.ts';
import { parseTaskFile } from '../../src/task/load.ts';
import { taskFromJson, taskToJson } from '../../src/task/task-json.ts';
import type { Task } from '../../src/task/task.ts';

const fx = (name: string) => fileURLToPath(new URL(`../fixtures/tasks${name.startsWith('bad/') ? '-bad/' + name.slice(4) : '/' + name}`, import.meta.url));
const load = (name: string): Task[] => parseTaskFile(fx(name), readFileSync(fx(name), 'utf8')).map((t) => {
  assert.equal(t.kind, 'task');
  return (t as { task: Task }).task;
});

test('Arbor JSON: one task, type inferred from values, test examples kept', () => {
  const [t] = load('arbor-sum.json');
  assert.equal(t!.name, 'sum');
  assert.equal(printType(t!.type), 'list(int) -> int');
  assert.equal(t!.train.length, 3);
  assert.deepEqual(t!.test, [{ inputs: [[10, 20]], output: 30 }]);
});

test('Arbor JSON: an array of tasks; "inputs" for several arguments; strings infer str', () => {
  const ts = load('arbor-many.json');
  assert.deepEqual(ts.map((t) => [t.name, printType(t.type)]), [['add', 'int -> int -> int'], ['shout', 'str -> str']]);
  assert.deepEqual(ts[0]!.train[0], { inputs: [1, 2], output: 3 });
});

test('Arbor JSON: ambiguity is reported, not guessed', () => {
  assert.throws(() => load('bad/arbor-ambiguous.json'), /arbor-ambiguous\.json: field train\[\*\]\.inputs\[0\]: every list here is empty.*give the task a "type"/);
});

test('Arbor JSON: a bad example names the file and the field', () => {
  assert.throws(() => load('bad/arbor-bad-field.json'), /arbor-bad-field\.json: field train\[1\]/);
});

test('type inference: ints and reals join to real; mixed kinds are an error naming the field', () => {
  assert.equal(printType(inferTaskType([{ inputs: [1], output: 2.5, field: 'a' }, { inputs: [2], output: 3, field: 'b' }])), 'int -> real');
  assert.throws(() => inferTaskType([{ inputs: [1], output: 'x', field: 'train[0]' }, { inputs: [2], output: 3, field: 'train[1]' }]),
    (e: unknown) => e instanceof TypeInferenceError && /train\[1\]\.output/.test(e.field));
  assert.equal(printType(inferTaskType([{ inputs: ['ab'], output: 'c', field: 'x' }], 'list(char)')), 'list(char) -> list(char)');
});

test('DreamCoder list tasks: types from "list-of-int" spellings; all examples train', () => {
  const ts = load('dc-lists.json');
  assert.deepEqual(ts.map((t) => printType(t.type)), ['list(int) -> list(int)', 'list(int) -> int', 'list(int) -> int']);
  assert.ok(ts.every((t) => t.train.length > 5 && t.test.length === 0));
});

test('DreamCoder text tasks are list(char) -> list(char)', () => {
  const [t] = load('dc-text.json');
  assert.equal(printType(t!.type), 'list(char) -> list(char)');
  assert.deepEqual(t!.train[0]!.output, [...'Nancy(334(611(+172']);
});

test('PSB1: train = edge + first random cases up to the README size, test = the rest', () => {
  const [lt] = readTasks([fx('psb1/small-or-large')]);
  const t = (lt as { task: Task }).task;
  assert.equal(t.name, 'small-or-large');
  assert.equal(printType(t.type), 'int -> str');
  assert.equal(t.train.length, 8);
  assert.equal(t.test.length, 5);
  assert.deepEqual(t.train[0], { inputs: [-10000], output: 'small' });
});

test('reading a folder finds every task file, sorted; missing paths are one clear error', () => {
  const all = readTasks([fx('')]);
  assert.ok(all.length >= 10);
  assert.throws(() => readTasks(['/nonexistent/x.json']), (e: unknown) => e instanceof TaskReadError && /no such file/.test(e.message));
});

test('constant harvesting: inserted substrings, shared delimiters and constant differences', () => {
  const [text] = load('dc-text.json');
  const cs = harvestConstants(text!);
  assert.ok(cs.some((c) => c.value === '('), JSON.stringify(cs));
  const [addk] = load('dc-lists.json');
  assert.ok(harvestConstants(addk!).some((c) => c.value === 2));
  // whole outputs that recur are offered first, even when fewer than half the examples share them
  const labels = { name: 'labels', type: arrow(tint, tstr), test: [], train: [[1, 'low'], [2, 'low'], [3, 'low'], [7, 'high'], [8, 'high'], [5, 'mid']]
    .map(([i, o]) => ({ inputs: [i], output: o })) };
  assert.deepEqual(harvestConstants(labels).slice(0, 2).map((c) => c.value), ['low', 'high']);
  // longer whole outputs (sentences) are labels too once three examples share them, up to six labels
  const sentence = (g: string) => `Student has a ${g} grade.`;
  const grades = { name: 'grades', type: arrow(tint, tstr), test: [], train: [95, 91, 90, 85, 84, 80, 75, 74, 70, 65, 64, 60, 10, 20]
    .map((s) => ({ inputs: [s], output: sentence(s >= 90 ? 'A' : s >= 80 ? 'B' : s >= 70 ? 'C' : s >= 60 ? 'D' : 'F') })) };
  assert.deepEqual(harvestConstants(grades).slice(0, 4).map((c) => c.value), ['A', 'B', 'C', 'D'].map(sentence));
  assert.ok(!harvestConstants(grades).some((c) => c.value === sentence('F')), 'twice is not enough for a long label');
  // a constant output length, or length difference, over inputs of varying length: take 3, drop the last 4
  const words = ['alphabet', 'bravo', 'charlie!', 'delta', 'echo-foxtrot'];
  const lengthTask = (f: (w: string) => string) => ({ name: 'len', type: arrow(tstr, tstr), test: [], train: words.map((w) => ({ inputs: [w], output: f(w) })) });
  assert.ok(harvestConstants(lengthTask((w) => w.slice(0, 3))).some((c) => c.value === 3));
  assert.ok(harvestConstants(lengthTask((w) => w.slice(0, -4))).some((c) => c.value === 4));
  // a delimiter every input but one has (a one-word title among titles), not one only some random strings have
  const slug = { name: 'slug', type: arrow(tstr, tstr), test: [], train: [['Hello World', 'hello-world'], ['Arbor Grows Programs', 'arbor-grows-programs'], ['One', 'one']]
    .map(([i, o]) => ({ inputs: [i], output: o })) };
  assert.ok(harvestConstants(slug).some((c) => c.value === ' '));
  const noisy = { name: 'noisy', type: arrow(tstr, tstr), test: [], train: ['a}b', 'cd', 'e}f', 'gh', 'ij'].map((w) => ({ inputs: [w], output: w.length > 2 ? 'x' : 'y' })) };
  assert.ok(!harvestConstants(noisy).some((c) => c.value === '}'), 'in 2 of 5 inputs');
  // a fixed format: the offsets and lengths of the pieces every output copies from its input
  const phone = { name: 'phone', type: arrow(tstr, tstr), test: [], train: ['5551234567', '2125550000', '9998887777']
    .map((d) => ({ inputs: [d], output: `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}` })) };
  assert.deepEqual(harvestConstants(phone).filter((c) => typeof c.value === 'number').map((c) => c.value), [3, 6, 4]);
  // and the text it inserts between them comes before substrings that merely recur ("-", not "-4")
  const ssn = { name: 'ssn', type: arrow(tstr, tstr), test: [], train: ['123456789', '987654321', '555443333']
    .map((d) => ({ inputs: [d], output: `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}` })) };
  assert.equal(harvestConstants(ssn).find((c) => typeof c.value === 'string')?.value, '-');
  // the text every output ends with, though some inputs already end with it (so it is no inserted substring)
  const suffix = { name: 'suffix', type: arrow(tstr, tstr), test: [], train: ['520 T769', 'Eccleston +198769', '+169 46']
    .map((w) => ({ inputs: [w], output: w.endsWith('769') ? w : `${w}769` })) };
  assert.ok(harvestConstants(suffix).some((c) => c.value === '769'), JSON.stringify(harvestConstants(suffix)));
  const prefix = { ...suffix, train: ['Dr. Ann', 'Bo', 'Dr. Cy'].map((w) => ({ inputs: [w], output: w.startsWith('Dr. ') ? w : `Dr. ${w}` })) };
  assert.ok(harvestConstants(prefix).some((c) => c.value === 'Dr. '));
  // strings inside JSON objects and lists: the space a full name record inserts between the fields it joins
  const fullName = { name: 'full', type: parseType('{first: str, last: str} -> {name: str}'), test: [], train: [['Ada', 'Lovelace'], ['Alan', 'Turing']]
    .map(([first, last]) => ({ inputs: [{ first, last }], output: { name: `${first} ${last}` } })) };
  assert.ok(harvestConstants(fullName).some((c) => c.value === ' '), JSON.stringify(harvestConstants(fullName)));
  // a yes/no task: the mark whose presence tells the answers apart
  const email = { name: 'email', type: arrow(tstr, tbool), test: [], train: [['a@b.com', true], ['hello', false], ['x@y.org', true], ['no-at.com', false]]
    .map(([i, o]) => ({ inputs: [i], output: o })) };
  assert.ok(harvestConstants(email).some((c) => c.value === '@'));
  assert.ok(!harvestConstants({ ...email, type: arrow(tstr, tstr), train: email.train.map((e) => ({ ...e, output: 'x' })) }).some((c) => c.value === '@'), 'only for yes/no');
  // and the text every yes starts with when no no does ("a": words a filter keeps)
  const startsA = { name: 'a', type: arrow(tstr, tbool), test: [], train: [['apple', true], ['bob', false], ['avocado', true], ['xa', false], ['ant', true]]
    .map(([i, o]) => ({ inputs: [i], output: o })) };
  assert.ok(harvestConstants(startsA).some((c) => c.value === 'a'));
});

test('tasks survive the JSON round trip used between worker threads', () => {
  for (const name of ['dc-text.json', 'arbor-many.json', 'bikes.sl']) {
    for (const t of load(name)) {
      const back = taskFromJson(JSON.parse(JSON.stringify(taskToJson(t))));
      assert.equal(printType(back.type), printType(t.type));
      assert.deepEqual(back.train, t.train);
      assert.deepEqual(back.extra, t.extra === undefined ? undefined : JSON.parse(JSON.stringify(t.extra)));
    }
  }
});
