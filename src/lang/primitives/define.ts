/**
 * The one helper every family uses to declare its primitives: a type written in type syntax, a cost of 1
 * unless stated, and the family name. Impls stay self-contained (see src/lang/primitive.ts).
 */
import type { Primitive } from '../primitive.ts';
import { parseType } from '../type.ts';

/** Optional properties of a primitive beyond name, type, impl and doc. */
export interface PrimitiveExtras {
  readonly cost?: number;
  readonly lazy?: readonly number[];
  readonly pure?: boolean;
}

/** Returns a declarer for one family: `def(name, 'list(a) -> int', impl, doc, extras?)`. */
export function definer(family: string) {
  return (name: string, type: string, impl: (...args: any[]) => unknown, doc: string, extras: PrimitiveExtras = {}): Primitive =>
    ({ name, type: parseType(type), impl, family, doc, cost: 1, ...extras });
}
