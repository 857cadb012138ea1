/**
 * Long-term memory: `remember` stores a value under a string key in the memory the host passes in
 * (meter.memory), `recall` reads it back. Both are effects (pure: false), so search must not dedupe them by
 * output. Without a memory they fail with kind 'memory'.
 */
import type { Primitive } from '../primitive.ts';
import { EvalError, meter, tick } from '../runtime.ts';
import { define, type Impl, type PrimitiveExtras } from './define.ts';

/** Declares a memory primitive (side-effect free, so export's tree shaking can drop this module's table). */
/* @__NO_SIDE_EFFECTS__ */ function def(name: string, type: string, impl: Impl, doc: string, extras?: PrimitiveExtras): Primitive {
  return define('memory', import.meta.url, name, type, impl, doc, extras);
}

export const memoryPrimitives: readonly Primitive[] = [
  def('remember', 'str -> a -> a', (key: string, value: unknown) => {
    const m = meter.memory;
    if (!m) throw new EvalError('memory', 'remember: no long-term memory is attached');
    tick(1);
    m.set(key, value);
    return value;
  }, '(remember key value): stores value under key and returns it', { pure: false }),
  def('recall', 'str -> a -> a', (key: string, fallback: unknown) => {
    const m = meter.memory;
    if (!m) throw new EvalError('memory', 'recall: no long-term memory is attached');
    tick(1);
    const v = m.get(key);
    if (v === undefined) return fallback;
    // A value stored at another type must not masquerade as this one: same JS shape as the default, or the default.
    const [sv, sf] = [v, fallback].map((x) =>
      x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x === 'object' ? `object:${(x as object).constructor?.name}` : typeof x);
    return sv === sf ? v : fallback;
  }, '(recall key default): the value stored under key, or the default (also when it has another shape)', { pure: false }),
];
