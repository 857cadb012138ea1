import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ga, minimize } from '../../src/optimize/index.ts';

describe('ga over discrete genomes', () => {
  const target = [3, 0, 2, 1, 1, 0, 3, 2, 2, 0, 1, 3, 0, 0, 2, 1];
  const mismatches = (x: readonly number[]): number => x.reduce((s, g, i) => s + (g === target[i] ? 0 : 1), 0);

  it('finds a 16-gene target over 4 symbols, using only valid genes', () => {
    let valid = true;
    const f = (x: number[]) => {
      valid &&= x.every((g) => Number.isInteger(g) && g >= 0 && g < 4);
      return mismatches(x);
    };
    const res = minimize(f, new Array(16).fill(0), ga({ seed: 1, genome: { kind: 'discrete', cardinality: 4 } }), { maxEvals: 20_000, target: 0 });
    assert.equal(res.stopReason, 'solved');
    assert.deepEqual(res.best, target);
    assert.ok(valid);
    assert.ok(res.stats['crossover.uniform'] > 0 && res.stats['mutation.point'] > 0);
  });

  it('honours per-gene cardinalities and rejects an x0 outside them', () => {
    const card = [2, 5, 1, 3];
    const opt = ga({ seed: 2, genome: { kind: 'discrete', cardinality: card } }).start([1, 4, 0, 2]);
    for (let g = 0; g < 5; g++) {
      const xs = opt.ask();
      for (const x of xs) x.forEach((v, i) => assert.ok(v >= 0 && v < card[i]));
      opt.tell(xs, xs.map((x) => x[1]));
    }
    assert.throws(() => ga({ genome: { kind: 'discrete', cardinality: card } }).start([2, 0, 0, 0]), /x0\[0\] = 2/);
    assert.throws(() => ga({ genome: { kind: 'discrete', cardinality: [2, 2] } }).start([0, 0, 0]), /cardinality has 2/);
  });

  it('keeps the elite: the best value never gets worse from one generation to the next', () => {
    const opt = ga({ seed: 3, popSize: 20, genome: { kind: 'discrete', cardinality: 4 } }).start(new Array(16).fill(0));
    let prev = Infinity;
    for (let g = 0; g < 30; g++) {
      const xs = opt.ask();
      opt.tell(xs, xs.map(mismatches));
      const b = opt.best()!.value;
      assert.ok(b <= prev);
      prev = b;
    }
  });
});
