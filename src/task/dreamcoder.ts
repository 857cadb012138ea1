/**
 * DreamCoder task files: list tasks `[{name, type: {input, output}, examples: [{i, o}]}]` (types spelled
 * `list-of-int`, `int`, `bool`) and text tasks `[{name, examples: [{inputs, output}], stringConstants}]`.
 * Text tasks keep DreamCoder's semantics: strings are list(char), so its text primitives apply.
 */
import { z } from 'zod';
import { arrow, tbool, tchar, tint, tlist, treal, tstr, type Type } from '../lang/type.ts';
import { fromJson, ValueTypeError } from '../lang/value.ts';
import { fieldOf } from './arbor-json.ts';
import { eachTask, TaskFileError } from './sexp.ts';
import type { Example, Task } from './task.ts';

const listTask = z.object({
  name: z.string(),
  type: z.object({ input: z.string(), output: z.string() }),
  examples: z.array(z.object({ i: z.unknown(), o: z.unknown() })).min(1),
});
const textTask = z.object({
  name: z.string(),
  examples: z.array(z.object({ inputs: z.array(z.string()), output: z.string() })).min(1),
  stringConstants: z.array(z.string()).optional(),
});

/** Which DreamCoder format a parsed document is in, or null. */
export function dreamcoderKind(json: unknown): 'list' | 'text' | null {
  const first = Array.isArray(json) ? json[0] : json;
  if (!first || typeof first !== 'object' || !('examples' in first)) return null;
  const ex = (first as { examples: unknown[] }).examples?.[0];
  if (ex && typeof ex === 'object' && 'i' in ex) return 'list';
  if (ex && typeof ex === 'object' && 'inputs' in ex) return 'text';
  return null;
}

const BASE: Record<string, Type> = { int: tint, bool: tbool, real: treal, float: treal, str: tstr, string: tstr, char: tchar };

/** DreamCoder's type spelling (`list-of-int`, `list-of-list-of-bool`) as a Type, or null. */
export function dreamcoderType(s: string): Type | null {
  if (s.startsWith('list-of-')) { const el = dreamcoderType(s.slice(8)); return el && tlist(el); }
  return BASE[s] ?? null;
}

function fail(file: string, path: readonly PropertyKey[], reason: string): never {
  throw new TaskFileError(file, null, `field ${fieldOf(path)}: ${reason}`);
}

/**
 * Reads a DreamCoder list or text task file (already parsed JSON). All examples are train examples, as in DreamCoder.
 * With `onBad`, a bad task of several is reported there and the others are still read.
 */
export function parseDreamcoder(json: unknown, file: string, onBad?: (e: TaskFileError) => void): Task[] {
  const items = Array.isArray(json) ? json : [json];
  const kind = dreamcoderKind(json);
  if (!kind) fail(file, [], 'not a DreamCoder task file (expected examples with "i"/"o" or "inputs"/"output")');
  return eachTask(items, (item, ti): Task => {
    if (kind === 'list') {
      const r = listTask.safeParse(item);
      if (!r.success) return fail(file, [ti, ...r.error.issues[0]!.path], r.error.issues[0]!.message);
      const t = r.data;
      const input = dreamcoderType(t.type.input) ?? fail(file, [ti, 'type', 'input'], `unknown type '${t.type.input}'`);
      const output = dreamcoderType(t.type.output) ?? fail(file, [ti, 'type', 'output'], `unknown type '${t.type.output}'`);
      const train = t.examples.map((e, i): Example => {
        try {
          return { inputs: [fromJson(e.i, input, `[${ti}].examples[${i}].i`)], output: fromJson(e.o, output, `[${ti}].examples[${i}].o`) };
        } catch (err) {
          if (err instanceof ValueTypeError) throw new TaskFileError(file, null, `field ${err.message}`);
          throw err;
        }
      });
      return { name: t.name, type: arrow(input, output), train, test: [], source: { file, format: 'dreamcoder-list' } };
    }
    const r = textTask.safeParse(item);
    if (!r.success) return fail(file, [ti, ...r.error.issues[0]!.path], r.error.issues[0]!.message);
    const t = r.data;
    const n = t.examples[0]!.inputs.length;
    t.examples.forEach((e, i) => { if (e.inputs.length !== n) fail(file, [ti, 'examples', i, 'inputs'], `${e.inputs.length} inputs, the first example has ${n}`); });
    const chars = tlist(tchar);
    return {
      name: t.name,
      type: arrow(...Array.from({ length: n }, () => chars), chars),
      train: t.examples.map((e) => ({ inputs: e.inputs.map((s) => [...s]), output: [...e.output] })),
      test: [],
      constants: (t.stringConstants ?? []).map((s) => ({ value: [...s], type: chars })),
      source: { file, format: 'dreamcoder-text' },
    };
  }, onBad);
}
