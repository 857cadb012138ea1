// String records (the bottom-up bank's record mode): the hash-consed store, and every primitive's kernel against
// its impl on generated strings (fast-check, seeded), failures and algebra included.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import type { Primitive, Value } from '../../src/lang/primitive.ts';
import { EvalError, withMeter } from '../../src/lang/runtime.ts';
import { splitArrow, tstr, typeEquals, type Type } from '../../src/lang/type.ts';
import { StrStore } from '../../src/search/bottomup-strings.ts';

const opts = { seed: 7, numRuns: 400 };
const str = fc.string({ unit: fc.constantFrom('a', 'b', 'ab', '-', ' ', '1', '9', '\u00e9', '\ud83d\ude00'), maxLength: 8 });
const int = fc.oneof(fc.integer({ min: -3, max: 20 }), fc.constantFrom(1.5, -0.5, 2 ** 40, NaN));

/** What a call did: its value, or the kind of failure (undefined and NaN results fail in the bank too). */
function outcome(f: () => unknown): unknown {
  try {
    const v = f();
    return v === undefined || v !== v ? 'fails' : v;
  } catch (e) {
    return e instanceof EvalError ? `fails: ${e.kind}` : `throws: ${(e as Error).message}`;
  }
}

const withRecords = [...basePrimitives.values()].filter((p) => typeof p.records === 'function');

describe('string records', () => {
  it('a string reads back as it was stored; equal compares contents, whatever the ids', () => {
    fc.assert(fc.property(fc.array(str, { maxLength: 30 }), (xs) => {
      const st = new StrStore();
      const ids = xs.map((x) => st.of(x)), again = xs.map((x) => st.of(x));
      xs.forEach((x, i) => {
        assert.equal(st.text(ids[i]!), x);
        assert.equal(st.len(ids[i]!), x.length);
        assert.ok(st.equal(ids[i]!, again[i]!));
        xs.forEach((y, j) => assert.equal(st.equal(ids[i]!, ids[j]!), x === y));
      });
    }), opts);
  });

  it('concatenation nodes read, compare and hash like the strings they stand for, written out or not', () => {
    fc.assert(fc.property(fc.array(str, { minLength: 1, maxLength: 8 }), fc.nat(), (xs, seed) => {
      const st = new StrStore();
      const ids = xs.map((x) => st.of(x));
      st.commit();
      // a node over the pieces, grouped left or right by the seed's bits; its hash and length are the whole's
      let node = ids[0]!, text = xs[0]!;
      for (let i = 1; i < xs.length; i++) {
        node = (seed >> i) & 1 ? st.concat(node, ids[i]!) : st.concat(node, st.concat(ids[i]!, st.of('')));
        text += xs[i];
      }
      const flat = st.of(text);
      assert.equal(st.len(node), text.length);
      assert.equal(st.hash(node), st.hash(flat));
      assert.ok(st.equal(node, flat) && st.equal(flat, node));
      assert.equal(st.text(node), text);
      st.commit();
      // kept, it is written out once read: reading kernels see it as the flat string
      assert.equal(st.indexOf(node, flat, 0), 0);
      for (let i = 0; i < text.length; i++) assert.equal(st.code(node, i), text.charCodeAt(i));
      assert.ok(st.occursAt(flat, node, 0));
    }), opts);
  });

  it('rollback drops what was built since the last commit; kept records stay', () => {
    const st = new StrStore();
    const a = st.of('kept');
    st.commit();
    st.of('dropped');
    st.concat(a, a);
    assert.equal(st.size, 3);
    st.rollback();
    assert.equal(st.size, 1);
    const b = st.of('new');
    assert.equal(st.text(a), 'kept');
    assert.equal(st.text(b), 'new');
  });

  it('covers the SyGuS SLIA operators', () => {
    const names = withRecords.map((p) => p.name);
    for (const n of ['str.++', 'str.len', 'str.at', 'str.substr', 'str.indexof', 'str.replace', 'str.contains', 'str.prefixof', 'str.suffixof', 'str.to.int', 'int.to.str'])
      assert.ok(names.includes(n), n);
  });

  for (const p of withRecords) {
    it(`${p.name}: its kernel does what its impl does, fuel, size limit and algebra included`, () => {
      const { args } = splitArrow(p.type);
      // (a type variable, as in equal?, stands for str: records apply where a rule touches a string slot)
      const strLike = (t: Type) => typeEquals(t, tstr) || t.kind === 'tvar';
      const isStr = args.map(strLike);
      const retStr = strLike(splitArrow(p.type).ret);
      const meter = fc.record({ fuel: fc.oneof(fc.constant(10_000), fc.integer({ min: 0, max: 3 })), maxSize: fc.oneof(fc.constant(100_000), fc.integer({ min: 0, max: 12 })) });
      fc.assert(fc.property(fc.tuple(...args.map((_, j) => (isStr[j] ? str : int))), meter, (xs, m) => {
        const st = new StrStore();
        const k = (p.records as Exclude<Primitive['records'], 'opaque' | undefined>)(st);
        const ids = xs.map((x, j) => (isStr[j] ? st.of(x as string) : x));
        const want = outcome(() => withMeter(m, () => p.impl(...xs)));
        let got = outcome(() => withMeter(m, () => k.impl(...ids)));
        if (retStr && typeof got === 'number') got = st.text(got);
        assert.deepEqual(got, want, `${p.name}(${xs.map((x) => JSON.stringify(x)).join(', ')}) under ${JSON.stringify(m)}`);
        // the algebra mirrors the primitive's, on every prefix of the arguments
        for (let n = 1; n < xs.length; n++) {
          for (const law of ['decided', 'totalAfter'] as const) {
            const f = p.algebra?.[law];
            if (!f) continue;
            const g = k[law];
            assert.ok(g, `${p.name} has no kernel ${law}`);
            const lawWant = outcome(() => withMeter(m, () => f(n, xs.slice(0, n) as Value[])));
            const lawGot = outcome(() => withMeter(m, () => g(n, ids.slice(0, n) as Value[])));
            assert.deepEqual(lawGot, lawWant, `${p.name} ${law}(${n}, ${JSON.stringify(xs.slice(0, n))})`);
          }
        }
      }), opts);
    });
  }
});
