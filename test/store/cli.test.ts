/** `arbor library` end to end: import, list, show, history, export, and one-line errors with exit code 2. */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { applyChange, emptyLibrary } from '../../src/library/library.ts';
import { libraryToJson } from '../../src/store/library-json.ts';
import { abstraction, neural, T0 } from './fixtures/entries.ts';

// checked before any test runs: the tests below block the event loop (spawnSync), which would time the check out
const PG_URL = process.env.ARBOR_TEST_POSTGRES || 'postgres://arbor:arbor@127.0.0.1:5432/arbor_test';
async function pgProblem(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 10_000 });
  c.on('error', () => {});
  try { await c.connect(); return null; } catch (e) { return (e as Error).message || String((e as { code?: string }).code); } finally { await c.end().catch(() => {}); }
}
const problem = await pgProblem();

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'arbor-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function arbor(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'library', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ARBOR_LIBRARY: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const lib = join(dir, 'a.db');
const input = join(dir, 'in.json');
writeFileSync(input, JSON.stringify(libraryToJson(applyChange(emptyLibrary(), { add: [abstraction('fn_0'), neural('digit')], operation: 'test' }, T0).library)));

describe('arbor library', () => {
  it('imports, lists, shows and records history', () => {
    let r = arbor('import', input, '--library', lib, '--json');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { file: input, added: 2, updated: 0, unchanged: 0, version: 1 });
    r = arbor('import', input, `--library=${lib}`);
    assert.match(r.out, /0 added, 0 updated, 2 unchanged; .* at version 1/);
    r = arbor('list', '--library', lib, '--json');
    assert.deepEqual(JSON.parse(r.out).entries.map((e: { name: string }) => e.name), ['digit', 'fn_0']);
    r = arbor('list', '--library', lib);
    assert.match(r.out, /version 1, 2 entries\nNAME +KIND +ARITY +WEIGHT +TYPE\ndigit +neural +1 +-inf +image -> int\nfn_0 +abstraction +2 +-1\.500 +int -> int -> int\n/);
    r = arbor('show', 'fn_0', '--library', lib);
    assert.match(r.out, /body +\(lambda \(lambda \(\+ \$0 \$1\)\)\)/);
    assert.match(r.out, /tasks +sum, add/);
    assert.match(r.out, /changed +version 1 by import \(import .*in\.json\)/);
    r = arbor('history', '--library', lib, '--json');
    assert.deepEqual(JSON.parse(r.out).map((h: { version: number; operation: string; added: string[] }) => [h.version, h.operation, h.added]), [[1, 'import', ['digit', 'fn_0']]]);
  });

  it('exports a file that imports into another library unchanged', () => {
    const file = join(dir, 'out.json');
    assert.equal(arbor('export', file, '--library', lib).code, 0);
    const other = join(dir, 'b.db');
    assert.equal(arbor('import', file, '--library', other).code, 0);
    const again = join(dir, 'again.json');
    assert.equal(arbor('export', again, '--library', other).code, 0);
    assert.equal(readFileSync(again, 'utf8'), readFileSync(file, 'utf8'));
  });

  it('answers bad input with one line and exit code 2', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'arbor-library', version: 1, entries: [{ name: 'x', kind: 'abstraction' }] }));
    const cases: [string[], RegExp][] = [
      [['show', 'nope', '--library', lib], /no entry 'nope' in library/],
      [['import', bad, '--library', lib], /bad\.json: entries\[0\]\.type: /],
      [['import', join(dir, 'missing.json'), '--library', lib], /cannot read .*missing\.json: ENOENT/],
      [['list', '--library', dir], /is a directory, not a library file/],
      [['list', '--library', input], /is not an Arbor library/],
      [['list', '--library', 'postgres://u:pw@127.0.0.1:1/x'], /cannot open PostgreSQL library postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x/],
      [['list', '--library', join(dir, 'nowhere.db')], /no library at '.*nowhere\.db'/],
      [['frob'], /unknown sub-command 'frob'/],
      [['show'], /show needs NAME/],
      [['list', '--colour'], /unknown option '--colour'/],
    ];
    for (const [args, re] of cases) {
      const r = arbor(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, re);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
    }
  });
});


describe('arbor library on PostgreSQL', { skip: problem && process.env.CI !== 'true' ? `PostgreSQL at ${PG_URL} is unreachable (${problem})` : false }, () => {
  const schema = `arbor_cli_${process.pid}`;
  after(async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  });

  it('imports and exports through --library postgres://…', () => {
    const u = new URL(PG_URL);
    u.searchParams.set('schema', schema);
    let r = arbor('import', input, '--library', u.toString());
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, new RegExp(`:${u.password}@`), 'the password is not printed');
    const file = join(dir, 'pg.json');
    r = arbor('export', file, '--library', u.toString());
    assert.equal(r.code, 0, r.err);
    const sqliteFile = join(dir, 'from-sqlite.json');
    assert.equal(arbor('export', sqliteFile, '--library', lib).code, 0);
    assert.equal(readFileSync(file, 'utf8'), readFileSync(sqliteFile, 'utf8'));
  });
});
