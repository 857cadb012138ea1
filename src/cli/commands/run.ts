/** `arbor run PROGRAM [ARG_JSON…]`: applies a closed program to JSON arguments and prints the JSON result. */
import { asUsage, UsageError } from '../command.ts';
import { defineCommand } from '../flags.ts';
import { LIBRARY_FLAG, PROGRAM_ARG, primitivesFor, readProgram, typeOf } from '../program.ts';
import { evaluate } from '../../lang/evaluate.ts';
import type { Memory } from '../../lang/runtime.ts';
import { arrow, printType, splitArrow, tbool, tchar, tint, tlist, treal, tstr, type Type } from '../../lang/type.ts';
import { extendSet, type Primitive } from '../../lang/primitive.ts';
import { recordPrimitives } from '../../lang/primitives/record.ts';
import { inferValueType } from '../../task/infer-type.ts';
import { applySubst, emptySubst, fresh, unify } from '../../lang/unify.ts';
import { fromJson, toJson, ValueTypeError } from '../../lang/value.ts';
import { openFileMemory } from '../../store/memory-file.ts';

/**
 * Specializes a polymorphic program type by the shapes of the JSON arguments, so `list(a) -> a` given "abc" reads
 * a list(char) and prints characters back as a string. Shapes that do not fit are left to fromJson to report.
 */
export function refineByJson(type: Type, jsons: readonly unknown[]): Type {
  let s = emptySubst(maxTypeVar(type) + 1);
  const guess = (json: unknown, want: Type): Type => {
    const w = applySubst(want, s);
    if (typeof json === 'number') return Number.isInteger(json) && !(w.kind === 'tcon' && w.name === 'real') ? tint : treal;
    if (typeof json === 'boolean') return tbool;
    if (typeof json === 'string')
      return w.kind === 'tcon' && w.name === 'list' ? tlist(tchar) : w.kind === 'tcon' && w.name === 'char' ? tchar : tstr;
    if (Array.isArray(json) && w.kind === 'tcon' && w.name === 'list') return tlist(json.length ? guess(json[0], w.args[0]!) : w.args[0]!);
    if (Array.isArray(json) && w.kind === 'tvar') {
      const [a, s1] = fresh(s);
      s = s1;
      return tlist(json.length ? guess(json[0], a) : a);
    }
    return w;
  };
  const { args } = splitArrow(type);
  jsons.forEach((json, i) => {
    if (i >= args.length) return;
    const u = unify(args[i]!, guess(json, args[i]!), s);
    if (u) s = u;
  });
  return applySubst(type, s);
}

function maxTypeVar(t: Type): number {
  return t.kind === 'tvar' ? t.id : t.args.reduce((m, a) => Math.max(m, maxTypeVar(a)), -1);
}

/** Opens `--memory FILE`; a file that is not a memory file is a usage error. */
function openMemory(path: string | undefined): Memory | undefined {
  if (path === undefined) return undefined;
  try {
    return openFileMemory(path);
  } catch (e) {
    throw new UsageError(`--memory: ${(e as Error).message}`);
  }
}

const spec = {
  name: 'run',
  summary: 'run a program on JSON arguments',
  args: [PROGRAM_ARG, { name: 'ARG_JSON', about: 'the arguments as JSON', many: true, optional: true }],
  flags: {
    fuel: { type: 'int', meta: 'N', min: 1, default: 1_000_000, help: 'evaluation steps allowed' },
    'max-size': { type: 'int', meta: 'N', min: 1, default: 1_000_000, help: 'largest value the program may build' },
    memory: { type: 'string', meta: 'FILE', help: 'long-term memory for remember/recall, kept in FILE across runs' },
    library: LIBRARY_FLAG,
  },
  about: `Applies PROGRAM (program text, or @FILE) to the arguments, each given as JSON and converted by the program's
argument types (a list(char) may be given as a string), and prints the result as JSON. Objects in the arguments
bring their fields' accessors, as arbor solve names them: '(lambda (.name $0))' '{"name": "Ann"}'.`,
  footer: `exit codes: 0 success · 1 the program failed at run time ('failed: KIND: message') · 2 bad program or arguments

example: arbor run '(lambda (map (lambda (+ $0 1)) $0))' '[1,2,3]'   prints [2,3,4]`,
} as const;

/**
 * The field accessors (`.name`) of the records the JSON arguments hold, as `arbor solve` made them for a task with
 * those inputs; none when an argument's type cannot be read off its value (the type check reports what is missing).
 */
function recordAccessors(jsons: readonly unknown[]): Primitive[] {
  try {
    const types = jsons.map((j, i) => inferValueType([j], [`argument ${i + 1}`], `argument ${i + 1}`));
    return types.length ? recordPrimitives(arrow(...types, tint)) : [];
  } catch {
    return [];
  }
}

export const command = defineCommand(spec, async ({ positional, flags }) => {
  const [programArg, ...argTexts] = positional;
  const { expr } = readProgram(programArg);
  const jsons = argTexts.map((text, i) => {
    try { return JSON.parse(text) as unknown; } catch (e) {
      throw new UsageError(`argument ${i + 1}: not valid JSON (${(e as Error).message}): ${text.slice(0, 60)}`);
    }
  });
  const prims = extendSet(await primitivesFor(flags.library), recordAccessors(jsons));
  const type = typeOf(expr, prims);
  const { args: argTypes } = splitArrow(type);
  if (argTexts.length !== argTypes.length)
    throw new UsageError(`the program (type ${printType(type)}) takes ${argTypes.length} argument${argTypes.length === 1 ? '' : 's'}, got ${argTexts.length}`);
  const refined = refineByJson(type, jsons);
  const args = jsons.map((json, i) => asUsage(ValueTypeError, () => fromJson(json, splitArrow(refined).args[i]!), `argument ${i + 1}: `));
  const memory = openMemory(flags.memory);
  const r = evaluate(expr, args, { prims, fuel: flags.fuel, maxSize: flags['max-size'], ...(memory ? { memory } : {}) });
  if (!r.ok) {
    console.error(`failed: ${r.failure.kind}: ${r.failure.message}`);
    return 1;
  }
  console.log(JSON.stringify(toJson(r.value, splitArrow(refined).ret)));
  return 0;
});
