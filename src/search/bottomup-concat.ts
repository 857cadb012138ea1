/**
 * Concatenation splitting for string and list goals: when the bank holds programs whose outputs are prefixes of the
 * target on every example, the rest of the target is a smaller goal that may already sit in the bank (a hash
 * look-up) or split again. This reaches `a ++ (b ++ (c ++ d))` (or `append`) once its pieces are enumerated, instead
 * of waiting for the whole concatenation's cost level (a witness function in the style of FlashMeta, limited to one
 * operator).
 */
import type { Value } from '../lang/primitive.ts';
import { valueEquals, valueKey } from '../lang/value.ts';
import type { Bank, Entry } from './bottomup-bank.ts';
import type { Production, Productions } from './bottomup-productions.ts';

/** What splitting needs of a kind of sequence: strings, or lists compared by value. */
interface SeqOps {
  is(x: Value): boolean;
  len(x: Value): number;
  slice(x: Value, from: number, to?: number): Value;
  /** Whether x starts with p. */
  startsWith(x: Value, p: Value): boolean;
  /** Whether p occurs in x as a contiguous part. */
  includes(x: Value, p: Value): boolean;
  /** A key equal for equal sequences. */
  key(x: Value): string;
}

const strings: SeqOps = {
  is: (x) => typeof x === 'string',
  len: (x) => (x as string).length,
  slice: (x, a, b) => (x as string).slice(a, b),
  startsWith: (x, p) => (x as string).startsWith(p as string),
  includes: (x, p) => (x as string).includes(p as string),
  key: (x) => x as string,
};

/** Whether list ps occurs in list xs at position a (it fits there). */
const occursAt = (xs: readonly Value[], ps: readonly Value[], a: number): boolean =>
  a + ps.length <= xs.length && ps.every((v, i) => valueEquals(v, xs[a + i]));

const lists: SeqOps = {
  is: (x) => Array.isArray(x),
  len: (x) => (x as Value[]).length,
  slice: (x, a, b) => (x as Value[]).slice(a, b),
  startsWith: (x, p) => occursAt(x as Value[], p as Value[], 0),
  includes: (x, p) => {
    for (let a = 0; a + (p as Value[]).length <= (x as Value[]).length; a++) if (occursAt(x as Value[], p as Value[], a)) return true;
    return false;
  },
  key: (x) => valueKey(x),
};

/** The sequence kind of a target (every output a string, or every output a list), or null. */
function opsFor(target: readonly Value[]): SeqOps | null {
  if (target.length === 0) return null;
  return target.every(strings.is) ? strings : target.every(lists.is) ? lists : null;
}

/**
 * The concatenation rule of the goal slot, recognized by behaviour: impl("ab", "cd") = "abcd" on strings, or
 * impl([1], [2, 3]) = [1, 2, 3] on lists.
 */
export function findConcat(P: Productions): Production | null {
  for (const p of P.prods) {
    if (p.ret !== P.goal || p.args.length !== 2 || p.args[0] !== P.goal || p.args[1] !== P.goal || !p.impl || p.lazy) continue;
    try { if (p.impl('ab', 'cd') === 'abcd' && p.impl('', 'x') === 'x') return p; } catch { /* not it */ }
    try { if (valueEquals(p.impl([1], [2, 3]), [1, 2, 3]) && valueEquals(p.impl([], [4]), [4])) return p; } catch { /* not it */ }
  }
  return null;
}

/** Whether a target can be split (its outputs all strings, or all lists). */
export const splittable = (target: readonly Value[]): boolean => opsFor(target) !== null;

/** Tracks pieces (programs whose outputs are parts of the target) and splits the target over them. */
export interface ConcatSplitter {
  /** Offer a new program of the goal slot (by its id in the bank). */
  offer(bank: Bank, slot: number, id: number): void;
  /** Pieces ++ rest covering the target, as nested concatenation entries' parts, or null. */
  solve(bank: Bank): { parts: Entry[] } | null;
  readonly pieces: number;
}

export function concatSplitter(want: readonly Value[], maxParts?: number, maxPieces = 5000): ConcatSplitter {
  const ops = opsFor(want);
  // lists split once: more parts assemble a list element by element, a lookup table rather than a program
  const most = maxParts ?? (ops === lists ? 2 : 5);
  const pieces: Entry[] = [];
  // pieces by their output on the first example, so a split only looks at pieces that can start the rest there
  const byFirst = new Map<string, number[]>();
  let fresh = false;
  return {
    get pieces() { return pieces.length; },
    offer(bank, slot, id) {
      if (ops === null || pieces.length >= maxPieces) return;
      const outs = bank.outputs(slot), base = id * want.length;
      let nonEmpty = false;
      for (let i = 0; i < want.length; i++) {
        const o = outs[base + i];
        if (!ops.is(o) || !ops.includes(want[i], o)) return;
        if (ops.len(o)) nonEmpty = true;
      }
      if (!nonEmpty) return;
      const first = ops.key(outs[base]);
      let at = byFirst.get(first);
      if (!at) byFirst.set(first, (at = []));
      at.push(pieces.length);
      pieces.push(bank.entry(slot, id));
      fresh = true;
    },
    solve(bank) {
      if (ops === null || !fresh) return null;
      fresh = false;
      const right = bank.P.goal;
      let calls = 0;
      const go = (rest: readonly Value[], depth: number): Entry[] | null => {
        if (++calls > 20_000) return null;
        const whole = bank.find(right, rest);
        if (whole) return [whole];
        if (depth >= most - 1) return null;
        // candidate pieces in the order they were found: those whose first output is a prefix of the rest's
        const r0 = rest[0]!, starts: number[] = [];
        for (let n = 0; n <= ops.len(r0); n++) { const at = byFirst.get(ops.key(ops.slice(r0, 0, n))); if (at) starts.push(...at); }
        starts.sort((a, b) => a - b);
        for (const pi of starts) {
          const p = pieces[pi]!;
          let ok = true, progress = false;
          for (let i = 0; i < rest.length; i++) {
            const o = p.outs[i];
            if (!ops.startsWith(rest[i], o)) { ok = false; break; }
            if (ops.len(o)) progress = true;
          }
          if (!ok || !progress) continue;
          const more = go(rest.map((r, i) => ops.slice(r, ops.len(p.outs[i]))), depth + 1);
          if (more) return [p, ...more];
        }
        return null;
      };
      const parts = go(want, 0);
      return parts && parts.length > 1 ? { parts } : null;
    },
  };
}
