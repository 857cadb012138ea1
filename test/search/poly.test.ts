// The closed-form engine: exact polynomial interpolation for int -> int tasks, at the public boundary (engine,
// portfolio's choice, CLI) and against the evaluator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { print } from '../../src/lang/print.ts';
import { parseType } from '../../src/lang/type.ts';
import { engineConformance } from '../../src/search/conformance.ts';
import { interpolate, overCommonDenominator, poly } from '../../src/search/poly.ts';
import { autoEngines, searchSetup } from '../../src/search/portfolio-setup.ts';
import { checkProgram } from '../../src/search/select.ts';
import type { Task } from '../../src/task/task.ts';
import { systemClock } from '../../src/util/clock.ts';
import { rng } from '../../src/util/rng.ts';

engineConformance(() => poly(), {
  skip: {
    'list-map': 'fits polynomials of an int input only',
    'list-fold': 'fits polynomials of an int input only',
    string: 'fits polynomials of an int input only',
    consistent: 'its frontier check runs on list-map, which it does not take',
    'failing-primitives': 'a list task',
  },
});

const intTask = (name: string, f: (n: number) => number, xs: number[], test: number[] = []): Task => ({
  name, type: parseType('int -> int'),
  train: xs.map((x) => ({ inputs: [x], output: f(x) })), test: test.map((x) => ({ inputs: [x], output: f(x) })),
});

function solve(t: Task) {
  const setup = searchSetup(t);
  const r = poly().search(setup.task, { prims: setup.prims, grammar: setup.grammar, budget: { timeMs: 5000 }, clock: systemClock, rng: rng(1) });
  return { r, prims: setup.prims };
}

test('a sum of squares (degree 3, rational coefficients) is found exactly and holds on unseen inputs', () => {
  const t = intTask('sum-of-squares', (n) => (n * (n + 1) * (2 * n + 1)) / 6, [1, 2, 3, 4, 5, 10, 17, 40], [0, 6, 7, 99, 100, 1000]);
  const { r, prims } = solve(t);
  assert.equal(r.stopReason, 'solved');
  assert.equal(print(r.program!), '(lambda (/ (* (+ (* (+ (* 2 $0) 3) $0) 1) $0) 6))');
  assert.equal(checkProgram(r.program!, t.test, prims).correct, t.test.length);
  assert.equal(r.stats.rules['poly.degree3'], 1);
});

test('the lowest degree wins, and negative coefficients read as subtraction', () => {
  assert.equal(print(solve(intTask('affine', (n) => 7 - 3 * n, [0, 1, 2, 5, 9])).r.program!), '(lambda (+ (* -3 $0) 7))');
  assert.equal(print(solve(intTask('square minus one', (n) => n * n - 1, [-2, 0, 1, 3, 4, 8])).r.program!), '(lambda (- (* $0 $0) 1))');
  assert.equal(print(solve(intTask('constant', () => 42, [3, 1, 4])).r.program!), '(lambda 42)');
});

test('no fit without examples to spare, for non-polynomials, or with coefficients past the limit', () => {
  // four points fit a cubic exactly: two more must agree before one is believed
  assert.equal(solve(intTask('too few', (n) => n ** 3 + 1, [1, 2, 3, 4, 5])).r.program, null);
  assert.equal(solve(intTask('exponential', (n) => 2 ** n, [0, 1, 2, 3, 4, 5, 6, 7, 8])).r.program, null);
  assert.equal(solve(intTask('fibonacci', (n) => [0, 1, 1, 2, 3, 5, 8, 13, 21, 34][n]!, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).r.program, null);
  const huge = solve(intTask('huge', (n) => 3_000_000 * n, [1, 2, 3, 4, 5]));
  assert.equal(huge.r.program, null);
  // not an int -> int task
  const listTask: Task = { name: 'l', type: parseType('list(int) -> int'), train: [{ inputs: [[1]], output: 1 }], test: [] };
  assert.equal(solve(listTask).r.stats.rules['poly.notApplicable'], 1);
});

test('real outputs under a tolerance: the fit in floating point, with its coefficients rounded as far as the loss allows', () => {
  const realTask = (name: string, type: string, f: (x: number) => number, xs: number[], epsilon = 1e-6): Task => ({
    name, type: parseType(type), loss: { kind: 'tolerance', epsilon },
    train: xs.map((x) => ({ inputs: [x], output: f(x) })), test: [7.25, -3].map((x) => ({ inputs: [x], output: f(x) })),
  });
  const c2f = realTask('celsius', 'real -> real', (c) => c * 1.8 + 32, [0, 100, 37.5, -40, 21.2]);
  const { r, prims } = solve(c2f);
  assert.equal(print(r.program!), '(lambda (+. (*. 1.8 $0) 32.0))');
  assert.equal(checkProgram(r.program!, c2f.test, prims, c2f.loss).correct, 2);
  // an int input is converted; a coefficient that is float noise around 0 is dropped
  const area = realTask('area', 'int -> real', (n) => 0.5 * n * n, [1, 2, 3, 4, 10]);
  assert.equal(print(solve(area).r.program!), '(lambda (*. (*. 0.5 (int->real $0)) (int->real $0)))');
  // exact real outputs are left to search: floating point rarely reproduces them
  const exact: Task = { ...c2f, loss: undefined };
  assert.equal(solve(exact).r.program, null);
});

test('interpolation is exact: random integer polynomials are recovered from deg + 1 points', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 12 }), (coef, den) => {
    const xs = coef.map((_, i) => BigInt(i * 3 - 4));
    const value = (x: bigint) => coef.reduceRight((acc, c) => acc * x + BigInt(c), 0n);
    // (Σ coef x^k) / den through the points, with rational outputs scaled back to integers below
    const c = interpolate(xs, xs.map((x) => value(x) * BigInt(den)));
    const { num, den: d } = overCommonDenominator(c);
    assert.equal(d, 1n);
    for (const x of [0n, 1n, 7n, -9n]) assert.equal(num.reduceRight((acc, n) => acc * x + n, 0n), value(x) * BigInt(den));
  }), { seed: 3, numRuns: 300 });
});

test('the portfolio tries the closed form first on int -> int tasks, and searches them with division', () => {
  assert.deepEqual(autoEngines(intTask('t', (n) => n, [1])), ['poly', 'topdown', 'bottomup']);
  assert.deepEqual(autoEngines({ name: 'p', type: parseType('int -> bool'), train: [], test: [] }), ['topdown', 'bottomup']);
  assert.ok(searchSetup(intTask('t', (n) => n, [1])).prims.has('/'));
  assert.ok(!searchSetup({ name: 'l', type: parseType('list(int) -> int'), train: [], test: [] }).prims.has('/'));
});
