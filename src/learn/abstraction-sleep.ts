/**
 * Abstraction sleep: compress the frontiers into new library entries (Stitch-style, src/library/compress.ts) and
 * refit the grammar's weights from how often the rewritten frontiers use each production. Produces one library
 * change (committed by the loop in one transaction) and the rewritten frontiers.
 */
import { app, lam, type Expr } from '../lang/expr.ts';
import { parse } from '../lang/parse.ts';
import { print } from '../lang/print.ts';
import { arity as typeArity, printType } from '../lang/type.ts';
import type { PrimitiveSet } from '../lang/primitive.ts';
import { betaNormalize, type Abstraction } from '../library/abstraction.ts';
import { compress } from '../library/compress.ts';
import { freshPrefix, learnedChange, type Library, type LibraryChange, type LibraryEntry } from '../library/library.ts';
import type { Clock } from '../util/clock.ts';
import { assertNever } from '../util/assert.ts';

export interface AbstractionOptions {
  /** Every primitive abstraction bodies may use (for typing), e.g. basePrimitives. */
  readonly base: PrimitiveSet;
  /** Productions whose weights are refit (the loop's production names, abstractions included or not). */
  readonly names: readonly string[];
  /** Abstractions learned per sleep at most (default 3). */
  readonly abstractions?: number;
  readonly maxArity?: number;
  /** Additive smoothing of usage counts (default 1). */
  readonly smoothing?: number;
  /** ISO time stamped on new entries. */
  readonly time: string;
  readonly note: string;
  readonly clock?: Clock;
  readonly timeLimitMs?: number;
}

export interface AbstractionResult {
  readonly change: LibraryChange;
  readonly added: readonly string[];
  /** The frontiers rewritten with the new abstractions (same keys and order). */
  readonly frontiers: Record<string, string[]>;
}

/** Replaces each named abstraction by its closed lambda, so a body only names base primitives. */
export function inlineAbstractions(e: Expr, defs: ReadonlyMap<string, Expr>): Expr {
  switch (e.kind) {
    case 'prim': return defs.get(e.name) ?? e;
    case 'app': return app(inlineAbstractions(e.fn, defs), inlineAbstractions(e.arg, defs));
    case 'lam': return lam(inlineAbstractions(e.body, defs));
    case 'inv': return { kind: 'inv', body: inlineAbstractions(e.body, defs) };
    case 'var': case 'lit': case 'hole': return e;
    default: return assertNever(e, 'expr');
  }
}

const size = (e: Expr): number => e.kind === 'app' ? size(e.fn) + size(e.arg) : e.kind === 'lam' || e.kind === 'inv' ? 1 + size(e.body) : 1;

/**
 * An inlined body's beta-normal form when it is no larger (inlining `(fn_0 f)` leaves the redex
 * `((lambda … ) f)`): the stored body then reads as the function it is and evaluates without the extra closure.
 */
export function reduceInlined(e: Expr): Expr {
  const n = betaNormalize(e, 1000);
  return n && size(n) <= size(e) ? n : e;
}

/** Counts productions: primitive names and '$var'. */
function count(e: Expr, w: number, out: Map<string, number>): void {
  switch (e.kind) {
    case 'prim': out.set(e.name, (out.get(e.name) ?? 0) + w); break;
    case 'var': out.set('$var', (out.get('$var') ?? 0) + w); break;
    case 'app': count(e.fn, w, out); count(e.arg, w, out); break;
    case 'lam': count(e.body, w, out); break;
    default: break;
  }
}

/**
 * Weights relative to variables: log((uses + α) / (variable uses + α)), each task's programs counting 1 in all,
 * so the search's variable weight stays 0 as in the uniform grammar.
 */
export function refitWeights(frontiers: readonly (readonly Expr[])[], names: readonly string[], smoothing = 1): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ps of frontiers) for (const p of ps) count(p, 1 / ps.length, counts);
  const base = Math.log((counts.get('$var') ?? 0) + smoothing);
  return new Map(names.map((n) => [n, Math.log((counts.get(n) ?? 0) + smoothing) - base]));
}

/** Runs compression on the frontiers and builds the change: new abstractions plus every refit weight. */
export function abstractionSleep(lib: Library, frontiers: Readonly<Record<string, readonly string[]>>, o: AbstractionOptions): AbstractionResult {
  const keys = Object.keys(frontiers).filter((k) => frontiers[k]!.length > 0);
  const corpus = keys.map((k) => frontiers[k]!.map((s) => parse(s)));
  const report = corpus.length >= 2
    ? compress(corpus, {
      iterations: o.abstractions ?? 3, maxArity: o.maxArity ?? 2, prefix: freshPrefix(lib, o.base),
      ...(o.clock && o.timeLimitMs !== undefined ? { clock: o.clock, timeLimitMs: o.timeLimitMs } : {}),
    })
    : null;
  const learned = report?.abstractions ?? [];
  // bodies name only base primitives: `arbor solve --library` compiles each body on its own
  const defs = new Map<string, Expr>();
  for (const e of lib.entries.values()) if (e.kind === 'abstraction' && e.body) defs.set(e.name, parse(e.body));
  const selfContained: Abstraction[] = learned.map((a) => {
    const lambda = reduceInlined(inlineAbstractions(a.lambda, defs));
    defs.set(a.name, lambda);
    return { name: a.name, arity: a.arity, lambda };
  });
  const rewritten = report ? report.rewritten : corpus;
  const taskOf = (a: Abstraction) => keys.filter((_, i) => rewritten[i]!.some((p) => print(p).includes(a.name)));
  const names = [...new Set([...o.names, ...selfContained.map((a) => a.name), ...[...lib.entries.values()].filter((e) => e.kind !== 'primitive').map((e) => e.name)])];
  const w = refitWeights(rewritten, names, o.smoothing ?? 1);
  const added = learnedChange(lib, selfContained, {
    base: o.base, time: o.time, source: 'learn', note: o.note, skipUntyped: true,
    provenance: (a) => ({ tasks: taskOf(a), programs: [print(learned.find((l) => l.name === a.name)!.lambda)] }),
    weight: (a) => w.get(a.name) ?? 0,
  });
  const update: LibraryEntry[] = [];
  const add: LibraryEntry[] = [...(added.add ?? [])];
  for (const n of o.names) {
    const weight = w.get(n)!;
    const e = lib.entries.get(n);
    if (e) { if (e.weight !== weight) update.push({ ...e, weight }); continue; }
    const p = o.base.get(n);
    if (!p) continue;
    add.push({ name: n, kind: 'primitive', type: printType(p.type), arity: typeArity(p.type), weight, provenance: { tasks: [], programs: [], createdAt: o.time, source: 'learn' } });
  }
  for (const e of lib.entries.values()) {
    // neural entries keep their weight: the change is checkpointed as JSON, which their weight bytes do not survive
    if (o.names.includes(e.name) || e.kind !== 'abstraction') continue;
    const weight = w.get(e.name)!;
    if (e.weight !== weight) update.push({ ...e, weight });
  }
  const out: Record<string, string[]> = {};
  for (const k of Object.keys(frontiers)) out[k] = [...frontiers[k]!];
  keys.forEach((k, i) => { out[k] = rewritten[i]!.map((p) => print(p)); });
  return {
    change: { add, update, operation: 'learn', note: o.note, expectVersion: lib.version },
    added: selfContained.map((a) => a.name),
    frontiers: out,
  };
}
