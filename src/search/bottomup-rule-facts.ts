/**
 * What each rule's shape and declared algebra (lang/primitive.ts `Algebra`) let the bottom-up bank do, derived
 * once per set of productions: known duplicates, skipped orders, hashes from the children's, saturation.
 */
import type { Algebra, Value } from '../lang/primitive.ts';
import { FAIL, type Productions } from './bottomup-productions.ts';

/** What each rule's shape and declared algebra let the bank do, per rule index (see `ruleFacts`). */
export interface RuleFacts {
  /** The argument positions in the rule's own slot (a result equal to one of them is a known duplicate). */
  readonly selfArgs: readonly (readonly number[])[];
  /** String concatenation: outputs' hashes follow from the children's. */
  readonly concats: readonly boolean[];
  /** Commutative over two arguments of one slot: (x, y) with y < x is skipped. */
  readonly commutes: readonly boolean[];
  /** Associative within one slot: (f(u, v), y) is skipped. */
  readonly assoc: readonly boolean[];
  readonly decides: readonly (Algebra['decided'] | null)[];
  /** Total and strict, arity 1 to 3 (saturation applies). */
  readonly totals: readonly boolean[];
  /** Binary and strict: whether it cannot fail once its first argument is known (Algebra.totalAfter). */
  readonly totalAfters: readonly (Algebra['totalAfter'] | null)[];
  /** Binary: a second-argument value it fails on (Algebra.failsAt), else FAIL. */
  readonly failsAt1: readonly Value[];
}

const factsOf = new WeakMap<Productions, RuleFacts>();

/** The rules' facts, derived once per set of productions (Probe restarts build new banks over the same ones). */
export function ruleFacts(P: Productions): RuleFacts {
  let f = factsOf.get(P);
  if (f) return f;
  const prods = P.prods;
  f = {
    selfArgs: prods.map((p) => p.args.flatMap((a, j) => (a === p.ret ? [j] : []))),
    concats: prods.map((p) => !!p.algebra?.concatenation && p.args.length === 2 && p.lazy === null),
    commutes: prods.map((p) => !!p.algebra?.commutative && p.args.length === 2 && p.args[0] === p.args[1]),
    assoc: prods.map((p) => !!p.algebra?.associative && p.args.length === 2 && p.args[0] === p.ret && p.args[1] === p.ret),
    decides: prods.map((p) => (p.args.length === 2 || p.args.length === 3 ? p.algebra?.decided ?? null : null)),
    totals: prods.map((p) => !!p.algebra?.total && p.lazy === null && p.args.length >= 1 && p.args.length <= 3),
    totalAfters: prods.map((p) => (p.lazy === null && p.args.length === 2 ? p.algebra?.totalAfter ?? null : null)),
    failsAt1: prods.map((p) => {
      const fa = p.algebra?.failsAt;
      return fa !== undefined && fa.arg === 1 && p.args.length === 2 ? fa.value : FAIL;
    }),
  };
  factsOf.set(P, f);
  return f;
}
