/**
 * All primitive families, the base set of every primitive, and the subsets DreamCoder's list and text domains
 * use (for search grammars that should match DreamCoder's).
 */
import { primitiveSet, type Primitive, type PrimitiveSet } from '../primitive.ts';
import { controlPrimitives } from './control.ts';
import { corePrimitives } from './core.ts';
import { graphPrimitives } from './graph.ts';
import { gridPrimitives } from './grid.ts';
import { gridExtraPrimitives } from './grid-extra.ts';
import { listPrimitives } from './list.ts';
import { mapPrimitives } from './map.ts';
import { memoryPrimitives } from './memory.ts';
import { objectPrimitives } from './objects.ts';
import { stringPrimitives } from './string.ts';
import { textPrimitives } from './text.ts';

export { controlPrimitives, corePrimitives, graphPrimitives, gridPrimitives, listPrimitives, mapPrimitives,
  memoryPrimitives, objectPrimitives, stringPrimitives, textPrimitives };
export { stringConstant } from './text.ts';

/** Every family, by family name. */
export const families: Readonly<Record<string, readonly Primitive[]>> = {
  core: corePrimitives,
  control: controlPrimitives,
  list: listPrimitives,
  string: stringPrimitives,
  text: textPrimitives,
  map: mapPrimitives,
  graph: graphPrimitives,
  memory: memoryPrimitives,
  grid: gridPrimitives,
  'grid-extra': gridExtraPrimitives,
  objects: objectPrimitives,
};

/** Every primitive of every family (names are unique: primitiveSet throws otherwise). */
export const basePrimitives: PrimitiveSet = primitiveSet(...Object.values(families));

const subset = (names: readonly string[]): PrimitiveSet => {
  const m = new Map<string, Primitive>();
  for (const n of names) {
    const p = basePrimitives.get(n);
    if (!p) throw new Error(`primitive subset: unknown primitive '${n}'`);
    m.set(n, p);
  }
  return m;
};

/** DreamCoder's list domain (its numerals 0 and 1 are integer literals in Arbor). */
export const dreamcoderListNames: readonly string[] = ['if', '+', '-', '*', 'mod', 'gt?', 'eq?', 'is-prime', 'is-square',
  'empty', 'cons', 'car', 'cdr', 'empty?', 'length', 'index', 'range', 'map', 'fold', 'unfold'];
export const dreamcoderListPrimitives: PrimitiveSet = subset(dreamcoderListNames);

/** DreamCoder's text domain (its numerals and the delimiters '.' ',' '-' are literals in Arbor). */
export const dreamcoderTextNames: readonly string[] = ['if', '+', '-', 'char-eq?', 'STRING', 'SPACE', 'LPAREN', 'RPAREN',
  'empty', 'cons', 'car', 'cdr', 'empty?', 'length', 'index', 'range', 'map', 'fold', 'unfold'];
export const dreamcoderTextPrimitives: PrimitiveSet = subset(dreamcoderTextNames);
