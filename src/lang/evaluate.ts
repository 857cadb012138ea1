/**
 * Evaluation with typed failures: installs a meter (fuel, size limit, long-term memory), runs a compiled program
 * and turns anything thrown — including a host stack overflow — into an `EvalResult`; never throws, never hangs.
 */
import type { Expr } from './expr.ts';
import { compile, type Compiled } from './compile.ts';
import type { PrimitiveSet, Value } from './primitive.ts';
import { checkSize, meter, toEvalError, type FailureKind, type Memory } from './runtime.ts';
import { valueSize } from './value.ts';

export { compile, type Compiled } from './compile.ts';

/** The outcome of one evaluation. */
export type EvalResult =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly failure: { readonly kind: FailureKind; readonly message: string } };

export interface EvalOptions {
  readonly prims: PrimitiveSet;
  /**
   * Steps allowed (default 100_000): one per primitive application and per lambda entry, plus impls' own work.
   * Keep it finite: fuel is what guarantees that evaluation ends.
   */
  readonly fuel?: number;
  /** Largest value size (valueSize cells) a program may build or return (default 100_000). */
  readonly maxSize?: number;
  /** Long-term memory for `remember` / `recall`. */
  readonly memory?: Memory;
}

export const DEFAULT_FUEL = 100_000;
export const DEFAULT_MAX_SIZE = 100_000;

/**
 * Runs `f` under a meter built from `opts`, checks the result's size and catches every failure.
 * Shared by the compiled evaluator and the reference interpreter so both report failures identically.
 */
export function metered(opts: Omit<EvalOptions, 'prims'>, f: () => Value): EvalResult {
  // Saves and restores the meter by hand rather than through withMeter: this runs once per evaluation in search.
  const fuel = meter.fuel, maxSize = meter.maxSize, memory = meter.memory;
  meter.fuel = opts.fuel ?? DEFAULT_FUEL;
  meter.maxSize = opts.maxSize ?? DEFAULT_MAX_SIZE;
  if (opts.memory) meter.memory = opts.memory;
  try {
    const value = f();
    checkResult(value, meter.maxSize);
    return { ok: true, value };
  } catch (e) {
    const err = toEvalError(e);
    return { ok: false, failure: { kind: err.kind, message: err.message } };
  } finally {
    meter.fuel = fuel;
    meter.maxSize = maxSize;
    meter.memory = memory;
  }
}

/** Checks a result against the size limit; numbers, booleans and short strings (size 1) need no measuring. */
function checkResult(value: Value, limit: number): void {
  if ((typeof value === 'object' && value !== null) || (typeof value === 'string' && value.length >= 8)) checkSize(resultSize(value));
  else if (limit < 1) checkSize(1);
}

/**
 * The size of a result, as valueSize counts it, with a fast path: a list whose first element is not an object
 * holds no nested values (lists are homogeneous), so its size is 1 + its length (+ string lengths).
 */
function resultSize(v: Value): number {
  if (!Array.isArray(v)) return typeof v === 'object' && v !== null ? valueSize(v) : typeof v === 'string' ? 1 + (v.length >> 3) : 1;
  if (v.length > 2 && (typeof v[0] !== 'object' || v[0] === null)) {
    if (typeof v[0] !== 'string') return 1 + v.length;
    let n = 1 + v.length;
    for (let i = 0; i < v.length; i++) n += (v[i] as string).length >> 3;
    return n;
  }
  let n = 1;
  for (let i = 0; i < v.length; i++) n += resultSize(v[i]);
  return n;
}

/**
 * Runs a compiled program on its arguments under the options' limits. The same steps as `metered`, written out
 * without a closure: this is the hot path of search (one call per program per example).
 */
export function runCompiled(fn: Compiled, args: readonly Value[], opts: Omit<EvalOptions, 'prims'> & { prims?: PrimitiveSet }): EvalResult {
  const fuel = meter.fuel, maxSize = meter.maxSize, memory = meter.memory;
  meter.fuel = opts.fuel ?? DEFAULT_FUEL;
  const limit = (meter.maxSize = opts.maxSize ?? DEFAULT_MAX_SIZE);
  if (opts.memory) meter.memory = opts.memory;
  let r: EvalResult;
  try {
    const value = fn(args);
    checkResult(value, limit);
    r = { ok: true, value };
  } catch (e) {
    const err = toEvalError(e);
    r = { ok: false, failure: { kind: err.kind, message: err.message } };
  }
  meter.fuel = fuel;
  meter.maxSize = maxSize;
  if (opts.memory) meter.memory = memory;
  return r;
}

/** Compiles (cached per expression object) and runs a closed program on its arguments. */
export function evaluate(expr: Expr, args: readonly Value[], opts: EvalOptions): EvalResult {
  let fn: Compiled;
  try {
    fn = compile(expr, opts.prims);
  } catch (e) {
    const err = toEvalError(e);
    return { ok: false, failure: { kind: err.kind, message: err.message } };
  }
  return runCompiled(fn, args, opts);
}
