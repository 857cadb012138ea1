import type { Rng } from '../util/rng.ts';

/** Why a long loop ended (the project-wide vocabulary of docs/architecture.md). */
export type StopReason = 'solved' | 'exhausted' | 'timeLimit' | 'evalLimit' | 'memoryLimit' | 'aborted';

/** A JSON-serialisable snapshot of an optimizer, versioned so saved runs can be checked on load. */
export interface OptimizerState {
  readonly kind: string;
  readonly version: number;
  readonly [field: string]: unknown;
}

/** The best point an optimizer has been told about. */
export interface Incumbent {
  readonly x: number[];
  readonly value: number;
}

/**
 * A black-box minimizer driven by ask/tell: `ask()` proposes candidates, the caller evaluates them and hands the
 * values back, in the same order, to `tell()`. Lower is better.
 */
export interface Optimizer {
  readonly name: string;
  readonly dim: number;
  /** Proposes the next candidates (a population, or a single point for sequential methods). */
  ask(): number[][];
  /** Reports the values of exactly the candidates the last `ask()` returned, in order. */
  tell(candidates: readonly (readonly number[])[], values: readonly number[]): void;
  /** The best evaluated candidate so far, or null before the first `tell`. */
  best(): Incumbent | null;
  /** Non-null once the optimizer has nothing more to try (e.g. converged with no restarts left). */
  stop(): StopReason | null;
  /** Counters by name (generations, restarts, termination criteria fired, …). */
  stats(): Record<string, number>;
  /** Snapshot of the whole state, including the random generator and any candidates awaiting `tell`. */
  save(): OptimizerState;
  /** Replaces this optimizer's state with a snapshot taken by `save()` on an optimizer of the same kind. */
  restore(state: OptimizerState): void;
}

/** A configured optimizer family (what `es`, `cmaes`, `ga` return): starts a run from an initial point. */
export interface Strategy {
  readonly name: string;
  start(x0: readonly number[]): Optimizer;
}

/**
 * Fills `out` with standard normal samples (polar Box–Muller, both values of each pair used). Unlike `Rng.normal`
 * it keeps no spare between calls, so `Rng.state()` alone is enough to resume a run exactly.
 */
export function fillNormal(r: Rng, out: Float64Array | number[], from = 0, to = out.length): void {
  let i = from;
  while (i < to) {
    let u = 0, v = 0, s = 0;
    do { u = r.next() * 2 - 1; v = r.next() * 2 - 1; s = u * u + v * v; } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    out[i++] = u * m;
    if (i < to) out[i++] = v * m;
  }
}

/** One standard normal sample without touching the generator's hidden spare (see `fillNormal`). */
export function normal(r: Rng): number {
  let u = 0, v = 0, s = 0;
  do { u = r.next() * 2 - 1; v = r.next() * 2 - 1; s = u * u + v * v; } while (s >= 1 || s === 0);
  return u * Math.sqrt((-2 * Math.log(s)) / s);
}

/** Checks a snapshot's kind, version (and dimension, when given) before restoring it; the message names the field. */
export function checkState(state: OptimizerState, kind: string, version: number, dim?: number): void {
  if (state.kind !== kind) throw new Error(`optimizer state: kind is '${state.kind}', expected '${kind}'`);
  if (state.version !== version) throw new Error(`optimizer state: version is ${state.version}, expected ${version}`);
  if (dim !== undefined && state.dim !== dim) throw new Error(`optimizer state: dim is ${state.dim}, expected ${dim}`);
}

/** Checks that `tell` got one finite-or-infinite number per asked candidate. */
export function checkTell(name: string, asked: number, candidates: readonly unknown[], values: readonly number[]): void {
  if (asked === 0) throw new Error(`${name}: tell() without a pending ask()`);
  if (candidates.length !== asked || values.length !== asked) {
    throw new Error(`${name}: tell() got ${candidates.length} candidates and ${values.length} values, expected ${asked}`);
  }
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) throw new Error(`${name}: tell() value ${i} is NaN`);
  }
}

/** Indices 0..n-1 ordered by ascending value (stable), written into `idx`. */
export function argsort(values: ArrayLike<number>, idx: Int32Array | number[], n = values.length): void {
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n > 64) {
    const view = Array.isArray(idx) ? idx : idx.subarray(0, n);
    const sorted = Array.prototype.slice.call(view, 0, n).sort((a: number, b: number) => values[a] - values[b] || a - b);
    for (let i = 0; i < n; i++) idx[i] = sorted[i];
    return;
  }
  // insertion sort: populations are small and this allocates nothing
  for (let i = 1; i < n; i++) {
    const k = idx[i], v = values[k];
    let j = i - 1;
    while (j >= 0 && values[idx[j]] > v) { idx[j + 1] = idx[j]; j--; }
    idx[j + 1] = k;
  }
}

/** Copies numbers into a JSON-safe array (±Infinity become strings, which JSON would otherwise turn into null). */
export function encodeNumbers(xs: ArrayLike<number>): (number | string)[] {
  const out: (number | string)[] = new Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = Number.isFinite(xs[i]) ? xs[i] : String(xs[i]);
  return out;
}

/** The inverse of `encodeNumbers`. */
export function decodeNumbers(xs: unknown, field: string): number[] {
  if (!Array.isArray(xs)) throw new Error(`optimizer state: ${field} is not an array`);
  return xs.map((v, i) => {
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || Number.isNaN(n)) throw new Error(`optimizer state: ${field}[${i}] is not a number`);
    return n;
  });
}
