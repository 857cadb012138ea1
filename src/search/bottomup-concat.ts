/**
 * Concatenation splitting for string goals: when the bank holds programs whose outputs are prefixes of the target
 * on every example, the rest of the target is a smaller goal that may already sit in the bank (a hash look-up) or
 * split again. This reaches `a ++ (b ++ (c ++ d))` once its pieces are enumerated, instead of waiting for the
 * whole concatenation's cost level (a witness function in the style of FlashMeta, limited to one operator).
 */
import type { Value } from '../lang/primitive.ts';
import type { Bank, Entry } from './bottomup-bank.ts';
import type { Production, Productions } from './bottomup-productions.ts';

/** The concatenation rule of the goal slot, recognized by behaviour: impl("ab", "cd") = "abcd". */
export function findConcat(P: Productions): Production | null {
  for (const p of P.prods) {
    if (p.ret !== P.goal || p.args.length !== 2 || p.args[0] !== P.goal || p.args[1] !== P.goal || !p.impl || p.lazy) continue;
    try { if (p.impl('ab', 'cd') === 'abcd' && p.impl('', 'x') === 'x') return p; } catch { /* not it */ }
  }
  return null;
}

/** Tracks pieces (programs whose outputs are substrings of the target) and splits the target over them. */
export interface ConcatSplitter {
  /** Offer a new program of the goal slot (by its id in the bank). */
  offer(bank: Bank, slot: number, id: number): void;
  /** Pieces ++ rest covering the target, as nested concatenation entries' parts, or null. */
  solve(bank: Bank): { parts: Entry[] } | null;
  readonly pieces: number;
}

export function concatSplitter(target: readonly Value[], maxParts = 5, maxPieces = 5000): ConcatSplitter {
  const want = target as readonly string[];
  const pieces: Entry[] = [];
  // pieces by their output on the first example, so a split only looks at pieces that can start the rest there
  const byFirst = new Map<string, number[]>();
  let fresh = false;
  return {
    get pieces() { return pieces.length; },
    offer(bank, slot, id) {
      if (pieces.length >= maxPieces) return;
      const outs = bank.outputs(slot), base = id * want.length;
      let nonEmpty = false;
      for (let i = 0; i < want.length; i++) {
        const o = outs[base + i];
        if (typeof o !== 'string' || !want[i]!.includes(o)) return;
        if (o.length) nonEmpty = true;
      }
      if (!nonEmpty) return;
      const first = outs[base] as string;
      let at = byFirst.get(first);
      if (!at) byFirst.set(first, (at = []));
      at.push(pieces.length);
      pieces.push(bank.entry(slot, id));
      fresh = true;
    },
    solve(bank) {
      if (!fresh) return null;
      fresh = false;
      const right = bank.P.goal;
      const lookup = (rest: readonly string[]): Entry | null => bank.find(right, rest);
      let calls = 0;
      const go = (rest: readonly string[], depth: number): Entry[] | null => {
        if (++calls > 20_000) return null;
        const whole = lookup(rest);
        if (whole) return [whole];
        if (depth >= maxParts - 1) return null;
        // candidate pieces in the order they were found: those whose first output is a prefix of the rest's
        const r0 = rest[0]!, starts: number[] = [];
        for (let n = 0; n <= r0.length; n++) { const at = byFirst.get(r0.slice(0, n)); if (at) starts.push(...at); }
        starts.sort((a, b) => a - b);
        for (const pi of starts) {
          const p = pieces[pi]!;
          let ok = true, progress = false;
          for (let i = 0; i < rest.length; i++) {
            const o = p.outs[i] as string;
            if (!rest[i]!.startsWith(o)) { ok = false; break; }
            if (o.length) progress = true;
          }
          if (!ok || !progress) continue;
          const more = go(rest.map((r, i) => r.slice((p.outs[i] as string).length)), depth + 1);
          if (more) return [p, ...more];
        }
        return null;
      };
      if (want.length === 0 || want.some((w) => typeof w !== 'string')) return null;
      const parts = go(want, 0);
      return parts && parts.length > 1 ? { parts } : null;
    },
  };
}
