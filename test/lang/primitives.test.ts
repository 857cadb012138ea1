// Primitive families, tested by calling impls directly. Every semantic test runs twice: on the impl itself and on
// the impl as JavaScript export bundles it from its source (with its module's helpers).
import { describe, it } from 'node:test';
import { exportImpls } from '../../src/api/export.ts';
import * as runtimeModule from '../../src/lang/runtime.ts';
import * as valueModule from '../../src/lang/value.ts';
import assert from 'node:assert/strict';
import { basePrimitives, dreamcoderListPrimitives, dreamcoderTextPrimitives, families, stringConstant } from '../../src/lang/primitives/index.ts';
import { primArity, type Primitive } from '../../src/lang/primitive.ts';
import { EvalError, checkSize, fail, meter, tick, withMeter, type FailureKind, type Meter } from '../../src/lang/runtime.ts';
import { GraphValue, MapValue, NONE, SetValue, TensorValue, compareValues, hashKey, some, valueEquals, valueKey, valueSize } from '../../src/lang/value.ts';
import { printType, splitArrow, typeVars } from '../../src/lang/type.ts';

/** Marks an argument to pass as-is (a thunk for a lazy position that must not be forced, or a failing thunk). */
class Raw { constructor(readonly v: unknown) {} }
const raw = (v: unknown) => new Raw(v);
const boom = raw(() => fail('forced a lazy argument'));

// Impls bundled from source as export does (all base primitives in one bundle); runtime.ts and value.ts stay
// shared with this test, so the impls use this meter and these value classes.
const exported = new Map<Primitive, (...a: unknown[]) => unknown>();
function rebuild(p: Primitive): (...a: unknown[]) => unknown {
  if (!exported.has(p)) {
    const ps = exported.size === 0 && basePrimitives.get(p.name) === p ? [...basePrimitives.values()] : [p];
    const module = { exports: {} as { default: ((...a: unknown[]) => unknown)[] } };
    const require = (path: string) => (path.endsWith('runtime.ts') ? runtimeModule : path.endsWith('value.ts') ? valueModule : assert.fail(path));
    new Function('require', 'module', 'exports', exportImpls(ps, 'cjs'))(require, module, module.exports);
    ps.forEach((q, i) => exported.set(q, module.exports.default[i]!));
  }
  return exported.get(p)!;
}

/** Deep-freezes list inputs so that an impl mutating its argument throws. */
const frozen = <T>(x: T): T => {
  if (Array.isArray(x)) { x.forEach(frozen); Object.freeze(x); }
  return x;
};

type Caller = (name: string, ...args: unknown[]) => unknown;
function caller(impl: (p: Primitive) => (...a: unknown[]) => unknown, m: Partial<Meter> = {}): Caller {
  return (name, ...args) => {
    const p = basePrimitives.get(name);
    assert.ok(p, `no primitive ${name}`);
    assert.equal(args.length, primArity(p), `${name} takes ${primArity(p)} arguments`);
    const a = args.map((x, i) => (x instanceof Raw ? x.v : p.lazy?.includes(i) ? () => x : frozen(x)));
    return withMeter({ fuel: 1e6, maxSize: 1e6, ...m }, () => impl(p)(...a));
  };
}

function failsWith(kind: FailureKind, re: RegExp, f: () => unknown): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof EvalError, `expected an EvalError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, re);
    return true;
  });
}

const modes: [string, (p: Primitive) => (...a: unknown[]) => unknown][] = [
  ['impl', (p) => p.impl],
  ['exported source', rebuild],
];

describe('primitive declarations', () => {
  const all = [...basePrimitives.values()];

  it('names are unique across families and every family is in the base set', () => {
    const n = Object.values(families).reduce((s, f) => s + f.length, 0);
    assert.equal(basePrimitives.size, n);
    assert.ok(basePrimitives.size > 200);
  });

  it('every impl takes exactly arity(type) arguments', () => {
    for (const p of all) assert.equal(p.impl.length, primArity(p), `${p.name} : ${printType(p.type)}`);
  });

  it('lazy positions are argument positions; family names match their module', () => {
    for (const p of all) for (const i of p.lazy ?? []) assert.ok(i >= 0 && i < primArity(p), p.name);
    for (const [fam, ps] of Object.entries(families)) for (const p of ps) assert.equal(p.family, fam, p.name);
  });

  it("no result type variable that the arguments don't determine, except deliberate constants", () => {
    const deliberate = new Set(['empty', 'none', 'map.empty', 'set.empty']);
    for (const p of all) {
      const { args, ret } = splitArrow(p.type);
      const inArgs = new Set(args.flatMap((t) => typeVars(t)));
      const free = typeVars(ret).filter((v) => !inArgs.has(v));
      assert.equal(free.length > 0, deliberate.has(p.name), `${p.name} : ${printType(p.type)}`);
    }
  });

  it('my families: cost 1, a doc line, and impls that rebuild from source', () => {
    for (const fam of ['core', 'control', 'list', 'string', 'text', 'map', 'graph', 'memory'])
      for (const p of families[fam]!) {
        assert.equal(p.cost, 1, p.name);
        assert.ok(p.doc && p.doc.length > 3 && !p.doc.includes('\n'), p.name);
        assert.equal(typeof rebuild(p), 'function', p.name);
        assert.doesNotMatch(p.impl.toString(), /__name|import_/, `${p.name}: source depends on the bundler`);
      }
  });

  it('effects are declared: remember and recall are impure, the rest of my families pure', () => {
    for (const p of all) if (p.family !== 'grid' && p.family !== 'objects')
      assert.equal(p.pure === false, p.family === 'memory', p.name);
  });

  it("DreamCoder subsets keep DreamCoder's types", () => {
    const want: Record<string, string> = {
      map: '(a -> b) -> list(a) -> list(b)', fold: 'list(a) -> b -> (a -> b -> b) -> b',
      unfold: 'a -> (a -> bool) -> (a -> b) -> (a -> a) -> list(b)', index: 'int -> list(a) -> a', range: 'int -> list(int)',
      cons: 'a -> list(a) -> list(a)', 'empty?': 'list(a) -> bool', 'eq?': 'int -> int -> bool', if: 'bool -> a -> a -> a',
    };
    for (const [n, t] of Object.entries(want)) assert.equal(printType(dreamcoderListPrimitives.get(n)!.type), t, n);
    assert.equal(printType(dreamcoderTextPrimitives.get('char-eq?')!.type), 'char -> char -> bool');
    assert.equal(printType(dreamcoderTextPrimitives.get('STRING')!.type), 'list(char)');
    assert.equal(dreamcoderListPrimitives.size, 20);
    assert.equal(dreamcoderTextPrimitives.size, 19);
  });
});

for (const [mode, impl] of modes) {
  const call = caller(impl);
  const withLimits = (m: Partial<Meter>) => caller(impl, m);
  const cons = (x: unknown) => (acc: readonly unknown[]) => [x, ...acc];

  describe(`core (${mode})`, () => {
    it('if evaluates only the chosen branch', () => {
      assert.equal(call('if', true, 1, boom), 1);
      assert.equal(call('if', false, boom, 2), 2);
      assert.equal(call('and', false, boom), false);
      assert.equal(call('or', true, boom), true);
      assert.equal(call('and', true, false), false);
      assert.equal(call('or', false, true), true);
      assert.equal(call('not', false), true);
    });

    it('integer arithmetic, truncating division and OCaml mod', () => {
      assert.equal(call('+', 2, 3), 5);
      assert.equal(call('-', 2, 3), -1);
      assert.equal(call('*', -4, 3), -12);
      assert.equal(call('/', 7, 2), 3);
      assert.equal(call('/', -7, 2), -3);
      assert.equal(call('mod', 7, 3), 1);
      assert.equal(call('mod', -7, 3), -1);
      assert.equal(call('mod', 7, -2), 1);
      assert.ok(Object.is(call('mod', -4, 2), 0));
      failsWith('runtime', /division by zero/, () => call('/', 1, 0));
      failsWith('runtime', /modulo by zero/, () => call('mod', 1, 0));
      for (const [x, y, q, r] of [[7, 2, 3, 1], [-7, 2, -4, 1], [7, -2, -3, 1], [-7, -2, 4, 1], [6, -3, -2, 0]]) {
        assert.equal(call('int.div', x, y), q, `div ${x} ${y}`);
        assert.equal(call('int.mod', x, y), r, `mod ${x} ${y}`);
      }
      failsWith('runtime', /division by zero/, () => call('int.div', 1, 0));
      assert.equal(call('neg', 5), -5);
      assert.equal(call('abs', -5), 5);
      assert.equal(call('min2', 3, -1), -1);
      assert.equal(call('max2', 3, -1), 3);
      assert.equal(call('int-power', 2, 10), 1024);
      assert.equal(call('int-power', 7, 0), 1);
      failsWith('runtime', /negative exponent/, () => call('int-power', 2, -1));
    });

    it('wraps around at 63 bits like OCaml, as DreamCoder corpora expect', () => {
      const x = 11522 ** 3;
      assert.equal(call('*', x, x), -918744784199106496);
      assert.equal(call('+', 2 ** 61, 2 ** 61), -(2 ** 62));
      assert.equal(call('-', -(2 ** 62), 1), 2 ** 62 - 1);
    });

    it("is-prime is DreamCoder's (primes below 200); prime? is exact", () => {
      for (const n of [2, 3, 5, 97, 197, 199]) assert.equal(call('is-prime', n), true, String(n));
      for (const n of [-7, 0, 1, 4, 9, 91, 211, 241]) assert.equal(call('is-prime', n), false, String(n));
      for (const n of [211, 241, 1_000_000_007]) assert.equal(call('prime?', n), true, String(n));
      for (const n of [1, 0, -3, 221, 1_000_000_008]) assert.equal(call('prime?', n), false, String(n));
      for (const n of [0, 1, 16, 144, 1 << 30]) assert.equal(call('is-square', n), true, String(n));
      for (const n of [-4, 2, 15, 145]) assert.equal(call('is-square', n), false, String(n));
      assert.equal(call('is-even', -4), true);
      assert.equal(call('is-odd', -3), true);
    });

    it('comparisons and equality on all values', () => {
      assert.equal(call('gt?', 3, 2), true);
      assert.equal(call('lt?', 3, 2), false);
      assert.equal(call('<=', 2, 2), true);
      assert.equal(call('>=', 1, 2), false);
      assert.equal(call('eq?', 2, 2), true);
      assert.equal(call('equal?', [1, [2]], [1, [2]]), true);
      assert.equal(call('equal?', some('a'), NONE), false);
      const m1 = new MapValue(new Map([[1, [1, 'a'] as const], [2, [2, 'b'] as const]]));
      const m2 = new MapValue(new Map([[2, [2, 'b'] as const], [1, [1, 'a'] as const]]));
      assert.equal(call('equal?', m1, m2), true);
    });

    it('reals fail instead of returning NaN or Infinity', () => {
      assert.equal(call('+.', 0.5, 0.25), 0.75);
      assert.equal(call('/.', 1, 4), 0.25);
      assert.equal(call('sqrt', 9), 3);
      assert.equal(call('log', 1), 0);
      assert.equal(call('exp', 0), 1);
      assert.equal(call('floor', -1.5), -2);
      assert.equal(call('round', 2.5), 3);
      assert.equal(call('int->real', 3), 3);
      assert.equal(call('power', 4, 0.5), 2);
      assert.equal(call('pi'), Math.PI);
      failsWith('runtime', /power/, () => call('power', -8, 1 / 3));
      assert.equal(call('<.', 0.1, 0.2), true);
      failsWith('runtime', /division by zero/, () => call('/.', 1, 0));
      failsWith('runtime', /sqrt/, () => call('sqrt', -1));
      failsWith('runtime', /log/, () => call('log', 0));
      failsWith('runtime', /overflow/, () => call('exp', 1000));
    });

    it('pairs and maybe', () => {
      const p = call('pair', 1, 'x');
      assert.deepEqual(p, [1, 'x']);
      assert.equal(call('fst', p), 1);
      assert.equal(call('snd', p), 'x');
      assert.deepEqual(call('none'), NONE);
      assert.deepEqual(call('some', 3), some(3));
      assert.equal(call('is-some', some(3)), true);
      assert.equal(call('maybe-default', 0, some(3)), 3);
      assert.equal(call('maybe-default', 0, NONE), 0);
    });
  });

  describe(`control (${mode})`, () => {
    const fact = (rec: (n: number) => number) => (n: number) => (n === 0 ? 1 : n * rec(n - 1));
    it('fix1 and fix2 recurse, spending fuel per call', () => {
      assert.equal(call('fix1', 5, fact), 120);
      assert.equal(call('fix2', 3, 4, (rec: any) => (a: number) => (b: number) => (a === 0 ? b : rec(a - 1)(b + 1))), 7);
      failsWith('fuel', /fuel/, () => withLimits({ fuel: 500 })('fix1', 0, (rec: any) => (n: number) => rec(n)));
      failsWith('fuel', /fuel/, () => withLimits({ fuel: 500 })('fix2', 0, 0, (rec: any) => (a: number) => (b: number) => rec(a)(b)));
      failsWith('fuel', /fuel/, () => withLimits({ fuel: 3 })('fix1', 5, fact));
    });
    it('loop applies n times; while stops or runs out of fuel', () => {
      assert.equal(call('loop', 5, 1, (x: number) => x * 2), 32);
      assert.equal(call('loop', -2, 7, (x: number) => x * 2), 7);
      failsWith('fuel', /fuel/, () => withLimits({ fuel: 100 })('loop', 1000, 0, (x: number) => x + 1));
      assert.equal(call('while', (x: number) => x < 100, (x: number) => x * 2, 1), 128);
      assert.equal(call('while', () => false, boom.v, 3), 3);
      failsWith('fuel', /fuel/, () => withLimits({ fuel: 10_000 })('while', () => true, (x: number) => x, 0));
      assert.equal(call('let', 4, (x: number) => x * x), 16);
    });
  });

  describe(`list (${mode})`, () => {
    it('fold is a right fold, reduce and foldl are left folds', () => {
      assert.deepEqual(call('fold', [1, 2, 3], [], cons), [1, 2, 3]);
      assert.equal(call('fold', [1, 2, 3], 0, (x: number) => (acc: number) => x - acc), 2);
      assert.equal(call('fold', ['a', 'b', 'c'], '', (x: string) => (acc: string) => acc + x), 'cba');
      assert.equal(call('foldl', [1, 2, 3], 0, (acc: number) => (x: number) => acc * 10 + x), 123);
      assert.equal(call('reduce', (acc: number) => (x: number) => acc - x, 0, [1, 2, 3]), -6);
      assert.equal(call('fold', [], 9, boom.v), 9);
    });

    it('range, unfold and their limits', () => {
      assert.deepEqual(call('range', 4), [0, 1, 2, 3]);
      assert.deepEqual(call('range', 0), []);
      assert.deepEqual(call('range', -3), []);
      failsWith('size', /exceeds the limit 1000/, () => withLimits({ maxSize: 1000 })('range', 1e9));
      failsWith('fuel', /fuel/, () => withLimits({ fuel: 100 })('range', 1000));
      assert.deepEqual(call('unfold', 0, (x: number) => x >= 3, (x: number) => x * 10, (x: number) => x + 1), [0, 10, 20]);
      failsWith('fuel', /fuel/, () => withLimits({ fuel: 1000 })('unfold', 0, () => false, (x: number) => x, (x: number) => x));
      failsWith('size', /size/, () => withLimits({ maxSize: 50 })('unfold', 0, () => false, (x: number) => x, (x: number) => x));
    });

    it('car, cdr, index, last fail on the empty list or out of range', () => {
      assert.equal(call('car', [4, 5]), 4);
      assert.deepEqual(call('cdr', [4, 5]), [5]);
      failsWith('runtime', /car of empty list/, () => call('car', []));
      failsWith('runtime', /cdr of empty list/, () => call('cdr', []));
      assert.equal(call('index', 1, ['a', 'b']), 'b');
      failsWith('runtime', /index 2 out of range/, () => call('index', 2, ['a', 'b']));
      failsWith('runtime', /index -1 out of range/, () => call('index', -1, ['a', 'b']));
      assert.equal(call('last', [1, 2, 3]), 3);
      failsWith('runtime', /last of empty list/, () => call('last', []));
    });

    it('construction and basic queries', () => {
      assert.deepEqual(call('empty'), []);
      assert.deepEqual(call('cons', 1, [2, 3]), [1, 2, 3]);
      assert.equal(call('empty?', []), true);
      assert.equal(call('length', [1, 2]), 2);
      assert.deepEqual(call('singleton', 'x'), ['x']);
      assert.deepEqual(call('replicate', 3, 'x'), ['x', 'x', 'x']);
      assert.deepEqual(call('append', [1], [2, 3]), [1, 2, 3]);
      failsWith('size', /size/, () => withLimits({ maxSize: 4 })('append', [1, 2, 3], [4, 5]));
      assert.deepEqual(call('reverse', [1, 2, 3]), [3, 2, 1]);
      assert.deepEqual(call('take', 2, [1, 2, 3]), [1, 2]);
      assert.deepEqual(call('take', -1, [1, 2, 3]), []);
      assert.deepEqual(call('drop', 2, [1, 2, 3]), [3]);
      assert.deepEqual(call('drop', 5, [1, 2, 3]), []);
      assert.deepEqual(call('slice', 1, 3, [0, 1, 2, 3, 4]), [1, 2]);
      assert.deepEqual(call('slice', -2, 10, [0, 1, 2, 3, 4]), [3, 4]);
      assert.deepEqual(call('slice', 3, 1, [0, 1, 2, 3, 4]), []);
    });

    it('higher-order operations', () => {
      assert.deepEqual(call('map', (x: number) => x + 1, [1, 2]), [2, 3]);
      assert.deepEqual(call('mapi', (i: number) => (x: number) => i * x, [5, 5, 5]), [0, 5, 10]);
      assert.deepEqual(call('zip', [1, 2, 3], [10, 20], (a: number) => (b: number) => a + b), [11, 22]);
      assert.deepEqual(call('zip-pairs', [1, 2], ['a', 'b', 'c']), [[1, 'a'], [2, 'b']]);
      assert.deepEqual(call('filter', (x: number) => x % 2 === 0, [1, 2, 3, 4]), [2, 4]);
      assert.equal(call('count', (x: number) => x > 1, [1, 2, 3]), 2);
      assert.equal(call('any', (x: number) => x > 2, [1, 2, 3]), true);
      assert.equal(call('all', (x: number) => x > 2, [1, 2, 3]), false);
      assert.equal(call('all', boom.v, []), true);
      assert.deepEqual(call('find', (x: number) => x > 1, [1, 2, 3]), some(2));
      assert.deepEqual(call('find', (x: number) => x > 5, [1, 2, 3]), NONE);
      assert.deepEqual(call('flat-map', (x: number) => [x, x], [1, 2]), [1, 1, 2, 2]);
      assert.deepEqual(call('group-by', (x: number) => x % 3, [1, 2, 3, 4, 6]), [[1, 4], [2], [3, 6]]);
      assert.deepEqual(call('partition', (x: number) => x > 2, [1, 3, 2, 4]), [[3, 4], [1, 2]]);
    });

    it('ordering: sort is numeric and stable, argsort, maximum/minimum', () => {
      assert.deepEqual(call('sort', [10, 9, 1, 100]), [1, 9, 10, 100]);
      assert.deepEqual(call('sort', [[2], [1, 5], [1]]), [[1], [1, 5], [2]]);
      assert.deepEqual(call('sort-by', (s: string) => s.length, ['ccc', 'a', 'bb', 'd']), ['a', 'd', 'bb', 'ccc']);
      assert.deepEqual(call('argsort', [30, 10, 20, 10]), [1, 3, 2, 0]);
      assert.equal(call('maximum', [3, 10, 2]), 10);
      assert.equal(call('minimum', ['b', 'a', 'c']), 'a');
      failsWith('runtime', /maximum of empty list/, () => call('maximum', []));
      failsWith('runtime', /minimum of empty list/, () => call('minimum', []));
      assert.equal(call('sum', [1, 2, 3]), 6);
      assert.equal(call('sum', []), 0);
      assert.equal(call('product', [2, 3, 4]), 24);
      assert.equal(call('product', []), 1);
    });

    it('unique, membership and flattening use structural equality', () => {
      assert.deepEqual(call('unique', [[1], [2], [1], [2], [3]]), [[1], [2], [3]]);
      assert.equal(call('member?', [1, 2], [[0], [1, 2]]), true);
      assert.equal(call('index-of', 'c', ['a', 'b', 'c']), 2);
      assert.equal(call('index-of', 'z', ['a']), -1);
      assert.deepEqual(call('concat', [[1], [], [2, 3]]), [1, 2, 3]);
      assert.deepEqual(call('flatten', [[1], [2, 3]]), [1, 2, 3]);
    });

    it('functions are called once per element', () => {
      let n = 0;
      call('sort-by', (x: number) => { n++; return -x; }, [1, 2, 3, 4]);
      assert.equal(n, 4);
    });
  });

  describe(`string: SMT-LIB semantics (${mode})`, () => {
    it('str.at, str.substr and str.len', () => {
      assert.equal(call('str.len', 'héllo'), 5);
      assert.equal(call('str.at', 'abc', 1), 'b');
      assert.equal(call('str.at', 'abc', -1), '');
      assert.equal(call('str.at', 'abc', 3), '');
      assert.equal(call('str.substr', 'hello', 1, 3), 'ell');
      assert.equal(call('str.substr', 'hello', 3, 10), 'lo');
      assert.equal(call('str.substr', 'hello', -1, 2), '');
      assert.equal(call('str.substr', 'hello', 1, 0), '');
      assert.equal(call('str.substr', 'hello', 1, -1), '');
      assert.equal(call('str.substr', 'hello', 5, 1), '');
      assert.equal(call('str.++', 'ab', 'cd'), 'abcd');
    });

    it('str.indexof', () => {
      assert.equal(call('str.indexof', 'abcabc', 'c', 3), 5);
      assert.equal(call('str.indexof', 'abcabc', 'c', 0), 2);
      assert.equal(call('str.indexof', 'abc', 'd', 0), -1);
      assert.equal(call('str.indexof', 'abc', '', 0), 0);
      assert.equal(call('str.indexof', 'abc', '', 3), 3);
      assert.equal(call('str.indexof', 'abc', '', 4), -1);
      assert.equal(call('str.indexof', 'abc', 'a', -1), -1);
      assert.equal(call('str.indexof', 'abc', 'c', 5), -1);
    });

    it('str.replace replaces the first occurrence; an empty pattern prepends', () => {
      assert.equal(call('str.replace', 'abab', 'b', 'X'), 'aXab');
      assert.equal(call('str.replace', 'abc', '', 'X'), 'Xabc');
      assert.equal(call('str.replace', 'abc', 'd', 'X'), 'abc');
      assert.equal(call('str.replace', 'a$b', '$', "$&$'"), "a$&$'b");
      assert.equal(call('str.replace_all', 'abab', 'b', 'X'), 'aXaX');
      assert.equal(call('str.replace_all', 'ab', '', 'X'), 'ab');
    });

    it('predicates take SMT-LIB argument order', () => {
      assert.equal(call('str.prefixof', 'ab', 'abc'), true);
      assert.equal(call('str.prefixof', 'abc', 'ab'), false);
      assert.equal(call('str.suffixof', 'bc', 'abc'), true);
      assert.equal(call('str.suffixof', 'abc', 'bc'), false);
      assert.equal(call('str.contains', 'abc', 'bc'), true);
      assert.equal(call('str.contains', 'abc', ''), true);
      assert.equal(call('str.contains', 'bc', 'abc'), false);
      assert.equal(call('str.<', 'ab', 'b'), true);
      assert.equal(call('str.<=', 'b', 'b'), true);
      assert.equal(call('str.to_code', 'a'), 97);
      assert.equal(call('str.to_code', 'ab'), -1);
      assert.equal(call('str.from_code', 98), 'b');
      assert.equal(call('str.from_code', -1), '');
      assert.equal(call('str.is_digit', '7'), true);
      assert.equal(call('str.is_digit', '77'), false);
    });

    it('conversions between strings and integers', () => {
      for (const name of ['str.to.int', 'str.to_int']) {
        assert.equal(call(name, '123'), 123);
        assert.equal(call(name, '007'), 7);
        assert.equal(call(name, ''), -1);
        assert.equal(call(name, '12a'), -1);
        assert.equal(call(name, '-5'), -1);
        assert.equal(call(name, ' 5'), -1);
      }
      for (const name of ['int.to.str', 'str.from_int']) {
        assert.equal(call(name, 42), '42');
        assert.equal(call(name, 0), '0');
        assert.equal(call(name, -1), '');
      }
    });

    it('split, join, case, trim, character classes and conversions', () => {
      assert.deepEqual(call('split', 'a,b,,c', ','), ['a', 'b', '', 'c']);
      assert.deepEqual(call('split', 'abc', ''), ['a', 'b', 'c']);
      assert.equal(call('join', ['a', 'b'], '-'), 'a-b');
      assert.equal(call('upper', 'aBc'), 'ABC');
      assert.equal(call('lower', 'aBc'), 'abc');
      assert.equal(call('upper-first', 'ada lovelace'), 'Ada lovelace');
      assert.equal(call('upper-first', ''), '');
      assert.equal(call('trim', '  a b \n'), 'a b');
      assert.deepEqual(call('str->chars', 'ab'), ['a', 'b']);
      assert.equal(call('chars->str', ['a', 'b']), 'ab');
      assert.equal(call('char->str', 'x'), 'x');
      assert.equal(call('char->int', 'A'), 65);
      assert.equal(call('int->char', 97), 'a');
      failsWith('runtime', /not a character code/, () => call('int->char', -1));
      assert.equal(call('char-upper', 'q'), 'Q');
      assert.equal(call('char-lower', 'Q'), 'q');
      const classes = (c: string) => ['is-digit', 'is-letter', 'is-upper', 'is-lower', 'is-space'].map((n) => call(n, c));
      assert.deepEqual(classes('7'), [true, false, false, false, false]);
      assert.deepEqual(classes('a'), [false, true, false, true, false]);
      assert.deepEqual(classes('Z'), [false, true, true, false, false]);
      assert.deepEqual(classes(' '), [false, false, false, false, true]);
      assert.deepEqual(classes('.'), [false, false, false, false, false]);
    });
  });

  describe(`text (${mode})`, () => {
    it("DreamCoder's character constants and char-eq?", () => {
      assert.equal(call('SPACE'), ' ');
      assert.equal(call('LPAREN'), '(');
      assert.equal(call('RPAREN'), ')');
      assert.equal(call('char-eq?', 'a', 'a'), true);
      assert.equal(call('char-eq?', 'a', 'b'), false);
    });
    it('STRING fails until a task constant is bound', () => {
      failsWith('runtime', /STRING/, () => call('STRING'));
      const bound = stringConstant('UCLA');
      assert.equal(bound.name, 'STRING');
      assert.deepEqual(impl(bound)(), ['U', 'C', 'L', 'A']);
      assert.deepEqual(impl(stringConstant('it\'s "q"'))(), [...'it\'s "q"']);
    });
  });

  describe(`map and set (${mode})`, () => {
    const m0 = call('map.empty') as MapValue;
    it('insert, lookup with default, member, remove', () => {
      const m1 = call('map.insert', 'a', 1, m0) as MapValue;
      const m2 = call('map.insert', 'b', 2, m1) as MapValue;
      const m3 = call('map.insert', 'a', 3, m2) as MapValue;
      assert.equal(m1.size, 1);
      assert.equal(call('map.lookup', 0, 'a', m2), 1);
      assert.equal(call('map.lookup', 0, 'a', m3), 3);
      assert.equal(call('map.lookup', 0, 'z', m3), 0);
      assert.equal(call('map.member', 'b', m2), true);
      assert.equal(call('map.member', 'b', m1), false);
      assert.equal(call('map.size', m3), 2);
      assert.equal(call('map.member', 'a', call('map.remove', 'a', m3)), false);
      assert.equal(call('map.member', 'a', m3), true, 'inputs are not mutated');
      assert.equal(call('map.lookup', 0, 'a', call('map.insert-with', (x: number) => (y: number) => x + y, 'a', 10, m3)), 13);
    });
    it('keys are compared structurally; listings come out in key order', () => {
      const m = call('map.from-list', [[[2, 1], 'x'], [[1, 5], 'y'], [[2, 1], 'z']]) as MapValue;
      assert.equal(call('map.lookup', '', [2, 1], m), 'z');
      assert.deepEqual(call('map.keys', m), [[1, 5], [2, 1]]);
      assert.deepEqual(call('map.values', m), ['y', 'z']);
      assert.deepEqual(call('map.entries', m), [[[1, 5], 'y'], [[2, 1], 'z']]);
      const a = call('map.insert', 1, 'p', call('map.insert', 2, 'q', m0));
      const b = call('map.insert', 2, 'q', call('map.insert', 1, 'p', m0));
      assert.ok(valueEquals(a, b));
    });
    it('group-by and count-by', () => {
      const g = call('map.group-by', (s: string) => s.length, ['a', 'bb', 'c', 'dd', 'eee']);
      assert.deepEqual(call('map.entries', g), [[1, ['a', 'c']], [2, ['bb', 'dd']], [3, ['eee']]]);
      const c = call('map.count-by', (x: number) => x % 2 === 0, [1, 2, 3, 5]);
      assert.deepEqual(call('map.entries', c), [[false, 3], [true, 1]]);
    });
    it('sets', () => {
      const s = call('set.from-list', [3, 1, 3, 2]) as SetValue;
      const t = call('set.from-list', [2, 3, 4]) as SetValue;
      assert.deepEqual(call('set.to-list', s), [1, 2, 3]);
      assert.equal(call('set.size', s), 3);
      assert.equal(call('set.member', 2, s), true);
      assert.equal(call('set.member', 9, s), false);
      assert.deepEqual(call('set.to-list', call('set.union', s, t)), [1, 2, 3, 4]);
      assert.deepEqual(call('set.to-list', call('set.intersection', s, t)), [2, 3]);
      assert.deepEqual(call('set.to-list', call('set.difference', s, t)), [1]);
      assert.deepEqual(call('set.to-list', call('set.insert', 0, call('set.empty'))), [0]);
      assert.deepEqual(call('set.to-list', call('set.remove', 1, s)), [2, 3]);
      assert.equal(s.size, 3, 'inputs are not mutated');
    });
  });

  describe(`graph (${mode})`, () => {
    const g = call('graph.from-edges', [[1, 2], [2, 3], [5, 4], [1, 3]]) as GraphValue;
    it('nodes, edges, neighbors', () => {
      assert.deepEqual(call('graph.nodes', g), [1, 2, 3, 4, 5]);
      assert.deepEqual(call('graph.neighbors', 1, g), [2, 3]);
      assert.deepEqual(call('graph.neighbors', 3, g), []);
      assert.deepEqual(call('graph.neighbors', 99, g), []);
      assert.equal(call('graph.out-degree', 1, g), 2);
      assert.deepEqual(call('graph.edges', g), [[1, 2], [1, 3], [2, 3], [5, 4]]);
      const g2 = call('graph.add-edge', 3, 1, g) as GraphValue;
      assert.deepEqual(call('graph.neighbors', 3, g2), [1]);
      assert.deepEqual(call('graph.neighbors', 3, g), [], 'inputs are not mutated');
    });
    it('traversals and paths', () => {
      assert.deepEqual(call('graph.bfs', 1, g), [1, 2, 3]);
      assert.deepEqual(call('graph.bfs', 4, g), [4]);
      assert.equal(call('graph.reachable', 1, 3, g), true);
      assert.equal(call('graph.reachable', 3, 1, g), false);
      assert.equal(call('graph.reachable', 2, 2, g), true);
      assert.equal(call('graph.shortest-path-length', 1, 3, g), 1);
      assert.equal(call('graph.shortest-path-length', 2, 3, g), 1);
      assert.equal(call('graph.shortest-path-length', 3, 1, g), -1);
      assert.equal(call('graph.shortest-path-length', 4, 4, g), 0);
      assert.deepEqual(call('graph.components', g), [[1, 2, 3], [4, 5]]);
    });
    it('topological sort and cycles', () => {
      assert.deepEqual(call('graph.topo-sort', g), some([1, 2, 3, 5, 4]));
      assert.equal(call('graph.has-cycle', g), false);
      const cyc = call('graph.from-edges', [[1, 2], [2, 3], [3, 1], [0, 1]]);
      assert.deepEqual(call('graph.topo-sort', cyc), NONE);
      assert.equal(call('graph.has-cycle', cyc), true);
      assert.equal(call('graph.has-cycle', call('graph.from-edges', [[7, 7]])), true);
      assert.deepEqual(call('graph.topo-sort', call('graph.from-edges', [])), some([]));
    });
  });

  describe(`memory (${mode})`, () => {
    it("fails with kind 'memory' when no memory is attached", () => {
      failsWith('memory', /no long-term memory/, () => withLimits({ memory: null })('remember', 'k', 1));
      failsWith('memory', /no long-term memory/, () => withLimits({ memory: null })('recall', 'k', 1));
    });
    it('remembers and recalls through the attached memory', () => {
      const store = new Map<string, unknown>();
      const memory = { get: (k: string) => store.get(k), set: (k: string, v: unknown) => { store.set(k, v); } };
      const run = withLimits({ memory });
      assert.equal(run('recall', 'k', 0), 0);
      assert.deepEqual(run('remember', 'k', [1, 2]), [1, 2]);
      assert.deepEqual(store.get('k'), [1, 2]);
      assert.deepEqual(run('recall', 'k', []), [1, 2]);
      assert.equal(run('recall', 'k', 5), 5, 'a value of another shape is not returned');
    });
  });
}
