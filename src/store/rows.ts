/**
 * Rows of the store tables and their conversion to and from Library values. Rows read back are validated here
 * once (zod), so a damaged row gives an error naming the entry and the column, not a crash later.
 */
import { z } from 'zod';
import type { HistoryRecord, LibraryEntry } from '../library/library.ts';
import { StoreError, type Json } from '../library/store.ts';

/** One row of the `entries` table, as both drivers bind and return it. */
export interface EntryRow {
  name: string;
  kind: string;
  type: string;
  body: string | null;
  arity: number;
  weight: number;
  tasks: string;
  programs: string;
  created_at: string;
  source: string;
  neural_format: string | null;
  neural_model: string | null;
  neural_weights: Uint8Array | null;
  changed_version: number;
}

/** Column names in insertion order, shared by both dialects. */
export const ENTRY_COLUMNS = ['name', 'kind', 'type', 'body', 'arity', 'weight', 'tasks', 'programs', 'created_at',
  'source', 'neural_format', 'neural_model', 'neural_weights', 'changed_version'] as const;

/** The row storing an entry, stamped with the library version that wrote it. */
export function entryToRow(e: LibraryEntry, version: number): EntryRow {
  return {
    name: e.name, kind: e.kind, type: e.type, body: e.body ?? null, arity: e.arity, weight: e.weight,
    tasks: JSON.stringify(e.provenance.tasks), programs: JSON.stringify(e.provenance.programs),
    created_at: e.provenance.createdAt, source: e.provenance.source,
    neural_format: e.neural?.format ?? null, neural_model: e.neural?.modelJson ?? null,
    neural_weights: e.neural ? e.neural.weights : null, changed_version: version,
  };
}

/** A row's values in ENTRY_COLUMNS order, for a parameterized INSERT. */
export const rowValues = (r: EntryRow): unknown[] => ENTRY_COLUMNS.map((c) => r[c]);

const jsonStrings = z.string().transform((s, ctx) => {
  try {
    const v: unknown = JSON.parse(s);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch { /* reported below */ }
  ctx.addIssue({ code: 'custom', message: 'not a JSON list of strings' });
  return z.NEVER;
});

const entryRow = z.object({
  name: z.string(),
  kind: z.enum(['primitive', 'abstraction', 'neural']),
  type: z.string(),
  body: z.string().nullable(),
  arity: z.number().int(),
  weight: z.custom<number>((v) => typeof v === 'number' && !Number.isNaN(v) && v !== Infinity, 'expected a log-probability'),
  tasks: jsonStrings,
  programs: jsonStrings,
  created_at: z.string(),
  source: z.string(),
  neural_format: z.literal('tfjs-layers').nullable(),
  neural_model: z.string().nullable(),
  neural_weights: z.instanceof(Uint8Array).nullable(),
});

/** Names the first problem of a zod error as `field: message`. */
export function describeIssue(err: z.ZodError): string {
  const i = err.issues[0]!;
  return `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`;
}

/** Validates a row read back and rebuilds its entry; a damaged row is a StoreError naming entry and column. */
export function rowToEntry(row: unknown, location: string): LibraryEntry {
  const r = entryRow.safeParse(row);
  if (!r.success) {
    const name = (row as { name?: unknown }).name;
    throw new StoreError(`library ${location}: entry '${String(name)}' is damaged: ${describeIssue(r.error)}`);
  }
  const d = r.data;
  const hasNeural = d.neural_format !== null && d.neural_model !== null && d.neural_weights !== null;
  return {
    name: d.name, kind: d.kind, type: d.type, arity: d.arity, weight: d.weight,
    ...(d.body !== null ? { body: d.body } : {}),
    provenance: { tasks: d.tasks, programs: d.programs, createdAt: d.created_at, source: d.source },
    // copy: drivers hand back a Buffer (a Uint8Array subclass) that may share a pool
    ...(hasNeural ? { neural: { format: 'tfjs-layers' as const, modelJson: d.neural_model!, weights: new Uint8Array(d.neural_weights!) } } : {}),
  };
}

const historyRow = z.object({
  version: z.number().int(),
  time: z.string(),
  operation: z.string(),
  note: z.string(),
  added: jsonStrings,
  updated: jsonStrings,
  removed: jsonStrings,
});

/** Validates a history row read back. */
export function rowToHistory(row: unknown, location: string): HistoryRecord {
  const r = historyRow.safeParse(row);
  if (!r.success) throw new StoreError(`library ${location}: history row ${String((row as { version?: unknown }).version)} is damaged: ${describeIssue(r.error)}`);
  return r.data;
}

/** A history record's values in the `history` table's column order. */
export function historyToRow(h: HistoryRecord): unknown[] {
  return [h.version, h.time, h.operation, h.note, JSON.stringify(h.added), JSON.stringify(h.updated), JSON.stringify(h.removed)];
}

/** Parses a stored record's JSON text. */
export function parseRecordValue(text: string, location: string, namespace: string, key: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new StoreError(`library ${location}: record ${namespace}/${key} is not valid JSON`);
  }
}

/** A record value's JSON text; refuses values JSON cannot hold. */
export function recordText(value: Json, namespace: string, key: string): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new StoreError(`record ${namespace}/${key}: value is not JSON`);
  return text;
}
