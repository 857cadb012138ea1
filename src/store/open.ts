/**
 * Opens a Store from a `--library` spec: a postgres:// URL, a file path, or nothing (the default
 * `./.arbor/library.db`, overridable by ARBOR_LIBRARY). Used by `arbor library`, `arbor solve`, `arbor compress`.
 */
import type { Store, WriteHook } from '../library/store.ts';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';

/** The library used when neither --library nor $ARBOR_LIBRARY names one. */
export const DEFAULT_LIBRARY = './.arbor/library.db';

/** Options common to every store. */
export interface OpenOptions {
  readonly now?: () => string;
  readonly onWrite?: WriteHook;
  /** SQLite only: how long a writer waits for another's lock. */
  readonly busyTimeoutMs?: number;
  /** Stop migrating at this schema version (tests). */
  readonly migrateTo?: number;
  /** SQLite only: create a missing library file (default true); false makes it an error (read-only commands). */
  readonly create?: boolean;
}

/** True when a spec names a PostgreSQL library. */
export const isPostgresSpec = (spec: string): boolean => /^postgres(ql)?:/i.test(spec);

/** The spec a command uses: its `--library` value, else $ARBOR_LIBRARY, else the default file. */
export const librarySpec = (flag?: string): string => flag || process.env.ARBOR_LIBRARY || DEFAULT_LIBRARY;

/** Opens a library by path or URL; rejects with a StoreError whose message names the path or URL. */
export async function openStore(spec: string = librarySpec(), opts: OpenOptions = {}): Promise<Store> {
  if (isPostgresSpec(spec)) return openPostgres({ url: spec, ...opts });
  return openSqlite({ path: spec, ...opts });
}
