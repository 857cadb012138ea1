/**
 * Arbor JSON tasks: `{"name"?, "type"?: "list(int) -> int", "train": [{"input": v} | {"inputs": [v, …]}, "output": v],
 * "test"?: […], "tolerance"?: ε, "loss"?: {…}}`, one task or an array of tasks per file.
 */
import { z } from 'zod';
import { parseType, splitArrow, type Type } from '../lang/type.ts';
import { fromJson, ValueTypeError } from '../lang/value.ts';
import { inferTaskType, TypeInferenceError } from './infer-type.ts';
import { eachTask, TaskFileError } from './sexp.ts';
import type { Example, Loss, Task } from './task.ts';

const exampleSchema = z.union([
  z.object({ input: z.unknown(), output: z.unknown() }).strict(),
  z.object({ inputs: z.array(z.unknown()), output: z.unknown() }).strict(),
]).refine((e) => 'output' in e && (('input' in e) || ('inputs' in e)), 'an example needs "input" or "inputs", and "output"');

const lossSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exact') }),
  z.object({ kind: z.literal('tolerance'), epsilon: z.number().nonnegative() }),
  z.object({ kind: z.literal('mse'), threshold: z.number().nonnegative() }),
]);

const taskSchema = z.object({
  name: z.string().optional(),
  type: z.string().optional(),
  train: z.array(exampleSchema).min(1),
  test: z.array(exampleSchema).optional(),
  tolerance: z.number().nonnegative().optional(),
  loss: lossSchema.optional(),
  constants: z.array(z.unknown()).optional(),
});

/** True when a parsed JSON document looks like Arbor JSON (a task or an array of tasks with "train"). */
export function isArborJson(json: unknown): boolean {
  const first = Array.isArray(json) ? json[0] : json;
  return !!first && typeof first === 'object' && 'train' in first && !('examples' in first);
}

/** Formats a zod issue path as `tasks[1].train[0].output`. */
export function fieldOf(path: readonly PropertyKey[], prefix = ''): string {
  let s = prefix;
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : `${s ? '.' : ''}${String(k)}`;
  return s || '(top level)';
}

/**
 * Reads Arbor JSON tasks from a parsed document. Errors name the file and the field; with `onBad`, a bad task of
 * several is reported there and the others are still read.
 */
export function parseArborJson(json: unknown, file: string, onBad?: (e: TaskFileError) => void): Task[] {
  const many = Array.isArray(json);
  const items = many ? (json as unknown[]) : [json];
  const base = file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  return eachTask(items, (item, ti) => {
    const prefix = many ? `[${ti}]` : '';
    const r = taskSchema.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new TaskFileError(file, null, `field ${fieldOf(issue.path, prefix)}: ${issue.message}`);
    }
    const t = r.data;
    const raw = (xs: z.infer<typeof exampleSchema>[], split: string) => xs.map((e, i) => ({
      inputs: 'inputs' in e ? e.inputs : [e.input], output: e.output, field: `${prefix}${prefix ? '.' : ''}${split}[${i}]`,
    }));
    const train = raw(t.train, 'train'), test = raw(t.test ?? [], 'test');
    let type: Type;
    try {
      type = t.type !== undefined ? parseType(t.type) : inferTaskType([...train, ...test], 'str');
    } catch (e) {
      if (e instanceof TypeInferenceError) throw new TaskFileError(file, null, `field ${e.field}: ${e.reason}`);
      throw new TaskFileError(file, null, `field ${prefix}${prefix ? '.' : ''}type: ${(e as Error).message}`);
    }
    const { args, ret } = splitArrow(type);
    const convert = (xs: typeof train): Example[] => xs.map((e) => {
      if (e.inputs.length !== args.length)
        throw new TaskFileError(file, null, `field ${e.field}: ${e.inputs.length} input(s), the type takes ${args.length}`);
      try {
        return { inputs: e.inputs.map((x, j) => fromJson(x, args[j]!, `${e.field}.inputs[${j}]`)), output: fromJson(e.output, ret, `${e.field}.output`) };
      } catch (err) {
        if (err instanceof ValueTypeError) throw new TaskFileError(file, null, `field ${err.message}`);
        throw err;
      }
    });
    const loss: Loss | undefined = t.loss ?? (t.tolerance !== undefined ? { kind: 'tolerance', epsilon: t.tolerance } : undefined);
    const task: Task = {
      name: t.name ?? (many ? `${base}[${ti}]` : base),
      type,
      train: convert(train),
      test: convert(test),
      source: { file, format: 'arbor-json' },
      ...(loss ? { loss } : {}),
    };
    return task;
  }, onBad);
}
