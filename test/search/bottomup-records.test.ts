// String records (the bottom-up bank's record mode): the hash-consed store, and every primitive's kernel against
// its impl on generated strings (fast-check, seeded), failures and algebra included.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import type { Primitive, Value } from '../../src/lang/primitive.ts';
import { EvalError, withMeter } from '../../src/lang/runtime.ts';
import { splitArrow, tstr, typeEquals } from '../../src/lang/type.ts';
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
  it('a string stored twice gets one id; text reads it back, find looks it up without storing', () => {
    fc.assert(fc.property(fc.array(str, { maxLength: 30 }), (xs) => {
      const st = new StrStore();
      const ids = xs.map((x) => st.of(x));
      xs.forEach((x, i) => {
        assert.equal(st.of(x), ids[i]);
        assert.equal(st.text(ids[i]!), x);
        assert.equal(st.len(ids[i]!), x.length);
        assert.equal(st.find(x), ids[i]);
      });
      assert.equal(st.size, new Set(xs).size);
      assert.equal(st.find('not stored \u0000'), -1);
      assert.equal(st.size, new Set(xs).size);
    }), opts);
  });

  it('strings built piece by piece are hash-consed with those stored whole', () => {
    fc.assert(fc.property(str, str, (a, b) => {
      const st = new StrStore();
      const x = st.of(a), y = st.of(b), whole = st.of(a + b);
      st.begin();
      st.push(x, 0, a.length);
      st.push(y, 0, b.length);
      assert.equal(st.end(), whole);
      st.begin();
      st.push(whole, 1, a.length + b.length);
      assert.equal(st.text(st.end()), (a + b).slice(1));
    }), opts);
  });

  it('covers the SyGuS SLIA operators', () => {
    const names = withRecords.map((p) => p.name);
    for (const n of ['str.++', 'str.len', 'str.at', 'str.substr', 'str.indexof', 'str.replace', 'str.contains', 'str.prefixof', 'str.suffixof', 'str.to.int', 'int.to.str'])
      assert.ok(names.includes(n), n);
  });

  for (const p of withRecords) {
    it(`${p.name}: its kernel does what its impl does, fuel, size limit and algebra included`, () => {
      const { args } = splitArrow(p.type);
      const isStr = args.map((t) => typeEquals(t, tstr));
      const retStr = typeEquals(splitArrow(p.type).ret, tstr);
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
