/** Opening the store a `--library` flag names (SQLite path or postgres:// URL), shared by every command that has one. */
import { StoreError, type Store } from '../library/store.ts';
import { librarySpec, openStore } from '../store/open.ts';
import { UsageError } from './command.ts';

/**
 * Opens `--library` (else $ARBOR_LIBRARY, else the default file); a path or URL that cannot be opened is a one-line
 * usage error (the store's message names it). `create: false` makes a missing SQLite file an error.
 */
export async function openLibraryFlag(flag?: string | null, create = true): Promise<Store> {
  const spec = librarySpec(flag ?? undefined);
  try {
    return await openStore(spec, { create });
  } catch (e) {
    if (e instanceof StoreError) throw new UsageError(e.message);
    throw new UsageError(`--library ${spec}: ${(e as Error).message}`);
  }
}
