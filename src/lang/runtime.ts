/**
 * The evaluation runtime shared by compiled programs, the reference interpreter and primitive implementations:
 * a fuel meter, a value-size limit, typed failures and the long-term memory handle.
 * Evaluation is synchronous, so one module-level meter serves; `withMeter` saves and restores it for nesting.
 * Exported JavaScript includes this file's helpers, so primitive impls may use tick/fail/checkSize freely.
 */

/** Why an evaluation failed. */
export type FailureKind = 'fuel' | 'size' | 'runtime' | 'type' | 'memory';

/** A typed evaluation failure; never escapes `evaluate`. */
export class EvalError extends Error {
  constructor(readonly kind: FailureKind, message: string) {
    super(message);
    this.name = 'EvalError';
  }
}

/** Long-term key-value memory, passed in by the shell (a file-backed store) or a test (an in-memory map). */
export interface Memory {
  get(key: string): unknown | undefined;
  set(key: string, value: unknown): void;
}

export interface Meter {
  fuel: number;
  maxSize: number;
  memory: Memory | null;
}

/** The active meter. Primitives read it through tick/checkSize/fail; evaluators set it through withMeter. */
export const meter: Meter = { fuel: Infinity, maxSize: Infinity, memory: null };

/** Spends `n` steps of fuel; throws a 'fuel' failure when the budget is exhausted. */
export function tick(n = 1): void {
  if ((meter.fuel -= n) < 0) throw new EvalError('fuel', 'out of fuel');
}

/** Throws a 'size' failure when a value being built would exceed the size limit. */
export function checkSize(n: number): void {
  if (n > meter.maxSize) throw new EvalError('size', `value of size ${n} exceeds the limit ${meter.maxSize}`);
}

/** Throws a 'runtime' failure (car of an empty list, division by zero, …). */
export function fail(message: string): never {
  throw new EvalError('runtime', message);
}

/** Curries a primitive impl of arity n; lazy positions receive the value wrapped as a thunk. */
export function curry(f: (...a: any[]) => unknown, n: number, lazy: readonly number[]): unknown {
  if (lazy.length === 0) {
    if (n === 1) return (x: unknown) => (tick(), f(x));
    if (n === 2)
      return withBinary((x: unknown) => (y: unknown) => (tick(), f(x, y)), (x: unknown, y: unknown) => (tick(), f(x, y)));
    if (n === 3) return (x: unknown) => (y: unknown) => (z: unknown) => (tick(), f(x, y, z));
  }
  const go = (got: unknown[]) => (x: unknown): unknown => {
    const a = got.concat([lazy.includes(got.length) ? () => x : x]);
    return a.length < n ? go(a) : (tick(), f(...a));
  };
  return go([]);
}

/** A curried function of two arguments, which may carry an uncurried form (`u2`). */
type Curried2 = ((x: any) => (y: any) => unknown) & { u2?: (x: any, y: any) => unknown };

/**
 * Attaches to a curried two-argument function `f` its uncurried form `g`, which must do exactly what `f(x)(y)`
 * does, fuel included: impls that apply a binary function (fold, zip, …) then call `g(x, y)` without building
 * the intermediate closure. The compiler attaches one to every two-lambda nest and to curried primitives.
 */
export function withBinary<F extends (x: any) => unknown>(f: F, g: (x: any, y: any) => unknown): F {
  (f as unknown as Curried2).u2 = g;
  return f;
}

/** `f` as a function of two arguments: its uncurried form when it has one, else `(x, y) => f(x)(y)`. */
export function binary(f: (x: any) => unknown): (x: any, y: any) => unknown {
  return (f as Curried2).u2 ?? ((x, y) => (f as Curried2)(x)(y));
}

/** Runs `f` under a fresh meter, restoring the previous one afterwards (so evaluations can nest). */
export function withMeter<T>(m: Partial<Meter>, f: () => T): T {
  const saved = { fuel: meter.fuel, maxSize: meter.maxSize, memory: meter.memory };
  meter.fuel = m.fuel ?? Infinity;
  meter.maxSize = m.maxSize ?? Infinity;
  meter.memory = m.memory ?? saved.memory;
  try {
    return f();
  } finally {
    meter.fuel = saved.fuel;
    meter.maxSize = saved.maxSize;
    meter.memory = saved.memory;
  }
}

/** Converts anything thrown during evaluation into an EvalError (host stack overflow counts as fuel). */
export function toEvalError(e: unknown): EvalError {
  if (e instanceof EvalError) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new EvalError('fuel', 'recursion too deep');
  if (e instanceof RangeError && /(Invalid array length|Invalid string length)/i.test(e.message))
    return new EvalError('size', e.message);
  return new EvalError('runtime', e instanceof Error ? e.message : String(e));
}
