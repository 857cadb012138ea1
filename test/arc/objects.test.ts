import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argBy, components, moveObject, objectGrid, paint, recolourByTable, recolourObject, shapeKey } from '../../src/lang/primitives/objects.ts';
import { objectPrimitives } from '../../src/lang/primitives/objects.ts';

const g = [
  [1, 1, 0, 0, 2],
  [0, 1, 0, 2, 0],
  [0, 0, 0, 0, 0],
  [3, 0, 0, 4, 4],
];

test('4- and 8-connected single-colour components', () => {
  const four = components(g, 4, false);
  assert.deepEqual(four.map((o) => [o.colour, o.size]), [[1, 3], [2, 1], [2, 1], [3, 1], [4, 2]]);
  const eight = components(g, 8, false);
  assert.deepEqual(eight.map((o) => [o.colour, o.size]), [[1, 3], [2, 2], [3, 1], [4, 2]]);
  const o = eight[1]!;
  assert.deepEqual([o.top, o.left, o.height, o.width], [0, 3, 2, 2]);
  assert.ok(Object.isFrozen(o));
});

test('multi-colour components join neighbouring colours', () => {
  const x = [[1, 2, 0], [0, 0, 0], [0, 3, 3]];
  assert.deepEqual(components(x, 4, true).map((o) => [o.size, o.ncolours]), [[2, 2], [2, 1]]);
});

test('background detection: the most common colour when black is rare', () => {
  const x = [[5, 5, 5], [5, 1, 5], [5, 5, 5]];
  assert.deepEqual(components(x, 4, false).map((o) => o.colour), [1]);
});

test('object records: shape, grid, arg-max, recolour, move, paint back', () => {
  const os = components(g, 4, false);
  const big = argBy(os, (o) => o.size, true);
  assert.equal(big.colour, 1);
  assert.equal(shapeKey(big), '##|.#');
  assert.deepEqual(objectGrid(big, 0), [[1, 1], [0, 1]]);
  const moved = moveObject(recolourObject(big, 7), 2, 0);
  assert.deepEqual(paint([[0, 0], [0, 0], [0, 0], [0, 0]], [moved]), [[0, 0], [0, 0], [7, 7], [0, 7]]);
});

test('recolour by a learned table: largest object becomes 5, others kept', () => {
  const out = recolourByTable(g, 4, false, 'largest', 'true=>5;false=>k');
  assert.deepEqual(out[0], [5, 5, 0, 0, 2]);
  assert.deepEqual(out[3], [3, 0, 0, 4, 4]);
});

test('every object primitive is named obj.*', () => {
  for (const p of objectPrimitives) assert.match(p.name, /^obj\./);
});
