/**
 * A tighter admissible upper bound on a pattern's compressive utility, for patterns whose matches overlap.
 *
 * The cheap bound sums, over every match, the most one use could save (the match's cost less one use and its
 * arguments). Matches may sit inside one another's body (a pattern starting with a chain of applications matches at
 * successive nodes down a long argument list), and a program cannot save more than it costs; the cheap bound counts
 * every match in full anyway. This bound is the exact utility's dynamic program (./rewrite.ts compressiveUtility) with
 * each match saving its most, combined only with uses inside its arguments (so no subtree saves more than it costs).
 * Any completion of the pattern matches a subset of these nodes; at each, what it saves on its own plus what uses
 * inside its new arguments (carved from the pattern's holes) save is at most this match's most (the holes' whole
 * cost), and its other arguments are this pattern's. So this never underestimates; tasks count their cheapest program as in the exact utility.
 */
import type { CorpusIndex } from './compress-index.ts';
import { compressiveUtility, type Scratch } from './rewrite.ts';

/**
 * Upper bound on the corpus cost saved by any completion of a pattern with these matches. `rows` holds, per match
 * (stride `w`, ascending by node), the matched node and then its `w - 1` argument nodes; `use` is the cost of one use
 * (head and applications). Overwrites `s` (as compressiveUtility does).
 */
export function overlapBound(ix: CorpusIndex, rows: Int32Array, count: number, w: number, use: number, s: Scratch): number {
  const cost = ix.t.cost, arity = w - 1;
  const locs = new Int32Array(count), args = new Int32Array(count * arity), most = new Float64Array(count);
  // (One pass, as the search's score: splitting the rows in a pass of their own measured slower.)
  for (let i = 0; i < count; i++) {
    const x = rows[i * w]!;
    let m = cost[x]! - use; // the match's whole cost less one use and its arguments
    for (let j = 0; j < arity; j++) { const y = rows[i * w + 1 + j]!; args[i * arity + j] = y; m -= cost[y]!; }
    locs[i] = x; most[i] = m;
  }
  return compressiveUtility(ix, { locs, arity, args, argDepth: new Int32Array(arity), utilOnce: most }, s);
}
