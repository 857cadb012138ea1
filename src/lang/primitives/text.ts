/**
 * DreamCoder's text-domain primitives, on list(char) (DreamCoder's tstr). The domain also uses the list
 * family (`map fold unfold range index length car cdr cons empty empty?`), `+ - if`, and the delimiter
 * characters '.' ',' '-', which Arbor parses as char literals. Special characters have names: SPACE, LPAREN,
 * RPAREN. `STRING` is a per-task string constant: unbound it fails; `stringConstant(s)` binds it.
 */
import type { Primitive } from '../primitive.ts';
import { fail } from '../runtime.ts';
import { parseType } from '../type.ts';
import { define, type Impl, type PrimitiveExtras } from './define.ts';

/** Declares a text primitive (side-effect free, so export's tree shaking can drop this module's table). */
/* @__NO_SIDE_EFFECTS__ */ function def(name: string, type: string, impl: Impl, doc: string, extras?: PrimitiveExtras): Primitive {
  return define('text', import.meta.url, name, type, impl, doc, extras);
}

export const textPrimitives: readonly Primitive[] = [
  def('char-eq?', 'char -> char -> bool', (a: string, b: string) => a === b, 'character equality', { inline: '$0 === $1' }),
  def('SPACE', 'char', () => ' ', "the space character ' '"),
  def('LPAREN', 'char', () => '(', "the character '('"),
  def('RPAREN', 'char', () => ')', "the character ')'"),
  def('STRING', 'list(char)', () => fail('STRING: no string constant is bound for this task'),
    'the task’s string constant (bind one with stringConstant)'),
];

/**
 * `STRING` bound to the constant `s`, to replace the unbound one (extendSet(prims, [stringConstant(s)])).
 * The impl is built from source so that it stays self-contained when exported.
 */
export function stringConstant(s: string): Primitive {
  const impl = new Function(`return ${JSON.stringify([...s])};`) as () => string[];
  return { name: 'STRING', type: parseType('list(char)'), impl, family: 'text', cost: 1, doc: `the string constant ${JSON.stringify(s)}` };
}
