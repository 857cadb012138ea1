/**
 * Differentiable relaxation of a program skeleton around neural primitives: each neural call yields a categorical
 * distribution (softmax), and the primitives the skeleton uses propagate distributions exactly where they can
 * (sums by convolution, equality by inner product, counts as Poisson-binomial, sorting as pairwise order
 * probabilities). The program's log-likelihood of an example's output is then differentiable in the weights.
 */
import type { Expr } from '../lang/expr.ts';
import { spine } from '../lang/expr.ts';
import type { Primitive, PrimitiveSet } from '../lang/primitive.ts';
import { valueEquals } from '../lang/value.ts';
import { arity } from '../lang/type.ts';
import { tf } from './backend.ts';

/** A relaxed value: deterministic, a categorical over 0..n-1, a Bernoulli, a list, a function, or a sorted list. */
export type RVal =
  | { readonly k: 'det'; readonly v: unknown }
  | { readonly k: 'cat'; readonly p: tf.Tensor1D }
  | { readonly k: 'bern'; readonly p: tf.Scalar }
  | { readonly k: 'list'; readonly items: readonly RVal[] }
  | { readonly k: 'fn'; readonly f: (x: RVal) => RVal }
  | { readonly k: 'sorted'; readonly keys: readonly RVal[]; readonly items: readonly unknown[] };

/** Relaxed semantics for one primitive: receives its evaluated arguments. */
export type Relaxation = (args: readonly RVal[], ctx: RelaxContext) => RVal;

export interface RelaxContext {
  /** The neural primitive's distribution for an input value (batched beforehand). */
  neural(p: Primitive, x: unknown): tf.Tensor1D;
}

const det = (v: unknown): RVal => ({ k: 'det', v });
const items = (r: RVal): readonly RVal[] => {
  if (r.k === 'list') return r.items;
  if (r.k === 'det' && Array.isArray(r.v)) return r.v.map(det);
  throw new Error(`relax: expected a list, got ${r.k}`);
};
const call = (f: RVal, x: RVal): RVal => {
  if (f.k !== 'fn') throw new Error('relax: expected a function');
  return f.f(x);
};

/** Categorical over non-negative ints for a relaxed int. */
function asCat(r: RVal): tf.Tensor1D {
  if (r.k === 'cat') return r.p;
  if (r.k === 'det' && typeof r.v === 'number' && Number.isInteger(r.v) && r.v >= 0)
    return tf.oneHot(tf.tensor1d([r.v], 'int32'), r.v + 1).reshape([r.v + 1]).toFloat() as tf.Tensor1D;
  throw new Error('relax: expected a non-negative int');
}

/** Distribution of X+Y for independent X ~ p, Y ~ q (both over 0..n-1, 0..m-1). */
export function convolve(p: tf.Tensor1D, q: tf.Tensor1D): tf.Tensor1D {
  const n = p.shape[0], m = q.shape[0];
  const outer = tf.outerProduct(p, q).reshape([n * m]);
  const idx = new Float32Array(n * m * (n + m - 1));
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) idx[(i * m + j) * (n + m - 1) + i + j] = 1;
  return tf.matMul(outer.reshape([1, n * m]), tf.tensor2d(idx, [n * m, n + m - 1])).reshape([n + m - 1]) as tf.Tensor1D;
}

function padTo(p: tf.Tensor1D, n: number): tf.Tensor1D {
  return p.shape[0] >= n ? p : (tf.pad(p, [[0, n - p.shape[0]]]) as tf.Tensor1D);
}

/** Relaxations of the list/arithmetic primitives that skeletons around neural modules use. */
export const RELAXATIONS: Readonly<Record<string, Relaxation>> = {
  map: ([f, l]) => ({ k: 'list', items: items(l!).map((x) => call(f!, x)) }),
  sum: ([l]) => ({ k: 'cat', p: items(l!).map(asCat).reduce((a, b) => convolve(a, b), tf.tensor1d([1])) }),
  '+': ([a, b]) => ({ k: 'cat', p: convolve(asCat(a!), asCat(b!)) }),
  'eq?': ([a, b]) => {
    const p = asCat(a!), q = asCat(b!);
    // the same random variable (one neural call on one input) always equals itself; other pairs are independent
    if (p === q) return { k: 'bern', p: tf.scalar(1) };
    const n = Math.max(p.shape[0], q.shape[0]);
    return { k: 'bern', p: tf.sum(tf.mul(padTo(p, n), padTo(q, n))) as tf.Scalar };
  },
  count: ([f, l]) => {
    let d: tf.Tensor1D = tf.tensor1d([1]);
    for (const x of items(l!)) {
      const b = call(f!, x);
      const p = b.k === 'bern' ? b.p : tf.scalar(b.k === 'det' && b.v ? 1 : 0);
      d = convolve(d, tf.stack([tf.sub(1, p), p]) as tf.Tensor1D);
    }
    return { k: 'cat', p: d };
  },
  car: ([l]) => { const xs = items(l!); if (!xs.length) throw new Error('relax: car of empty list'); return xs[0]!; },
  'sort-by': ([f, l]) => {
    const xs = items(l!);
    return { k: 'sorted', keys: xs.map((x) => call(f!, x)), items: xs.map((x) => (x.k === 'det' ? x.v : undefined)) };
  },
};

/** Evaluates a skeleton on relaxed arguments. Neural primitives (family 'neural') go through ctx.neural. */
export function relaxEval(e: Expr, prims: PrimitiveSet, env: readonly RVal[], ctx: RelaxContext): RVal {
  switch (e.kind) {
    case 'var': return env[e.index]!;
    case 'lit': return det(e.lit.value);
    case 'lam': return { k: 'fn', f: (x) => relaxEval(e.body, prims, [x, ...env], ctx) };
    case 'prim': case 'app': {
      const { head, args } = spine(e);
      if (head.kind !== 'prim') {
        let f = relaxEval(head, prims, env, ctx);
        for (const a of args) f = call(f, relaxEval(a, prims, env, ctx));
        return f;
      }
      const p = prims.get(head.name);
      if (!p) throw new Error(`relax: unknown primitive ${head.name}`);
      const vals = args.map((a) => relaxEval(a, prims, env, ctx));
      return applyPrim(p, vals, ctx);
    }
    default: throw new Error(`relax: cannot relax ${e.kind}`);
  }
}

/** Applies a primitive to relaxed arguments, currying when it has fewer than its arity. */
function applyPrim(p: Primitive, vals: readonly RVal[], ctx: RelaxContext): RVal {
      const n = arity(p.type);
      if (vals.length < n) return { k: 'fn', f: (x) => applyPrim(p, [...vals, x], ctx) };
      if (p.family === 'neural') {
        const x = vals[0]!;
        if (x.k !== 'det') throw new Error('relax: neural primitive on a non-deterministic input');
        return { k: 'cat', p: ctx.neural(p, x.v) };
      }
      const r = RELAXATIONS[p.name];
      if (r) return r(vals, ctx);
      if (vals.every((x) => x.k === 'det')) return det(p.impl(...vals.map((x) => (x as { v: unknown }).v)));
      throw new Error(`relax: no relaxation for '${p.name}' on uncertain arguments`);
}

/** P(X <= Y), or P(X < Y) when `strict`, for independent categoricals. */
function probOrder(p: tf.Tensor1D, q: tf.Tensor1D, strict: boolean): tf.Scalar {
  const n = Math.max(p.shape[0], q.shape[0]);
  const u = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = strict ? i + 1 : i; j < n; j++) u[i * n + j] = 1;
  return tf.sum(tf.mul(tf.outerProduct(padTo(p, n), padTo(q, n)), tf.tensor2d(u, [n, n]))) as tf.Scalar;
}

const EPS = 1e-7;

/** Log-likelihood of `target` under a relaxed output (a scalar tensor). */
export function logLikelihood(r: RVal, target: unknown): tf.Scalar {
  switch (r.k) {
    case 'cat': {
      const t = target as number;
      if (!Number.isInteger(t) || t < 0 || t >= r.p.shape[0]) return tf.scalar(Math.log(EPS));
      return tf.log(tf.add(r.p.slice([t], [1]).reshape([]), EPS)) as tf.Scalar;
    }
    case 'bern': return tf.log(tf.add(target ? r.p : tf.sub(1, r.p), EPS)) as tf.Scalar;
    case 'det': return tf.scalar(valueEquals(r.v, target) ? 0 : Math.log(EPS));
    case 'list': {
      const t = target as unknown[];
      if (!Array.isArray(t) || t.length !== r.items.length) return tf.scalar(Math.log(EPS));
      return r.items.reduce<tf.Scalar>((s, x, i) => tf.add(s, logLikelihood(x, t[i])) as tf.Scalar, tf.scalar(0));
    }
    case 'sorted': {
      // target is the items in stable sorted order: for a before b, key(a) <= key(b), strictly < when the sort
      // moved a ahead of b (b came first in the input)
      const t = target as unknown[];
      const used = new Set<number>();
      const order = t.map((x) => {
        const i = r.items.findIndex((y, j) => !used.has(j) && (y === x || valueEquals(y, x)));
        used.add(i);
        return i;
      });
      if (order.some((i) => i < 0)) return tf.scalar(Math.log(EPS));
      let s: tf.Scalar = tf.scalar(0);
      // every ordered pair, not only neighbours: more signal, and still exact for each pair's marginal
      for (let i = 0; i < order.length; i++)
        for (let j = i + 1; j < order.length; j++) {
          const ia = order[i]!, ib = order[j]!;
          const p = probOrder(asCat(r.keys[ia]!), asCat(r.keys[ib]!), ia > ib);
          s = tf.add(s, tf.log(tf.add(p, EPS))) as tf.Scalar;
        }
      return s;
    }
    case 'fn': throw new Error('relax: a function is not an output');
  }
}
