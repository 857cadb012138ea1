/**
 * The bank's column (src/search/bottomup-column.ts): programs recorded as the bank records them are found by their
 * outputs through the hash table, also when hashes collide and after the table and the typed columns grow;
 * childCombos counts what a direct enumeration of cost splits counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Value } from '../../src/lang/primitive.ts';
import { childCombos, Column } from '../../src/search/bottomup-column.ts';
import { FAIL } from '../../src/search/bottomup-productions.ts';

/** Records a program the way the bank's `add` does (typed columns, outputs, table), returning its id. */
function record(c: Column, p: number, h: number, outs: readonly Value[], prod: number, kids: readonly number[], cost: number): number {
  const id = c.size;
  c.reserve();
  c.size++;
  c.outs.push(...outs);
  c.prod[id] = prod;
  kids.forEach((k, j) => { c.kids[id * c.stride + j] = k; });
  c.cost[id] = cost;
  c.insert(p, h, id);
  return id;
}

test('recorded programs are found by their outputs, through collisions and growth', () => {
  const m = 3, c = new Column(2, m, false);
  const vectors: Value[][] = [];
  for (let n = 0; n < 2000; n++) vectors.push([n, n % 7 === 0 ? FAIL : -n, `s${n % 13}`]);
  // a coarse hash (n mod 5) so that many vectors share one
  const hashOf = (n: number): number => n % 5;
  for (let n = 0; n < vectors.length; n++) {
    const p = c.probe(vectors[n]!, hashOf(n));
    assert.ok(p >= 0, `vector ${n} is new`);
    assert.equal(record(c, p, hashOf(n), vectors[n]!, 4, [n, n + 1], n), n);
  }
  assert.equal(c.size, 2000);
  for (const n of [0, 1, 7, 255, 256, 1023, 1999]) {
    const p = c.probe(vectors[n]!, hashOf(n));
    assert.ok(p < 0, `vector ${n} is found`);
    assert.equal(c.table[-p]! - 1, n, 'the id stands beside the hash');
    assert.deepEqual(c.outs.slice(n * m, n * m + m), vectors[n]);
    assert.deepEqual([c.prod[n], c.kids[2 * n], c.kids[2 * n + 1], c.cost[n]], [4, n, n + 1, n]);
  }
  assert.ok(c.probe([1, -2, 's1'], hashOf(1)) >= 0, 'an unseen vector with a seen hash is not found');
});

test('a bool column can hold 2^m failure-free vectors and counts programs per fail mask (m <= 16)', () => {
  assert.equal(new Column(1, 3, true).vectors, 8);
  assert.equal(new Column(1, 3, true).byMask!.length, 8);
  assert.equal(new Column(1, 3, false).vectors, Infinity);
  assert.equal(new Column(1, 20, true).byMask, null);
});

test('childCombos counts the child combinations whose costs sum to the rest', () => {
  // three slots with programs at costs 1..4 (ends[c]: programs of cost at most c)
  const cols = [[0, 2, 3, 3, 5], [0, 1, 1, 4, 6], [0, 3, 5, 6, 6]].map((ends) => {
    const c = new Column(0, 1, false);
    c.ends.push(...ends.slice(1));
    return c;
  });
  const at = (slot: number, cost: number): number => cols[slot]!.ends[cost]! - cols[slot]!.ends[cost - 1]!;
  const direct = (a: number[], rest: number): number => {
    if (a.length === 1) return rest >= 1 && rest <= 4 ? at(a[0]!, rest) : 0;
    let n = 0;
    for (let c = 1; c <= 4 && c < rest; c++) n += at(a[0]!, c) * direct(a.slice(1), rest - c);
    return n;
  };
  for (const a of [[0], [1, 2], [0, 0], [2, 1, 0], [0, 1, 2, 1]]) {
    for (let rest = a.length; rest <= 4 * a.length && rest <= 4 + a.length - 1; rest++) {
      assert.equal(childCombos(cols, a, 0, rest), direct(a, rest), `slots ${a}, cost ${rest}`);
    }
  }
});
