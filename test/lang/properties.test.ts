// The language's laws, on generated programs (seeded, at least 1,000 programs per law):
// parse(print(e)) = e; generated programs type-check at their requested type; compiled = reference interpreter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exprEquals, type Expr } from '../../src/lang/expr.ts';
import { parse } from '../../src/lang/parse.ts';
import { print } from '../../src/lang/print.ts';
import { checkType } from '../../src/lang/infer.ts';
import { evaluate, type EvalResult } from '../../src/lang/evaluate.ts';
import { interpret } from '../../src/lang/interpret.ts';
import { generateProgram, randomValue } from '../../src/lang/generate.ts';
import { parseType, splitArrow, type Type } from '../../src/lang/type.ts';
import { valueEquals } from '../../src/lang/value.ts';
import { extendSet, type Primitive, type PrimitiveSet } from '../../src/lang/primitive.ts';
import { rng } from '../../src/util/rng.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';

const RUNS = 1000;
// Data families only: grids/objects need ARC-sized inputs, memory is impure.
const exclude = (p: Primitive) => p.pure === false || p.family === 'grid' || p.family === 'objects';
const TYPES = ['list(int) -> int', 'int -> int -> int', 'list(int) -> list(int)', 'str -> str', 'a -> a',
  'list(a) -> list(a)', 'list(int) -> bool', 'int -> list(int)', 'str -> int -> str', 'list(char) -> list(char)',
  'list(list(int)) -> list(int)', 'list(int) -> pair(int, bool)', 'real -> real'].map((s) => parseType(s));

/** fast-check arbitrary of [type, program, args] built from a seed through the seeded generator. */
function programs(prims: PrimitiveSet, maxDepth: number) {
  return fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((seed) => {
    const r = rng(seed);
    const type = TYPES[seed % TYPES.length]!;
    let expr: Expr | null = null;
    for (let i = 0; i < 5 && !expr; i++) expr = generateProgram(type, { prims, rng: r, maxDepth, exclude });
    const args = splitArrow(type).args.map((t) => randomValue(t, r));
    return { type, expr, args };
  });
}

const show = (r: EvalResult) => (r.ok ? JSON.stringify(r.value) : `failed: ${r.failure.kind}: ${r.failure.message}`);
const same = (a: EvalResult, b: EvalResult) =>
  a.ok ? b.ok && valueEquals(a.value, b.value) : !b.ok && a.failure.kind === b.failure.kind;

test('the generator is deterministic for a seed', () => {
  const t = parseType('list(int) -> int');
  const a = generateProgram(t, { prims: basePrimitives, rng: rng(5), exclude });
  const b = generateProgram(t, { prims: basePrimitives, rng: rng(5), exclude });
  assert.ok(a && b && exprEquals(a, b));
});

test('law: parse(print(e)) = e, both lambda spellings', () => {
  let n = 0;
  fc.assert(fc.property(programs(basePrimitives, 4), ({ expr }) => {
    if (!expr) return;
    n++;
    assert.ok(exprEquals(parse(print(expr)), expr), print(expr));
    assert.ok(exprEquals(parse(print(expr, { lambda: 'lam' })), expr), print(expr));
    assert.equal(print(parse(print(expr))), print(expr));
  }), { seed: 42, numRuns: RUNS });
  assert.ok(n >= RUNS * 0.95, `only ${n} programs generated`);
});

test('law: every generated program type-checks at the type it was generated for', () => {
  fc.assert(fc.property(programs(basePrimitives, 4), ({ type, expr }) => {
    if (!expr) return;
    const t: Type = checkType(expr, type, basePrimitives);
    assert.ok(t, print(expr));
  }), { seed: 7, numRuns: RUNS });
});

// Library abstractions (primitives defined by a body), so the law covers them too.
const abstraction = (name: string, type: string, body: string): Primitive =>
  ({ name, type: parseType(type), impl: () => { throw new Error('a library abstraction runs its body'); }, family: 'library', body: parse(body) });
const withLibrary = extendSet(basePrimitives, [
  abstraction('double-all', 'list(int) -> list(int)', '(lambda (map (lambda (+ $0 $0)) $0))'),
  abstraction('twice', '(a -> a) -> a -> a', '(lambda (lambda ($1 ($1 $0))))'),
  abstraction('count-if', '(a -> bool) -> list(a) -> int', '(lambda (lambda (fold $0 0 (lambda (lambda (if ($3 $1) (+ $0 1) $0))))))'),
]);

test('law: compiled evaluator = reference interpreter (same value or same failure kind)', () => {
  const kinds: Record<string, number> = {};
  fc.assert(fc.property(programs(withLibrary, 3), ({ expr, args }) => {
    if (!expr) return;
    const opts = { prims: withLibrary, fuel: 5_000, maxSize: 10_000 };
    const a = evaluate(expr, args, opts);
    const b = interpret(expr, args, opts);
    const k = a.ok ? 'ok' : a.failure.kind;
    kinds[k] = (kinds[k] ?? 0) + 1;
    assert.ok(same(a, b), `${print(expr)} on ${JSON.stringify(args)}: compiled ${show(a)}, interpreted ${show(b)}`);
  }), { seed: 1234, numRuns: RUNS });
  assert.ok((kinds.ok ?? 0) > RUNS / 10, `too few successful runs: ${JSON.stringify(kinds)}`);
});
