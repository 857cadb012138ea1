/**
 * A tighter admissible upper bound on a pattern's compressive utility, for patterns whose matches overlap.
 *
 * The cheap bound sums, over every match, the most one use could save. When a pattern's body starts with a chain of
 * s applications (`(… (#0 x1) … xs)`, the shape of long argument lists), a match at a node and matches at the next
 * s - 1 nodes down the same function spine sit inside one another's body, so at most one of them is used; the cheap
 * bound counts them all (up to s times over). This bound runs the rewrite's dynamic program (./rewrite.ts) with each
 * match saving its most, where a use at x may combine with uses below it only through the parts of x that are not
 * the concrete spine: the argument sides of its first s applications and the node at the spine's end. Any completion
 * of the pattern matches a subset of these nodes, saves at most as much per use and has at least that spine, so this
 * never underestimates; tasks count their cheapest program as in the exact utility.
 */
import { markAncestors, taskSavings, type CorpusIndex } from './compress-index.ts';
import { APP, LAM } from './compress-table.ts';

/** Longest spine prefix the bound looks at (longer ones are treated as this long, which stays admissible). */
const JUMP_LEVELS = 7;
const MAX_SPINE = (1 << JUMP_LEVELS) - 1;

/** Reusable work arrays for one corpus index (stamped, so nothing is cleared between patterns). */
export interface BoundScratch {
  stamp: number;
  readonly mark: Int32Array;
  readonly isLoc: Int32Array;
  readonly ub: Float64Array;
  readonly cu: Float64Array;
  /** Sum of cu over the argument sides of a node's function spine. */
  readonly side: Float64Array;
  readonly order: Int32Array;
  /** jump[k][x]: the node 2^k steps down x's function spine (x itself past the spine's end). */
  readonly jump: readonly Int32Array[];
}

export function createBoundScratch(ix: CorpusIndex): BoundScratch {
  const n = ix.n, kind = ix.t.kind, a = ix.t.a;
  const jump: Int32Array[] = [];
  const j0 = new Int32Array(n);
  for (let x = 0; x < n; x++) j0[x] = kind[x] === APP ? a[x]! : x;
  jump.push(j0);
  for (let k = 1; k < JUMP_LEVELS; k++) {
    const prev = jump[k - 1]!, next = new Int32Array(n);
    for (let x = 0; x < n; x++) next[x] = prev[prev[x]!]!;
    jump.push(next);
  }
  return {
    stamp: 0, mark: new Int32Array(n), isLoc: new Int32Array(n), ub: new Float64Array(n), cu: new Float64Array(n),
    side: new Float64Array(n), order: new Int32Array(n), jump,
  };
}

/**
 * Upper bound on the corpus cost saved by any completion of a pattern with these matches. `rows` holds, per match
 * (stride `w`), the matched node and then its `w - 1` argument nodes; `use` is the cost of one use (head and
 * applications); `spine` is the number of applications the body starts with along its function spine.
 */
export function overlapBound(
  ix: CorpusIndex, rows: Int32Array, count: number, w: number, use: number, spine: number, s: BoundScratch,
): number {
  const st = ++s.stamp;
  const { mark, isLoc, ub, cu, side, order, jump } = s;
  const kind = ix.t.kind, a = ix.t.a, b = ix.t.b, cost = ix.t.cost;
  const steps = Math.min(spine, MAX_SPINE);
  let cnt = 0;
  for (let i = 0; i < count; i++) {
    const r = i * w, x = rows[r]!;
    let u = cost[x]! - use;
    for (let j = 1; j < w; j++) u -= cost[rows[r + j]!]!;
    isLoc[x] = st; ub[x] = u; mark[x] = st; order[cnt++] = x;
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
    let without = 0, sd = 0;
    const k = kind[x];
    if (k === APP) {
      const f = a[x]!, g = b[x]!;
      const cf = mark[f] === st ? cu[f]! : 0, cg = mark[g] === st ? cu[g]! : 0;
      without = cf + cg;
      sd = cg + (mark[f] === st ? side[f]! : 0);
    } else if (k === LAM) without = mark[a[x]!] === st ? cu[a[x]!]! : 0;
    side[x] = sd;
    if (isLoc[x] === st) {
      let with_: number;
      if (steps === 0) with_ = ub[x]! + without; // no spine known: anything below may still be used
      else {
        let y = x;
        for (let lvl = 0, rem = steps; rem > 0; lvl++, rem >>= 1) if (rem & 1) y = jump[lvl]![y]!;
        const marked = mark[y] === st;
        with_ = ub[x]! + sd - (marked ? side[y]! : 0) + (marked ? cu[y]! : 0);
      }
      cu[x] = with_ > without ? with_ : without;
    } else cu[x] = without;
  }
  return taskSavings(ix, mark, st, cu);
}
