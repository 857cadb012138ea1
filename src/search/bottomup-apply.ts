/**
 * A bank candidate's application on one example, for the rules the bank's per-arity evaluators do not cover:
 * lazy rules (arguments as thunks) and rules of four or more arguments. The children's outputs are read from
 * their slots' columns; a failed strict argument fails the application without a call.
 */
import type { Value } from '../lang/primitive.ts';
import { FAIL as FAIL_BINDING } from './bottomup-productions.ts';

const FAIL = FAIL_BINDING;

/** Where the children's outputs are: per slot, m outputs per program, flat. */
type Columns = readonly { readonly outs: readonly Value[] }[];

/**
 * The rule's application on example i, its children in `kid`: a lazy argument (`lazy[j]`; `lazy` null for a
 * strict rule) becomes a thunk that throws when forced on a failure; a failed strict argument fails it.
 */
export function applyCandidate(impl: (...a: any[]) => Value, lazy: readonly boolean[] | null, slots: readonly number[], cols: Columns,
  kid: readonly number[], i: number, m: number, args: Value[]): Value {
  const k = slots.length;
  for (let j = 0; j < k; j++) {
    const x = cols[slots[j]!]!.outs[kid[j]! * m + i];
    if (lazy !== null && lazy[j]) args[j] = () => { if (x === FAIL) throw FAIL; return x; };
    else if (x === FAIL) return FAIL;
    else args[j] = x;
  }
  return k === 3 ? impl(args[0], args[1], args[2]) : k === 2 ? impl(args[0], args[1]) : impl(...args.slice(0, k));
}
