/**
 * The shared Store: a PostgreSQL database (`pg`), same schema as SQLite. Each change locks the version row
 * (SELECT … FOR UPDATE) so concurrent writers queue; serialization failures and deadlocks are retried.
 * A URL's `?schema=NAME` keeps the library in its own PostgreSQL schema (default `public`).
 */
import pg from 'pg';
import { checkAgainst, checkChange, recordOf, type HistoryRecord, type Library, type LibraryChange, type LibraryEntry } from '../library/library.ts';
import { StoreError, type Json, type Store, type StoredRecord, type WriteHook } from '../library/store.ts';
import { LATEST, SCHEMA_VERSION_TABLE, pending } from './migrations.ts';
import { ENTRY_COLUMNS, entryToRow, historyToRow, parseRecordValue, recordText, rowToEntry, rowToHistory, rowValues } from './rows.ts';

/** Which PostgreSQL library to open and how its writers behave. */
export interface PostgresOptions {
  /** postgres:// or postgresql:// URL, optionally with `?schema=NAME`. */
  readonly url: string;
  readonly now?: () => string;
  readonly onWrite?: WriteHook;
  readonly migrateTo?: number;
  /** Connection time-out (default 5 s). */
  readonly connectTimeoutMs?: number;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/** The URL with its password hidden, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** Connects, creates the schema if needed and migrates; rejects with StoreError naming the URL. */
export async function openPostgres(opts: PostgresOptions): Promise<Store> {
  const shown = redact(opts.url);
  let u: URL;
  try {
    u = new URL(opts.url);
  } catch {
    throw new StoreError(`bad PostgreSQL URL '${shown}': expected postgres://USER:PASSWORD@HOST:PORT/DATABASE`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new StoreError(`bad PostgreSQL URL '${shown}': scheme must be postgres://`);
  if (!u.hostname) throw new StoreError(`bad PostgreSQL URL '${shown}': no host`);
  const schema = u.searchParams.get('schema') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new StoreError(`bad PostgreSQL URL '${shown}': schema '${schema}' must be a lower-case identifier`);
  u.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: u.toString(), max: 4, options: `-c search_path=${schema}`,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
  });
  pool.on('error', () => { /* an idle client lost its server; the next query reports it */ });
  const store = new PostgresStore(pool, shown, schema, opts);
  try {
    await store.migrate(opts.migrateTo ?? LATEST);
    store.opened = true;
  } catch (e) {
    await pool.end().catch(() => {});
    if (e instanceof StoreError) throw e;
    throw new StoreError(`cannot open PostgreSQL library ${shown}: ${(e as Error).message || (e as { code?: string }).code || String(e)}`);
  }
  return store;
}

class PostgresStore implements Store {
  private readonly now: () => string;
  private closed = false;
  /** Set once migrations ran: later connection failures are 'lost', earlier ones 'cannot open'. */
  opened = false;

  constructor(private readonly pool: pg.Pool, readonly location: string, private readonly schema: string, private readonly opts: PostgresOptions) {
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  /** Runs `fn` in one transaction on one connection, retrying serialization failures and deadlocks. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreError(`library ${this.location} is closed`);
    for (let attempt = 0; ; attempt++) {
      let c: pg.PoolClient;
      try {
        c = await this.pool.connect();
      } catch (e) {
        const why = (e as Error).message || (e as { code?: string }).code || String(e);
        throw new StoreError(`${this.opened ? 'lost the connection to' : 'cannot open'} PostgreSQL library ${this.location}: ${why}`);
      }
      let broken = false;
      try {
        await c.query('BEGIN');
        const r = await fn(c);
        await c.query('COMMIT');
        return r;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => { broken = true; });
        if (RETRYABLE.has((e as { code?: string }).code ?? '') && attempt < 20) {
          await new Promise((r) => setTimeout(r, 5 + Math.floor(20 * Math.random())));
          continue;
        }
        throw e;
      } finally {
        c.release(broken);
      }
    }
  }

  async migrate(target: number): Promise<void> {
    await this.tx(async (c) => {
      // one migrator at a time per schema, even before any table exists
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`arbor-migrate:${this.schema}`]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      const t = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [this.schema]);
      const names = t.rows.map((r: { table_name: string }) => r.table_name);
      let current = 0;
      if (names.includes('schema_version')) {
        current = (await c.query('SELECT MAX(version) AS v FROM schema_version')).rows[0].v ?? 0;
      } else if (this.schema !== 'public' && names.length > 0) {
        throw new StoreError(`PostgreSQL schema '${this.schema}' at ${this.location} is not an Arbor library (it has a table '${names[0]}' and no schema_version)`);
      }
      if (current > LATEST) throw new StoreError(`library ${this.location} has schema version ${current}, newer than this arbor understands (${LATEST}); upgrade arbor`);
      await c.query(SCHEMA_VERSION_TABLE);
      for (const m of pending(current, target)) {
        for (const s of m.sql('postgres')) await c.query(s);
        await c.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, this.now()]);
      }
    });
  }

  async load(): Promise<Library> {
    return this.tx(async (c) => {
      await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY'); // one snapshot for version + entries
      const version = (await c.query('SELECT version FROM library_meta WHERE id = 1')).rows[0].version as number;
      const rows = (await c.query('SELECT * FROM entries ORDER BY name')).rows;
      const entries = new Map<string, LibraryEntry>();
      for (const r of rows) { const e = rowToEntry(r, this.location); entries.set(e.name, e); }
      return { version, entries };
    });
  }

  async apply(change: LibraryChange): Promise<number> {
    checkChange(change);
    const writes = [...(change.add ?? []), ...(change.update ?? [])];
    const total = writes.length + (change.remove?.length ?? 0);
    const put = `INSERT INTO entries (${ENTRY_COLUMNS.join(', ')}) VALUES (${ENTRY_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
      ON CONFLICT (name) DO UPDATE SET ${ENTRY_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`;
    return this.tx(async (c) => {
      const version = (await c.query('SELECT version FROM library_meta WHERE id = 1 FOR UPDATE')).rows[0].version as number;
      const names = [...writes.map((e) => e.name), ...(change.remove ?? [])];
      const existing = new Set((await c.query('SELECT name FROM entries WHERE name = ANY($1)', [names])).rows.map((r: { name: string }) => r.name));
      checkAgainst(change, version, (n) => existing.has(n));
      const next = version + 1;
      let done = 0;
      for (const name of change.remove ?? []) { await c.query('DELETE FROM entries WHERE name = $1', [name]); await this.opts.onWrite?.(++done, total); }
      for (const e of writes) { await c.query(put, rowValues(entryToRow(e, next))); await this.opts.onWrite?.(++done, total); }
      await c.query('INSERT INTO history (version, time, operation, note, added, updated, removed) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        historyToRow(recordOf(change, next, this.now())));
      await c.query('UPDATE library_meta SET version = $1 WHERE id = 1', [next]);
      return next;
    });
  }

  async history(): Promise<HistoryRecord[]> {
    return this.tx(async (c) => (await c.query('SELECT * FROM history ORDER BY version')).rows.map((r) => rowToHistory(r, this.location)));
  }

  async putRecord(namespace: string, key: string, value: Json): Promise<void> {
    const text = recordText(value, namespace, key);
    await this.tx((c) => c.query(`INSERT INTO records (namespace, key, value, updated_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, [namespace, key, text, this.now()]));
  }

  async getRecord(namespace: string, key: string): Promise<Json | undefined> {
    const rows = await this.tx(async (c) => (await c.query('SELECT value FROM records WHERE namespace = $1 AND key = $2', [namespace, key])).rows);
    return rows.length ? parseRecordValue(rows[0].value, this.location, namespace, key) : undefined;
  }

  async listRecords(namespace: string): Promise<StoredRecord[]> {
    const rows = await this.tx(async (c) => (await c.query('SELECT key, value FROM records WHERE namespace = $1 ORDER BY key COLLATE "C"', [namespace])).rows);
    return rows.map((r: { key: string; value: string }) => ({ key: r.key, value: parseRecordValue(r.value, this.location, namespace, r.key) }));
  }

  async deleteRecord(namespace: string, key: string): Promise<boolean> {
    return this.tx(async (c) => ((await c.query('DELETE FROM records WHERE namespace = $1 AND key = $2', [namespace, key])).rowCount ?? 0) > 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
