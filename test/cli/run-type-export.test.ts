// `arbor run`, `arbor type`, `arbor export` as a user runs them: spawning bin/arbor.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyChange, emptyLibrary } from '../../src/library/library.ts';
import { libraryToJson } from '../../src/store/library-json.ts';

const dir = mkdtempSync(join(tmpdir(), 'arbor-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function arbor(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/arbor.js', ...args], { encoding: 'utf8', env: { ...process.env, ARBOR_LIBRARY: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('arbor run prints the JSON result', () => {
  const r = arbor('run', '(lambda (map (lambda (+ $0 1)) $0))', '[1,2,3]');
  assert.deepEqual(r, { code: 0, out: '[2,3,4]\n', err: '' });
  assert.equal(arbor('run', '(lambda (lambda (cons $0 $1)))', '"bc"', '"a"').out, '"abc"\n'); // list(char) as strings
  assert.equal(arbor('run', '(lambda (str.++ $0 "!"))', '"hi"').out, '"hi!"\n');
  assert.equal(arbor('run', '(+ 1 2)').out, '3\n');
});

test('arbor run: a runtime failure exits 1 with its kind', () => {
  const r = arbor('run', '(lambda (car $0))', '[]');
  assert.equal(r.code, 1);
  assert.match(r.err, /^failed: runtime: /);
  const loop = arbor('run', '(lambda (fix1 $0 (lambda (lambda ($1 (+ $0 1))))))', '0', '--fuel', '1000');
  assert.equal(loop.code, 1);
  assert.match(loop.err, /^failed: fuel: /);
});

test('arbor run: bad programs and arguments give one line and exit 2', () => {
  const cases: [string[], RegExp][] = [
    [['(lambda (car $0)'], /syntax error: unclosed '\(' at line 1, column 1/],
    [['(lambda (frob $0))', '1'], /does not type-check: unknown primitive 'frob'/],
    [['(lambda (+ $0 1))', '[1]'], /argument 1: \$: expected an integer/],
    [['(lambda (+ $0 1))', '{oops'], /argument 1: not valid JSON/],
    [['(lambda (+ $0 1))'], /takes 1 argument, got 0/],
    [['(lambda (+ $0 1))', '1', '--fuel', 'lots'], /--fuel must be a positive integer/],
    [['(lambda (+ $0 1))', '1', '--speed', '3'], /unknown option '--speed'/],
    [[], /missing PROGRAM/],
  ];
  for (const [args, re] of cases) {
    const r = arbor('run', ...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, re);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
});

test('arbor run --memory keeps long-term memory in a file across runs', () => {
  const mem = join(dir, 'memory.json');
  assert.equal(arbor('run', '(lambda (remember "k" $0))', '41', '--memory', mem).out, '41\n');
  assert.equal(arbor('run', '(recall "k" 0)', '--memory', mem).out, '41\n');
  const none = arbor('run', '(recall "k" 0)');
  assert.equal(none.code, 1);
  assert.match(none.err, /^failed: memory: /);
  writeFileSync(join(dir, 'bad.json'), '{"x":1}');
  const bad = arbor('run', '(recall "k" 0)', '--memory', join(dir, 'bad.json'));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /bad\.json: not an Arbor memory file/);
});

test('--library adds a library\'s abstractions to run, type and export', async () => {
  const T0 = '2026-01-01T00:00:00.000Z';
  const double = { name: 'double', kind: 'abstraction', type: 'int -> int', body: '(lambda (+ $0 $0))', arity: 1, weight: -1,
    provenance: { tasks: [], programs: [], createdAt: T0, source: 'test' } } as const;
  const json = join(dir, 'lib.json');
  writeFileSync(json, JSON.stringify(libraryToJson(applyChange(emptyLibrary(), { add: [double], operation: 'test' }, T0).library)));
  const db = join(dir, 'lib.db');
  assert.equal(arbor('library', 'import', json, '--library', db).code, 0);
  assert.equal(arbor('run', '(lambda (map double $0))', '[1,2]', '--library', db).out, '[2,4]\n');
  assert.equal(arbor('type', '(lambda (map double $0))', '--library', db).out, 'list(int) -> list(int)\n');
  const file = join(dir, 'double.mjs');
  assert.equal(arbor('export', '(lambda (map double $0))', '--library', db, '--out', file).code, 0);
  assert.deepEqual((await import(pathToFileURL(file).href)).default([3]), [6]);
  const missing = arbor('run', '(lambda (map double $0))', '[1]', '--library', join(dir, 'none.db'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no library at/);
});

test('arbor type prints the principal type', () => {
  assert.deepEqual(arbor('type', '(lambda (map (lambda (+ $0 1)) $0))'), { code: 0, out: 'list(int) -> list(int)\n', err: '' });
  assert.equal(arbor('type', '(lambda (lambda (cons $0 $1)))').out, 'list(a) -> a -> list(a)\n');
  const r = arbor('type', '(+ 1 "a")');
  assert.equal(r.code, 2);
  assert.match(r.err, /type mismatch/);
});

test('arbor export writes a module that runs', async () => {
  const file = join(dir, 'inc.mjs');
  assert.equal(arbor('export', '(lambda (map (lambda (+ $0 1)) $0))', '--name', 'inc', '--out', file).code, 0);
  assert.match(readFileSync(file, 'utf8'), /export default function inc\(x0\)/);
  const m = await import(pathToFileURL(file).href);
  assert.deepEqual(m.default([1, 2]), [2, 3]);
  const printed = arbor('export', '(lambda (+ $0 1))');
  assert.match(printed.out, /export default function program\(x0\)/);
  assert.equal(arbor('export', '(lambda (+ $0 1))', '--name', '1x').code, 2);
});

test('programs over JSON records: run reads the records off its arguments, type and export take --records', async () => {
  const total = '(lambda (sum (map (lambda (.price $0)) $0)))';
  assert.deepEqual(arbor('run', total, '[{"item":"tea","price":3},{"item":"pie","price":5}]'), { code: 0, out: '8\n', err: '' });
  assert.deepEqual(arbor('type', total, '--records', '{item: str, price: int}'), { code: 0, out: 'list({item: str, price: int}) -> int\n', err: '' });
  const missing = arbor('type', total);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /unknown primitive '\.price'/);
  assert.match(arbor('type', total, '--records', 'int').err, /--records: int names no record type/);
  const file = join(dir, 'total.mjs');
  assert.equal(arbor('export', total, '--records', '{item: str, price: int}', '--out', file).code, 0);
  const m = await import(pathToFileURL(file).href);
  assert.equal(m.default([{ item: 'a', price: 2 }, { item: 'b', price: 40 }]), 42);
});
