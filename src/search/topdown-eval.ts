/**
 * A fast closure compiler for search: turns a candidate Expr into nested JS closures without generating source
 * (the `new Function` compiler costs more to build than a candidate's whole evaluation). Same fuel semantics as
 * lang/compile.ts: one step per saturated primitive call and per lambda entry. The winner is re-checked with the
 * reference compiler (select.ts), so this only has to be fast and agree on accepted programs.
 */
import type { Expr, Literal } from '../lang/expr.ts';
import { curry } from '../lang/compile.ts';
import { primArity, type Primitive, type PrimitiveSet, type Value } from '../lang/primitive.ts';
import { EvalError, tick } from '../lang/runtime.ts';

/** A de Bruijn environment as a linked list ($0 first). */
export type Env = { readonly v: Value; readonly next: Env } | null;
export type Closure = (env: Env) => Value;

function litValue(l: Literal): Value { return l.value; }

function lookup(i: number): Closure {
  switch (i) {
    case 0: return (env) => env!.v;
    case 1: return (env) => env!.next!.v;
    case 2: return (env) => env!.next!.next!.v;
    default: return (env) => { let e = env; for (let k = 0; k < i; k++) e = e!.next; return e!.v; };
  }
}

/** Caches a primitive's curried value and zero-arity constants per primitive set. */
export interface ClosureCache {
  readonly prims: PrimitiveSet;
  readonly curried: Map<string, Value>;
  readonly bodies: Map<string, Value>;
}

export const closureCache = (prims: PrimitiveSet): ClosureCache => ({ prims, curried: new Map(), bodies: new Map() });

function primValue(p: Primitive, cache: ClosureCache): Closure {
  if (p.body) {
    let v = cache.bodies.get(p.name);
    if (v === undefined) { v = toClosure(p.body, cache)(null); cache.bodies.set(p.name, v); }
    const val = v;
    return () => val;
  }
  const n = primArity(p);
  if (n === 0) {
    let ok = true, val: Value, err: unknown;
    try { val = p.impl(); } catch (e) { ok = false; err = e; }
    return ok ? () => val : () => { throw err; };
  }
  let c = cache.curried.get(p.name);
  if (c === undefined) { c = curry(p.impl, n, p.lazy ?? []); cache.curried.set(p.name, c); }
  const cv = c;
  return () => cv;
}

/** Compiles `e` to a closure over a de Bruijn environment. Throws EvalError('type') on unknown primitives. */
export function toClosure(e: Expr, cache: ClosureCache): Closure {
  switch (e.kind) {
    case 'var': return lookup(e.index);
    case 'lit': { const v = litValue(e.lit); return () => v; }
    case 'lam': {
      const body = toClosure(e.body, cache);
      return (env) => (x: Value) => { tick(); return body({ v: x, next: env }); };
    }
    case 'prim': {
      const p = cache.prims.get(e.name);
      if (!p) throw new EvalError('type', `unknown primitive '${e.name}'`);
      return primValue(p, cache);
    }
    case 'inv': { const v = toClosure(e.body, cache)(null); return () => v; }
    case 'hole': throw new EvalError('type', 'cannot evaluate a hole');
    case 'app': {
      const args: Expr[] = [];
      let h: Expr = e;
      while (h.kind === 'app') { args.push(h.arg); h = h.fn; }
      args.reverse();
      const p = h.kind === 'prim' ? cache.prims.get(h.name) : undefined;
      if (p && !p.body && primArity(p) > 0 && args.length >= primArity(p)) {
        const n = primArity(p);
        const lazy = p.lazy ?? [];
        const cs = args.slice(0, n).map((a, i) => {
          const c = toClosure(a, cache);
          return lazy.includes(i) ? ((env: Env) => () => c(env)) : c;
        });
        const rest = args.slice(n).map((a) => toClosure(a, cache));
        const f = p.impl;
        let call: Closure;
        if (n === 1) { const [a] = cs as [Closure]; call = (env) => { const x = a(env); tick(); return f(x); }; }
        else if (n === 2) { const [a, b] = cs as [Closure, Closure]; call = (env) => { const x = a(env), y = b(env); tick(); return f(x, y); }; }
        else if (n === 3) {
          const [a, b, c] = cs as [Closure, Closure, Closure];
          call = (env) => { const x = a(env), y = b(env), z = c(env); tick(); return f(x, y, z); };
        } else call = (env) => { const xs = cs.map((c) => c(env)); tick(); return f(...xs); };
        if (rest.length === 0) return call;
        return (env) => { let v = call(env); for (const r of rest) v = (v as (x: Value) => Value)(r(env)); return v; };
      }
      const fc = toClosure(h, cache);
      const acs = args.map((a) => toClosure(a, cache));
      return (env) => { let v = fc(env); for (const a of acs) v = (v as (x: Value) => Value)(a(env)); return v; };
    }
  }
}
