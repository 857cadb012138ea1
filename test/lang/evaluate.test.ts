import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../src/lang/parse.ts';
import { compile, evaluate, runCompiled, type EvalResult } from '../../src/lang/evaluate.ts';
import { interpret } from '../../src/lang/interpret.ts';
import { extendSet, type Primitive } from '../../src/lang/primitive.ts';
import { parseType, printType, splitArrow } from '../../src/lang/type.ts';
import { meter, withMeter } from '../../src/lang/runtime.ts';
import { small } from '../fixtures/lang/small-prims.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';

type Run = (src: string, args?: unknown[], fuel?: number) => EvalResult;
const compiled: Run = (src, args = [], fuel) => evaluate(parse(src), args, { prims: small, ...(fuel ? { fuel } : {}) });
const interpreted: Run = (src, args = [], fuel) => interpret(parse(src), args, { prims: small, ...(fuel ? { fuel } : {}) });

for (const [name, run] of [['compiled', compiled], ['interpreted', interpreted]] as const) {
  const value = (src: string, args: unknown[] = []) => {
    const r = run(src, args);
    assert.ok(r.ok, `${src}: ${JSON.stringify(r)}`);
    return r.value;
  };
  const failure = (src: string, args: unknown[] = [], fuel?: number) => {
    const r = run(src, args, fuel);
    assert.ok(!r.ok, `${src} should fail`);
    return r.failure.kind;
  };

  test(`${name}: arguments are applied in order`, () => {
    assert.equal(value('(lambda (lambda (- $1 $0)))', [10, 3]), 7);
    assert.deepEqual(value('(lambda (map (lambda (+ $0 1)) $0))', [[1, 2, 3]]), [2, 3, 4]);
    assert.equal(value('(lambda (fold $0 0 (lambda (lambda (+ $0 $1)))))', [[1, 2, 3, 4]]), 10);
  });

  test(`${name}: partial application and primitives as values`, () => {
    assert.deepEqual(value('(map (+ 1) (range 3))'), [1, 2, 3]);
    assert.equal(value('(fold (range 4) 0 +)'), 6);
    assert.deepEqual(value('(lambda (map (if true 1) $0))', [[5, 6]]), [1, 1]);
    assert.deepEqual(value('(lambda ((lambda (lambda (cons $1 $0))) 1 $0))', [[2]]), [1, 2]);
  });

  test(`${name}: if is lazy`, () => {
    assert.equal(value('(lambda (if (empty? $0) 0 (car $0)))', [[]]), 0);
    assert.equal(value('(and false (gt? (car empty) 1))'), false);
  });

  test(`${name}: inlined abstractions and library abstractions`, () => {
    assert.equal(value('(#(lambda (lambda (+ $0 $1))) 1 2)'), 3);
    assert.deepEqual(value('(lambda (#(lambda (map (lambda (* $0 $0)) $0)) $0))', [[1, 2, 3]]), [1, 4, 9]);
  });

  test(`${name}: runtime failures are typed`, () => {
    assert.equal(failure('(lambda (car $0))', [[]]), 'runtime');
    assert.equal(failure('(mod 1 0)'), 'runtime');
    assert.equal(failure('(lambda (range $0))', [1e9]), 'size');
    assert.equal(failure('(frobnicate 1)'), 'type');
    assert.equal(failure('?int'), 'runtime');
  });

  test(`${name}: non-termination ends as a fuel failure`, () => {
    assert.equal(failure('(lambda (fix1 $0 (lambda (lambda ($1 $0)))))', [1]), 'fuel');
    assert.equal(failure('(lambda (fix1 $0 (lambda (lambda ($1 (+ $0 1))))))', [1], 1000), 'fuel');
    // pure lambda towers spend fuel too: (twice twice twice twice) id
    const twice = '(lambda (lambda ($1 ($1 $0))))';
    assert.equal(failure(`(${twice} ${twice} ${twice} ${twice} ${twice} (lambda $0) 0)`, [], 10_000), 'fuel');
  });

  test(`${name}: fuel is one step per primitive application and per lambda entry`, () => {
    assert.ok(run('(lambda (+ (+ $0 1) 1))', [1], 3).ok);
    assert.equal(failure('(lambda (+ (+ $0 1) 1))', [1], 2), 'fuel');
  });
}

test('library abstractions (primitives with a body) compile from their body, once', () => {
  const square: Primitive = { name: 'square', type: parseType('int -> int'), impl: () => { throw new Error('unused'); }, family: 'library', body: parse('(lambda (* $0 $0))') };
  const prims = extendSet(small, [square]);
  const e = parse('(lambda (map square $0))');
  assert.deepEqual(evaluate(e, [[1, 2, 3]], { prims }), { ok: true, value: [1, 4, 9] });
  assert.deepEqual(interpret(e, [[1, 2, 3]], { prims }), { ok: true, value: [1, 4, 9] });
});

test('compile caches per expression and runs under runCompiled', () => {
  const e = parse('(lambda (length $0))');
  const f = compile(e, small);
  assert.equal(compile(e, small), f);
  assert.deepEqual(runCompiled(f, [[1, 2]], {}), { ok: true, value: 2 });
  assert.deepEqual(runCompiled(f, [[]], { fuel: 0 }), { ok: false, failure: { kind: 'fuel', message: 'out of fuel' } });
});

test('an impl throwing a plain Error is a runtime failure; the host never sees it', () => {
  const boom: Primitive = { name: 'boom', type: parseType('int -> int'), impl: () => { throw new TypeError('x is undefined'); }, family: 'test' };
  const prims = extendSet(small, [boom]);
  for (const r of [evaluate(parse('(boom 1)'), [], { prims }), interpret(parse('(boom 1)'), [], { prims })])
    assert.deepEqual(r, { ok: false, failure: { kind: 'runtime', message: 'x is undefined' } });
});

test('the result size is checked', () => {
  const r = evaluate(parse('(lambda $0)'), [Array.from({ length: 50 }, () => 1)], { prims: small, maxSize: 10 });
  assert.equal(!r.ok && r.failure.kind, 'size');
});

test('long-term memory is the one passed in, for both evaluators', () => {
  const store = new Map<string, unknown>();
  const memory = { get: (k: string) => store.get(k), set: (k: string, v: unknown) => { store.set(k, v); } };
  const prims = basePrimitives;
  assert.deepEqual(evaluate(parse('(remember "k" 7)'), [], { prims, memory }), { ok: true, value: 7 });
  assert.deepEqual(interpret(parse('(recall "k" 0)'), [], { prims, memory }), { ok: true, value: 7 });
  const none = evaluate(parse('(recall "k" 0)'), [], { prims });
  assert.equal(!none.ok && none.failure.kind, 'memory');
});

test('inline templates: every base primitive with one compiles and agrees with its impl', () => {
  const samples: Record<string, unknown[]> = {
    int: [0, 3, -4, 7], real: [0.5, -2, 3.25], bool: [true, false], char: ['a', ' ', 'Z'], str: ['', 'ab', 'b a'],
    'list(a)': [[], [1, 2]], 'pair(a, b)': [[1, true]], 'maybe(a)': [{ tag: 'none' }, { tag: 'some', value: 2 }], a: [1, 'x'], b: [2],
  };
  let n = 0;
  for (const p of basePrimitives.values()) {
    if (!p.inline) continue;
    const { args: argTypes } = splitArrow(p.type);
    const params = argTypes.map((_, i) => `$${argTypes.length - 1 - i}`);
    const expr = parse(`${'(lambda '.repeat(argTypes.length)}(${p.name} ${params.join(' ')})${')'.repeat(argTypes.length)}`);
    const pools = argTypes.map((t) => samples[printType(t)] ?? assert.fail(`${p.name}: no samples for ${printType(t)}`));
    for (let k = 0; k < 6; k++) {
      const args = pools.map((pool, i) => pool[(k + i) % pool.length]);
      const direct = p.impl(...args.map((a, i) => (p.lazy?.includes(i) ? () => a : a)));
      const r = evaluate(expr, args, { prims: basePrimitives });
      assert.ok(r.ok && Object.is(r.value, direct) || (r.ok && JSON.stringify(r.value) === JSON.stringify(direct)), `${p.name} ${JSON.stringify(args)}`);
    }
    n++;
  }
  assert.ok(n >= 20, `${n} inlined primitives`);
});

test('inline templates must use each argument once, in order', () => {
  const swap: Primitive = { name: 'swap-minus', type: parseType('int -> int -> int'), impl: (x: number, y: number) => x - y, family: 'test', inline: '$1 - $0' };
  const r = evaluate(parse('(lambda (swap-minus $0 1))'), [5], { prims: extendSet(basePrimitives, [swap]) });
  assert.ok(!r.ok && /inline template must use \$0 … \$1 once each, in order/.test(r.failure.message), JSON.stringify(r));
});

test('a two-lambda nest carries an uncurried twin that spends the same fuel', () => {
  const f = compile(parse('(lambda (lambda (+ $0 (* $1 2))))'), basePrimitives)([]) as ((x: number) => (y: number) => number) & { u2?: (x: number, y: number) => number };
  assert.equal(typeof f.u2, 'function');
  const spent = (g: () => unknown) => withMeter({ fuel: 1000 }, () => { const v = g(); return [v, 1000 - meter.fuel]; });
  assert.deepEqual(spent(() => f(3)(4)), spent(() => f.u2!(3, 4)));
  assert.deepEqual(spent(() => f(3)(4)), [10, 4]);
  // fold uses it; a program that runs out of fuel still fails with 'fuel'
  const fold = parse('(lambda (fold $0 0 (lambda (lambda (+ $0 $1)))))');
  assert.deepEqual(evaluate(fold, [[1, 2, 3]], { prims: basePrimitives }), interpret(fold, [[1, 2, 3]], { prims: basePrimitives }));
  const r = evaluate(fold, [Array.from({ length: 100 }, (_, i) => i)], { prims: basePrimitives, fuel: 50 });
  assert.ok(!r.ok && r.failure.kind === 'fuel');
});
