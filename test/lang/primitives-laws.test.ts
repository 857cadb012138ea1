// Laws the primitive families obey, checked on generated inputs (fast-check, seeded).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import { primArity } from '../../src/lang/primitive.ts';
import { withMeter } from '../../src/lang/runtime.ts';
import { NONE, valueEquals, type Maybe } from '../../src/lang/value.ts';

const call = (name: string, ...args: unknown[]): any => {
  const p = basePrimitives.get(name)!;
  assert.equal(args.length, primArity(p), name);
  return withMeter({ fuel: 1e7, maxSize: 1e7 }, () => p.impl(...args));
};
const opts = { seed: 42, numRuns: 1000 };
const ints = fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 20 });
const str = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ''), maxLength: 12 });

describe('list laws', () => {
  it('fold with cons rebuilds the list; foldl is fold over the reversed list with the function flipped', () => {
    fc.assert(fc.property(ints, (l) => {
      assert.deepEqual(call('fold', l, [], (x: number) => (acc: number[]) => [x, ...acc]), l);
      const f = (acc: number) => (x: number) => acc * 3 - x;
      assert.equal(call('foldl', l, 1, f), call('fold', call('reverse', l), 1, (x: number) => (acc: number) => f(acc)(x)));
      assert.equal(call('reduce', f, 1, l), call('foldl', l, 1, f));
      // scan is foldl's every step: its i-th element folds the first i+1 elements
      const steps = call('scan', l, 1, f) as number[];
      assert.equal(steps.length, l.length);
      steps.forEach((x, i) => assert.equal(x, call('foldl', l.slice(0, i + 1), 1, f)));
    }), opts);
  });

  it('sort is an ordered permutation, idempotent; argsort indexes it', () => {
    fc.assert(fc.property(ints, (l) => {
      const s = call('sort', l) as number[];
      for (let i = 1; i < s.length; i++) assert.ok(s[i - 1]! <= s[i]!);
      assert.deepEqual([...l].sort((a, b) => a - b), s);
      assert.deepEqual(call('sort', s), s);
      assert.deepEqual((call('argsort', l) as number[]).map((i) => l[i]), s);
      assert.deepEqual(call('sort-by', (x: number) => x, l), s);
    }), opts);
  });

  it('take/drop split, append joins, slice agrees with take of drop', () => {
    fc.assert(fc.property(ints, fc.integer({ min: -3, max: 25 }), fc.integer({ min: 0, max: 25 }), (l, n, m) => {
      assert.deepEqual(call('append', call('take', n, l), call('drop', n, l)), l);
      if (n >= 0) assert.deepEqual(call('slice', n, n + m, l), call('take', m, call('drop', n, l)));
      assert.equal(call('length', call('append', l, l)), 2 * l.length);
    }), opts);
  });

  it('unique, partition, group-by and count agree with filter', () => {
    fc.assert(fc.property(ints, (l) => {
      const even = (x: number) => x % 2 === 0;
      const [yes, no] = call('partition', even, l);
      assert.deepEqual(yes, call('filter', even, l));
      assert.equal(yes.length + no.length, l.length);
      assert.equal(call('count', even, l), yes.length);
      assert.deepEqual(call('unique', l), [...new Set(l)]);
      assert.equal((call('concat', call('group-by', (x: number) => x % 3, l)) as number[]).length, l.length);
      const found = call('find', even, l) as Maybe;
      assert.deepEqual(found, yes.length ? { tag: 'some', value: yes[0] } : NONE);
    }), opts);
  });
});

describe('string laws (SMT-LIB)', () => {
  it('substr pieces concatenate back; at is substr of length 1', () => {
    fc.assert(fc.property(str, fc.integer({ min: -2, max: 14 }), (s, i) => {
      const n = call('str.len', s);
      assert.equal(call('str.substr', s, 0, n), s);
      if (i >= 0 && i <= n) assert.equal(call('str.++', call('str.substr', s, 0, i), call('str.substr', s, i, n - i)), s);
      assert.equal(call('str.at', s, i), call('str.substr', s, i, 1));
    }), opts);
  });

  it('indexof finds the first occurrence at or after i, agreeing with contains and replace', () => {
    fc.assert(fc.property(str, str, fc.integer({ min: -2, max: 14 }), (s, t, i) => {
      const k = call('str.indexof', s, t, i);
      if (k >= 0) {
        assert.ok(k >= i);
        assert.equal(call('str.substr', s, k, t.length), t);
        for (let j = Math.max(i, 0); j < k; j++) assert.notEqual(s.slice(j, j + t.length), t);
      } else if (i >= 0 && i <= s.length) assert.ok(!s.slice(i).includes(t));
      assert.equal(call('str.contains', s, t), call('str.indexof', s, t, 0) >= 0);
      const r = call('str.replace', s, t, 'X');
      if (call('str.contains', s, t)) assert.equal(call('str.indexof', r, 'X', 0) <= call('str.indexof', s, t, 0), true);
      else assert.equal(r, s);
      assert.equal(call('str.prefixof', t, call('str.++', t, s)), true);
      assert.equal(call('str.suffixof', t, call('str.++', s, t)), true);
    }), opts);
  });

  it('int.to.str and str.to.int are inverse on naturals; split and join are inverse', () => {
    fc.assert(fc.property(fc.nat(), str, (n, s) => {
      assert.equal(call('str.to.int', call('int.to.str', n)), n);
      assert.equal(call('join', call('split', s, 'a'), 'a'), s);
      assert.equal(call('chars->str', call('str->chars', s)), s);
    }), opts);
  });
});

describe('map, set and graph laws', () => {
  const mk = (l: number[]) => call('set.from-list', l);
  it('set algebra', () => {
    fc.assert(fc.property(ints, ints, (a, b) => {
      const [s, t] = [mk(a), mk(b)];
      assert.ok(valueEquals(call('set.union', s, t), call('set.union', t, s)));
      assert.ok(valueEquals(call('set.intersection', s, t), call('set.intersection', t, s)));
      const u = call('set.union', call('set.difference', s, t), call('set.intersection', s, t));
      assert.ok(valueEquals(u, s));
      assert.deepEqual(call('set.to-list', s), [...new Set(a)].sort((x, y) => x - y));
    }), opts);
  });

  it('count-by sums to the length; group-by keys are count-by keys', () => {
    fc.assert(fc.property(ints, (l) => {
      const key = (x: number) => x % 4;
      const counts = call('map.values', call('map.count-by', key, l)) as number[];
      assert.equal(counts.reduce((a, b) => a + b, 0), l.length);
      assert.deepEqual(call('map.keys', call('map.group-by', key, l)), call('map.keys', call('map.count-by', key, l)));
    }), opts);
  });

  const edges = fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 })), { maxLength: 20 });
  it('topological order respects every edge; none exactly when there is a cycle', () => {
    fc.assert(fc.property(edges, (es) => {
      const g = call('graph.from-edges', es);
      const order = call('graph.topo-sort', g) as Maybe;
      assert.equal(order.tag === 'none', call('graph.has-cycle', g));
      if (order.tag === 'some') {
        const pos = new Map((order.value as number[]).map((n, i) => [n, i]));
        for (const [a, b] of es) assert.ok(pos.get(a)! < pos.get(b)!);
      }
    }), opts);
  });

  it('shortest paths agree with reachability and bfs; components partition the nodes', () => {
    fc.assert(fc.property(edges, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), (es, a, b) => {
      const g = call('graph.from-edges', es);
      const d = call('graph.shortest-path-length', a, b, g);
      assert.equal(d >= 0, call('graph.reachable', a, b, g));
      assert.equal((call('graph.bfs', a, g) as number[]).includes(b), d >= 0);
      const comps = call('graph.components', g) as number[][];
      assert.deepEqual(comps.flat().sort((x, y) => x - y), call('graph.nodes', g));
    }), opts);
  });
});
