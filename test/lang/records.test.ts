// JSON objects: record types (syntax, inference from values, conversion), the accessors and constructors search
// adds for them, and programs over them run, exported, and given JSON at the API's edge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseType, printType, recordFields } from '../../src/lang/type.ts';
import { fromJson, toJson, valueEquals, valueKey, some, NONE } from '../../src/lang/value.ts';
import { inferTaskType } from '../../src/task/infer-type.ts';
import { recordPrimitives } from '../../src/lang/primitives/record.ts';
import { extendSet } from '../../src/lang/primitive.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import { evaluate } from '../../src/lang/evaluate.ts';
import { parse } from '../../src/lang/parse.ts';
import { inferType } from '../../src/lang/infer.ts';
import { exportModule } from '../../src/api/export.ts';

test('record types: fields sorted, quoted when not identifiers, errors with the column', () => {
  assert.equal(printType(parseType('{name: str, age: int} -> str')), '{age: int, name: str} -> str');
  assert.equal(printType(parseType('list({"first name": str, b: list({x: real})})')), 'list({b: list({x: real}), "first name": str})');
  assert.deepEqual(recordFields(parseType('{b: int, a: str}')), ['a', 'b']);
  assert.equal(recordFields(parseType('list(int)')), null);
  assert.throws(() => parseType('{a: int, a: str}'), /field 'a' twice in record type at column/);
  assert.throws(() => parseType('{a int}'), /expected ':' after field 'a' at column 4/);
});

const ex = (pairs: [unknown, unknown][]) => pairs.map(([i, o], k) => ({ inputs: [i], output: o, field: `train[${k}]` }));

test('inference: objects with the same fields are records, with varying fields maps, else an error naming the field', () => {
  assert.equal(printType(inferTaskType(ex([[{ name: 'Ann', age: 31 }, 'Ann'], [{ age: 4, name: 'Bob' }, 'Bob']]))), '{age: int, name: str} -> str');
  assert.equal(printType(inferTaskType(ex([[[{ item: 'a', price: 3 }], 3], [[], 0]]))), 'list({item: str, price: int}) -> int');
  assert.equal(printType(inferTaskType(ex([['a b a', { a: 2, b: 1 }], ['c', { c: 1 }]]))), 'str -> map(str, int)');
  assert.throws(() => inferTaskType(ex([[{ a: 1 }, 1], [{ b: 'x' }, 2]])), /train\[1\]\.inputs\[0\]: objects with different fields \(\{a: int\} and \{b: str\}\) whose values differ in type/);
  assert.throws(() => inferTaskType(ex([[{ a: 1 }, 1], [{ a: 'x' }, 2]])), /train\[1\]\.inputs\[0\]\.a: values of different types \(int and str\)/);
});

test('records from and to JSON: exact fields, each converted by its type; keys apart from maybes', () => {
  const t = parseType('{name: str, tags: list(char)}');
  const r = fromJson({ tags: 'ab', name: 'x' }, t);
  assert.deepEqual(r, { name: 'x', tags: ['a', 'b'] });
  assert.deepEqual(toJson(r, t), { name: 'x', tags: 'ab' });
  assert.throws(() => fromJson({ name: 'x' }, t, '$.input'), /\$\.input: missing field "tags" \(type \{name: str, tags: list\(char\)\}\)/);
  assert.throws(() => fromJson({ name: 'x', tags: '', age: 3 }, t), /unexpected field "age"/);
  assert.throws(() => fromJson({ name: 3, tags: '' }, t), /\$\.name: expected a string/);
  assert.throws(() => fromJson([1], t), /expected an object/);
  // a record whose fields look like a maybe's is still a record
  assert.notEqual(valueKey({ tag: 'none', n: 1 }), valueKey({ tag: 'none', n: 2 }));
  assert.equal(valueKey(NONE), 'none');
  assert.equal(valueKey(some(3)), 'some(3)');
  assert.ok(valueEquals({ a: 1, b: [2] }, { b: [2], a: 1 }));
  assert.ok(!valueEquals({ a: 1, b: [2] }, { a: 1, b: [3] }));
});

test('record primitives: an accessor per field, a constructor for returned records, typed and runnable', () => {
  const type = parseType('list({item: str, price: int}) -> {"first name": str, n: int}');
  const ps = recordPrimitives(type);
  assert.deepEqual(ps.map((p) => `${p.name} : ${printType(p.type)}`), [
    '.item : {item: str, price: int} -> str',
    '.price : {item: str, price: int} -> int',
    '.first_name : {"first name": str, n: int} -> str',
    '.n : {"first name": str, n: int} -> int',
    '{first_name,n} : str -> int -> {"first name": str, n: int}',
  ]);
  const prims = extendSet(basePrimitives, ps);
  const program = parse('(lambda ({first_name,n} (.item (car $0)) (sum (map (lambda (.price $0)) $0))))');
  assert.equal(printType(inferType(program, prims)), printType(type));
  const input = [{ item: 'tea', price: 3 }, { item: 'cake', price: 4 }];
  const r = evaluate(program, [input], { prims });
  assert.ok(r.ok);
  assert.deepEqual(r.value, { 'first name': 'tea', n: 7 });
});

test('exported programs take and return JSON: record fields as properties, maps as objects', async () => {
  const prims = extendSet(basePrimitives, recordPrimitives(parseType('list({item: str, price: int}) -> int')));
  const load = async (src: string) => (await import(`data:text/javascript;base64,${Buffer.from(exportModule(parse(src), prims)).toString('base64')}`)).default;
  const total = await load('(lambda (sum (map (lambda (.price $0)) $0)))');
  assert.equal(total([{ item: 'a', price: 2 }, { item: 'b', price: 5 }]), 7);
  const counts = await load('(lambda (map.count-by (lambda $0) (split $0 " ")))');
  assert.deepEqual(counts('to be or not to be'), { be: 2, not: 1, or: 1, to: 2 });
});
