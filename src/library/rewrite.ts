/**
 * Choosing and applying rewrites. Given where an abstraction matches (`Matches`), a dynamic program over the corpus
 * (bottom-up: ascending node ids) picks, in every program, the set of non-overlapping uses that saves the most cost
 * (a use may sit inside another use's argument); a task then costs its cheapest rewritten program. The same
 * choice both scores a candidate during search and rewrites the corpus once it is picked.
 */
import { app, prim, type Expr } from '../lang/expr.ts';
import { markAncestors, taskSavings, type CorpusIndex } from './compress-index.ts';
import { APP, LAM, lowerExpr, nodeExpr } from './compress-table.ts';

/** Where an abstraction of arity `arity` matches, with its arguments and the cost each use saves. */
export interface Matches {
  /** Matched corpus nodes, ascending. */
  readonly locs: Int32Array;
  readonly arity: number;
  /** Argument j of use i is node args[i * arity + j] (its first occurrence in the body, before lowering). */
  readonly args: Int32Array;
  /** Lambdas of the body above argument j's first occurrence: its free variables are lowered by that much. */
  readonly argDepth: Int32Array;
  /** Cost saved by one use at loc i, not counting rewrites inside its arguments. */
  readonly utilOnce: Float64Array;
}

/** Reusable per-corpus work arrays (stamped, so nothing is cleared between candidates). */
export interface Scratch {
  stamp: number;
  readonly mark: Int32Array;
  readonly isLoc: Int32Array;
  readonly chosen: Int32Array;
  readonly locAt: Int32Array;
  readonly cu: Float64Array;
  readonly order: Int32Array;
}

export function createScratch(n: number): Scratch {
  return {
    stamp: 0, mark: new Int32Array(n), isLoc: new Int32Array(n), chosen: new Int32Array(n),
    locAt: new Int32Array(n), cu: new Float64Array(n), order: new Int32Array(n),
  };
}

/**
 * Corpus cost saved by rewriting with these matches (tasks cost their cheapest program). Leaves in `s`, for this
 * stamp, the per-node best savings (`cu`) and which matches are used (`chosen`); only matches and their ancestors
 * are visited.
 */
export function compressiveUtility(ix: CorpusIndex, m: Matches, s: Scratch): number {
  const st = ++s.stamp;
  const { mark, isLoc, chosen, locAt, cu, order } = s;
  const kind = ix.t.kind, a = ix.t.a, b = ix.t.b;
  const locs = m.locs, arity = m.arity, args = m.args, utilOnce = m.utilOnce;
  let cnt = 0;
  for (let i = 0; i < locs.length; i++) {
    const x = locs[i]!;
    isLoc[x] = st; locAt[x] = i; mark[x] = st; order[cnt++] = x;
  }
  cnt = markAncestors(ix, mark, st, order, cnt);
  // Bottom-up order: ascending ids (locs are ascending). A scan of the marks beats sorting when most nodes are visited.
  let sub = order.subarray(0, cnt);
  if (cnt * 16 > ix.n) {
    let q = 0;
    for (let x = 0; x < ix.n; x++) if (mark[x] === st) order[q++] = x;
    sub = order.subarray(0, q);
  } else if (cnt > locs.length) sub.sort();
  for (let q = 0; q < sub.length; q++) {
    const x = sub[q]!;
    let without = 0;
    const k = kind[x];
    if (k === APP) {
      const f = a[x]!, g = b[x]!;
      without = (mark[f] === st ? cu[f]! : 0) + (mark[g] === st ? cu[g]! : 0);
    } else if (k === LAM) {
      const f = a[x]!;
      without = mark[f] === st ? cu[f]! : 0;
    }
    if (isLoc[x] === st) {
      const i = locAt[x]!;
      let w = utilOnce[i]!;
      for (let j = 0; j < arity; j++) {
        const y = args[i * arity + j]!;
        if (mark[y] === st) w += cu[y]!;
      }
      if (w > without) { cu[x] = w; chosen[x] = st; continue; }
    }
    cu[x] = without;
  }
  return taskSavings(ix, mark, st, cu);
}

/**
 * Rewrites every program with the uses `compressiveUtility` just chose (call it first, with the same scratch).
 * Returns the rewritten programs grouped by task, and the number of uses in them.
 */
export function applyRewrites(ix: CorpusIndex, m: Matches, s: Scratch, name: string): { programs: Expr[][]; uses: number } {
  const st = s.stamp;
  const t = ix.t;
  const head = prim(name);
  const orig = new Map<number, Expr>();
  const memo = new Map<number, Expr>();
  const useMemo = new Map<number, number>();
  const rw = (x: number): Expr => {
    if (s.mark[x] !== st) return nodeExpr(t, x, orig);
    const hit = memo.get(x);
    if (hit) return hit;
    let e: Expr;
    if (s.chosen[x] === st) {
      const i = s.locAt[x]!;
      e = head;
      for (let j = 0; j < m.arity; j++) e = app(e, lowerExpr(rw(m.args[i * m.arity + j]!), m.argDepth[j]!));
    } else if (t.kind[x] === APP) e = app(rw(t.a[x]!), rw(t.b[x]!));
    else if (t.kind[x] === LAM) e = { kind: 'lam', body: rw(t.a[x]!) };
    else e = nodeExpr(t, x, orig);
    memo.set(x, e);
    return e;
  };
  const uses = (x: number): number => {
    if (s.mark[x] !== st) return 0;
    const hit = useMemo.get(x);
    if (hit !== undefined) return hit;
    let u = 0;
    if (s.chosen[x] === st) {
      const i = s.locAt[x]!;
      u = 1;
      for (let j = 0; j < m.arity; j++) u += uses(m.args[i * m.arity + j]!);
    } else if (t.kind[x] === APP) u = uses(t.a[x]!) + uses(t.b[x]!);
    else if (t.kind[x] === LAM) u = uses(t.a[x]!);
    useMemo.set(x, u);
    return u;
  };
  const programs: Expr[][] = [];
  let total = 0;
  for (let k = 0; k < ix.numTasks; k++) {
    const ps: Expr[] = [];
    for (let r = ix.taskStart[k]!; r < ix.taskStart[k + 1]!; r++) {
      ps.push(rw(ix.roots[r]!));
      total += uses(ix.roots[r]!);
    }
    programs.push(ps);
  }
  return { programs, uses: total };
}
