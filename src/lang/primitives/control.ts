/**
 * The control family: bounded recursion (DreamCoder's fix1/fix2, with fuel instead of a fixed depth), bounded
 * loops and `let`. Every recursive call or iteration spends fuel, so non-termination ends as a 'fuel' failure.
 */
import type { Primitive } from '../primitive.ts';
import { binary, tick } from '../runtime.ts';
import { define, type Impl, type PrimitiveExtras } from './define.ts';

/** Declares a control primitive (side-effect free, so export's tree shaking can drop this module's table). */
/* @__NO_SIDE_EFFECTS__ */ function def(name: string, type: string, impl: Impl, doc: string, extras?: PrimitiveExtras): Primitive {
  return define('control', import.meta.url, name, type, impl, doc, extras);
}

export const controlPrimitives: readonly Primitive[] = [
  def('fix1', 'a -> ((a -> b) -> a -> b) -> b', (x: unknown, f: (r: unknown) => (y: unknown) => unknown) => {
    // Assigned to a property, not a const: a named inner function would be wrapped in esbuild's __name helper,
    // which exported source lacks.
    const rec: { call?: (y: unknown) => unknown } = {};
    const g = binary(f);
    rec.call = (y) => {
      tick(1);
      return g(rec.call, y);
    };
    return rec.call(x);
  }, 'recursion on one argument: (fix1 x f) = f (fix1 · f) x; each call spends fuel'),
  def('fix2', 'a -> b -> ((a -> b -> c) -> a -> b -> c) -> c',
    (x: unknown, y: unknown, f: (r: unknown) => (a: unknown) => (b: unknown) => unknown) => {
      const rec: { call?: (a: unknown) => (b: unknown) => unknown } = {};
      rec.call = (a) => (b) => {
        tick(1);
        return f(rec.call)(a)(b);
      };
      return rec.call(x)(y);
    }, 'recursion on two arguments: (fix2 x y f) = f (fix2 · · f) x y; each call spends fuel'),
  def('loop', 'int -> a -> (a -> a) -> a', (n: number, x: unknown, f: (a: unknown) => unknown) => {
    let acc = x;
    for (let i = 0; i < n; i++) {
      tick(1);
      acc = f(acc);
    }
    return acc;
  }, 'applies f to x n times (none when n <= 0)'),
  def('while', '(a -> bool) -> (a -> a) -> a -> a', (p: (a: unknown) => boolean, f: (a: unknown) => unknown, x: unknown) => {
    let acc = x;
    for (;;) {
      tick(1);
      if (!p(acc)) return acc;
      acc = f(acc);
    }
  }, 'applies f while p holds; each iteration spends fuel'),
  def('let', 'a -> (a -> b) -> b', (x: unknown, f: (a: unknown) => unknown) => f(x),
    'binds a value: (let x (lambda body)) evaluates body with $0 = x'),
];
