/**
 * Laws: every algebraic fact a primitive declares (lang/primitive.ts `Algebra`, which the bottom-up bank uses to
 * skip candidates unevaluated) holds on sample values, failing arguments included where the declaration covers them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Primitive, Value } from '../../src/lang/primitive.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import { withMeter } from '../../src/lang/runtime.ts';
import { splitArrow, type Type } from '../../src/lang/type.ts';
import { valueKey } from '../../src/lang/value.ts';

type Samples = Record<string, readonly Value[]>;
const SAMPLES: Samples = {
  int: [-3, -1, 0, 1, 2, 5, 11, 100],
  str: ['', 'a', 'ab', 'abc', 'b', 'ba', 'aba', ' ', '.', 'a.b', 'hello world', 'ab ab'],
  bool: [true, false],
};
const samplesOf = (samples: Samples, t: Type): readonly Value[] => (t.kind === 'tcon' ? samples[t.name] ?? [] : samples.int!);
const FAILED = '<fails>';
const THROWS = (): never => { throw new Error('failing lazy argument'); };

/** The impl on these argument values (lazy ones as thunks; `null` stands for a failing lazy argument). */
function run(p: Primitive, args: readonly Value[], fuel = 10_000): string {
  const lazy = new Set(p.lazy ?? []);
  try {
    const r = withMeter({ fuel, maxSize: 100_000 }, () => p.impl(...args.map((a, i) => (lazy.has(i) ? (a === null ? THROWS : () => a) : a))));
    return valueKey(r);
  } catch {
    return FAILED;
  }
}

/** Every combination of samples for the argument types. */
function tuples(samples: Samples, types: readonly Type[], lazyFail: readonly boolean[] = []): Value[][] {
  let out: Value[][] = [[]];
  types.forEach((t, i) => { out = out.flatMap((xs) => [...samplesOf(samples, t), ...(lazyFail[i] ? [null] : [])].map((v) => [...xs, v])); });
  return out;
}

const declaring = [...basePrimitives.values()].filter((p) => p.algebra);

test('some primitives declare algebra (the laws below are not vacuous)', () => {
  const names = declaring.map((p) => p.name);
  for (const n of ['str.++', 'str.replace', 'if', '+', 'eq?', 'mod']) assert.ok(names.includes(n), n);
});

// a long string: with little fuel, primitives that charge fuel by length run out on it
const LONG = 'ab'.repeat(60);

for (const fuel of [10_000, 3]) test(`law: declared algebra holds on samples (fuel ${fuel} per application)`, () => {
  const samples: Samples = fuel < 100 ? { ...SAMPLES, str: [...SAMPLES.str!, LONG, LONG + ' x'] } : SAMPLES;
  let checked = 0;
  for (const p of declaring) {
    const a = p.algebra!, { args } = splitArrow(p.type), n = args.length;
    const lazy = args.map((_, i) => (p.lazy ?? []).includes(i));
    if (a.commutative)
      for (const [x, y, ...rest] of tuples(samples, args)) { assert.equal(run(p, [x, y, ...rest], fuel), run(p, [y, x, ...rest], fuel), `${p.name} commutes`); checked++; }
    if (a.associative)
      for (const [x, y, z] of tuples(samples, [args[0]!, args[0]!, args[0]!])) {
        const xy = withMeter({}, () => p.impl(x, y)), yz = withMeter({}, () => p.impl(y, z));
        assert.equal(run(p, [xy, z], fuel), run(p, [x, yz], fuel), `${p.name} associates`);
        checked++;
      }
    if (a.concatenation)
      for (const [x, y] of tuples(samples, args)) {
        const out = run(p, [x, y], fuel);
        if (out !== FAILED) assert.equal(out, valueKey((x as string) + (y as string)), `${p.name} concatenates`);
        checked++;
      }
    if (a.failsAt)
      for (const xs of tuples(samples, args)) {
        if (xs[a.failsAt.arg] !== a.failsAt.value) continue;
        assert.equal(run(p, xs, fuel), FAILED, `${p.name} fails at ${JSON.stringify(xs)}`);
        checked++;
      }
    if (a.total)
      for (const xs of tuples(samples, args)) { assert.notEqual(run(p, xs, fuel), FAILED, `${p.name} is total`); checked++; }
    if (a.totalAfter)
      for (let k = 1; k < n; k++)
        for (const pre of tuples(samples, args.slice(0, k))) {
          // totalAfter runs under one application's fuel; running out decides nothing
          let ok = false;
          try { ok = withMeter({ fuel, maxSize: 100_000 }, () => a.totalAfter!(k, pre)); } catch { continue; }
          if (!ok) continue;
          for (const rest of tuples(samples, args.slice(k))) {
            assert.notEqual(run(p, [...pre, ...rest], fuel), FAILED, `${p.name} cannot fail given ${JSON.stringify(pre)}, rest ${JSON.stringify(rest)}`);
            checked++;
          }
        }
    if (a.decided)
      for (let k = 1; k < n; k++)
        for (const pre of tuples(samples, args.slice(0, k))) {
          // decided runs under one application's fuel; running out decides nothing
          let r: number | 'fixed' | null = null;
          try { r = withMeter({ fuel, maxSize: 100_000 }, () => a.decided!(k, pre)); } catch { continue; }
          if (r === null) continue;
          // the rest: any values of strict arguments, any (failing too) of lazy ones
          const results = tuples(samples, args.slice(k), lazy.slice(k)).map((rest) => ({ rest, out: run(p, [...pre, ...rest], fuel) }));
          for (const { rest, out } of results) {
            const all = [...pre, ...rest];
            if (r === 'fixed') assert.equal(out, results[0]!.out, `${p.name} fixed by ${JSON.stringify(pre)}`);
            else assert.equal(out, all[r] === null ? FAILED : valueKey(all[r]), `${p.name} is argument ${r} given ${JSON.stringify(pre)}, rest ${JSON.stringify(rest)}`);
            checked++;
          }
        }
  }
  assert.ok(checked > 1000, `only ${checked} checks`);
});
