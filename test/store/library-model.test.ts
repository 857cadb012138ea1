/** The pure Library model: change semantics, entry validation, and abstractions as primitives. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, emptyLibrary, entryProblems, freshPrefix, learnedChange, LibraryError, toPrimitives, weights, withLibrary, type Library, type LibraryEntry } from '../../src/library/library.ts';
import { compress } from '../../src/library/compress.ts';
import { primitiveSet, type Primitive } from '../../src/lang/primitive.ts';
import { parseType, printType } from '../../src/lang/type.ts';
import { print } from '../../src/lang/print.ts';
import { parse } from '../../src/lang/parse.ts';
import { extendSet } from '../../src/lang/primitive.ts';
import { evaluate } from '../../src/lang/evaluate.ts';
import { withMeter } from '../../src/lang/runtime.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import { recordPrimitives } from '../../src/lang/primitives/record.ts';
import { abstraction, neural, primitive, T0 } from './fixtures/entries.ts';

const base = primitiveSet([
  { name: '+', type: parseType('int -> int -> int'), family: 'test', impl: (a: number, b: number) => a + b },
  { name: 'map', type: parseType('(a -> b) -> list(a) -> list(b)'), family: 'test', impl: (f: (x: unknown) => unknown, xs: unknown[]) => xs.map(f) },
  { name: '1', type: parseType('int'), family: 'test', impl: () => 1 },
] satisfies Primitive[]);

const abs = (name: string, body: string, type: string, arity: number, weight = -1): LibraryEntry =>
  ({ ...abstraction(name, weight), body, type, arity });

const lib = (...entries: LibraryEntry[]): Library => applyChange(emptyLibrary(), { add: entries, operation: 'test' }, T0).library;

describe('Library model', () => {
  it('applies changes and records them', () => {
    const { library: l1, record: r1 } = applyChange(emptyLibrary(), { add: [abstraction('a'), neural('n')], operation: 'compress', note: 'x' }, T0);
    assert.equal(l1.version, 1);
    assert.deepEqual(r1, { version: 1, time: T0, operation: 'compress', note: 'x', added: ['a', 'n'], updated: [], removed: [] });
    const { library: l2 } = applyChange(l1, { update: [abstraction('a', -9)], remove: ['n'], operation: 'cli' }, T0);
    assert.equal(l2.version, 2);
    assert.deepEqual([...l2.entries.keys()], ['a']);
    assert.equal(weights(l2).get('a'), -9);
    assert.equal(l1.entries.size, 2, 'the old version is unchanged');
    assert.throws(() => applyChange(l2, { add: [abstraction('a')], operation: 'x' }, T0), (e: unknown) => e instanceof LibraryError && e.reason === 'exists');
    assert.throws(() => applyChange(l2, { remove: ['q'], operation: 'x' }, T0), (e: unknown) => e instanceof LibraryError && e.reason === 'missing');
    assert.throws(() => applyChange(l2, { add: [abstraction('b')], operation: 'x', expectVersion: 1 }, T0), (e: unknown) => e instanceof LibraryError && e.reason === 'conflict');
  });

  it('names the field of each problem with an entry', () => {
    const cases: [Partial<LibraryEntry>, RegExp][] = [
      [{ name: 'has space' }, /^name: /],
      [{ name: '12' }, /^name: /],
      [{ type: 'int ->' }, /^type: unexpected end of type/],
      [{ arity: 3 }, /^arity: 3 exceeds the 2 arguments/],
      [{ arity: -1 }, /^arity: -1 is not a non-negative integer/],
      [{ weight: NaN }, /^weight: /],
      [{ body: '(lambda (+ $0' }, /^body: unclosed/],
      [{ body: '(+ $0 1)' }, /^body: has free variables/],
      [{ body: '(lambda (+ $0 1))' }, /^body: has 1 lambdas, fewer than arity 2/],
      [{ body: undefined }, /^body: an abstraction needs a body/],
      [{ neural: neural('n').neural }, /^neural: only neural entries/],
      [{ provenance: { tasks: [], programs: [], createdAt: 'yesterday', source: 's' } }, /^provenance\.createdAt: 'yesterday'/],
    ];
    for (const [patch, re] of cases) {
      const problems = entryProblems({ ...abstraction('ok'), ...patch });
      assert.ok(problems.some((p) => re.test(p)), `${JSON.stringify(patch)}: ${problems.join(' | ')}`);
    }
    assert.deepEqual(entryProblems(abstraction('ok')), []);
    assert.deepEqual(entryProblems(neural('n')), []);
    assert.deepEqual(entryProblems(primitive('+')), []);
    for (const name of ['empty?', 'gt?', 'char-eq?', '*', 'fn_0', 'is-prime']) assert.deepEqual(entryProblems(primitive(name)), [], name);
    for (const name of ['$0', '?int', '#x', '3', '-1', '.5', 'true', 'lambda', 'a b', '(x)', '']) assert.equal(entryProblems(primitive(name)).length, 1, name);
    assert.match(entryProblems({ ...primitive('p'), body: '(lambda $0)' })[0]!, /^body: only abstractions/);
    assert.match(entryProblems({ ...neural('n'), neural: undefined })[0]!, /^neural: a neural entry needs its module/);
  });

  it('turns abstractions into primitives in dependency order, with bodies and checked types', () => {
    const l = lib(
      abs('inc_all', '(lambda (map (lambda (add2 $0 1)) $0))', 'list(int) -> list(int)', 1),
      abs('add2', '(lambda (lambda (+ $0 $1)))', 'a -> a -> a', 2, -0.5),
      neural('net'), primitive('+'),
    );
    const prims = toPrimitives(l, base, { compile: (e) => (args) => `ran ${print(e)} on ${JSON.stringify(args)}` });
    assert.deepEqual(prims.map((p) => p.name), ['add2', 'inc_all']);
    assert.equal(printType(prims[0]!.type), 'int -> int -> int', 'the stored type is refined by the body');
    assert.equal(print(prims[0]!.body!), '(lambda (lambda (+ $0 $1)))');
    assert.equal(prims[0]!.family, 'library');
    assert.equal(prims[1]!.impl([1, 2]), 'ran (lambda (map (lambda (add2 $0 1)) $0)) on [[1,2]]');
  });

  it('reports broken abstractions by name', () => {
    assert.throws(() => toPrimitives(lib(abs('f', '(lambda (nope $0))', 'int -> int', 1)), base),
      /abstraction 'f' uses 'nope', which is neither a primitive nor an abstraction/);
    assert.throws(() => toPrimitives(lib(abs('f', '(lambda (g $0))', 'int -> int', 1), abs('g', '(lambda (f $0))', 'int -> int', 1)), base),
      /cycle: f -> g -> f/);
    assert.throws(() => toPrimitives(lib(abs('f', '(lambda (+ $0 1))', 'bool -> bool', 1)), base),
      /abstraction 'f': program has type int -> int, expected bool -> bool/);
    assert.equal(printType(toPrimitives(lib(abs('f', '(lambda (+ $0 1))', 'bool -> bool', 1)), base, { storedTypes: true })[0]!.type), 'bool -> bool');
  });

  it('runs abstractions through the evaluator, inside programs and called directly', () => {
    const l = lib(
      abs('add2', '(lambda (lambda (+ $0 $1)))', 'int -> int -> int', 2),
      abs('inc_all', '(lambda (map (lambda (add2 $0 1)) $0))', 'list(int) -> list(int)', 1),
      abs('twice', '(lambda (lambda ($1 ($1 $0))))', '(a -> a) -> a -> a', 2),
    );
    const learned = toPrimitives(l, basePrimitives);
    const prims = extendSet(basePrimitives, learned);
    const run = (src: string, ...args: unknown[]) => evaluate(parse(src), args, { prims });
    assert.deepEqual(run('(lambda (inc_all $0))', [1, 2, 3]), { ok: true, value: [2, 3, 4] });
    assert.deepEqual(run('(lambda (twice (lambda (add2 $0 3)) $0))', 1), { ok: true, value: 7 });
    assert.deepEqual(run('(lambda (map (twice (add2 10)) $0))', [0, 5]), { ok: true, value: [20, 25] }, 'partially applied');
    const byName = new Map(learned.map((p) => [p.name, p]));
    assert.deepEqual(withMeter({}, () => byName.get('inc_all')!.impl([1, 2])), [2, 3]);
    assert.equal(withMeter({}, () => byName.get('twice')!.impl((x: number) => x * 2, 3)), 12);
    // the abstraction's own steps count against the caller's fuel
    const starved = evaluate(parse('(lambda (inc_all $0))'), [Array.from({ length: 50 }, (_, i) => i)], { prims, fuel: 20 });
    assert.equal(starved.ok ? 'ok' : starved.failure.kind, 'fuel');
  });

  it('reads the fields of the records its type names (abstractions learned on JSON tasks)', () => {
    const learned = toPrimitives(lib(abs('total', '(lambda (sum (map (lambda (.price $0)) $0)))', 'list({item: str, price: int}) -> int', 1)), basePrimitives);
    assert.equal(printType(learned[0]!.type), 'list({item: str, price: int}) -> int');
    // called directly, and inside a program of a task whose type names the record (search adds its accessors)
    const orders = [{ item: 'a', price: 2 }, { item: 'b', price: 5 }];
    assert.equal(withMeter({}, () => learned[0]!.impl(orders)), 7);
    const prims = extendSet(basePrimitives, [...learned, ...recordPrimitives(learned[0]!.type)]);
    assert.deepEqual(evaluate(parse('(lambda (total $0))'), [orders], { prims }), { ok: true, value: 7 });
    assert.throws(() => toPrimitives(lib(abs('f', '(lambda (.nope $0))', '{price: int} -> int', 1)), basePrimitives), /uses '\.nope'/);
  });
});

describe('learned abstractions into the library', () => {
  const corpus = [1, 2, 3, 4, 5].map((k) => [parse(`(lambda (map (lambda (+ (* $0 ${k}) ${k})) $0))`)]);
  const report = compress(corpus, { iterations: 1, maxArity: 2 });

  it('adds typed entries that programs rewritten by compression run with, giving the original outputs', () => {
    assert.equal(report.abstractions.length, 1);
    const change = learnedChange(emptyLibrary(), report.abstractions, {
      base: basePrimitives, time: T0, provenance: (_, i) => ({ tasks: corpus.map((_, t) => `t${t}`), programs: [`#${i}`] }),
    });
    assert.equal(change.expectVersion, 0);
    const entry = change.add![0]!;
    assert.equal(entry.name, 'fn_0');
    assert.equal(entry.type, 'int -> list(int) -> list(int)');
    assert.deepEqual(entryProblems(entry), []);
    const { prims } = withLibrary(applyChange(emptyLibrary(), change, T0).library, basePrimitives);
    for (let t = 0; t < corpus.length; t++) {
      const before = evaluate(corpus[t]![0]!, [[1, 2, 3]], { prims: basePrimitives });
      const after = evaluate(report.rewritten[t]![0]!, [[1, 2, 3]], { prims });
      assert.ok(before.ok);
      assert.deepEqual(after, before, print(report.rewritten[t]![0]!));
    }
  });

  it('types abstractions over record fields with the tasks\' accessors, and leaves out what does not type-check when asked', () => {
    const prices = [3, 4, 5].map((k) => [parse(`(lambda (* ${k} (sum (map (lambda (.price $0)) $0))))`)]);
    const r = compress(prices, { iterations: 1, maxArity: 2 });
    assert.equal(r.abstractions.length, 1);
    const withFields = extendSet(basePrimitives, recordPrimitives(parseType('list({item: str, price: int}) -> int')));
    const entry = learnedChange(emptyLibrary(), r.abstractions, { base: withFields, time: T0 }).add![0]!;
    assert.match(entry.type, /\{item: str, price: int\}/);
    assert.throws(() => learnedChange(emptyLibrary(), r.abstractions, { base: basePrimitives, time: T0 }), /does not type-check: unknown primitive '\.price'/);
    assert.deepEqual(learnedChange(emptyLibrary(), r.abstractions, { base: basePrimitives, time: T0, skipUntyped: true }).add, []);
  });

  it('picks a fresh name prefix when the library already has fn_N names', () => {
    const l1 = applyChange(emptyLibrary(), learnedChange(emptyLibrary(), report.abstractions, { base: basePrimitives, time: T0 }), T0).library;
    assert.equal(freshPrefix(emptyLibrary(), basePrimitives), 'fn_');
    assert.equal(freshPrefix(l1, basePrimitives), 'fn1_');
    const again = compress(corpus, { iterations: 1, maxArity: 2, prefix: freshPrefix(l1, basePrimitives) });
    const l2 = applyChange(l1, learnedChange(l1, again.abstractions, { base: basePrimitives, time: T0 }), T0).library;
    assert.deepEqual([...l2.entries.keys()].sort(), ['fn1_0', 'fn_0']);
    assert.equal(freshPrefix(l2, basePrimitives), 'fn2_');
  });
});
