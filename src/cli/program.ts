/** PROGRAM arguments of `arbor run`, `type` and `export`: reading, type-checking, and the primitives they may use. */
import type { Expr } from '../lang/expr.ts';
import { InferError, inferType } from '../lang/infer.ts';
import { ParseError, parse } from '../lang/parse.ts';
import { extendSet, type PrimitiveSet } from '../lang/primitive.ts';
import { recordPrimitives } from '../lang/primitives/record.ts';
import { basePrimitives } from '../lang/primitives/index.ts';
import { arrow, parseType, TypeSyntaxError, type Type } from '../lang/type.ts';
import { LibraryError, withLibrary } from '../library/library.ts';
import { asUsage, UsageError } from './command.ts';
import { readText } from './files.ts';
import type { ArgSpec, FlagSpec } from './flags.ts';

/** The PROGRAM positional as the three commands declare it. */
export const PROGRAM_ARG: ArgSpec = { name: 'PROGRAM', about: 'program text, or @FILE', extra: '(quote the program)' };

/** `--library` as run, type and export declare it. */
export const LIBRARY_FLAG = {
  type: 'string', meta: 'PATH|URL', help: 'also use the abstractions of this library (a SQLite file or postgres:// URL)',
} as const satisfies FlagSpec;

/** `--records` as type and export declare it. */
export const RECORDS_FLAG = {
  type: 'string', meta: 'TYPE', help: "a type naming the records the program reads, e.g. '{name: str, age: int}': their field accessors (.name) and constructors",
} as const satisfies FlagSpec;

/** `prims` with the accessors and constructors of the records `type` (a --records value) names. */
export function withRecords(prims: PrimitiveSet, type: string | undefined): PrimitiveSet {
  if (type === undefined) return prims;
  const t = asUsage(TypeSyntaxError, () => parseType(type), '--records: ');
  const more = recordPrimitives(arrow(t, t));
  if (more.length === 0) throw new UsageError(`--records: ${type} names no record type`);
  return extendSet(prims, more);
}

/** Reads PROGRAM: program text, or `@FILE` for a file holding it. */
export function readProgram(arg: string | undefined): { expr: Expr; source: string } {
  if (arg === undefined) throw new UsageError('missing PROGRAM (program text, or @FILE)');
  let source = arg;
  let where = 'program';
  if (arg.startsWith('@')) {
    where = arg.slice(1);
    source = readText(where, 'program file');
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
  return asUsage(InferError, () => inferType(expr, prims), 'program does not type-check: ');
}

/**
 * The primitives a program may use: the base set, plus the abstractions of the library named by `--library`
 * (a SQLite file or postgres:// URL, as for `arbor library`). Without the flag no library is opened.
 */
export async function primitivesFor(library: string | undefined): Promise<PrimitiveSet> {
  if (library === undefined) return basePrimitives;
  const { openLibraryFlag } = await import('./library-flag.ts'); // loads the database drivers only when asked
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
