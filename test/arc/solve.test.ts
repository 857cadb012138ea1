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
