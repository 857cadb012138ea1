/**
 * The core family: conditionals, integer and real arithmetic, comparisons, boolean logic, equality on all
 * values, pairs and maybe. DreamCoder's names (`+ - * mod gt? eq? is-prime is-square`) keep its semantics.
 */
import type { Primitive } from '../primitive.ts';
import { fail, tick } from '../runtime.ts';
import { NONE, some, valueEquals } from '../value.ts';
import { define, type Impl, type PrimitiveExtras } from './define.ts';

/** Declares a core primitive (side-effect free, so export's tree shaking can drop this module's table). */
/* @__NO_SIDE_EFFECTS__ */ function def(name: string, type: string, impl: Impl, doc: string, extras?: PrimitiveExtras): Primitive {
  return define('core', import.meta.url, name, type, impl, doc, extras);
}

/** PRIMES_BELOW_200[n] is 1 when n is a prime below 200 (indices outside 0–199 read as undefined). */
const PRIMES_BELOW_200: Uint8Array = /* @__PURE__ */ primeTable(200);

function primeTable(n: number): Uint8Array {
  const t = new Uint8Array(n).fill(1, 2);
  for (let d = 2; d * d < n; d++) if (t[d]) for (let k = d * d; k < n; k += d) t[k] = 0;
  return t;
}

export const corePrimitives: readonly Primitive[] = [
  def('if', 'bool -> a -> a -> a', (c: boolean, t: () => unknown, e: () => unknown) => (c ? t() : e()),
    'if c then t else e; only the chosen branch is evaluated',
    { lazy: [1, 2], inline: '$0 ? $1 : $2', algebra: { decided: (_k, [c]) => (c === true ? 1 : c === false ? 2 : null) } }),

  // ---- integers ----
  def('+', 'int -> int -> int', (x: number, y: number) => {
    const r = x + y;
    return Number.isSafeInteger(r) ? r : Number(BigInt.asIntN(63, BigInt(x) + BigInt(y)));
  }, 'integer addition, wrapping around at 63 bits like OCaml (DreamCoder)', { algebra: { commutative: true } }),
  def('-', 'int -> int -> int', (x: number, y: number) => {
    const r = x - y;
    return Number.isSafeInteger(r) ? r : Number(BigInt.asIntN(63, BigInt(x) - BigInt(y)));
  }, 'integer subtraction, wrapping around at 63 bits like OCaml (DreamCoder)'),
  def('*', 'int -> int -> int', (x: number, y: number) => {
    const r = x * y;
    return Number.isSafeInteger(r) ? r : Number(BigInt.asIntN(63, BigInt(x) * BigInt(y)));
  }, 'integer multiplication, wrapping around at 63 bits like OCaml (DreamCoder)', { algebra: { commutative: true } }),
  def('/', 'int -> int -> int', (x: number, y: number) => {
    if (y === 0) fail('division by zero');
    return Math.trunc(x / y) + 0;
  }, 'integer division rounding toward zero (OCaml, C); fails on 0', { algebra: { failsAt: { arg: 1, value: 0 } } }),
  def('mod', 'int -> int -> int', (x: number, y: number) => {
    if (y === 0) fail('modulo by zero');
    return (x % y) + 0;
  }, 'remainder with the sign of the dividend (OCaml, as in the DreamCoder solver); fails on 0', { algebra: { failsAt: { arg: 1, value: 0 } } }),
  def('int.div', 'int -> int -> int', (x: number, y: number) => {
    if (y === 0) fail('division by zero');
    const r = ((x % y) + Math.abs(y)) % Math.abs(y);
    return (x - r) / y + 0;
  }, 'SMT-LIB div (Euclidean: x = y * (div x y) + (mod x y) with 0 <= mod < |y|); fails on 0', { algebra: { failsAt: { arg: 1, value: 0 } } }),
  def('int.mod', 'int -> int -> int', (x: number, y: number) => {
    if (y === 0) fail('modulo by zero');
    return ((x % y) + Math.abs(y)) % Math.abs(y);
  }, 'SMT-LIB mod (Euclidean: never negative); fails on 0', { algebra: { failsAt: { arg: 1, value: 0 } } }),
  def('neg', 'int -> int', (x: number) => 0 - x, 'integer negation', { inline: '0 - $0' }),
  def('abs', 'int -> int', (x: number) => Math.abs(x), 'absolute value', { inline: 'Math.abs($0)' }),
  def('min2', 'int -> int -> int', (x: number, y: number) => (x < y ? x : y), 'the smaller of two integers', { algebra: { commutative: true, associative: true } }),
  def('max2', 'int -> int -> int', (x: number, y: number) => (x > y ? x : y), 'the larger of two integers', { algebra: { commutative: true, associative: true } }),
  def('int-power', 'int -> int -> int', (b: number, e: number) => {
    if (e < 0) fail('int-power: negative exponent');
    let r = 1, base = b, k = e;
    while (k > 0) {
      tick(1);
      if (k & 1) r *= base;
      base *= base;
      k = Math.floor(k / 2);
    }
    if (!Number.isFinite(r)) fail('int-power: overflow');
    return r;
  }, 'b to the power e (e >= 0)'),
  def('is-even', 'int -> bool', (x: number) => x % 2 === 0, 'x is even', { inline: '$0 % 2 === 0' }),
  def('is-odd', 'int -> bool', (x: number) => x % 2 !== 0, 'x is odd', { inline: '$0 % 2 !== 0' }),
  def('is-prime', 'int -> bool', (n: number) => PRIMES_BELOW_200[n] === 1, 'n is a prime below 200 (DreamCoder checks membership in its list of the primes below 200)'),
  def('prime?', 'int -> bool', (n: number) => {
    if (n < 2 || !Number.isInteger(n)) return false;
    if (n < 4) return true;
    if (n % 2 === 0) return false;
    for (let d = 3; d * d <= n; d += 2) {
      tick(1);
      if (n % d === 0) return false;
    }
    return true;
  }, 'n is a prime number (any size)'),
  def('is-square', 'int -> bool', (n: number) => {
    if (n < 0) return false;
    const r = Math.round(Math.sqrt(n));
    return r * r === n;
  }, 'n is a perfect square (false for negatives)'),
  def('gt?', 'int -> int -> bool', (x: number, y: number) => x > y, 'x > y', { inline: '$0 > $1', algebra: { total: true } }),
  def('lt?', 'int -> int -> bool', (x: number, y: number) => x < y, 'x < y', { inline: '$0 < $1', algebra: { total: true } }),
  def('<=', 'int -> int -> bool', (x: number, y: number) => x <= y, 'x <= y', { inline: '$0 <= $1', algebra: { total: true } }),
  def('>=', 'int -> int -> bool', (x: number, y: number) => x >= y, 'x >= y', { inline: '$0 >= $1', algebra: { total: true } }),
  def('eq?', 'int -> int -> bool', (x: number, y: number) => x === y, 'integer equality (DreamCoder)', { inline: '$0 === $1', algebra: { commutative: true, total: true } }),

  // ---- reals ----
  def('+.', 'real -> real -> real', (x: number, y: number) => x + y, 'real addition', { inline: '$0 + $1' }),
  def('-.', 'real -> real -> real', (x: number, y: number) => x - y, 'real subtraction', { inline: '$0 - $1' }),
  def('*.', 'real -> real -> real', (x: number, y: number) => x * y, 'real multiplication', { inline: '$0 * $1' }),
  def('/.', 'real -> real -> real', (x: number, y: number) => {
    if (y === 0) fail('division by zero');
    return x / y;
  }, 'real division; fails on 0'),
  def('sqrt', 'real -> real', (x: number) => {
    if (x < 0) fail('sqrt of a negative number');
    return Math.sqrt(x);
  }, 'square root; fails on negatives'),
  def('exp', 'real -> real', (x: number) => {
    const r = Math.exp(x);
    if (!Number.isFinite(r)) fail('exp: overflow');
    return r;
  }, 'e to the power x'),
  def('log', 'real -> real', (x: number) => {
    if (x <= 0) fail('log of a non-positive number');
    return Math.log(x);
  }, 'natural logarithm; fails on x <= 0'),
  def('power', 'real -> real -> real', (b: number, e: number) => {
    const r = Math.pow(b, e);
    if (!Number.isFinite(r)) fail('power: result is not a finite number');
    return r;
  }, 'b to the power e, on reals (DreamCoder physics); fails on NaN or infinite results'),
  def('pi', 'real', () => Math.PI, 'the constant pi (DreamCoder physics)'),
  def('int->real', 'int -> real', (x: number) => x, 'an integer as a real', { inline: '$0' }),
  def('floor', 'real -> int', (x: number) => {
    if (!Number.isFinite(x)) fail('floor of a non-finite number');
    return Math.floor(x);
  }, 'largest integer <= x'),
  def('round', 'real -> int', (x: number) => {
    if (!Number.isFinite(x)) fail('round of a non-finite number');
    return Math.round(x);
  }, 'nearest integer (halves round up)'),
  def('<.', 'real -> real -> bool', (x: number, y: number) => x < y, 'real x < y', { inline: '$0 < $1' }),
  def('<=.', 'real -> real -> bool', (x: number, y: number) => x <= y, 'real x <= y', { inline: '$0 <= $1' }),

  // ---- equality and booleans ----
  def('equal?', 'a -> a -> bool', (x: unknown, y: unknown) => {
    tick(1);
    return valueEquals(x, y);
  }, 'structural equality on any two values of one type'),
  def('and', 'bool -> bool -> bool', (x: boolean, y: () => boolean) => x && y(),
    'logical and; the second argument is evaluated only when the first is true', { lazy: [1], inline: '$0 && $1' }),
  def('or', 'bool -> bool -> bool', (x: boolean, y: () => boolean) => x || y(),
    'logical or; the second argument is evaluated only when the first is false', { lazy: [1], inline: '$0 || $1' }),
  def('not', 'bool -> bool', (x: boolean) => !x, 'logical negation', { inline: '!$0' }),

  // ---- pairs and maybe ----
  def('pair', 'a -> b -> pair(a, b)', (x: unknown, y: unknown) => [x, y], 'a pair of two values', { inline: '[$0, $1]' }),
  def('fst', 'pair(a, b) -> a', (p: readonly [unknown, unknown]) => p[0], 'first component of a pair', { inline: '$0[0]' }),
  def('snd', 'pair(a, b) -> b', (p: readonly [unknown, unknown]) => p[1], 'second component of a pair', { inline: '$0[1]' }),
  def('none', 'maybe(a)', () => NONE, 'the absent value'),
  def('some', 'a -> maybe(a)', (x: unknown) => some(x), 'a present value'),
  def('is-some', 'maybe(a) -> bool', (m: { tag: string }) => m.tag === 'some', 'the maybe holds a value', { inline: '$0.tag === "some"' }),
  def('maybe-default', 'a -> maybe(a) -> a', (d: unknown, m: { tag: string; value?: unknown }) =>
    (m.tag === 'some' ? m.value : d), 'the value held, or the default'),
];
