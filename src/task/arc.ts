/** ARC task files: `{train: [{input, output}], test: [{input, output?}]}` validated with zod; extra keys ignored. */
import { z } from 'zod';
import type { Grid } from '../lang/primitives/grid.ts';

/** One input→output pair; test pairs may lack the output (a hidden test). */
export interface ArcPair { readonly input: Grid; readonly output?: Grid }
/** An ARC task: a name (the file's id) and its pairs. */
export interface ArcTask {
  readonly name: string;
  readonly train: readonly { readonly input: Grid; readonly output: Grid }[];
  readonly test: readonly ArcPair[];
}

const grid = z.array(z.array(z.number().int().min(0).max(9)).min(1).max(30)).min(1).max(30)
  .refine((g) => g.every((r) => r.length === g[0]!.length), 'rows must have equal length');
const schema = z.object({
  train: z.array(z.object({ input: grid, output: grid })).min(1),
  test: z.array(z.object({ input: grid, output: grid.optional() })).min(1),
}); // not strict: some files carry a "name" key; key order varies

/** True when a parsed JSON value looks like an ARC task (train/test pairs of 2-D arrays). */
export function isArcTask(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const o = json as { train?: unknown; test?: unknown };
  const pairOk = (x: unknown) => typeof x === 'object' && x !== null && Array.isArray((x as { input?: unknown }).input) &&
    Array.isArray(((x as { input: unknown[] }).input)[0]);
  return Array.isArray(o.train) && Array.isArray(o.test) && o.train.length > 0 && o.train.every(pairOk) && o.test.every(pairOk);
}

/** Thrown for an invalid task file; the message names the file and the field. */
export class ArcTaskError extends Error {
  constructor(readonly file: string, readonly field: string, reason: string) {
    super(`${file}: ${field}: ${reason}`);
    this.name = 'ArcTaskError';
  }
}

/** Validates parsed JSON as an ARC task; `file` names it in errors and its basename (sans .json) becomes the name. */
export function parseArcTask(json: unknown, file: string): ArcTask {
  const r = schema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : `${s}.${String(k)}`), '$');
    throw new ArcTaskError(file, field, issue.message);
  }
  const name = file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  return { name, train: r.data.train, test: r.data.test };
}

/** Parses the text of a task file. */
export function parseArcText(text: string, file: string): ArcTask {
  let json: unknown;
  try { json = JSON.parse(text); } catch (e) { throw new ArcTaskError(file, '$', `invalid JSON (${(e as Error).message})`); }
  return parseArcTask(json, file);
}
