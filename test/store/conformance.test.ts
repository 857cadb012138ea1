/**
 * The Store conformance suite: every implementation runs the same cases. SQLite always; PostgreSQL when
 * ARBOR_TEST_POSTGRES (default postgres://arbor:arbor@127.0.0.1:5432/arbor_test) is reachable. In CI (CI=true)
 * an unreachable PostgreSQL fails the suite instead of skipping it.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { applyChange, emptyLibrary, LibraryError, type Library, type LibraryChange } from '../../src/library/library.ts';
import type { Store } from '../../src/library/store.ts';
import { openStore, type OpenOptions } from '../../src/store/open.ts';
import { LATEST } from '../../src/store/migrations.ts';
import { abstraction, neural, primitive } from './fixtures/entries.ts';

const PG_URL = process.env.ARBOR_TEST_POSTGRES || 'postgres://arbor:arbor@127.0.0.1:5432/arbor_test';
const WRITER = new URL('./fixtures/writer.ts', import.meta.url).pathname;

async function postgresReachable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 10_000 });
  c.on('error', () => {});
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (e) {
    return (e as Error).message || (e as { code?: string }).code || String(e);
  } finally {
    await c.end().catch(() => {});
  }
}

interface Backend {
  readonly name: string;
  /** A spec for a fresh, empty library. */
  fresh(): Promise<string>;
  cleanup(): Promise<void>;
  /** Backend-level consistency check after a crash (SQLite: PRAGMA integrity_check); null when none applies. */
  integrity(spec: string): Promise<string | null>;
  /** Runs raw SQL on a library (bypassing the Store); resolves to the last statement's rows. */
  exec(spec: string, sql: string[]): Promise<unknown[]>;
}

function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-store-'));
  let n = 0;
  return {
    name: 'sqlite',
    fresh: async () => join(dir, `lib${n++}`, 'library.db'),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    integrity: async (spec) => {
      const db = new Database(spec, { readonly: true });
      try { return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; '); } finally { db.close(); }
    },
    exec: async (spec, sql) => {
      const db = new Database(spec);
      try {
        let rows: unknown[] = [];
        for (const q of sql) rows = db.prepare(q).reader ? db.prepare(q).all() : (db.prepare(q).run(), []);
        return rows;
      } finally { db.close(); }
    },
  };
}

function postgresBackend(): Backend {
  const schemas: string[] = [];
  const run = `t${process.pid}_${Date.now().toString(36)}`;
  return {
    name: 'postgres',
    fresh: async () => {
      const schema = `arbor_${run}_${schemas.length}`;
      schemas.push(schema);
      const u = new URL(PG_URL);
      u.searchParams.set('schema', schema);
      return u.toString();
    },
    cleanup: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await c.end();
    },
    integrity: async () => null, // the server rolls back a dead client's transaction itself
    exec: async (spec, sql) => {
      const u = new URL(spec);
      const schema = u.searchParams.get('schema')!;
      u.searchParams.delete('schema');
      const c = new pg.Client({ connectionString: u.toString(), options: `-c search_path=${schema}` });
      await c.connect();
      try {
        let rows: unknown[] = [];
        for (const q of sql) rows = (await c.query(q)).rows;
        return rows;
      } finally { await c.end(); }
    },
  };
}

const pgProblem = await postgresReachable();
const backends: { backend: () => Backend; skip: string | false }[] = [
  { backend: sqliteBackend, skip: false },
  { backend: postgresBackend, skip: pgProblem && process.env.CI !== 'true' ? `PostgreSQL at ${PG_URL} is unreachable (${pgProblem}); run scripts/services.sh` : false },
];

if (pgProblem && process.env.CI === 'true') {
  it('PostgreSQL is reachable in CI', () => {
    assert.fail(`CI=true but PostgreSQL at ${PG_URL} is unreachable: ${pgProblem}. scripts/services.sh should have started it.`);
  });
}

/** Runs the writer fixture; resolves to its stdout. */
interface Child { kill(): void; send(line: string): void }
function writer(args: string[], onLine?: (line: string, child: Child) => void): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const handle: Child = { kill: () => child.kill('SIGKILL'), send: (line) => child.stdin.write(`${line}\n`) };
    let out = '', err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      for (const line of d.split('\n')) if (line) onLine?.(line, handle);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

/** Releases `n` writers together: each prints 'ready', and when all have, every one is sent 'go'. */
function barrier(n: number): (line: string, child: Child) => void {
  const ready: Child[] = [];
  return (line, child) => {
    if (line !== 'ready') return;
    ready.push(child);
    if (ready.length === n) for (const c of ready) c.send('go');
  };
}

for (const { backend: make, skip } of backends) {
  describe(`Store conformance: ${make === sqliteBackend ? 'sqlite' : 'postgres'}`, { skip }, () => {
    let backend: Backend;
    const open: Store[] = [];
    const fresh = async (opts: OpenOptions = {}) => {
      const s = await openStore(await backend.fresh(), opts);
      open.push(s);
      return s;
    };
    before(() => { backend = make(); });
    after(async () => {
      for (const s of open) await s.close();
      await backend.cleanup();
    });

    it('starts empty at version 0', async () => {
      const s = await fresh();
      const lib = await s.load();
      assert.equal(lib.version, 0);
      assert.equal(lib.entries.size, 0);
      assert.deepEqual(await s.history(), []);
    });

    it('round-trips every kind of entry exactly (bytes, -Infinity weights, bodies)', async () => {
      const s = await fresh();
      const entries = [abstraction('fn_0'), neural('digit'), primitive('+')];
      assert.equal(await s.apply({ add: entries, operation: 'test', note: 'three' }), 1);
      const lib = await s.load();
      assert.equal(lib.version, 1);
      for (const e of entries) assert.deepEqual(lib.entries.get(e.name), e);
      assert.ok(lib.entries.get('digit')!.neural!.weights instanceof Uint8Array);
    });

    it('adds, updates and removes, recording each change in history', async () => {
      const times = ['2026-02-01T00:00:00.000Z', '2026-02-02T00:00:00.000Z', '2026-02-03T00:00:00.000Z'];
      let t = 0;
      const s = await fresh({ now: () => times[Math.min(t++, 2)]! });
      t = 0; // migrations also read the clock
      await s.apply({ add: [abstraction('a'), abstraction('b')], operation: 'compress', note: 'first' });
      await s.apply({ update: [abstraction('a', -0.5)], remove: ['b'], operation: 'cli' });
      await s.apply({ add: [abstraction('b', -3)], operation: 'import', note: 'again' });
      const lib = await s.load();
      assert.equal(lib.version, 3);
      assert.deepEqual([...lib.entries.keys()].sort(), ['a', 'b']);
      assert.equal(lib.entries.get('a')!.weight, -0.5);
      assert.equal(lib.entries.get('b')!.weight, -3);
      assert.deepEqual(await s.history(), [
        { version: 1, time: times[0], operation: 'compress', note: 'first', added: ['a', 'b'], updated: [], removed: [] },
        { version: 2, time: times[1], operation: 'cli', note: '', added: [], updated: ['a'], removed: ['b'] },
        { version: 3, time: times[2], operation: 'import', note: 'again', added: ['b'], updated: [], removed: [] },
      ]);
    });

    it('refuses bad changes whole, leaving the version and entries as they were', async () => {
      const s = await fresh();
      await s.apply({ add: [abstraction('a')], operation: 'test' });
      const refused: [LibraryChange, LibraryError['reason'], RegExp][] = [
        [{ add: [abstraction('new'), abstraction('a')], operation: 'test' }, 'exists', /'a' already exists/],
        [{ update: [abstraction('zz')], operation: 'test' }, 'missing', /'zz' does not exist/],
        [{ remove: ['zz'], operation: 'test' }, 'missing', /'zz' does not exist/],
        [{ add: [abstraction('new')], operation: 'test', expectVersion: 0 }, 'conflict', /version 1, not the expected 0/],
        [{ add: [{ ...abstraction('new'), type: 'int -> ' }], operation: 'test' }, 'invalid', /entry 'new': type: /],
        [{ add: [{ ...abstraction('new'), body: '(lambda (+ $0 $3))' }], operation: 'test' }, 'invalid', /body: has free variables/],
        [{ add: [abstraction('new')], remove: ['new'], operation: 'test' }, 'invalid', /appears twice/],
      ];
      for (const [change, reason, message] of refused) {
        await assert.rejects(s.apply(change), (e: unknown) => e instanceof LibraryError && e.reason === reason && message.test(e.message));
      }
      const lib = await s.load();
      assert.equal(lib.version, 1);
      assert.deepEqual([...lib.entries.keys()], ['a']);
      assert.equal((await s.history()).length, 1);
      assert.equal(await s.apply({ add: [abstraction('new')], operation: 'test', expectVersion: 1 }), 2);
    });

    it('matches the in-memory reference semantics over a seeded sequence of changes', async () => {
      const s = await fresh({ now: () => '2026-03-01T00:00:00.000Z' });
      let model: Library = emptyLibrary();
      let seed = 7;
      const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
      for (let step = 0; step < 40; step++) {
        const names = [...model.entries.keys()];
        const fresh = Array.from({ length: rand(3) }, (_, i) => (i % 2 ? neural(`e${step}_${i}`) : abstraction(`e${step}_${i}`, -rand(9))));
        const upd = names.filter(() => rand(4) === 0).map((n) => ({ ...model.entries.get(n)!, weight: -rand(5) - 0.5 }));
        const rem = names.filter((n) => !upd.some((u) => u.name === n) && rand(5) === 0);
        const change: LibraryChange = { add: fresh, update: upd, remove: rem, operation: 'test', note: `step ${step}` };
        model = applyChange(model, change, '2026-03-01T00:00:00.000Z').library;
        assert.equal(await s.apply(change), model.version);
      }
      assert.deepEqual(await s.load(), model);
    });

    it('keeps JSON records by namespace and key', async () => {
      const s = await fresh();
      assert.equal(await s.getRecord('hpo', 'trial-1'), undefined);
      await s.putRecord('hpo', 'trial-2', { lr: 0.01, score: null, tags: ['a'] });
      await s.putRecord('hpo', 'trial-1', 3);
      await s.putRecord('frontier', 'trial-1', 'other');
      await s.putRecord('hpo', 'trial-2', { lr: 0.02 });
      assert.deepEqual(await s.getRecord('hpo', 'trial-2'), { lr: 0.02 });
      assert.deepEqual(await s.listRecords('hpo'), [{ key: 'trial-1', value: 3 }, { key: 'trial-2', value: { lr: 0.02 } }]);
      assert.deepEqual(await s.listRecords('frontier'), [{ key: 'trial-1', value: 'other' }]);
      assert.equal(await s.deleteRecord('hpo', 'trial-1'), true);
      assert.equal(await s.deleteRecord('hpo', 'trial-1'), false);
      assert.deepEqual((await s.listRecords('hpo')).map((r) => r.key), ['trial-2']);
      assert.equal((await s.load()).version, 0, 'records do not change the library version');
    });

    it('persists across close and reopen, and refuses use after close', async () => {
      const spec = await backend.fresh();
      const a = await openStore(spec);
      await a.apply({ add: [abstraction('kept')], operation: 'test' });
      await a.putRecord('ns', 'k', [1, 2]);
      await a.close();
      await assert.rejects(a.load(), /closed/);
      const b = await openStore(spec);
      open.push(b);
      assert.equal((await b.load()).entries.get('kept')?.name, 'kept');
      assert.deepEqual(await b.getRecord('ns', 'k'), [1, 2]);
    });

    it('loses no update when one process runs many changes at once', async () => {
      const s = await fresh();
      const versions = await Promise.all(Array.from({ length: 20 }, (_, i) => s.apply({ add: [abstraction(`p${i}`)], operation: 'test' })));
      assert.deepEqual([...versions].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
      assert.equal((await s.load()).entries.size, 20);
    });

    it('loses no update when two processes each add 50 entries', { timeout: 120_000 }, async (t) => {
      const spec = await backend.fresh();
      const s = await openStore(spec); // migrate first so both children start on a ready schema
      open.push(s);
      const onReady = barrier(2);
      const [x, y] = await Promise.all([writer([spec, 'add', 'x', '50'], onReady), writer([spec, 'add', 'y', '50'], onReady)]);
      assert.equal(x.code, 0, x.err);
      assert.equal(y.code, 0, y.err);
      const lib = await s.load();
      assert.equal(lib.version, 100);
      assert.equal(lib.entries.size, 100);
      for (let i = 0; i < 50; i++) assert.ok(lib.entries.has(`x${i}`) && lib.entries.has(`y${i}`), `entry ${i} lost`);
      const hist = await s.history();
      assert.deepEqual(hist.map((h) => h.version), Array.from({ length: 100 }, (_, i) => i + 1));
      const switches = hist.filter((h, i) => i > 0 && h.note[0] !== hist[i - 1]!.note[0]).length;
      t.diagnostic(`the two writers' commits interleaved ${switches} times`);
    });

    it('two processes creating the same new library at once both migrate it safely', { timeout: 120_000 }, async () => {
      const spec = await backend.fresh();
      const onReady = barrier(2);
      const rs = await Promise.all([writer([spec, 'add', 'x', '5'], onReady), writer([spec, 'add', 'y', '5'], onReady)]);
      for (const r of rs) assert.equal(r.code, 0, r.err);
      const s = await openStore(spec);
      open.push(s);
      assert.equal((await s.load()).entries.size, 10);
      assert.deepEqual(await backend.exec(spec, ['SELECT CAST(COUNT(*) AS INTEGER) AS n FROM schema_version']), [{ n: LATEST }]);
    });

    it('a writer killed mid-transaction leaves the library consistent at its previous version', { timeout: 120_000 }, async () => {
      const spec = await backend.fresh();
      const s = await openStore(spec);
      open.push(s);
      await s.apply({ add: [abstraction('before')], operation: 'test' });
      await s.putRecord('ns', 'k', 1);
      const before = await s.load();
      let sawMid = false;
      const r = await writer([spec, 'kill', 'big', make === sqliteBackend ? '20000' : '4000'], (line, child) => {
        if (line === 'mid') { sawMid = true; child.kill(); }
      });
      assert.ok(sawMid, `the writer never reached the middle of its change: ${r.out} ${r.err}`);
      assert.equal(r.signal, 'SIGKILL');
      const integrity = await backend.integrity(spec);
      if (integrity !== null) assert.equal(integrity, 'ok');
      const reopened = await openStore(spec);
      open.push(reopened);
      assert.deepEqual(await reopened.load(), before);
      assert.equal((await reopened.history()).length, 1);
      assert.equal(await reopened.getRecord('ns', 'k'), 1);
      // and the lock is gone: the next change commits
      assert.equal(await reopened.apply({ add: [abstraction('after')], operation: 'test' }), 2);
    });

    it('migrates a library from an older schema version, keeping its data', async () => {
      const spec = await backend.fresh();
      const old = await openStore(spec, { migrateTo: 1 });
      await old.close();
      // rows as schema-1 code wrote them (no changed_version column, no records table)
      await backend.exec(spec, [
        `INSERT INTO entries (name, kind, type, body, arity, weight, tasks, programs, created_at, source)
         VALUES ('old', 'abstraction', 'int -> int -> int', '(lambda (lambda (+ $0 $1)))', 2, -1.5,
                 '["sum","add"]', '["(lambda (+ $0 1))"]', '2026-01-01T00:00:00.000Z', 'compress')`,
        `INSERT INTO history (version, time, operation, note, added, updated, removed)
         VALUES (1, '2026-01-01T00:00:00.000Z', 'test', 'at schema 1', '["old"]', '[]', '[]')`,
        `UPDATE library_meta SET version = 1 WHERE id = 1`,
      ]);
      const s = await openStore(spec);
      open.push(s);
      const lib = await s.load();
      assert.equal(lib.version, 1);
      assert.deepEqual(lib.entries.get('old'), abstraction('old'));
      assert.equal((await s.history())[0]!.note, 'at schema 1');
      await s.putRecord('ns', 'k', true);
      assert.equal(await s.getRecord('ns', 'k'), true);
      assert.equal(await s.apply({ add: [abstraction('new')], operation: 'test' }), 2);
      const versions = await backend.exec(spec, ['SELECT version FROM schema_version ORDER BY version']);
      assert.deepEqual(versions, Array.from({ length: LATEST }, (_, i) => ({ version: i + 1 })));
    });
  });
}
