// Non-dominated sorting against a brute-force oracle, and the fronts' defining laws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dominates, nonDominatedSort, paretoFront, type Direction } from '../../src/automl/pareto.ts';

test('the front of a small set, minimize and maximize', () => {
  const pts = [[1, 5], [2, 2], [5, 1], [3, 3], [6, 6]];
  assert.deepEqual(paretoFront(pts, ['minimize', 'minimize']), [0, 1, 2]);
  assert.deepEqual(nonDominatedSort(pts, ['minimize', 'minimize']), [[0, 1, 2], [3], [4]]);
  assert.deepEqual(paretoFront(pts, ['maximize', 'maximize']), [4]);
  assert.deepEqual(paretoFront([[0.9, 100], [0.95, 1000], [0.8, 1000]], ['maximize', 'minimize']), [0, 1]);
});

test('equal points do not dominate each other; NaN never dominates', () => {
  assert.equal(dominates([1, 1], [1, 1], ['minimize', 'minimize']), false);
  assert.equal(dominates([NaN, 0], [1, 1], ['minimize', 'minimize']), false);
  assert.deepEqual(paretoFront([[1, 1], [1, 1]], ['minimize', 'minimize']), [0, 1]);
});

test('law: fronts partition the points; front 0 is exactly the brute-force non-dominated set; each later point is dominated by the front before', () => {
  const arb = fc.record({
    pts: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { maxLength: 30 }),
    dirs: fc.tuple(fc.constantFrom<Direction>('minimize', 'maximize'), fc.constantFrom<Direction>('minimize', 'maximize'), fc.constantFrom<Direction>('minimize', 'maximize')),
  });
  fc.assert(fc.property(arb, ({ pts, dirs }) => {
    const fronts = nonDominatedSort(pts, dirs);
    assert.deepEqual(fronts.flat().sort((a, b) => a - b), pts.map((_, i) => i));
    const brute = pts.map((_, i) => i).filter((i) => !pts.some((q) => dominates(q, pts[i]!, dirs)));
    assert.deepEqual(fronts[0] ?? [], brute);
    for (let k = 1; k < fronts.length; k++)
      for (const i of fronts[k]!) assert.ok(fronts[k - 1]!.some((j) => dominates(pts[j]!, pts[i]!, dirs)));
  }), { seed: 42, numRuns: 300 });
});
