import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as G from '../../src/lang/primitives/grid.ts';
import { gridPrimitives } from '../../src/lang/primitives/grid.ts';
import { arity } from '../../src/lang/type.ts';

const g = [[1, 2, 0], [3, 4, 0]];

test('geometry on a 2x3 grid', () => {
  assert.deepEqual(G.rot90(g), [[3, 1], [4, 2], [0, 0]]);
  assert.deepEqual(G.rot270(g), [[0, 0], [2, 4], [1, 3]]);
  assert.deepEqual(G.rot180(g), [[0, 4, 3], [0, 2, 1]]);
  assert.deepEqual(G.flipH(g), [[0, 2, 1], [0, 4, 3]]);
  assert.deepEqual(G.flipV(g), [[3, 4, 0], [1, 2, 0]]);
  assert.deepEqual(G.transpose(g), [[1, 3], [2, 4], [0, 0]]);
  assert.deepEqual(G.antiTranspose(g), [[0, 0], [4, 2], [3, 1]]);
});

const gridArb = fc.integer({ min: 1, max: 6 }).chain((h) => fc.integer({ min: 1, max: 6 }).chain((w) =>
  fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: w, maxLength: w }), { minLength: h, maxLength: h })));

test('laws: four quarter turns, double flips, scale-down inverts scale-up, transpose = flip-h . rot90', () => {
  fc.assert(fc.property(gridArb, (x) => {
    assert.deepEqual(G.rot90(G.rot90(G.rot90(G.rot90(x)))), x);
    assert.deepEqual(G.flipH(G.flipH(x)), x);
    assert.deepEqual(G.scaleDown(G.scaleUp(x, 3), 3), x);
    assert.deepEqual(G.transpose(x), G.flipH(G.rot90(x)));
    assert.deepEqual(G.split(G.concatH(x, x), 1, 2), [x, x]);
  }), { seed: 42, numRuns: 300 });
});

test('crop, scale, tile, concat, overlay', () => {
  assert.deepEqual(G.crop(g, 0, 1, 2, 2), [[2, 0], [4, 0]]);
  assert.throws(() => G.crop(g, 1, 1, 2, 2));
  assert.deepEqual(G.scaleUp([[1, 2]], 2), [[1, 1, 2, 2], [1, 1, 2, 2]]);
  assert.throws(() => G.scaleDown([[1, 2]], 2));
  assert.deepEqual(G.tile([[1, 2]], 2, 2), [[1, 2, 1, 2], [1, 2, 1, 2]]);
  assert.deepEqual(G.concatV([[1]], [[2]]), [[1], [2]]);
  assert.deepEqual(G.overlay([[0, 5]], [[7, 7]], 0), [[7, 5]]);
});

test('colours: counts, most / least common, background, recolour, colour map', () => {
  const x = [[0, 0, 0], [0, 2, 2], [0, 0, 3]];
  assert.equal(G.mostCommon(x), 0);
  assert.equal(G.leastCommon(x), 3);
  assert.equal(G.countColour(x, 2), 2);
  assert.deepEqual(G.colours(x), [0, 2, 3]);
  assert.equal(G.background([[5, 5], [5, 1]]), 5);
  assert.deepEqual(G.recolour(x, 2, 7)[1], [0, 7, 7]);
  assert.deepEqual(G.mapColours([[0, 1, 2]], '0987654321'), [[0, 9, 8]]);
});

test('content box, flood fill, enclosed cells, gravity, lines', () => {
  const ring = [[0, 0, 0, 0], [0, 1, 1, 1], [0, 1, 0, 1], [0, 1, 1, 1]];
  assert.deepEqual(G.contentBox(ring, 0), [1, 1, 3, 3]);
  assert.deepEqual(G.cropToContent(ring), [[1, 1, 1], [1, 0, 1], [1, 1, 1]]);
  assert.deepEqual(G.fillEnclosed(ring, 4)[2], [0, 1, 4, 1]);
  assert.deepEqual(G.floodFill(ring, 0, 0, 2)[0], [2, 2, 2, 2]);
  assert.deepEqual(G.gravity([[1, 0], [0, 0], [0, 2]], 0), [[0, 0], [0, 0], [1, 2]]);
  assert.deepEqual(G.gravity([[0, 1, 0, 2]], 3), [[0, 0, 1, 2]]);
  assert.deepEqual(G.drawLine([[0, 0, 0], [0, 0, 0], [0, 0, 0]], 0, 0, 2, 2, 5), [[5, 0, 0], [0, 5, 0], [0, 0, 5]]);
});

test('symmetry completion fills the hole colour from mirror images', () => {
  const x = [[1, 2, 2, 1], [3, 4, 9, 3], [3, 4, 4, 3], [1, 9, 2, 1]];
  assert.deepEqual(G.completeSymmetry(x, 9), [[1, 2, 2, 1], [3, 4, 4, 3], [3, 4, 4, 3], [1, 2, 2, 1]]);
});

test('masks and their logic', () => {
  const a = G.maskEq([[1, 0], [1, 1]], 1), b = G.maskEq([[1, 1], [0, 1]], 1);
  assert.deepEqual(G.maskAnd(a, b), [[1, 0], [0, 1]]);
  assert.deepEqual(G.maskOr(a, b), [[1, 1], [1, 1]]);
  assert.deepEqual(G.maskXor(a, b), [[0, 1], [1, 0]]);
  assert.deepEqual(G.maskNot(a), [[0, 1], [0, 0]]);
  assert.deepEqual(G.paintMask([[0, 0], [0, 0]], a, 3), [[3, 0], [3, 3]]);
});

test('mosaics and cell rules', () => {
  assert.deepEqual(G.blocks([[1, 0]], 'id flip-h'), [[1, 0, 0, 1]]);
  assert.deepEqual(G.blocks([[1, 0], [0, 0]], 'frac frac / frac frac'), [[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]);
  // paint background cells that have content both left and right of them
  assert.deepEqual(G.cellRule([[2, 0, 2, 0]], 'id', 'c hpair', '2.11:2,0.2:5,2.2:2,0.11:0'), [[2, 5, 2, 0]]);
});

test('every grid primitive is named grid.* and documented', () => {
  for (const p of gridPrimitives) {
    assert.match(p.name, /^grid\./);
    assert.ok(p.doc && arity(p.type) >= 1, p.name);
  }
});
