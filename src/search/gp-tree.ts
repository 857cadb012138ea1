/**
 * Typed trees for genetic programming. A tree's nodes are monomorphic rules (the bottom-up productions, so both
 * engines share one instantiation of the primitive set) plus ephemeral random constants on real slots. Trees are
 * immutable and share subtrees; each node caches its outputs on the train inputs, so a child bred from its parents
 * re-evaluates only the path that changed.
 */
import { app, int, real, type Expr } from '../lang/expr.ts';
import type { Value } from '../lang/primitive.ts';
import { meter } from '../lang/runtime.ts';
import { tint, treal, typeEquals } from '../lang/type.ts';
import type { Rng } from '../util/rng.ts';
import { FAIL as FAIL_BINDING, type Production, type Productions } from './bottomup-productions.ts';

// module-local copies: under some loaders an imported binding is a getter
const FAIL = FAIL_BINDING;
const mt = meter;

/** A rule a node may use: a production, or an ephemeral random constant (ERC) of a numeric slot. */
export interface Op {
  readonly ret: number;
  readonly args: readonly number[];
  readonly prod: Production | null;
  /** 'real' or 'int' for an ERC. */
  readonly erc: 'real' | 'int' | null;
}

/** A tree node: its op, children, ERC value (else 0), size, depth and cached outputs. */
export interface GNode {
  readonly op: number;
  readonly kids: readonly GNode[];
  readonly c: number;
  readonly size: number;
  readonly depth: number;
  outs?: readonly Value[];
}

/** The rules per slot, with the least depth each needs to finish a tree. */
export interface GpOps {
  readonly P: Productions;
  readonly ops: readonly Op[];
  readonly leaves: readonly (readonly number[])[];
  readonly inner: readonly (readonly number[])[];
  /** Least depth of a complete tree per slot (Infinity: none). */
  readonly slotDepth: readonly number[];
  readonly opDepth: readonly number[];
}

export interface GpOpsOptions {
  /** Add real ERCs to real slots (default true) and int ERCs to int slots (default false). */
  readonly realErc?: boolean;
  readonly intErc?: boolean;
}

export function gpOps(P: Productions, opts: GpOpsOptions = {}): GpOps {
  const ops: Op[] = P.prods.map((p) => ({ ret: p.ret, args: p.args, prod: p, erc: null }));
  P.slots.forEach((s, i) => {
    if ((opts.realErc ?? true) && typeEquals(s.type, treal)) ops.push({ ret: i, args: [], prod: null, erc: 'real' });
    if (opts.intErc && typeEquals(s.type, tint)) ops.push({ ret: i, args: [], prod: null, erc: 'int' });
  });
  const n = P.slots.length;
  const slotDepth = new Array<number>(n).fill(Infinity);
  const opDepth = ops.map(() => Infinity);
  for (let changed = true; changed;) {
    changed = false;
    ops.forEach((o, i) => {
      const d = 1 + Math.max(0, ...o.args.map((a) => slotDepth[a]!));
      if (d < opDepth[i]!) { opDepth[i] = d; changed = true; }
      if (d < slotDepth[o.ret]!) { slotDepth[o.ret] = d; changed = true; }
    });
  }
  const leaves = P.slots.map((_, s) => ops.flatMap((o, i) => (o.ret === s && o.args.length === 0 ? [i] : [])));
  const inner = P.slots.map((_, s) => ops.flatMap((o, i) => (o.ret === s && o.args.length > 0 && opDepth[i]! < Infinity ? [i] : [])));
  return { P, ops, leaves, inner, slotDepth, opDepth };
}

/** Builds a node, computing size and depth. */
export function node(op: number, kids: readonly GNode[], c = 0): GNode {
  let size = 1, depth = 0;
  for (const k of kids) { size += k.size; if (k.depth > depth) depth = k.depth; }
  return { op, kids, c, size, depth: depth + 1 };
}

/** A fresh ERC value. */
function ercValue(kind: 'real' | 'int', rng: Rng): number {
  return kind === 'real' ? rng.next() * 2 - 1 : rng.int(11) - 5;
}

/** A random tree of `slot` no deeper than `maxDepth`: 'full' uses inner rules until the depth runs out, 'grow' mixes. */
export function randomTree(g: GpOps, slot: number, maxDepth: number, method: 'grow' | 'full', rng: Rng): GNode | null {
  if (g.slotDepth[slot]! > maxDepth) return null;
  const inner = maxDepth > 1 ? g.inner[slot]!.filter((i) => g.opDepth[i]! <= maxDepth) : [];
  const leaves = g.leaves[slot]!;
  let op: number;
  if (inner.length && (method === 'full' || leaves.length === 0 || rng.next() < inner.length / (inner.length + leaves.length))) op = rng.pick(inner);
  else if (leaves.length) op = rng.pick(leaves);
  else return null;
  const o = g.ops[op]!;
  if (o.erc) return node(op, [], ercValue(o.erc, rng));
  const kids: GNode[] = [];
  for (const a of o.args) {
    const k = randomTree(g, a, maxDepth - 1, method, rng);
    if (!k) return null;
    kids.push(k);
  }
  return node(op, kids);
}

/** Ramped half-and-half: depths spread over [minDepth, maxDepth], half grow and half full. */
export function rampedPopulation(g: GpOps, n: number, minDepth: number, maxDepth: number, rng: Rng): GNode[] {
  const out: GNode[] = [];
  const goal = g.P.goal;
  for (let i = 0, tries = 0; out.length < n && tries < n * 20; tries++, i++) {
    const d = minDepth + (i % (maxDepth - minDepth + 1));
    const t = randomTree(g, goal, Math.max(d, g.slotDepth[goal]!), i % 2 ? 'grow' : 'full', rng);
    if (t) out.push(t);
  }
  return out;
}

/** A node's outputs on the m train examples (cached on the node). */
export function evalNode(g: GpOps, n: GNode, m: number, fuel: number): readonly Value[] {
  if (n.outs) return n.outs;
  const o = g.ops[n.op]!;
  let outs: Value[];
  if (o.erc) outs = new Array(m).fill(n.c);
  else if (o.prod!.outs) outs = o.prod!.outs as Value[];
  else {
    const p = o.prod!;
    const kidOuts = n.kids.map((k) => evalNode(g, k, m, fuel));
    const lazy = p.lazy;
    const impl = p.impl!;
    const k = kidOuts.length;
    const args: unknown[] = new Array(k);
    outs = new Array(m);
    for (let i = 0; i < m; i++) {
      let r: Value = FAIL;
      try {
        mt.fuel = fuel;
        let bad = false;
        for (let j = 0; j < k; j++) {
          const x = kidOuts[j]![i];
          if (lazy?.[j]) args[j] = () => { if (x === FAIL) throw FAIL; return x; };
          else if (x === FAIL) { bad = true; break; } else args[j] = x;
        }
        if (!bad) r = impl(...args);
        if (r === undefined || r !== r) r = FAIL;
      } catch { r = FAIL; }
      outs[i] = r;
    }
  }
  n.outs = outs;
  return outs;
}

/** The expression a tree stands for (its body; the caller wraps the parameter lambdas). */
export function treeExpr(g: GpOps, n: GNode): Expr {
  const o = g.ops[n.op]!;
  if (o.erc === 'real') return real(n.c);
  if (o.erc === 'int') return int(n.c);
  const p = o.prod!;
  return n.kids.length ? app(p.expr, ...n.kids.map((k) => treeExpr(g, k))) : p.expr;
}

/** A position in a tree: the node and the child indices leading to it. */
export interface Position { readonly node: GNode; readonly path: readonly number[]; readonly slot: number }

/** Every position, root first. */
export function positions(g: GpOps, t: GNode): Position[] {
  const out: Position[] = [];
  const go = (n: GNode, path: number[]) => {
    out.push({ node: n, path, slot: g.ops[n.op]!.ret });
    n.kids.forEach((k, i) => go(k, [...path, i]));
  };
  go(t, []);
  return out;
}

/** The tree with the node at `path` replaced by `sub` (rebuilding only the path). */
export function replaceAt(t: GNode, path: readonly number[], sub: GNode, at = 0): GNode {
  if (at === path.length) return sub;
  const i = path[at]!;
  const kids = t.kids.slice();
  kids[i] = replaceAt(t.kids[i]!, path, sub, at + 1);
  return node(t.op, kids, t.c);
}
