/**
 * The hash-consed node table compression runs on: every distinct subtree of the corpus is one integer id, stored in
 * flat typed arrays (kind, children, cost, free variables). Equal subtrees share an id, so matching an abstraction is
 * array and map look-ups. Children always get smaller ids than their parents: ascending id order is bottom-up.
 */
import { app, lam, shift, v, type Expr } from '../lang/expr.ts';
import { print } from '../lang/print.ts';
import { assertNever } from '../util/assert.ts';
import type { CostModel } from './cost.ts';

export const APP = 0, LAM = 1, VAR = 2, PRIM = 3;

/** No free variable: the value of `minFree` for closed nodes (`maxFree` is then -1). */
export const NO_FREE = 0x3fffffff;

/** The node table. `a` is an app's function, a lam's body, a var's index or a prim's symbol; `b` an app's argument. */
export interface NodeTable {
  readonly costs: CostModel;
  /** Number of nodes. */
  n: number;
  kind: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  cost: Int32Array;
  /** Smallest and largest free de Bruijn index of the node (relative to the node itself). */
  minFree: Int32Array;
  maxFree: Int32Array;
  /** Free-variable set id per node (sets are interned in `fvSets`). */
  fv: Int32Array;
  readonly fvSets: number[][];
  /** Symbol id -> printed name and the leaf expression it stands for (a primitive, literal or `#(…)`). */
  readonly symbols: string[];
  readonly leaves: Expr[];
  readonly appIds: Map<number, number>;
  readonly lamIds: Map<number, number>;
  readonly varIds: number[];
  readonly primIds: Map<string, number>;
  readonly fvIds: Map<string, number>;
  readonly fvUnion: Map<number, number>;
  readonly fvLower: Map<number, number>;
  readonly shiftMemo: Map<number, number>;
}

const MAX_NODES = 1 << 26; // app keys pack two ids into one double

/** An empty table for a cost model. */
export function createTable(costs: CostModel, capacity = 1024): NodeTable {
  const t: NodeTable = {
    costs, n: 0,
    kind: new Uint8Array(capacity), a: new Int32Array(capacity), b: new Int32Array(capacity),
    cost: new Int32Array(capacity), minFree: new Int32Array(capacity), maxFree: new Int32Array(capacity),
    fv: new Int32Array(capacity), fvSets: [], symbols: [], leaves: [],
    appIds: new Map(), lamIds: new Map(), varIds: [], primIds: new Map(),
    fvIds: new Map(), fvUnion: new Map(), fvLower: new Map(), shiftMemo: new Map(),
  };
  internFv(t, []);
  return t;
}

function internFv(t: NodeTable, set: number[]): number {
  const key = set.join(',');
  let id = t.fvIds.get(key);
  if (id === undefined) { id = t.fvSets.length; t.fvSets.push(set); t.fvIds.set(key, id); }
  return id;
}

function fvUnion(t: NodeTable, x: number, y: number): number {
  if (x === y || y === 0) return x;
  if (x === 0) return y;
  const key = x * 1048576 + y;
  let id = t.fvUnion.get(key);
  if (id === undefined) {
    id = internFv(t, [...new Set([...t.fvSets[x]!, ...t.fvSets[y]!])].sort((p, q) => p - q));
    t.fvUnion.set(key, id);
  }
  return id;
}

/** Free variables of `(lam body)`: the body's, minus $0, each lowered by one. */
function fvLower(t: NodeTable, x: number): number {
  if (x === 0) return 0;
  let id = t.fvLower.get(x);
  if (id === undefined) {
    id = internFv(t, t.fvSets[x]!.filter((i) => i > 0).map((i) => i - 1));
    t.fvLower.set(x, id);
  }
  return id;
}

function grow(t: NodeTable): void {
  const cap = t.kind.length * 2;
  const g = <T extends Uint8Array | Int32Array>(old: T): T => {
    const next = new (old.constructor as new (n: number) => T)(cap);
    next.set(old);
    return next;
  };
  t.kind = g(t.kind); t.a = g(t.a); t.b = g(t.b); t.cost = g(t.cost);
  t.minFree = g(t.minFree); t.maxFree = g(t.maxFree); t.fv = g(t.fv);
}

function push(t: NodeTable, kind: number, a: number, b: number, cost: number, fv: number): number {
  if (t.n === t.kind.length) grow(t);
  if (t.n >= MAX_NODES) throw new Error(`compression: more than ${MAX_NODES} distinct subtrees`);
  const id = t.n++;
  t.kind[id] = kind; t.a[id] = a; t.b[id] = b; t.cost[id] = cost; t.fv[id] = fv;
  const set = t.fvSets[fv]!;
  t.minFree[id] = set.length ? set[0]! : NO_FREE;
  t.maxFree[id] = set.length ? set[set.length - 1]! : -1;
  return id;
}

export function internApp(t: NodeTable, f: number, x: number): number {
  const key = f * MAX_NODES + x;
  const id = t.appIds.get(key);
  if (id !== undefined) return id;
  const nid = push(t, APP, f, x, t.costs.app + t.cost[f]! + t.cost[x]!, fvUnion(t, t.fv[f]!, t.fv[x]!));
  t.appIds.set(key, nid);
  return nid;
}

export function internLam(t: NodeTable, body: number): number {
  const id = t.lamIds.get(body);
  if (id !== undefined) return id;
  const nid = push(t, LAM, body, 0, t.costs.lam + t.cost[body]!, fvLower(t, t.fv[body]!));
  t.lamIds.set(body, nid);
  return nid;
}

export function internVar(t: NodeTable, index: number): number {
  const id = t.varIds[index];
  if (id !== undefined) return id;
  const nid = push(t, VAR, index, 0, t.costs.var, internFv(t, [index]));
  t.varIds[index] = nid;
  return nid;
}

/** A leaf symbol, keyed by its printed text (so each distinct `#(…)` is one symbol). */
export function internPrim(t: NodeTable, name: string, leaf: Expr): number {
  const id = t.primIds.get(name);
  if (id !== undefined) return id;
  const sym = t.symbols.length;
  t.symbols.push(name); t.leaves.push(leaf);
  const nid = push(t, PRIM, sym, 0, t.costs.prim, 0);
  t.primIds.set(name, nid);
  return nid;
}

/** Interns a program (iteratively over application spines, so long argument lists don't deepen the stack). */
export function internExpr(t: NodeTable, e: Expr): number {
  switch (e.kind) {
    case 'app': {
      const args: Expr[] = [];
      let h: Expr = e;
      while (h.kind === 'app') { args.push(h.arg); h = h.fn; }
      let id = internExpr(t, h);
      for (let i = args.length - 1; i >= 0; i--) id = internApp(t, id, internExpr(t, args[i]!));
      return id;
    }
    case 'lam': return internLam(t, internExpr(t, e.body));
    case 'var': return internVar(t, e.index);
    case 'prim': return internPrim(t, e.name, e);
    case 'lit': case 'inv': return internPrim(t, print(e), e);
    case 'hole': throw new Error('compression: a corpus program contains a hole');
    default: return assertNever(e, 'expr');
  }
}

/** The node with every free variable at or above `cutoff` lowered by `d` (the caller guarantees none goes below). */
export function shiftDown(t: NodeTable, n: number, d: number, cutoff = 0): number {
  if (d === 0 || t.maxFree[n]! < cutoff) return n;
  const key = (n * 4096 + cutoff) * 4096 + d;
  const hit = t.shiftMemo.get(key);
  if (hit !== undefined) return hit;
  let r: number;
  switch (t.kind[n]) {
    case VAR: r = internVar(t, t.a[n]! - d); break;
    case LAM: r = internLam(t, shiftDown(t, t.a[n]!, d, cutoff + 1)); break;
    case APP: { const f = shiftDown(t, t.a[n]!, d, cutoff); r = internApp(t, f, shiftDown(t, t.b[n]!, d, cutoff)); break; }
    default: r = n;
  }
  t.shiftMemo.set(key, r);
  return r;
}

/** Rebuilds the expression of a node (shared subtrees become shared objects). */
export function nodeExpr(t: NodeTable, n: number, memo = new Map<number, Expr>()): Expr {
  const hit = memo.get(n);
  if (hit) return hit;
  let e: Expr;
  switch (t.kind[n]) {
    case APP: e = app(nodeExpr(t, t.a[n]!, memo), nodeExpr(t, t.b[n]!, memo)); break;
    case LAM: e = lam(nodeExpr(t, t.a[n]!, memo)); break;
    case VAR: e = v(t.a[n]!); break;
    default: e = t.leaves[t.a[n]!]!;
  }
  memo.set(n, e);
  return e;
}

/** Shifts an expression's free variables down by `d` (used on rewritten arguments lifted out of lambdas). */
export function lowerExpr(e: Expr, d: number): Expr {
  return d === 0 ? e : shift(e, -d);
}
