// The element-wise engines: a list output that keeps some elements of an input list is a filter, its predicate
// learned from the elements (thresholds included); one made element by element is a map, its function learned from
// the pairs. At the public boundary (engines, auto's choice, CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { print } from '../../src/lang/print.ts';
import { parseType } from '../../src/lang/type.ts';
import { engineConformance } from '../../src/search/conformance.ts';
import { filterEngine, filterShape, mapEngine, mapShape } from '../../src/search/elementwise.ts';
import { autoEngines, searchSetup } from '../../src/search/portfolio-setup.ts';
import { checkProgram } from '../../src/search/select.ts';
import type { Task } from '../../src/task/task.ts';
import { systemClock } from '../../src/util/clock.ts';
import { rng } from '../../src/util/rng.ts';

const notFilter = 'takes only tasks whose output keeps some elements of an input list';
engineConformance(() => filterEngine(), {
  skip: { 'int-arith': notFilter, 'list-map': notFilter, 'list-fold': notFilter, string: notFilter, consistent: notFilter,
    'failing-primitives': notFilter, stats: 'enumerates only for filter tasks (its own stats test below)' },
});

const notMap = 'takes only tasks whose output has one element per element of an input list';
engineConformance(() => mapEngine(), {
  skip: { 'int-arith': notMap, 'list-fold': notMap, string: notMap, 'failing-primitives': notMap,
    stats: 'enumerates only for map tasks (its own test below)' },
});

const task = (type: string, train: [unknown[], unknown][], test: [unknown[], unknown][] = []): Task => ({
  name: 't', type: parseType(type),
  train: train.map(([inputs, output]) => ({ inputs, output })), test: test.map(([inputs, output]) => ({ inputs, output })),
});

function solve(t: Task, engine = filterEngine()) {
  const setup = searchSetup(t);
  const r = engine.search(setup.task, { prims: setup.prims, grammar: setup.grammar, budget: { timeMs: 20_000 }, clock: systemClock, rng: rng(1) });
  return { r, prims: setup.prims };
}

const big = task('list(int) -> list(int)', [
  [[[120, 40, 300, 99]], [120, 300]], [[[100, 101, 7]], [101]], [[[]], []], [[[250, 5, 150]], [250, 150]]],
[[[[1000, 3, 100, 180]], [1000, 180]], [[[101, 100, 102]], [101, 102]]]);

test('the filter shape: the input list, one example per distinct element (with the list when labels clash); none when nothing is dropped', () => {
  const s = filterShape(big)!;
  assert.equal(s.param, 0);
  assert.deepEqual(s.examples.map((e) => [e.inputs[0], e.output]), [[120, true], [40, false], [300, true], [99, false], [100, false], [101, true], [7, false], [250, true], [5, false], [150, true]]);
  // the second input is the one filtered
  assert.equal(filterShape(task('int -> list(int) -> list(int)', [[[0, [1, 2, 3, 4]], [2, 4]], [[0, [5, 6, 7, 8]], [6, 8]]]))?.param, 1);
  // 3 kept in one example and dropped in another: a predicate that reads the list too, unless every output is a
  // contiguous run of its input (take 2: positions)
  assert.equal(filterShape(task('list(int) -> list(int)', [[[[3, 1, 2, 9]], [3, 2]], [[[5, 4, 3, 8]], [5, 8]], [[[1, 3, 7]], [3, 7]]]))?.context, true);
  assert.equal(filterShape(task('list(int) -> list(int)', [[[[3, 1, 2, 9]], [3, 1]], [[[5, 4, 3, 8]], [5, 4]]])), null);
  assert.equal(filterShape(big)!.context, false);
  // the last two kept of every list: positions, though each element's label happens to agree everywhere
  assert.equal(filterShape(task('list(int) -> list(int)', [[[[1, 2, 3, 4]], [3, 4]], [[[9, 8, 7]], [8, 7]], [[[5, 6]], [5, 6]]])), null);
  // nothing dropped, not a sub-list, or too few elements
  assert.equal(filterShape(task('list(int) -> list(int)', [[[[1, 2, 3, 4]], [1, 2, 3, 4]], [[[5, 6, 7]], [5, 6, 7]]])), null);
  assert.equal(filterShape(task('list(int) -> list(int)', [[[[1, 2, 3, 4]], [2, 1]], [[[5, 6, 7]], [5]]])), null);
  assert.equal(filterShape(task('list(int) -> list(int)', [[[[1, 2]], [2]], [[[5, 6]], [6]]])), null);
});

test('a threshold no constant offers is learned from neighbouring elements, and holds on unseen lists', () => {
  const { r, prims } = solve(big);
  assert.equal(r.stopReason, 'solved');
  assert.match(print(r.program!), /^\(lambda \(filter \(lambda .*\) \$0\)\)$/);
  assert.equal(checkProgram(r.program!, big.test, prims).correct, big.test.length, print(r.program!));
  assert.ok(r.stats.enumerated > 0 && r.stats.rules['filter.elements'] === 10);
});

test('records filtered by a field; auto runs an element-wise engine beside the others only for tasks of its shape', () => {
  const people = (ages: number[]) => ages.map((age, i) => ({ name: `p${i}`, age }));
  const keep = (ages: number[]) => people(ages).filter((p) => p.age >= 18);
  const t = task('list({age: int, name: str}) -> list({age: int, name: str})',
    [[31, 12], [18, 40, 3], [], [17, 25]].map((a) => [[people(a)], keep(a)] as [unknown[], unknown]),
    [[65, 9], [18, 17, 30]].map((a) => [[people(a)], keep(a)] as [unknown[], unknown]));
  const { r, prims } = solve(t);
  assert.match(print(r.program!), /\(filter \(lambda .*\(\.age \$0\).*\) \$0\)/);
  assert.equal(checkProgram(r.program!, t.test, prims).correct, 2, print(r.program!));
  assert.deepEqual(autoEngines(t), ['topdown', 'bottomup', 'filter']);
  assert.deepEqual(autoEngines(task('list(int) -> list(int)', [[[[1, 2]], [2, 1, 0]], [[[5]], [6, 6]]])), ['topdown', 'bottomup']);
});

test('a predicate that reads the rest of the input when an element is kept in one list and dropped in another', () => {
  const above = (xs: number[]) => xs.filter((x) => x > xs[0]!);
  const lists = [[3, 1, 5, 4], [1, 2, 0, 3], [5, 7, 2, 6, 3], [4, 4, 9], [2, 3, 1]];
  const t = task('list(int) -> list(int)', lists.map((xs) => [[xs], above(xs)] as [unknown[], unknown]),
    [[6, 1, 8, 7, 9], [0, 0, 5]].map((xs) => [[xs], above(xs)] as [unknown[], unknown]));
  const shape = filterShape(t)!;
  assert.equal(shape.context, true);
  assert.deepEqual(shape.examples[0], { inputs: [[3, 1, 5, 4], 3], output: false });
  const { r, prims } = solve(t);
  assert.match(print(r.program!), /^\(lambda \(filter \(lambda .*\(car \$1\).*\) \$0\)\)$/);
  assert.equal(checkProgram(r.program!, t.test, prims).correct, 2, print(r.program!));
});

test('output lists of one field of the kept records: a map over the filter', () => {
  const people = (ages: number[]) => ages.map((age, i) => ({ name: `p${age}x${i}`, age }));
  const names = (ages: number[]) => people(ages).filter((p) => p.age >= 18).map((p) => p.name);
  const t = task('list({age: int, name: str}) -> list(str)',
    [[31, 12], [18, 40, 3], [], [17, 25]].map((a) => [[people(a)], names(a)] as [unknown[], unknown]),
    [[65, 9], [18, 17, 30]].map((a) => [[people(a)], names(a)] as [unknown[], unknown]));
  const shape = filterShape(t)!;
  assert.equal(shape.field?.name, '.name');
  const { r, prims } = solve(t);
  assert.match(print(r.program!), /^\(lambda \(map \(lambda \(\.name \$0\)\) \(filter \(lambda .*\(\.age \$0\).*\) \$0\)\)\)$/);
  assert.equal(checkProgram(r.program!, t.test, prims).correct, 2, print(r.program!));
});

test('arbor solve: a threshold filter over JSON records is solved by the filter engine', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const r = spawnSync(process.execPath, ['bin/arbor.js', 'solve', 'examples/json/adults.json', '--json', '--timeout', '30'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const line = JSON.parse(r.stdout.split('\n')[0]!);
  assert.equal(line.solved, true);
  assert.match(line.program, /\(filter \(lambda .*\(\.age \$0\).*\) \$0\)/);
  assert.deepEqual(line.test, { correct: 2, total: 2 });
});

test('a string that keeps some characters of its input is a filter over them: digits stripped, a name\'s capitals', () => {
  const strip = task('str -> str', [[['a1b2'], 'ab'], [['x9y'], 'xy'], [['abc'], 'abc'], [['1q2w3e'], 'qwe']], [[['r2d2'], 'rd']]);
  const s = filterShape(strip)!;
  assert.equal(s.chars, true);
  assert.deepEqual(s.examples.map((e) => [e.inputs[0], e.output]).slice(0, 3), [['a', true], ['1', false], ['b', true]]);
  // the character tests join the task's primitives, and auto runs the filter engine on it
  assert.ok(searchSetup(strip).prims.has('is-digit'));
  assert.ok(autoEngines(strip).includes('filter'));
  const { r, prims } = solve(strip);
  assert.equal(r.stopReason, 'solved');
  assert.match(print(r.program!), /^\(lambda \(chars->str \(filter \(lambda .*\) \(str->chars \$0\)\)\)\)$/);
  assert.equal(checkProgram(r.program!, strip.test, prims).correct, 1, print(r.program!));
  const capitals = task('str -> str', [[['Ada Lovelace'], 'AL'], [['Alan Mathison Turing'], 'AMT'], [['Grace Hopper'], 'GH']], [[['John von Neumann'], 'JN']]);
  const c = solve(capitals);
  assert.equal(print(c.r.program!), '(lambda (chars->str (filter (lambda (is-upper $0)) (str->chars $0))))');
  // a string task of another shape gets no character tests
  assert.ok(!searchSetup(task('str -> str', [[['ab'], 'abab'], [['xyz'], 'xyzxyz']])).prims.has('is-digit'));
});

test('a string changed character by character is a map over its characters: digits masked, case swapped', () => {
  const mask = task('str -> str', [[['1234-5678'], '####-####'], [['pin 42'], 'pin ##'], [['abc'], 'abc'], [['9 lives'], '# lives']], [[['call 555-0100'], 'call ###-####']]);
  assert.equal(mapShape(mask)?.chars, true);
  assert.ok(autoEngines(mask).includes('map'));
  const m = solve(mask, mapEngine());
  // '#' is offered as a character: the pairs write it and no input holds it
  assert.equal(print(m.r.program!), "(lambda (chars->str (map (lambda (if (is-digit $0) '#' $0)) (str->chars $0))))");
  assert.equal(checkProgram(m.r.program!, mask.test, m.prims).correct, 1);
  const swap = task('str -> str', [[['Hello'], 'hELLO'], [['aBc'], 'AbC'], [['XyZ'], 'xYz']], [[['Arbor'], 'aRBOR']]);
  const w = solve(swap, mapEngine());
  assert.equal(checkProgram(w.r.program!, swap.test, w.prims).correct, 1, print(w.r.program!));
});

test('a count of the characters that pass a test: labels settled by the counts, a set of a few characters as a constant', () => {
  const vowels = task('str -> int', [[['hello'], 2], [['sky'], 0], [['aeiou'], 5], [['banana'], 3]], [[['arbor'], 2]]);
  const s = filterShape(vowels)!;
  assert.equal(s.count, true);
  // "sky" has none, so s, k and y are not counted; "aeiou" is all counted; then hello's e and o make its 2, banana's a its 3
  assert.deepEqual(s.examples.filter((e) => e.output).map((e) => e.inputs[0]).sort(), ['a', 'e', 'i', 'o', 'u']);
  const v = solve(vowels);
  assert.equal(print(v.r.program!), '(lambda (length (filter (lambda (str.contains "aeiou" (char->str $0))) (str->chars $0))))');
  assert.equal(checkProgram(v.r.program!, vowels.test, v.prims).correct, 1);
  const digits = task('str -> int', [[['abc'], 0], [['123'], 3], [['xyz '], 0], [['9 a1'], 2]], [[['route 66'], 2]]);
  const d = solve(digits);
  assert.equal(print(d.r.program!), '(lambda (length (filter (lambda (is-digit $0)) (str->chars $0))))');
  assert.equal(checkProgram(d.r.program!, digits.test, d.prims).correct, 1);
  // counts that leave a label open are no count shape
  assert.equal(filterShape(task('str -> int', [[['ab'], 1], [['cd'], 1]])), null);
});

test('the map shape: one example per distinct element; none when lengths differ, an element maps two ways, or nothing changes', () => {
  const inc = task('list(int) -> list(int)', [[[[1, 2, 3]], [2, 3, 4]], [[[]], []], [[[5, 1]], [6, 2]]]);
  assert.deepEqual(mapShape(inc)!.examples.map((e) => [e.inputs[0], e.output]), [[1, 2], [2, 3], [3, 4], [5, 6]]);
  assert.equal(mapShape(task('list(int) -> list(int)', [[[[1, 2, 3]], [3, 2, 1]], [[[1, 5]], [5, 1]]])), null); // reverse: 1 -> 3 and 1 -> 5
  assert.equal(mapShape(task('list(int) -> list(int)', [[[[1, 2, 3]], [1, 2]], [[[4, 5, 6]], [4, 5]]])), null);
  assert.equal(mapShape(task('list(int) -> list(int)', [[[[1, 2, 3]], [1, 2, 3]], [[[4, 5]], [4, 5]]])), null);
  assert.equal(filterShape(inc), null);
});

test('records formatted one by one: the function is searched with the text its pairs insert', () => {
  const people = [{ name: 'Ann', age: 31 }, { name: 'Bo', age: 12 }, { name: 'Cy', age: 18 }, { name: 'Fy', age: 7 }];
  const label = (p: { name: string; age: number }) => `${p.name} (${p.age})`;
  const t = task('list({age: int, name: str}) -> list(str)',
    [[people.slice(0, 2)], [people.slice(2, 3)], [[]], [people.slice(3)]].map((a) => [a, a[0]!.map(label)] as [unknown[], unknown]),
    [[[{ name: 'Gu', age: 65 }]], [[{ name: 'Ida', age: 3 }, { name: 'Jo', age: 100 }]]].map((a) => [a, a[0]!.map(label)] as [unknown[], unknown]));
  const { r, prims } = solve(t, mapEngine());
  assert.equal(print(r.program!), '(lambda (map (lambda (str.++ (.name $0) (str.++ " (" (str.++ (int.to.str (.age $0)) ")")))) $0))');
  assert.equal(checkProgram(r.program!, t.test, prims).correct, 2);
  assert.ok(r.stats.enumerated > 0 && r.stats.rules['map.elements'] === 4);
  assert.deepEqual(autoEngines(t), ['topdown', 'bottomup', 'map']);
});
