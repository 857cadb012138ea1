/**
 * Store: where a Library persists. One interface, several strategies (SQLite file, PostgreSQL) in src/store/,
 * one conformance suite (test/store/conformance.test.ts). Every `apply` is one transaction: two writers lose no
 * update, and a writer killed mid-change leaves the library at its previous version.
 */
import type { HistoryRecord, Library, LibraryChange } from './library.ts';

/** A JSON value kept in a record table. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

/** A record returned by listRecords. */
export interface StoredRecord {
  readonly key: string;
  readonly value: Json;
}

/** A persistent library plus key-value records; every method is one transaction. */
export interface Store {
  /** A description for messages (a path, or a URL without its password). */
  readonly location: string;
  /** The library at its latest committed version. */
  load(): Promise<Library>;
  /** Commits a change in one transaction and resolves to the new version; rejects with LibraryError if refused. */
  apply(change: LibraryChange): Promise<number>;
  /** Every committed change, oldest first. */
  history(): Promise<HistoryRecord[]>;
  /** Sets `key` in `namespace` to a JSON value (HPO trials, learning-loop checkpoints, frontiers). */
  putRecord(namespace: string, key: string, value: Json): Promise<void>;
  getRecord(namespace: string, key: string): Promise<Json | undefined>;
  /** All records of a namespace, sorted by key. */
  listRecords(namespace: string): Promise<StoredRecord[]>;
  deleteRecord(namespace: string, key: string): Promise<boolean>;
  close(): Promise<void>;
}

/** A store that cannot be opened or used (bad path, bad URL, unreachable server, foreign database). */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Progress of a long write, for callers that show it (and for the kill test): `done` of `total` rows written. */
export type WriteHook = (done: number, total: number) => void | Promise<void>;
