/**
 * The embedded Store: one SQLite file (better-sqlite3, WAL mode). Writers serialize with BEGIN IMMEDIATE and a
 * busy timeout, so concurrent processes queue instead of failing; a killed writer's transaction never commits.
 */
import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkAgainst, checkChange, recordOf, type HistoryRecord, type Library, type LibraryChange, type LibraryEntry } from '../library/library.ts';
import { StoreError, type Json, type Store, type StoredRecord, type WriteHook } from '../library/store.ts';
import { LATEST, SCHEMA_VERSION_TABLE, pending } from './migrations.ts';
import { ENTRY_COLUMNS, entryToRow, historyToRow, parseRecordValue, recordText, rowToEntry, rowToHistory, rowValues } from './rows.ts';

/** Where the SQLite library lives and how its writers behave. */
export interface SqliteOptions {
  /** File path, or ':memory:'. Missing parent directories are created. */
  readonly path: string;
  /** How long a writer waits for another's lock before failing (default 30 s). */
  readonly busyTimeoutMs?: number;
  /** ISO time of a commit (default: the wall clock). */
  readonly now?: () => string;
  /** Called as rows of a change are written. */
  readonly onWrite?: WriteHook;
  /** Migrate only up to this schema version (tests of migrations). */
  readonly migrateTo?: number;
  /** Create the file when missing (default true); false makes a missing library a StoreError. */
  readonly create?: boolean;
}

/** Opens (creating if needed) a SQLite library and brings its schema up to date. */
export function openSqlite(opts: SqliteOptions): Store {
  return new SqliteStore(opts);
}

/** Current schema version of an open database (0 for a fresh file). */
export function sqliteSchemaVersion(db: Database.Database): number {
  const t = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`).get();
  if (!t) return 0;
  return (db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null }).v ?? 0;
}

class SqliteStore implements Store {
  readonly location: string;
  private readonly db: Database.Database;
  private readonly now: () => string;
  private closed = false;

  constructor(private readonly opts: SqliteOptions) {
    const memory = opts.path === ':memory:';
    const path = memory ? opts.path : resolve(opts.path);
    this.location = memory ? ':memory:' : opts.path;
    this.now = opts.now ?? (() => new Date().toISOString());
    if (!memory) prepareDirectory(path, opts.path, opts.create ?? true);
    try {
      this.db = new Database(path, { timeout: opts.busyTimeoutMs ?? 30_000 });
    } catch (e) {
      throw new StoreError(`cannot open library '${opts.path}': ${(e as Error).message}`);
    }
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('foreign_keys = ON');
      this.migrate(opts.migrateTo ?? LATEST);
    } catch (e) {
      this.db.close();
      if (e instanceof StoreError) throw e;
      const msg = (e as Error).message;
      if (/not a database|malformed|encrypted/i.test(msg)) throw new StoreError(`'${opts.path}' is not an Arbor library (SQLite: ${msg})`);
      throw new StoreError(`cannot open library '${opts.path}': ${msg}`);
    }
  }

  private migrate(target: number): void {
    const run = this.db.transaction(() => {
      const current = sqliteSchemaVersion(this.db);
      if (current === 0) {
        const other = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1`).get() as { name: string } | undefined;
        if (other) throw new StoreError(`'${this.opts.path}' is a SQLite database but not an Arbor library (it has a table '${other.name}' and no schema_version)`);
      }
      if (current > LATEST) throw new StoreError(`library '${this.opts.path}' has schema version ${current}, newer than this arbor understands (${LATEST}); upgrade arbor`);
      this.db.exec(SCHEMA_VERSION_TABLE);
      for (const m of pending(current, target)) {
        for (const s of m.sql('sqlite')) this.db.exec(s);
        this.db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, this.now());
      }
    });
    run.immediate();
  }

  /** A lock held past the busy timeout becomes a StoreError naming the library; other errors pass through. */
  private busy(e: unknown): unknown {
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      return new StoreError(`library ${this.location} stayed locked by another writer for ${(this.opts.busyTimeoutMs ?? 30_000) / 1000} s; try again`);
    return e;
  }

  private check(): void {
    if (this.closed) throw new StoreError(`library ${this.location} is closed`);
  }

  async load(): Promise<Library> {
    this.check();
    const read = this.db.transaction(() => {
      const version = this.version();
      const rows = this.db.prepare(`SELECT * FROM entries ORDER BY name`).all();
      const entries = new Map<string, LibraryEntry>();
      for (const r of rows) { const e = rowToEntry(r, this.location); entries.set(e.name, e); }
      return { version, entries };
    });
    return read();
  }

  private version(): number {
    return (this.db.prepare('SELECT version FROM library_meta WHERE id = 1').get() as { version: number }).version;
  }

  async apply(change: LibraryChange): Promise<number> {
    this.check();
    checkChange(change);
    const has = this.db.prepare('SELECT 1 FROM entries WHERE name = ?');
    const del = this.db.prepare('DELETE FROM entries WHERE name = ?');
    const put = this.db.prepare(`INSERT OR REPLACE INTO entries (${ENTRY_COLUMNS.join(', ')}) VALUES (${ENTRY_COLUMNS.map(() => '?').join(', ')})`);
    const writes = [...(change.add ?? []), ...(change.update ?? [])];
    const total = writes.length + (change.remove?.length ?? 0);
    const write = this.db.transaction(() => {
      const version = this.version();
      checkAgainst(change, version, (n) => has.get(n) !== undefined);
      const next = version + 1;
      let done = 0;
      for (const name of change.remove ?? []) { del.run(name); void this.opts.onWrite?.(++done, total); }
      for (const e of writes) { put.run(...rowValues(entryToRow(e, next))); void this.opts.onWrite?.(++done, total); }
      this.db.prepare('INSERT INTO history (version, time, operation, note, added, updated, removed) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(...historyToRow(recordOf(change, next, this.now())));
      this.db.prepare('UPDATE library_meta SET version = ? WHERE id = 1').run(next);
      return next;
    });
    try {
      return write.immediate();
    } catch (e) {
      throw this.busy(e);
    }
  }

  async history(): Promise<HistoryRecord[]> {
    this.check();
    return this.db.prepare('SELECT * FROM history ORDER BY version').all().map((r) => rowToHistory(r, this.location));
  }

  async putRecord(namespace: string, key: string, value: Json): Promise<void> {
    this.check();
    this.db.prepare(`INSERT INTO records (namespace, key, value, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
      .run(namespace, key, recordText(value, namespace, key), this.now());
  }

  async getRecord(namespace: string, key: string): Promise<Json | undefined> {
    this.check();
    const r = this.db.prepare('SELECT value FROM records WHERE namespace = ? AND key = ?').get(namespace, key) as { value: string } | undefined;
    return r === undefined ? undefined : parseRecordValue(r.value, this.location, namespace, key);
  }

  async listRecords(namespace: string): Promise<StoredRecord[]> {
    this.check();
    const rows = this.db.prepare('SELECT key, value FROM records WHERE namespace = ? ORDER BY key').all(namespace) as { key: string; value: string }[];
    return rows.map((r) => ({ key: r.key, value: parseRecordValue(r.value, this.location, namespace, r.key) }));
  }

  async deleteRecord(namespace: string, key: string): Promise<boolean> {
    this.check();
    return this.db.prepare('DELETE FROM records WHERE namespace = ? AND key = ?').run(namespace, key).changes > 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

function prepareDirectory(path: string, shown: string, create: boolean): void {
  try {
    if (statSync(path).isDirectory()) throw new StoreError(`library path '${shown}' is a directory, not a library file`);
    return;
  } catch (e) {
    if (e instanceof StoreError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreError(`cannot open library '${shown}': ${(e as Error).message}`);
  }
  if (!create) throw new StoreError(`no library at '${shown}' (a library is created by its first import or compress)`);
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw new StoreError(`cannot create the directory for library '${shown}': ${(e as Error).message}`);
  }
}
