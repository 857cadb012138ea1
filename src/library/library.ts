/**
 * Library: the persistent, versioned set of primitives, learned abstractions and neural modules that search uses,
 * each with a weight (its log-probability in the search grammar) and provenance. Pure: stores in src/store persist
 * it through the `Store` interface (./store.ts); time is passed in, never read.
 */
import { isClosed, primitiveNames, type Expr } from '../lang/expr.ts';
import { compile } from '../lang/evaluate.ts';
import { checkType, inferType } from '../lang/infer.ts';
import { print } from '../lang/print.ts';
import { parse } from '../lang/parse.ts';
import { arity as typeArity, parseType, printType, type Type } from '../lang/type.ts';
import { extendSet, type Primitive, type PrimitiveSet, type Value } from '../lang/primitive.ts';
import { recordPrimitives } from '../lang/primitives/record.ts';
import type { Abstraction } from './abstraction.ts';

/** What an entry is: a built-in primitive (weight only), a learned abstraction, or a neural module. */
export type EntryKind = 'primitive' | 'abstraction' | 'neural';

/** Where an entry came from: the tasks and programs that led to it, when, and which operation made it. */
export interface Provenance {
  readonly tasks: readonly string[];
  readonly programs: readonly string[];
  /** ISO-8601 time. */
  readonly createdAt: string;
  /** The operation that made it, e.g. 'compress', 'import', 'seed'. */
  readonly source: string;
}

/** A neural module's saved form (tfjs-layers model JSON and its concatenated weight bytes). */
export interface NeuralModule {
  readonly format: 'tfjs-layers';
  readonly modelJson: string;
  readonly weights: Uint8Array;
}

/** One named entry of the library. */
export interface LibraryEntry {
  /** The name programs use; unique in a library. */
  readonly name: string;
  readonly kind: EntryKind;
  /** Type in Arbor type syntax (`list(a) -> int`). */
  readonly type: string;
  /** Program text defining an abstraction (a closed lambda); absent for other kinds. */
  readonly body?: string;
  /** Number of arguments (an abstraction's lambdas); at most the arrows of `type`. */
  readonly arity: number;
  /** Log-probability in the search grammar. */
  readonly weight: number;
  readonly provenance: Provenance;
  /** Present exactly for kind 'neural'. */
  readonly neural?: NeuralModule;
}

/** A library at one version; `entries` is keyed by name. */
export interface Library {
  readonly version: number;
  readonly entries: ReadonlyMap<string, LibraryEntry>;
}

/** One committed change: entries added, updated (replaced whole) and removed, with a note. */
export interface LibraryChange {
  readonly add?: readonly LibraryEntry[];
  readonly update?: readonly LibraryEntry[];
  readonly remove?: readonly string[];
  /** The operation making the change ('compress', 'import', 'cli', …). */
  readonly operation: string;
  readonly note?: string;
  /** Optimistic concurrency: when set, the change is refused unless the library is still at this version. */
  readonly expectVersion?: number;
}

/** The history line a committed change leaves. */
export interface HistoryRecord {
  readonly version: number;
  /** ISO-8601 time of the commit. */
  readonly time: string;
  readonly operation: string;
  readonly note: string;
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly removed: readonly string[];
}

/** A change that cannot be applied (a bad entry, a name clash, a stale expected version). */
export class LibraryError extends Error {
  constructor(message: string, readonly reason: 'invalid' | 'exists' | 'missing' | 'conflict' = 'invalid') {
    super(message);
    this.name = 'LibraryError';
  }
}

/** The library before any change. */
export const emptyLibrary = (): Library => ({ version: 0, entries: new Map() });

/** Entries sorted by name (a stable order for listing and export). */
export const entryList = (lib: Library): LibraryEntry[] =>
  [...lib.entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** Problems with an entry, each naming the field; empty when the entry is well formed. */
export function entryProblems(e: LibraryEntry): string[] {
  const out: string[] = [];
  if (!validName(e.name)) out.push(`name: '${e.name}' is not a name programs can use`);
  let type: Type | null = null;
  try { type = parseType(e.type); } catch (err) { out.push(`type: ${(err as Error).message}`); }
  if (!Number.isInteger(e.arity) || e.arity < 0) out.push(`arity: ${e.arity} is not a non-negative integer`);
  else if (type && e.arity > typeArity(type)) out.push(`arity: ${e.arity} exceeds the ${typeArity(type)} arguments of type '${e.type}'`);
  if (typeof e.weight !== 'number' || Number.isNaN(e.weight) || e.weight === Infinity) out.push(`weight: ${e.weight} is not a log-probability`);
  if (e.kind === 'abstraction') {
    if (e.body === undefined) out.push('body: an abstraction needs a body');
    else {
      try {
        const body = parse(e.body);
        if (!isClosed(body)) out.push('body: has free variables');
        else if (lambdas(body) < e.arity) out.push(`body: has ${lambdas(body)} lambdas, fewer than arity ${e.arity}`);
      } catch (err) { out.push(`body: ${(err as Error).message}`); }
    }
  } else if (e.body !== undefined) out.push(`body: only abstractions have a body (kind is '${e.kind}')`);
  if (e.kind === 'neural') {
    if (!e.neural) out.push('neural: a neural entry needs its module');
    else if (e.neural.format !== 'tfjs-layers') out.push(`neural.format: '${e.neural.format}' is not 'tfjs-layers'`);
  } else if (e.neural) out.push(`neural: only neural entries have a module (kind is '${e.kind}')`);
  const p = e.provenance;
  if (!p || !Array.isArray(p.tasks) || !Array.isArray(p.programs)) out.push('provenance: needs tasks and programs lists');
  else if (Number.isNaN(Date.parse(p.createdAt))) out.push(`provenance.createdAt: '${p.createdAt}' is not an ISO time`);
  return out;
}

/** A name the parser reads back as this primitive (not a variable, hole, number, literal or keyword). */
function validName(name: string): boolean {
  if (!/^[^\s()'";]+$/.test(name) || /^[$?#]/.test(name) || /^-?\.?\d/.test(name)) return false;
  if (['lambda', 'lam', 'true', 'false'].includes(name)) return false;
  try {
    const e = parse(name);
    return e.kind === 'prim' && e.name === name;
  } catch {
    return false;
  }
}

function lambdas(e: Expr): number {
  let n = 0;
  while (e.kind === 'lam') { n++; e = e.body; }
  return n;
}

/** Checks a change on its own (entries well formed, no name twice); throws LibraryError naming the entry. */
export function checkChange(change: LibraryChange): void {
  const seen = new Set<string>();
  const mention = (name: string) => {
    if (seen.has(name)) throw new LibraryError(`entry '${name}' appears twice in one change`);
    seen.add(name);
  };
  for (const e of [...(change.add ?? []), ...(change.update ?? [])]) {
    mention(e.name);
    const problems = entryProblems(e);
    if (problems.length) throw new LibraryError(`entry '${e.name}': ${problems.join('; ')}`);
  }
  for (const name of change.remove ?? []) mention(name);
  if (!change.operation) throw new LibraryError('change: operation is required');
}

/**
 * Checks a change against the current state (adds are new, updates and removes exist, the expected version
 * holds). Stores call this inside their transaction with a look-up of their own.
 */
export function checkAgainst(change: LibraryChange, version: number, has: (name: string) => boolean): void {
  if (change.expectVersion !== undefined && change.expectVersion !== version)
    throw new LibraryError(`library is at version ${version}, not the expected ${change.expectVersion}`, 'conflict');
  for (const e of change.add ?? [])
    if (has(e.name)) throw new LibraryError(`entry '${e.name}' already exists (use update)`, 'exists');
  for (const e of change.update ?? [])
    if (!has(e.name)) throw new LibraryError(`entry '${e.name}' does not exist (use add)`, 'missing');
  for (const name of change.remove ?? [])
    if (!has(name)) throw new LibraryError(`entry '${name}' does not exist`, 'missing');
}

/** The history record a change makes when committed as `version` at `time`. */
export const recordOf = (change: LibraryChange, version: number, time: string): HistoryRecord => ({
  version, time, operation: change.operation, note: change.note ?? '',
  added: (change.add ?? []).map((e) => e.name),
  updated: (change.update ?? []).map((e) => e.name),
  removed: [...(change.remove ?? [])],
});

/** Applies a change in memory: the reference semantics every Store must match. */
export function applyChange(lib: Library, change: LibraryChange, time: string): { library: Library; record: HistoryRecord } {
  checkChange(change);
  checkAgainst(change, lib.version, (n) => lib.entries.has(n));
  const entries = new Map(lib.entries);
  for (const name of change.remove ?? []) entries.delete(name);
  for (const e of [...(change.add ?? []), ...(change.update ?? [])]) entries.set(e.name, e);
  const version = lib.version + 1;
  return { library: { version, entries }, record: recordOf(change, version, time) };
}

/** The grammar weight of every entry, by name. */
export const weights = (lib: Library): Map<string, number> => new Map([...lib.entries].map(([n, e]) => [n, e.weight]));

/** Compiles a closed expression against primitives into a function of its arguments (src/lang/evaluate.ts). */
export type Compiler = (expr: Expr, prims: PrimitiveSet) => (args: readonly Value[]) => Value;
/** How toPrimitives evaluates and types abstractions. */
export interface ToPrimitivesOptions {
  /** Evaluates abstraction bodies (default: the compiler of src/lang/evaluate.ts). */
  readonly compile?: Compiler;
  /** Trust stored types instead of checking each body against its stored type (for primitive sets lacking some names). */
  readonly storedTypes?: boolean;
}

/**
 * The library's abstractions as `Primitive`s (with `body` set), in dependency order, each evaluated by compiling
 * its body against `base` plus the abstractions before it. Bodies may use earlier abstractions by name.
 */
export function toPrimitives(lib: Library, base: PrimitiveSet, opts: ToPrimitivesOptions = {}): Primitive[] {
  const abstractions = entryList(lib).filter((e) => e.kind === 'abstraction');
  const bodies = new Map(abstractions.map((e) => [e.name, parseBody(e)]));
  const order: LibraryEntry[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (e: LibraryEntry, path: string[]) => {
    const s = state.get(e.name);
    if (s === 'done') return;
    if (s === 'visiting') throw new LibraryError(`abstractions refer to each other in a cycle: ${[...path, e.name].join(' -> ')}`);
    state.set(e.name, 'visiting');
    const own = recordsOf(e);
    for (const dep of primitiveNames(bodies.get(e.name)!)) {
      const d = lib.entries.get(dep);
      if (d?.kind === 'abstraction' && dep !== e.name) visit(d, [...path, e.name]);
      else if (dep === e.name) throw new LibraryError(`abstraction '${e.name}' refers to itself`);
      else if (!base.has(dep) && !own.has(dep)) throw new LibraryError(`abstraction '${e.name}' uses '${dep}', which is neither a primitive nor an abstraction`);
    }
    state.set(e.name, 'done');
    order.push(e);
  };
  for (const e of abstractions) {
    if (base.has(e.name)) throw new LibraryError(`abstraction '${e.name}' has the name of a primitive`);
    visit(e, []);
  }

  const prims = new Map(base);
  const out: Primitive[] = [];
  for (const e of order) {
    const body = bodies.get(e.name)!;
    // the primitives, the abstractions before this one, and the accessors of the records its type names
    const scope = extendSet(prims, [...recordsOf(e).values()]);
    const type = opts.storedTypes ? parseType(e.type) : typeOf(e, body, scope);
    const compileBody = opts.compile ?? compile;
    let run: ((args: readonly Value[]) => Value) | null = null; // compiled on first use
    const p: Primitive = {
      name: e.name, type, family: 'library', body,
      doc: `abstraction from ${e.provenance.source} (${e.provenance.tasks.length} tasks)`,
      // runs under the caller's meter: the compiled body ticks the same fuel as the program using it
      impl: (...args: Value[]) => (run ??= compileBody(body, scope))(args),
    };
    prims.set(e.name, p);
    out.push(p);
  }
  return out;
}

/** The field accessors and constructors of the records an entry's type names (`.price`), by name. */
function recordsOf(e: LibraryEntry): Map<string, Primitive> {
  let t: Type;
  try { t = parseType(e.type); } catch { return new Map(); }
  return new Map(recordPrimitives(t).map((p) => [p.name, p]));
}

/** The body's type, unified with the stored one (the most specific type both allow). */
function typeOf(e: LibraryEntry, body: Expr, prims: PrimitiveSet): Type {
  try {
    return checkType(body, parseType(e.type), prims);
  } catch (err) {
    throw new LibraryError(`abstraction '${e.name}': ${(err as Error).message}`);
  }
}

function parseBody(e: LibraryEntry): Expr {
  try {
    return parse(e.body ?? '');
  } catch (err) {
    throw new LibraryError(`abstraction '${e.name}': body: ${(err as Error).message}`);
  }
}

/** The primitives a search over this library uses (base plus abstractions) and the library's weights. */
export function withLibrary(lib: Library, base: PrimitiveSet, opts: ToPrimitivesOptions = {}): { prims: PrimitiveSet; weights: Map<string, number> } {
  return { prims: extendSet(base, toPrimitives(lib, base, opts)), weights: weights(lib) };
}

/**
 * A name prefix for newly learned abstractions that cannot clash with the library or the primitives:
 * `stem` itself when no `stem<digits>` name exists, else `fn1_`, `fn2_`, … (for stem 'fn_').
 */
export function freshPrefix(lib: Library, base: PrimitiveSet, stem = 'fn_'): string {
  const numbered = (prefix: string) => (n: string) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length));
  const taken = (prefix: string) => [...lib.entries.keys(), ...base.keys()].some(numbered(prefix));
  if (!taken(stem)) return stem;
  const root = stem.replace(/_$/, '');
  for (let k = 1; ; k++) if (!taken(`${root}${k}_`)) return `${root}${k}_`;
}

/** Where learned abstractions come from and what weight they start with. */
export interface LearnedOptions {
  /** The primitives the abstractions' bodies use (the library's own abstractions are added). */
  readonly base: PrimitiveSet;
  /** ISO time of creation. */
  readonly time: string;
  /** The operation, default 'compress'. */
  readonly source?: string;
  /** Tasks and programs that led to each abstraction (default: none recorded). */
  readonly provenance?: (a: Abstraction, index: number) => { tasks: readonly string[]; programs: readonly string[] };
  /** Grammar weight of a new entry (default 0: search normalizes weights). */
  readonly weight?: (a: Abstraction, index: number) => number;
  readonly note?: string;
  /**
   * Leave out an abstraction that does not type-check in `base` (and those built on it) instead of failing: a
   * field accessor two tasks' records share is typed for one of them only.
   */
  readonly skipUntyped?: boolean;
}

/**
 * The change adding abstractions learned by compression (later ones may use earlier ones and the library's),
 * each typed by inference. Expects the library's version, so a concurrent change makes the commit fail, not clash.
 */
export function learnedChange(lib: Library, learned: readonly Abstraction[], opts: LearnedOptions): LibraryChange {
  const prims = new Map(extendSet(opts.base, toPrimitives(lib, opts.base)));
  const add: LibraryEntry[] = learned.map((a, i): LibraryEntry | null => {
    let type: Type;
    try {
      type = inferType(a.lambda, prims);
    } catch (err) {
      if (opts.skipUntyped) return null;
      throw new LibraryError(`learned abstraction '${a.name}' does not type-check: ${(err as Error).message}`);
    }
    prims.set(a.name, { name: a.name, type, family: 'library', body: a.lambda, impl: () => undefined });
    const p = opts.provenance?.(a, i) ?? { tasks: [], programs: [] };
    return {
      name: a.name, kind: 'abstraction', type: printType(type), body: print(a.lambda), arity: a.arity,
      weight: opts.weight?.(a, i) ?? 0,
      provenance: { tasks: [...p.tasks], programs: [...p.programs], createdAt: opts.time, source: opts.source ?? 'compress' },
    };
  }).filter((e): e is LibraryEntry => e !== null);
  return { add, operation: opts.source ?? 'compress', note: opts.note ?? `${add.length} abstractions`, expectVersion: lib.version };
}
