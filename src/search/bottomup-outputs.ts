/**
 * Output vectors of bottom-up programs (one value per train example, FAIL where the program failed): canonical
 * keys, 32-bit hashes and equality, the observational-equivalence test of the bank.
 */
import type { Value } from '../lang/primitive.ts';
import { valueEquals, valueKey } from '../lang/value.ts';

/** Canonical key of one output; strings and numbers skip valueKey's quoting (a slot holds one type). */
export function outKey(o: Value): string {
  switch (typeof o) {
    case 'string': return o;
    case 'number': return o === 0 ? '0' : String(o);
    case 'boolean': return o ? '#t' : '#f';
    case 'symbol': return '\u0000!';
    default: return valueKey(o);
  }
}

const fnIds = new WeakMap<object, number>();
let fnCount = 0;

const BASE = 0x01000193;
/** POW[n] = BASE^n (mod 2^32), grown on demand. */
let POW = new Int32Array(1024);
POW[0] = 1;
let powFilled = 1;

/** BASE^n (mod 2^32). */
export function basePow(n: number): number {
  if (n >= powFilled) {
    if (n >= POW.length) { const next = new Int32Array(Math.max(2 * POW.length, n + 1)); next.set(POW); POW = next; }
    for (let i = powFilled; i <= n; i++) POW[i] = Math.imul(POW[i - 1]!, BASE);
    powFilled = n + 1;
  }
  return POW[n]!;
}

/**
 * A 32-bit polynomial hash of a string, the sum of c_i * BASE^(n-1-i), so that the hash of a concatenation
 * follows from its parts' (concatHash) without reading its characters; a full comparison settles equal hashes.
 */
function strHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
  return h;
}

/** strHash(x + y) from strHash(x), strHash(y) and y's length. */
export const concatHash = (hx: number, hy: number, ny: number): number => (Math.imul(hx, basePow(ny)) + hy) | 0;

/** A 32-bit hash of one output, consistent with sameOuts (equal values hash equally). */
export function outHash(o: Value): number {
  switch (typeof o) {
    case 'string': return strHash(o);
    case 'number':
      if ((o | 0) === o) return Math.imul(o ^ 0x5bd1e995, 0x27d4eb2d);
      return strHash(o === 0 ? '0' : String(o)) ^ 0x3c6ef372;
    case 'boolean': return o ? 0x4f1bbcdc : 0x2545f491;
    case 'symbol': return 0x6b43a9b5;
    case 'function': {
      // functions (lambdas for higher-order primitives) are distinct by identity
      let id = fnIds.get(o);
      if (id === undefined) fnIds.set(o, (id = ++fnCount));
      return Math.imul(id, 0x9e3779b1);
    }
    default:
      if (Array.isArray(o)) {
        let h = 0x2f8b6a1d ^ o.length;
        for (let i = 0; i < o.length; i++) h = Math.imul(h ^ outHash(o[i]), 0x01000193);
        return h;
      }
      return strHash(valueKey(o)) ^ 0x1b873593;
  }
}

/** The last step of a vector hash, so that its low bits index a table well. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** Hash of an output vector from its outputs' hashes (hs[0 .. m)). */
export function mixHashes(hs: Int32Array, m: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < m; i++) h = Math.imul(h ^ hs[i]!, 0x01000193);
  return finish(h);
}

/** Equality of two outputs (FAIL equals only FAIL). */
export function sameOut(x: Value, y: Value): boolean {
  return x === y || (typeof x === 'object' && typeof y === 'object' && x !== null && y !== null && valueEquals(x, y));
}

/** Equality of two output vectors (FAIL equals only FAIL). */
export function sameOuts(a: readonly Value[], b: readonly Value[]): boolean {
  for (let i = 0; i < a.length; i++) if (!sameOut(a[i], b[i])) return false;
  return true;
}
