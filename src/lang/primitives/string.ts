/**
 * The string family: the SyGuS SLIA operators with SMT-LIB 2.6 semantics (both the `str.to.int` and the newer
 * `str.to_int` spellings), plus split/join/case/trim, character classes and conversions between str and
 * list(char). Positions count UTF-16 code units, as SyGuS strings are ASCII.
 */
import type { Primitive } from '../primitive.ts';
import { checkSize, fail, tick } from '../runtime.ts';
import { define, type Impl, type PrimitiveExtras } from './define.ts';

/** Declares a string primitive (side-effect free, so export's tree shaking can drop this module's table). */
/* @__NO_SIDE_EFFECTS__ */ function def(name: string, type: string, impl: Impl, doc: string, extras?: PrimitiveExtras): Primitive {
  return define('string', import.meta.url, name, type, impl, doc, extras);
}

/** Charges the fuel one pass over s takes (an impl and the algebra that mirrors it charge alike). */
const scan = (s: string): void => tick(1 + (s.length >> 4));

/** The SyGuS SLIA string operators. */
export const slia: readonly Primitive[] = [
  def('str.++', 'str -> str -> str', (s: string, t: string) => {
    checkSize(s.length + t.length);
    tick(1 + ((s.length + t.length) >> 4));
    return s + t;
  }, 'concatenation', { algebra: { concatenation: true, associative: true } }),
  def('str.len', 'str -> int', (s: string) => s.length, 'length', { inline: '$0.length' }),
  def('str.at', 'str -> int -> str', (s: string, i: number) => (i >= 0 && i < s.length ? s[i] : ''),
    'the one-character string at position i, or "" out of range', { algebra: { decided: (_k, [s]) => (s === '' ? 'fixed' : null) } }),
  def('str.substr', 'str -> int -> int -> str', (s: string, i: number, n: number) => {
    if (i < 0 || n <= 0 || i >= s.length) return '';
    tick(1 + (n >> 4));
    return s.slice(i, Math.min(s.length, i + n));
  }, '(str.substr s i n): the n characters from position i, "" when i is out of range or n <= 0', {
    algebra: { decided: (k, [s, i]) => ((s as string) === '' || (k === 2 && ((i as number) < 0 || (i as number) >= (s as string).length)) ? 'fixed' : null) },
  }),
  def('str.indexof', 'str -> str -> int -> int', (s: string, t: string, i: number) => {
    if (i < 0 || i > s.length) return -1;
    scan(s);
    return s.indexOf(t, i);
  }, '(str.indexof s t i): first position >= i where t occurs in s, -1 if none or i out of range', {
    // -1 whatever i is when t does not occur in s (after the same fuel the impl takes)
    algebra: { decided: (k, [s, t]) => (k === 2 && t !== '' && (scan(s as string), !(s as string).includes(t as string)) ? 'fixed' : null) },
  }),
  def('str.replace', 'str -> str -> str -> str', (s: string, t: string, u: string) => {
    scan(s);
    const k = s.indexOf(t);
    if (k < 0) return s;
    checkSize(s.length - t.length + u.length);
    return s.slice(0, k) + u + s.slice(k + t.length);
  }, '(str.replace s t u): s with the first occurrence of t replaced by u (t = "" prepends u)', {
    // s when t does not occur in it (after the same fuel the impl takes)
    algebra: { decided: (k, [s, t]) => (k === 2 && (scan(s as string), !(s as string).includes(t as string)) ? 0 : null) },
  }),
  def('str.replace_all', 'str -> str -> str -> str', (s: string, t: string, u: string) => {
    scan(s);
    if (t === '') return s;
    const out = u.includes('$') ? s.split(t).join(u) : s.replaceAll(t, u); // replaceAll reads $ patterns in u
    checkSize(out.length);
    return out;
  }, '(str.replace_all s t u): every non-overlapping occurrence of t replaced by u (s unchanged when t = "")'),
  def('str.contains', 'str -> str -> bool', (s: string, t: string) => {
    scan(s);
    return s.includes(t);
  }, '(str.contains s t): t occurs in s', {
    // it fails only by running out of the fuel s takes
    algebra: { totalAfter: (_k, [s]) => (scan(s as string), true) },
  }),
  def('str.prefixof', 'str -> str -> bool', (t: string, s: string) => s.startsWith(t),
    '(str.prefixof t s): t is a prefix of s', { algebra: { total: true, decided: (_k, [t]) => (t === '' ? 'fixed' : null) } }),
  def('str.suffixof', 'str -> str -> bool', (t: string, s: string) => s.endsWith(t),
    '(str.suffixof t s): t is a suffix of s', { algebra: { total: true, decided: (_k, [t]) => (t === '' ? 'fixed' : null) } }),
  def('str.to.int', 'str -> int', (s: string) => (/^[0-9]+$/.test(s) ? Number(s) : -1),
    'the decimal number s denotes, or -1 unless s is a non-empty string of digits'),
  def('str.to_int', 'str -> int', (s: string) => (/^[0-9]+$/.test(s) ? Number(s) : -1),
    'SMT-LIB 2.6 spelling of str.to.int'),
  def('int.to.str', 'int -> str', (n: number) => (n >= 0 ? String(n) : ''),
    'decimal digits of n, or "" when n is negative'),
  def('str.from_int', 'int -> str', (n: number) => (n >= 0 ? String(n) : ''),
    'SMT-LIB 2.6 spelling of int.to.str'),
  def('str.to_code', 'str -> int', (s: string) => (s.length === 1 ? s.charCodeAt(0) : -1),
    'the code of a one-character string, else -1'),
  def('str.from_code', 'int -> str', (n: number) => (n >= 0 && n <= 0xffff ? String.fromCharCode(n) : ''),
    'the one-character string with code n, or "" out of range'),
  def('str.<', 'str -> str -> bool', (s: string, t: string) => s < t, 'lexicographically smaller', { inline: '$0 < $1' }),
  def('str.<=', 'str -> str -> bool', (s: string, t: string) => s <= t, 'lexicographically smaller or equal', { inline: '$0 <= $1' }),
  def('str.is_digit', 'str -> bool', (s: string) => s.length === 1 && s >= '0' && s <= '9',
    's is a single decimal digit'),
];

/** General string and character operations. */
export const stringExtras: readonly Primitive[] = [
  def('split', 'str -> str -> list(str)', (s: string, sep: string) => {
    scan(s);
    const out = sep === '' ? [...s] : s.split(sep);
    checkSize(out.length);
    return out;
  }, '(split s sep): the pieces of s between occurrences of sep (characters when sep = "")'),
  def('join', 'list(str) -> str -> str', (parts: readonly string[], sep: string) => {
    let out = parts.length > 0 && parts.length <= 64 ? parts[0]! : parts.join(sep); // short lists: concatenation is cheaper
    if (parts.length <= 64) for (let i = 1; i < parts.length; i++) out += sep + parts[i];
    checkSize(out.length);
    tick(1 + parts.length + (out.length >> 4));
    return out;
  }, '(join parts sep): the parts with sep between them'),
  def('upper', 'str -> str', (s: string) => {
    scan(s);
    return s.toUpperCase();
  }, 'upper case'),
  def('lower', 'str -> str', (s: string) => {
    scan(s);
    return s.toLowerCase();
  }, 'lower case'),
  def('upper-first', 'str -> str', (s: string) => {
    scan(s);
    return s === '' ? s : s[0]!.toUpperCase() + s.slice(1);
  }, 'the first character in upper case, the rest as it is (capitalizing a word or a name)'),
  def('trim', 'str -> str', (s: string) => {
    scan(s);
    return s.trim();
  }, 'without leading and trailing white space'),
  def('str->chars', 'str -> list(char)', (s: string) => {
    checkSize(s.length);
    scan(s);
    return s.split('');
  }, 'the characters of s'),
  def('chars->str', 'list(char) -> str', (cs: readonly string[]) => {
    checkSize(cs.length);
    tick(1 + (cs.length >> 4));
    if (cs.length > 64) return cs.join('');
    let s = '';
    for (let i = 0; i < cs.length; i++) s += cs[i];
    return s;
  }, 'the string of the characters'),
  def('char->str', 'char -> str', (c: string) => c, 'the one-character string', { inline: '$0' }),
  def('char->int', 'char -> int', (c: string) => c.charCodeAt(0), 'character code'),
  def('int->char', 'int -> char', (n: number) => {
    if (n < 0 || n > 0xffff || !Number.isInteger(n)) fail(`int->char: ${n} is not a character code`);
    return String.fromCharCode(n);
  }, 'the character with code n; fails outside 0..65535'),
  def('char-upper', 'char -> char', (c: string) => {
    const k = c.charCodeAt(0);
    if (k >= 97 && k <= 122 && c.length === 1) return String.fromCharCode(k - 32); // ASCII a-z, the common case
    const u = c.toUpperCase();
    return u.length === 1 ? u : c;
  }, 'upper-case character'),
  def('char-lower', 'char -> char', (c: string) => {
    const u = c.toLowerCase();
    return u.length === 1 ? u : c;
  }, 'lower-case character'),
  def('is-digit', 'char -> bool', (c: string) => c >= '0' && c <= '9', 'c is a decimal digit'),
  def('is-letter', 'char -> bool', (c: string) => c.toLowerCase() !== c.toUpperCase(), 'c is a letter'),
  def('is-upper', 'char -> bool', (c: string) => c !== c.toLowerCase(), 'c is an upper-case letter'),
  def('is-lower', 'char -> bool', (c: string) => c !== c.toUpperCase(), 'c is a lower-case letter'),
  def('is-space', 'char -> bool', (c: string) => {
    const k = c.charCodeAt(0);
    if (c.length === 1 && k > 32 && k < 127) return false; // printable ASCII, the common case
    return c.trim() === '';
  }, 'c is white space'),
];

export const stringPrimitives: readonly Primitive[] = /* @__PURE__ */ slia.concat(stringExtras);
