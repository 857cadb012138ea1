/**
 * The store schema as ordered migrations, the same tables on SQLite and PostgreSQL (only column types differ).
 * `schema_version` holds one row per applied migration; stores apply the pending ones on open, in one transaction.
 * Never edit a released migration: add the next one.
 */
/** The SQL dialects a migration is written for. */
export type Dialect = 'sqlite' | 'postgres';

/** One schema step, applied once, in version order. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Statements to run, in order. */
  sql(d: Dialect): string[];
}

const blob = (d: Dialect) => (d === 'sqlite' ? 'BLOB' : 'BYTEA');
const real = (d: Dialect) => (d === 'sqlite' ? 'REAL' : 'DOUBLE PRECISION');

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'library entries, version counter and history',
    sql: (d) => [
      `CREATE TABLE library_meta (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)`,
      `INSERT INTO library_meta (id, version) VALUES (1, 0)`,
      `CREATE TABLE entries (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('primitive', 'abstraction', 'neural')),
        type TEXT NOT NULL,
        body TEXT,
        arity INTEGER NOT NULL,
        weight ${real(d)} NOT NULL,
        tasks TEXT NOT NULL,
        programs TEXT NOT NULL,
        created_at TEXT NOT NULL,
        source TEXT NOT NULL,
        neural_format TEXT,
        neural_model TEXT,
        neural_weights ${blob(d)}
      )`,
      `CREATE TABLE history (
        version INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        operation TEXT NOT NULL,
        note TEXT NOT NULL,
        added TEXT NOT NULL,
        updated TEXT NOT NULL,
        removed TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'key-value records (HPO trials, checkpoints, frontiers)',
    sql: () => [
      `CREATE TABLE records (
        namespace TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (namespace, key)
      )`,
    ],
  },
  {
    version: 3,
    name: 'entries remember the library version that last changed them',
    sql: () => [
      `ALTER TABLE entries ADD COLUMN changed_version INTEGER NOT NULL DEFAULT 0`,
    ],
  },
];

/** The schema version this code writes. */
export const LATEST = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The bookkeeping table, created before any migration runs. */
export const SCHEMA_VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`;

/** Migrations after `current`, up to `target` (default: all). */
export const pending = (current: number, target = LATEST): Migration[] =>
  MIGRATIONS.filter((m) => m.version > current && m.version <= target);
