/**
 * Evaluation with typed failures: installs a meter (fuel, size limit, long-term memory), runs a compiled program
 * and turns anything thrown — including a host stack overflow — into an `EvalResult`; never throws, never hangs.
 */
import type { Expr } from './expr.ts';
import { compile, type Compiled } from './compile.ts';
import type { PrimitiveSet, Value } from './primitive.ts';
import { checkSize, toEvalError, withMeter, type FailureKind, type Memory } from './runtime.ts';
import { valueSize } from './value.ts';

export { compile, type Compiled } from './compile.ts';

/** The outcome of one evaluation. */
export type EvalResult =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly failure: { readonly kind: FailureKind; readonly message: string } };

export interface EvalOptions {
  readonly prims: PrimitiveSet;
  /** Steps allowed (default 100_000): one per primitive application and per lambda entry, plus impls' own work. */
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
  const maxSize = opts.maxSize ?? DEFAULT_MAX_SIZE;
  try {
    return withMeter({ fuel: opts.fuel ?? DEFAULT_FUEL, maxSize, ...(opts.memory ? { memory: opts.memory } : {}) }, () => {
      const value = f();
      checkSize(valueSize(value));
      return { ok: true as const, value };
    });
  } catch (e) {
    const err = toEvalError(e);
    return { ok: false, failure: { kind: err.kind, message: err.message } };
  }
}

/** Runs a compiled program on its arguments under the options' limits. */
export function runCompiled(fn: Compiled, args: readonly Value[], opts: Omit<EvalOptions, 'prims'> & { prims?: PrimitiveSet }): EvalResult {
  return metered(opts, () => fn(args));
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
