/**
 * A tighter admissible upper bound on a pattern's compressive utility, for patterns whose matches overlap.
 *
 * The cheap bound sums, over every match, the most one use could save (the match's cost less one use and its
 * arguments). Matches may sit inside one another's body (a pattern starting with a chain of applications matches at
 * successive nodes down a long argument list), and a program cannot save more than it costs; the cheap bound counts
 * every match in full anyway. This bound runs the rewrite's dynamic program (./rewrite.ts) with each match saving its
 * most, combined only with uses inside its arguments, and never more than a subtree costs. Any completion of the
 * pattern matches a subset of these nodes; at each, what it saves on its own plus what uses inside its new arguments
 * (carved from the pattern's holes) save is at most this match's most (the holes' whole cost), and its other arguments
 * are this pattern's. So this never underestimates; tasks count their cheapest program as in the exact utility.
 */
import { markAncestors, taskSavings, type CorpusIndex } from './compress-index.ts';
import { APP, LAM } from './compress-table.ts';

/** Reusable work arrays for one corpus index (stamped, so nothing is cleared between patterns). */
export interface BoundScratch {
  stamp: number;
  readonly mark: Int32Array;
  readonly isLoc: Int32Array;
  readonly locAt: Int32Array;
  readonly cu: Float64Array;
  readonly order: Int32Array;
}

export function createBoundScratch(ix: CorpusIndex): BoundScratch {
  const n = ix.n;
  return {
    stamp: 0, mark: new Int32Array(n), isLoc: new Int32Array(n), locAt: new Int32Array(n), cu: new Float64Array(n),
    order: new Int32Array(n),
  };
}

/**
 * Upper bound on the corpus cost saved by any completion of a pattern with these matches. `rows` holds, per match
 * (stride `w`, ascending by node), the matched node and then its `w - 1` argument nodes; `use` is the cost of one use
 * (head and applications).
 */
export function overlapBound(ix: CorpusIndex, rows: Int32Array, count: number, w: number, use: number, s: BoundScratch): number {
  const st = ++s.stamp;
  const { mark, isLoc, locAt, cu, order } = s;
  const kind = ix.t.kind, a = ix.t.a, b = ix.t.b, cost = ix.t.cost;
  let cnt = 0;
  for (let i = 0; i < count; i++) {
    const x = rows[i * w]!;
    isLoc[x] = st; locAt[x] = i; mark[x] = st; order[cnt++] = x;
  }
  cnt = markAncestors(ix, mark, st, order, cnt);
  const n = ix.n;
  // Bottom-up order: ascending ids. A scan of the marks beats sorting when most of the corpus is visited.
  let sub: Int32Array;
  if (cnt * 16 > n) {
    let q = 0;
    for (let x = 0; x < n; x++) if (mark[x] === st) order[q++] = x;
    sub = order.subarray(0, q);
  } else { sub = order.subarray(0, cnt); sub.sort(); }
  for (let q = 0; q < sub.length; q++) {
    const x = sub[q]!;
    let v = 0;
    const k = kind[x];
    if (k === APP) {
      const f = a[x]!, g = b[x]!;
      v = (mark[f] === st ? cu[f]! : 0) + (mark[g] === st ? cu[g]! : 0);
    } else if (k === LAM) v = mark[a[x]!] === st ? cu[a[x]!]! : 0;
    if (isLoc[x] === st) {
      const r = locAt[x]! * w;
      let with_ = cost[x]! - use;
      for (let j = 1; j < w; j++) {
        const y = rows[r + j]!;
        with_ += (mark[y] === st ? cu[y]! : 0) - cost[y]!;
      }
      if (with_ > v) v = with_;
    }
    cu[x] = v < cost[x]! ? v : cost[x]!; // a subtree never saves more than it costs
  }
  return taskSavings(ix, mark, st, cu);
}
