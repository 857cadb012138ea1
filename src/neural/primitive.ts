/**
 * Neural primitives: ordinary `Primitive` values whose impl runs a NeuralModule. The evaluator, the search and
 * the library treat them like any other primitive; `params` exposes the module to training code.
 */
import type { Primitive } from '../lang/primitive.ts';
import { parseType } from '../lang/type.ts';
import { tf } from './backend.ts';
import type { NeuralModule } from './module.ts';

export interface NeuralPrimitiveOptions {
  readonly name: string;
  /** e.g. 'image -> int' (classify), 'image -> tensor' (embed), 'tensor -> real' (score). */
  readonly type: string;
  readonly module: NeuralModule;
  /** How a raw output row becomes a value: argmax class, the vector, or the single real. */
  readonly decode: 'argmax' | 'vector' | 'scalar';
  readonly doc?: string;
}

/** Flattens an image (number[][]) or vector into one row. */
export function flatten(x: unknown): number[] {
  if (Array.isArray(x) && Array.isArray(x[0])) return (x as number[][]).flat();
  return x as number[];
}

export function neuralPrimitive(o: NeuralPrimitiveOptions): Primitive {
  // Results are cached per input object: a program's images are immutable values.
  let cache = new WeakMap<object, unknown>();
  // abduction pins chosen outputs for given inputs while it tests hypotheses
  let override: ReadonlyMap<unknown, unknown> | null = null;
  const impl = (x: unknown) => {
    if (override?.has(x)) return override.get(x);
    if (typeof x === 'object' && x !== null && cache.has(x)) return cache.get(x);
    const row = flatten(x);
    const out = tf.tidy(() => o.module.apply(tf.tensor2d([row])).dataSync());
    const v = o.decode === 'argmax' ? argmax(out) : o.decode === 'scalar' ? out[0]! : Array.from(out);
    if (typeof x === 'object' && x !== null) cache.set(x, v);
    return v;
  };
  return {
    name: o.name, type: parseType(o.type), impl, family: 'neural', cost: 1, doc: o.doc ?? `neural module (${o.module.spec.kind})`,
    params: { kind: 'tfjs-layers', handle: {
      module: o.module,
      invalidate: () => { cache = new WeakMap(); },
      setOverride: (m: ReadonlyMap<unknown, unknown> | null) => { override = m; },
    } },
  };
}

function argmax(a: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[b]!) b = i;
  return b;
}

/** Clears a neural primitive's output cache after its weights changed. */
export function invalidate(p: Primitive): void {
  (p.params?.handle as { invalidate?: () => void } | undefined)?.invalidate?.();
}

/** Pins a neural primitive's outputs for some inputs (null clears), for abduction. */
export function setOverride(p: Primitive, m: ReadonlyMap<unknown, unknown> | null): void {
  (p.params?.handle as { setOverride?: (m: ReadonlyMap<unknown, unknown> | null) => void } | undefined)?.setOverride?.(m);
}
