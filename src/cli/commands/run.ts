/** `arbor run PROGRAM [ARG_JSON…]`: applies a closed program to JSON arguments and prints the JSON result. */
import { readFileSync } from 'node:fs';
import { UsageError, type Command } from '../command.ts';
import type { Expr } from '../../lang/expr.ts';
import { evaluate } from '../../lang/evaluate.ts';
import { InferError, inferType } from '../../lang/infer.ts';
import { ParseError, parse } from '../../lang/parse.ts';
import type { PrimitiveSet } from '../../lang/primitive.ts';
import { basePrimitives } from '../../lang/primitives/index.ts';
import type { Memory } from '../../lang/runtime.ts';
import { printType, splitArrow, tbool, tchar, tint, tlist, treal, tstr, type Type } from '../../lang/type.ts';
import { applySubst, emptySubst, fresh, unify } from '../../lang/unify.ts';
import { fromJson, toJson, ValueTypeError } from '../../lang/value.ts';
import { openFileMemory } from '../../store/memory-file.ts';
import { LibraryError, withLibrary } from '../../library/library.ts';

/** Parsed command line: positionals and `--flag value` options (only the flags a command declares). */
export interface CliArgs {
  readonly positional: readonly string[];
  readonly options: ReadonlyMap<string, string>;
}

/** Splits argv into positionals and the declared `--flag VALUE` / `--flag=VALUE` options; `-3` is a positional. */
export function parseCliArgs(argv: readonly string[], flags: readonly string[], command: string): CliArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (!flags.includes(name)) throw new UsageError(`unknown option '--${name}' (see arbor ${command} --help)`);
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    options.set(name, value);
  }
  return { positional, options };
}

/** Reads PROGRAM: program text, or `@FILE` for a file holding it. */
export function readProgram(arg: string | undefined): { expr: Expr; source: string } {
  if (arg === undefined) throw new UsageError('missing PROGRAM (program text, or @FILE)');
  let source = arg;
  let where = 'program';
  if (arg.startsWith('@')) {
    where = arg.slice(1);
    try { source = readFileSync(where, 'utf8'); } catch (e) {
      throw new UsageError(`cannot read program file ${where}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  try {
    return { expr: parse(source), source };
  } catch (e) {
    if (e instanceof ParseError) throw new UsageError(`${where}: syntax error: ${e.reason} at line ${e.line}, column ${e.column}`);
    throw e;
  }
}

/** The program's principal type, or a UsageError explaining why it does not type-check. */
export function typeOf(expr: Expr, prims: PrimitiveSet): Type {
  try {
    return inferType(expr, prims);
  } catch (e) {
    if (e instanceof InferError) throw new UsageError(`program does not type-check: ${e.message}`);
    throw e;
  }
}

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

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--${flag} must be a positive integer, got '${value}'`);
  return n;
}

/**
 * The primitives a program may use: the base set, plus the abstractions of the library named by `--library`
 * (a SQLite file or postgres:// URL, as for `arbor library`). Without the flag no library is opened.
 */
export async function primitivesFor(library: string | undefined): Promise<PrimitiveSet> {
  if (library === undefined) return basePrimitives;
  const { openLibraryFlag } = await import('./library.ts'); // loads the database drivers only when asked
  const store = await openLibraryFlag(library, false);
  try {
    return withLibrary(await store.load(), basePrimitives).prims;
  } catch (e) {
    if (e instanceof LibraryError) throw new UsageError(`--library ${store.location}: ${e.message}`);
    throw e;
  } finally {
    await store.close();
  }
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

const USAGE = `usage: arbor run PROGRAM [ARG_JSON…] [--fuel N] [--max-size N] [--memory FILE] [--library PATH|URL]

Applies PROGRAM (program text, or @FILE) to the arguments, each given as JSON and converted by the program's
argument types (a list(char) may be given as a string), and prints the result as JSON.

  --fuel N       evaluation steps allowed (default 1000000)
  --max-size N   largest value the program may build (default 1000000)
  --memory FILE  long-term memory for remember/recall, kept in FILE across runs
  --library PATH|URL  also use the abstractions of this library (a SQLite file or postgres:// URL)

exit codes: 0 success · 1 the program failed at run time ('failed: KIND: message') · 2 bad program or arguments

example: arbor run '(lambda (map (lambda (+ $0 1)) $0))' '[1,2,3]'   prints [2,3,4]`;

export const command: Command = {
  name: 'run',
  summary: 'run a program on JSON arguments',
  usage: USAGE,
  async run(argv) {
    const { positional, options } = parseCliArgs(argv, ['fuel', 'max-size', 'memory', 'library'], 'run');
    const [programArg, ...argTexts] = positional;
    const prims = await primitivesFor(options.get('library'));
    const { expr } = readProgram(programArg);
    const type = typeOf(expr, prims);
    const { args: argTypes } = splitArrow(type);
    if (argTexts.length !== argTypes.length)
      throw new UsageError(`the program (type ${printType(type)}) takes ${argTypes.length} argument${argTypes.length === 1 ? '' : 's'}, got ${argTexts.length}`);
    const jsons = argTexts.map((text, i) => {
      try { return JSON.parse(text) as unknown; } catch (e) {
        throw new UsageError(`argument ${i + 1}: not valid JSON (${(e as Error).message}): ${text.slice(0, 60)}`);
      }
    });
    const refined = refineByJson(type, jsons);
    const args = jsons.map((json, i) => {
      try { return fromJson(json, splitArrow(refined).args[i]!); } catch (e) {
        if (e instanceof ValueTypeError) throw new UsageError(`argument ${i + 1}: ${e.message}`);
        throw e;
      }
    });
    const fuel = positiveInt(options.get('fuel'), 'fuel') ?? 1_000_000;
    const maxSize = positiveInt(options.get('max-size'), 'max-size') ?? 1_000_000;
    const memory = openMemory(options.get('memory'));
    const r = evaluate(expr, args, { prims, fuel, maxSize, ...(memory ? { memory } : {}) });
    if (!r.ok) {
      console.error(`failed: ${r.failure.kind}: ${r.failure.message}`);
      return 1;
    }
    console.log(JSON.stringify(toJson(r.value, splitArrow(refined).ret)));
    return 0;
  },
};
