/**
 * The one helper every family uses to declare its primitives: a type written in type syntax, a cost of 1
 * unless stated, the family name and the defining module (so that `arbor export` can bundle the impl with the
 * helpers it uses; see src/api/export.ts).
 *
 * Each family wraps it in its own `def`, marked `@__NO_SIDE_EFFECTS__`: export bundles a family's module with
 * esbuild, and the annotation lets tree shaking drop the family's table, keeping only the impls a program uses.
 */
import type { Algebra, Primitive } from '../primitive.ts';
import { parseType } from '../type.ts';

/** Optional properties of a primitive beyond name, type, impl and doc. */
export interface PrimitiveExtras {
  readonly cost?: number;
  readonly lazy?: readonly number[];
  readonly pure?: boolean;
  readonly inline?: string;
  readonly algebra?: Algebra;
}

/** An impl, as a family declares it. */
export type Impl = (...args: any[]) => unknown;

/** A primitive of `family` whose impl is defined in `module` (the family file's `import.meta.url`). */
export function define(family: string, module: string, name: string, type: string, impl: Impl, doc: string,
  extras: PrimitiveExtras = {}): Primitive {
  return { name, type: parseType(type), impl, family, doc, cost: 1, ...extras, module };
}
