import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from '../../src/lang/parse.ts';
import { inferType, checkType, InferError } from '../../src/lang/infer.ts';
import { parseType, printType, tint, tlist, arrow, tvar, tcon, trecord, type Type } from '../../src/lang/type.ts';
import { typeFromJson, typeToJson } from '../../src/lang/type-json.ts';
import { unify, emptySubst, applySubst, canonical } from '../../src/lang/unify.ts';
import { primitiveSet, type Primitive } from '../../src/lang/primitive.ts';

const P = (name: string, type: string): Primitive => ({ name, type: parseType(type), impl: () => 0, family: 'test' });
const prims = primitiveSet([
  P('map', '(a -> b) -> list(a) -> list(b)'),
  P('fold', 'list(a) -> b -> (a -> b -> b) -> b'),
  P('+', 'int -> int -> int'),
  P('cons', 'a -> list(a) -> list(a)'),
  P('empty', 'list(a)'),
  P('car', 'list(a) -> a'),
  P('if', 'bool -> a -> a -> a'),
  P('gt?', 'int -> int -> bool'),
]);
const typeOf = (src: string) => printType(inferType(parse(src), prims));

test('type syntax prints back', () => {
  for (const s of ['int', 'list(int) -> int', '(a -> b) -> list(a) -> list(b)', 'pair(a, map(str, list(b)))', 'a -> b -> a'])
    assert.equal(printType(parseType(s)), s);
});

test('type syntax errors give a column', () => {
  assert.throws(() => parseType('list(int'), /column 9/);
  assert.throws(() => parseType('int ->'), /end of type/);
});

test('infers principal types', () => {
  assert.equal(typeOf('(lambda (map (lambda (+ $0 1)) $0))'), 'list(int) -> list(int)');
  assert.equal(typeOf('(lambda (fold $0 0 (lambda (lambda (+ $0 $1)))))'), 'list(int) -> int');
  assert.equal(typeOf('(lambda (lambda (cons $1 $0)))'), 'a -> list(a) -> list(a)');
  assert.equal(typeOf('(lambda (if (gt? $0 0) $0 1))'), 'int -> int');
  assert.equal(typeOf('#(lambda (map (lambda (+ $0 $1))))'), 'int -> list(int) -> list(int)');
  assert.equal(typeOf('(lambda (car (#(lambda (cons $0 empty)) $0)))'), 'a -> a');
});

test('inlined abstractions are polymorphic at each use', () => {
  assert.equal(typeOf('(lambda (#(lambda (cons $0 empty)) (#(lambda (cons $0 empty)) $0)))'), 'a -> list(list(a))');
});

test('type errors are clear', () => {
  assert.throws(() => inferType(parse('(+ 1 "x")'), prims), (e: unknown) =>
    e instanceof InferError && /expects int but the argument "x" has type str/.test(e.message));
  assert.throws(() => inferType(parse('(nope 1)'), prims), /unknown primitive 'nope'/);
  assert.throws(() => inferType(parse('(lambda $1)'), prims), /free variable \$1/);
  assert.throws(() => checkType(parse('(lambda (+ $0 1))'), parseType('list(int) -> int'), prims), /expected list\(int\) -> int/);
});

test('checkType specializes to the expected type', () => {
  assert.equal(printType(checkType(parse('(lambda $0)'), parseType('int -> int'), prims)), 'int -> int');
});

test('DreamCoder JSON types round-trip', () => {
  const j = { constructor: '->', arguments: [{ constructor: 'list', arguments: [{ constructor: 'int', arguments: [] }] }, { constructor: 'int', arguments: [] }] };
  assert.equal(printType(typeFromJson(j)), 'list(int) -> int');
  assert.deepEqual(typeToJson(typeFromJson(j)), j);
  assert.throws(() => typeFromJson({ foo: 1 }), /not a DreamCoder type/);
});

const typeArb: fc.Arbitrary<Type> = fc.letrec<{ t: Type }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(tint, tcon('str'), tcon('bool')),
    fc.integer({ min: 0, max: 3 }).map(tvar),
    tie('t').map(tlist),
    fc.tuple(tie('t'), tie('t')).map(([a, b]) => arrow(a, b)),
    fc.tuple(tie('t'), tie('t')).map(([a, b]) => tcon('pair', a, b)),
    // records, with field names that need quoting too
    fc.uniqueArray(fc.tuple(fc.constantFrom('name', 'age', 'first name', 'x', '$id', '1st'), tie('t')), { selector: ([k]) => k, maxLength: 3 })
      .map((fields) => trecord(fields)),
  ),
})).t;

test('property: printType/parseType round-trip up to variable renaming', () => {
  fc.assert(fc.property(typeArb, (t) => printType(parseType(printType(t))) === printType(t)), { seed: 7, numRuns: 1000 });
});

test('property: a unifier makes both sides equal', () => {
  fc.assert(fc.property(typeArb, typeArb, (a, b) => {
    const s = unify(a, b, emptySubst(10));
    if (!s) return true;
    return printType(canonical(applySubst(a, s))) === printType(canonical(applySubst(b, s)));
  }), { seed: 11, numRuns: 1000 });
});
