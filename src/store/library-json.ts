/**
 * The library's exchange format: `{format: 'arbor-library', version: 1, entries: [...]}` with neural weights in
 * base64 and a -Infinity weight as the string "-Infinity" (JSON has no infinities). Validated with zod on read;
 * errors name the file and the field (`lib.json: entries[2].weight: …`).
 */
import { z } from 'zod';
import { entryList, entryProblems, type Library, type LibraryEntry } from '../library/library.ts';

export const LIBRARY_FORMAT = 'arbor-library';
export const LIBRARY_FORMAT_VERSION = 1;

/** Bad library JSON; the message names the file and field. */
export class LibraryFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibraryFormatError';
  }
}

const entrySchema = z.object({
  name: z.string().min(1),
  kind: z.enum(['primitive', 'abstraction', 'neural']),
  type: z.string().min(1),
  body: z.string().optional(),
  arity: z.number().int().nonnegative(),
  weight: z.union([z.number(), z.literal('-Infinity')]),
  provenance: z.object({
    tasks: z.array(z.string()),
    programs: z.array(z.string()),
    createdAt: z.string(),
    source: z.string(),
  }).strict(),
  neural: z.object({
    format: z.literal('tfjs-layers'),
    modelJson: z.string(),
    weights: z.base64(),
  }).strict().optional(),
}).strict();

const fileSchema = z.object({
  format: z.literal(LIBRARY_FORMAT),
  version: z.literal(LIBRARY_FORMAT_VERSION),
  libraryVersion: z.number().int().optional(),
  entries: z.array(entrySchema),
});

/** The JSON form of one entry. */
export type EntryJson = z.input<typeof entrySchema>;

export function entryToJson(e: LibraryEntry): EntryJson {
  return {
    name: e.name, kind: e.kind, type: e.type, ...(e.body !== undefined ? { body: e.body } : {}), arity: e.arity,
    weight: e.weight === -Infinity ? '-Infinity' : e.weight,
    provenance: { tasks: [...e.provenance.tasks], programs: [...e.provenance.programs], createdAt: e.provenance.createdAt, source: e.provenance.source },
    ...(e.neural ? { neural: { format: e.neural.format, modelJson: e.neural.modelJson, weights: Buffer.from(e.neural.weights).toString('base64') } } : {}),
  };
}

/** The export document for a library. */
export function libraryToJson(lib: Library): { format: string; version: number; libraryVersion: number; entries: EntryJson[] } {
  return { format: LIBRARY_FORMAT, version: LIBRARY_FORMAT_VERSION, libraryVersion: lib.version, entries: entryList(lib).map(entryToJson) };
}

/** Parses and validates an export document; `file` names it in errors. */
export function parseLibraryJson(text: string, file: string): LibraryEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new LibraryFormatError(`${file}: not JSON (${(e as Error).message})`);
  }
  if (typeof doc === 'object' && doc !== null && 'format' in doc && doc.format === LIBRARY_FORMAT && 'version' in doc && doc.version !== LIBRARY_FORMAT_VERSION)
    throw new LibraryFormatError(`${file}: version: library format version ${String(doc.version)} is not supported (this arbor reads ${LIBRARY_FORMAT_VERSION})`);
  const r = fileSchema.safeParse(doc);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    throw new LibraryFormatError(`${file}: ${path || '(top level)'}: ${i.message}`);
  }
  const seen = new Set<string>();
  return r.data.entries.map((j, k) => {
    const e: LibraryEntry = {
      name: j.name, kind: j.kind, type: j.type, ...(j.body !== undefined ? { body: j.body } : {}), arity: j.arity,
      weight: j.weight === '-Infinity' ? -Infinity : j.weight, provenance: j.provenance,
      ...(j.neural ? { neural: { format: j.neural.format, modelJson: j.neural.modelJson, weights: new Uint8Array(Buffer.from(j.neural.weights, 'base64')) } } : {}),
    };
    const problems = entryProblems(e);
    if (problems.length) {
      const [field, ...why] = problems[0]!.split(': ');
      throw new LibraryFormatError(`${file}: entries[${k}].${field}: ${why.join(': ')} (entry '${e.name}')`);
    }
    if (seen.has(e.name)) throw new LibraryFormatError(`${file}: entries[${k}].name: '${e.name}' appears twice`);
    seen.add(e.name);
    return e;
  });
}

/** True when two entries are the same (import skips those). */
export function sameEntry(a: LibraryEntry, b: LibraryEntry): boolean {
  return JSON.stringify(entryToJson(a)) === JSON.stringify(entryToJson(b));
}
