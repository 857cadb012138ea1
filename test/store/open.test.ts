/** Opening stores: the default location, and clear one-line errors for bad paths and URLs. */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../../src/library/store.ts';
import { DEFAULT_LIBRARY, isPostgresSpec, librarySpec, openStore } from '../../src/store/open.ts';
import { redact } from '../../src/store/postgres.ts';
import { LATEST } from '../../src/store/migrations.ts';

const dir = mkdtempSync(join(tmpdir(), 'arbor-open-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const storeError = (re: RegExp) => (e: unknown) => {
  assert.ok(e instanceof StoreError, `expected a StoreError, got ${String(e)}`);
  assert.match(e.message, re);
  assert.ok(!e.message.includes('\n'), 'one line');
  return true;
};

describe('openStore', () => {
  it('resolves the library spec: flag, then $ARBOR_LIBRARY, then ./.arbor/library.db', () => {
    const saved = process.env.ARBOR_LIBRARY;
    try {
      delete process.env.ARBOR_LIBRARY;
      assert.equal(librarySpec(), DEFAULT_LIBRARY);
      assert.equal(DEFAULT_LIBRARY, './.arbor/library.db');
      process.env.ARBOR_LIBRARY = '/x/lib.db';
      assert.equal(librarySpec(), '/x/lib.db');
      assert.equal(librarySpec('postgres://h/db'), 'postgres://h/db');
    } finally {
      if (saved === undefined) delete process.env.ARBOR_LIBRARY; else process.env.ARBOR_LIBRARY = saved;
    }
    assert.equal(isPostgresSpec('postgresql://h/db'), true);
    assert.equal(isPostgresSpec('./postgres.db'), false);
  });

  it('creates missing parent directories for a new SQLite library', async () => {
    const s = await openStore(join(dir, 'a', 'b', 'library.db'));
    assert.equal((await s.load()).version, 0);
    await s.close();
  });

  it('with create: false, names a missing library instead of creating it', async () => {
    await assert.rejects(openStore(join(dir, 'typo', 'library.db'), { create: false }), storeError(/no library at '.*typo\/library\.db'/));
    assert.throws(() => statSync(join(dir, 'typo')), /ENOENT/);
  });

  it('names a directory given as the library path', async () => {
    await assert.rejects(openStore(dir), storeError(/library path '.*' is a directory, not a library file/));
  });

  it('names a file that is not a SQLite database', async () => {
    const f = join(dir, 'notes.txt');
    writeFileSync(f, 'hello, this is not a database at all '.repeat(50));
    await assert.rejects(openStore(f), storeError(/'.*notes\.txt' is not an Arbor library \(SQLite: file is not a database\)/));
  });

  it('refuses a SQLite database that belongs to something else', async () => {
    const f = join(dir, 'other.db');
    const db = new Database(f);
    db.exec('CREATE TABLE customers (id INTEGER)');
    db.close();
    await assert.rejects(openStore(f), storeError(/is a SQLite database but not an Arbor library \(it has a table 'customers'/));
  });

  it('refuses a library written by a newer arbor', async () => {
    const f = join(dir, 'newer.db');
    await (await openStore(f)).close();
    const db = new Database(f);
    db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(LATEST + 7, 'future', '2030-01-01');
    db.close();
    await assert.rejects(openStore(f), storeError(new RegExp(`schema version ${LATEST + 7}, newer than this arbor understands \\(${LATEST}\\)`)));
  });

  it('names a path whose parent is a file', async () => {
    const f = join(dir, 'plain-file');
    writeFileSync(f, 'x');
    await assert.rejects(openStore(join(f, 'library.db')), storeError(/library '.*plain-file\/library\.db'/));
  });

  it('gives clear errors for bad PostgreSQL URLs, never showing the password', async () => {
    await assert.rejects(openStore('postgres://'), storeError(/bad PostgreSQL URL 'postgres:\/\/': /));
    await assert.rejects(openStore('postgres://arbor:pw@127.0.0.1/db?schema=Bad-Name'), storeError(/schema 'Bad-Name' must be a lower-case identifier/));
    await assert.rejects(openStore('postgres://arbor:sekrit@127.0.0.1:1/db', { }), (e: unknown) => {
      storeError(/cannot open PostgreSQL library postgres:\/\/arbor:\*\*\*@127\.0\.0\.1:1\/db: .*ECONNREFUSED/)(e);
      assert.ok(!(e as Error).message.includes('sekrit'));
      return true;
    });
    assert.equal(redact('postgres://u:p@h:5/d?schema=s'), 'postgres://u:***@h:5/d?schema=s');
  });

  it('creates the default library under ./.arbor when run in an empty directory', async () => {
    const cwd = process.cwd();
    const work = join(dir, 'project');
    mkdirSync(work);
    process.chdir(work);
    try {
      const s = await openStore(DEFAULT_LIBRARY);
      assert.equal(s.location, './.arbor/library.db');
      await s.close();
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('SQLite locking', () => {
  it('reports a library locked past the busy timeout as a StoreError naming it', async () => {
    const f = join(dir, 'locked.db');
    const s = await openStore(f, { busyTimeoutMs: 100 });
    const holder = new Database(f);
    holder.exec('BEGIN IMMEDIATE');
    try {
      await assert.rejects(s.apply({ add: [], operation: 'test' }), storeError(/library .*locked\.db stayed locked by another writer for 0\.1 s/));
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    assert.equal(await s.apply({ add: [], operation: 'test' }), 1);
    await s.close();
  });
});
