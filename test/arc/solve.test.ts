import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isArcTask, parseArcText, parseArcTask, ArcTaskError } from '../../src/task/arc.ts';
import { solveArc } from '../../src/search/arc/solve.ts';
import { predictSizes } from '../../src/search/arc/size.ts';
import { parse } from '../../src/lang/parse.ts';
import { evaluate } from '../../src/lang/evaluate.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';

const fixture = (id: string) => parseArcText(readFileSync(new URL(`../fixtures/arc/${id}.json`, import.meta.url), 'utf8'), `${id}.json`);
/** A deterministic clock: each reading advances one "millisecond". */
const stepClock = () => { let t = 0; return { now: () => t++ }; };

test('loader: tolerates extra keys and key order; errors name file and field', () => {
  const t = parseArcTask({ test: [{ input: [[1]], output: [[2]] }], name: 'x', train: [{ input: [[1]], output: [[2]] }] }, 'dir/abc.json');
  assert.equal(t.name, 'abc');
  assert.ok(isArcTask({ train: [{ input: [[1]], output: [[2]] }], test: [{ input: [[1]] }] }));
  assert.ok(!isArcTask({ examples: [] }));
  assert.throws(() => parseArcTask({ train: [{ input: [[1, 2], [3]], output: [[1]] }], test: [{ input: [[1]] }] }, 'bad.json'),
    (e: unknown) => e instanceof ArcTaskError && /^bad\.json: \$\.train\[0\]\.input/.test(e.message));
  assert.throws(() => parseArcTask({ train: [{ input: [[11]], output: [[1]] }], test: [{ input: [[1]] }] }, 'bad.json'),
    (e: unknown) => e instanceof ArcTaskError && e.field === '$.train[0].input[0][0]');
});

test('output-size prediction', () => {
  assert.ok(predictSizes(fixture('007bbfb7')).some((r) => r.name === 'square of size'));
  assert.ok(predictSizes(fixture('0d3d703e')).some((r) => r.name === 'same'));
});

for (const [id, strategy] of [['0d3d703e', 'colour map'], ['00d62c1b', 'fill enclosed'], ['1cf80156', 'crop'],
  ['0520fde7', 'cell rule over split halves'], ['007bbfb7', 'fractal mosaic'], ['3c9b0459', 'rotation']] as const) {
  test(`solves ${id} (${strategy}) end to end; the printed program reproduces the answer`, () => {
    const task = fixture(id);
    const r = solveArc(task, { timeoutMs: 2_000_000, attempts: 2, clock: stepClock() });
    assert.deepEqual(r.correct, task.test.map(() => true), `program ${r.program}`);
    assert.ok(r.program);
    // the program is real Arbor: parse it back and run it with the ordinary evaluator
    const expr = parse(r.program!);
    for (const p of [...task.train, ...task.test]) {
      const out = evaluate(expr, [p.input], { prims: basePrimitives, fuel: 10_000_000, maxSize: 1_000_000 });
      assert.ok(out.ok, JSON.stringify(out));
    }
    const first = evaluate(expr, [task.test[0]!.input], { prims: basePrimitives, fuel: 10_000_000, maxSize: 1_000_000 });
    assert.ok(first.ok && r.attempts[0]!.some((g) => JSON.stringify(g) === JSON.stringify(first.value)));
  });
}

test('at most `attempts` distinct outputs per test input', () => {
  const task = fixture('1cf80156');
  const r = solveArc(task, { timeoutMs: 2_000_000, attempts: 3, clock: stepClock() });
  for (const as of r.attempts) {
    assert.ok(as.length <= 3);
    assert.equal(new Set(as.map((g) => JSON.stringify(g))).size, as.length);
  }
});

// ---- the strategies added for the general rule families, each on a small hand-made task ----
const pair = (input: number[][], output: number[][]) => ({ input, output });
/** A 4×4 grid whose anti-diagonals cycle through three colours. */
const diagonals = (cols: readonly number[]) => [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c) => cols[(r + c) % 3]!));
const handMade: [string, string, ReturnType<typeof pair>[], ReturnType<typeof pair>][] = [
  ['selection of an object by a feature (the one with a hole; neither the largest nor the smallest)', 'select',
    [pair([[1, 1, 1, 0, 0, 0, 1], [1, 0, 1, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 1, 1, 1], [0, 0, 0, 1, 1, 1, 1], [0, 0, 0, 1, 1, 1, 1]],
      [[1, 1, 1], [1, 0, 1], [1, 1, 1]]),
    pair([[2, 2, 0, 0, 0, 0, 0], [2, 2, 0, 0, 0, 0, 0], [0, 0, 0, 0, 2, 2, 2], [0, 0, 0, 0, 2, 0, 2], [0, 0, 0, 0, 2, 0, 2], [0, 0, 0, 0, 2, 2, 2], [2, 2, 2, 0, 0, 0, 0]],
      [[2, 2, 2], [2, 0, 2], [2, 0, 2], [2, 2, 2]])],
    pair([[3, 3, 3, 3, 0, 0, 0], [3, 0, 0, 3, 0, 3, 0], [3, 3, 3, 3, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [3, 3, 3, 3, 3, 0, 0], [3, 3, 3, 3, 3, 0, 0], [3, 3, 3, 3, 3, 0, 0]],
      [[3, 3, 3, 3], [3, 0, 0, 3], [3, 3, 3, 3]])],
  ['blocks between separator lines, summarised by their cell count', 'grid.blocks-summary',
    [pair([[1, 0, 5, 0, 0], [1, 0, 5, 0, 0], [5, 5, 5, 5, 5], [0, 0, 5, 1, 0], [0, 0, 5, 0, 0]], [[3, 0], [0, 4]]),
      pair([[0, 0, 5, 1, 1], [0, 0, 5, 0, 0], [5, 5, 5, 5, 5], [0, 0, 5, 0, 0], [0, 1, 5, 0, 0]], [[0, 3], [4, 0]])],
    pair([[0, 0, 5, 0, 0], [1, 0, 5, 0, 0], [5, 5, 5, 5, 5], [0, 1, 5, 1, 1], [0, 1, 5, 0, 0]], [[4, 0], [3, 3]])],
  ['background regions filled when they are squares', 'grid.fill-regions',
    [pair([[1, 1, 1, 1, 0, 0], [1, 0, 0, 1, 0, 0], [1, 0, 0, 1, 0, 0], [1, 1, 1, 1, 0, 0], [0, 0, 0, 0, 0, 0]],
      [[1, 1, 1, 1, 0, 0], [1, 2, 2, 1, 0, 0], [1, 2, 2, 1, 0, 0], [1, 1, 1, 1, 0, 0], [0, 0, 0, 0, 0, 0]]),
      pair([[1, 1, 1, 1, 1, 0], [1, 0, 0, 0, 1, 0], [1, 0, 0, 0, 1, 0], [1, 1, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0]],
        [[1, 1, 1, 1, 1, 0], [1, 0, 0, 0, 1, 0], [1, 0, 0, 0, 1, 0], [1, 1, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0]]),
      pair([[0, 0, 0, 0, 0, 0], [0, 1, 1, 1, 0, 0], [0, 1, 0, 1, 0, 0], [0, 1, 1, 1, 0, 0], [0, 0, 0, 0, 0, 0]],
        [[0, 0, 0, 0, 0, 0], [0, 1, 1, 1, 0, 0], [0, 1, 2, 1, 0, 0], [0, 1, 1, 1, 0, 0], [0, 0, 0, 0, 0, 0]])],
    pair([[1, 1, 1, 1, 1, 1], [1, 0, 0, 1, 0, 1], [1, 0, 0, 1, 0, 1], [1, 1, 1, 1, 0, 1], [0, 0, 0, 1, 1, 1]],
      [[1, 1, 1, 1, 1, 1], [1, 2, 2, 1, 0, 1], [1, 2, 2, 1, 0, 1], [1, 1, 1, 1, 0, 1], [0, 0, 0, 1, 1, 1]])],
  ['an object moving toward another until they touch', 'obj.attract',
    [pair([[2, 0, 0, 0, 0, 8], [0, 0, 0, 0, 0, 8], [0, 0, 0, 0, 0, 0]], [[0, 0, 0, 0, 2, 8], [0, 0, 0, 0, 0, 8], [0, 0, 0, 0, 0, 0]]),
      pair([[0, 0, 0], [8, 0, 0], [0, 0, 0], [0, 0, 0], [2, 2, 0]], [[0, 0, 0], [8, 0, 0], [2, 2, 0], [0, 0, 0], [0, 0, 0]])],
    pair([[8, 8, 0, 0, 0, 2], [0, 0, 0, 0, 0, 2], [0, 0, 0, 0, 0, 0]], [[8, 8, 2, 0, 0, 0], [0, 0, 2, 0, 0, 0], [0, 0, 0, 0, 0, 0]])],
  ['symmetry completion about an off-centre axis', 'grid.complete-mirror',
    [pair([[3, 1, 2, 1, 3, 7], [4, 5, 6, 5, 4, 7], [9, 9, 2, 1, 3, 7]], [[3, 1, 2, 1, 3, 7], [4, 5, 6, 5, 4, 7], [3, 1, 2, 1, 3, 7]]),
      pair([[6, 2, 8, 2, 6, 7], [6, 9, 3, 4, 6, 7], [1, 9, 1, 1, 1, 7]], [[6, 2, 8, 2, 6, 7], [6, 4, 3, 4, 6, 7], [1, 1, 1, 1, 1, 7]])],
    pair([[2, 3, 5, 9, 2, 7], [1, 9, 5, 5, 1, 7], [4, 4, 4, 4, 4, 7]], [[2, 3, 5, 3, 2, 7], [1, 5, 5, 5, 1, 7], [4, 4, 4, 4, 4, 7]])],
  ['periodic completion along diagonals', 'grid.fill-lattice',
    [pair([[1, 2, 3, 0], [2, 3, 0, 0], [3, 0, 0, 0], [0, 0, 0, 0]], diagonals([1, 2, 3])),
      pair([[0, 0, 0, 0], [0, 0, 0, 4], [0, 0, 4, 6], [0, 4, 6, 5]], diagonals([5, 4, 6]))],
    pair([[0, 0, 0, 0], [0, 0, 0, 0], [0, 7, 8, 0], [0, 8, 9, 0]], diagonals([7, 8, 9]))],
];
// [what, the strategy or primitive that should find it, train pairs, test pair]
for (const [what, prim, train, testPair] of handMade) {
  test(`solves a hand-made task: ${what}`, () => {
    const task = parseArcTask({ train, test: [testPair] }, 'hand-made.json');
    const r = solveArc(task, { timeoutMs: 2_000_000, attempts: 2, clock: stepClock() });
    assert.deepEqual(r.correct, [true], `program ${r.program}`);
    // found by the strategy or primitive meant (another program may give the same answer and be listed instead)
    assert.ok((r.stats[prim] ?? 0) > 0 || r.programs.some((p) => p.includes(prim)), `${JSON.stringify(r.stats)} ${r.programs.join(' | ')}`);
    const right = r.programs[r.attempts[0]!.findIndex((g) => JSON.stringify(g) === JSON.stringify(testPair.output))]!;
    const out = evaluate(parse(right), [testPair.input], { prims: basePrimitives, fuel: 10_000_000, maxSize: 1_000_000 });
    assert.ok(out.ok && JSON.stringify(out.value) === JSON.stringify(testPair.output), right);
  });
}
