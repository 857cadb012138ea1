/**
 * Hindley–Milner type inference for programs (let-free: primitives and inlined abstractions are polymorphic,
 * lambda-bound variables monomorphic).
 */
import type { Expr, Literal } from './expr.ts';
import type { PrimitiveSet } from './primitive.ts';
import { print } from './print.ts';
import { printType, tbool, tchar, tint, treal, tstr, tcon, type Type } from './type.ts';
import { applySubst, canonical, emptySubst, fresh, instantiate, unify, type Subst } from './unify.ts';

/** A type error, with the offending subexpression printed. */
export class InferError extends Error {
  constructor(message: string, readonly expr?: Expr) {
    super(message);
    this.name = 'InferError';
  }
}

export function literalType(l: Literal): Type {
  switch (l.type) {
    case 'int': return tint;
    case 'real': return treal;
    case 'str': return tstr;
    case 'char': return tchar;
    case 'bool': return tbool;
  }
}

const clip = (e: Expr) => { const s = print(e); return s.length > 80 ? `${s.slice(0, 77)}...` : s; };

/**
 * Infers the type of `e` in a de Bruijn environment (`env[0]` is $0's type), extending substitution `s`.
 * Throws InferError on unknown primitives, free variables and mismatches.
 */
export function inferIn(e: Expr, prims: PrimitiveSet, env: readonly Type[], s: Subst, invCache?: Map<Expr, Type>): [Type, Subst] {
  switch (e.kind) {
    case 'var': {
      const t = env[e.index];
      if (!t) throw new InferError(`free variable $${e.index} (only ${env.length} in scope)`, e);
      return [t, s];
    }
    case 'prim': {
      const p = prims.get(e.name);
      if (!p) throw new InferError(`unknown primitive '${e.name}'`, e);
      return instantiate(p.type, s);
    }
    case 'lit': return [literalType(e.lit), s];
    case 'hole': return instantiate(e.type, s);
    case 'inv': {
      let t = invCache?.get(e);
      if (!t) { t = inferType(e.body, prims); invCache?.set(e, t); }
      return instantiate(t, s);
    }
    case 'lam': {
      const [a, s1] = fresh(s);
      const [b, s2] = inferIn(e.body, prims, [a, ...env], s1, invCache);
      return [tcon('->', a, b), s2];
    }
    case 'app': {
      const [tf, s1] = inferIn(e.fn, prims, env, s, invCache);
      const [ta, s2] = inferIn(e.arg, prims, env, s1, invCache);
      const [r, s3] = fresh(s2);
      const s4 = unify(tf, tcon('->', ta, r), s3);
      if (!s4) {
        const f = applySubst(tf, s3), a = applySubst(ta, s3);
        const why = f.kind === 'tcon' && f.name === '->'
          ? `expects ${printType(f.args[0]!)} but the argument ${clip(e.arg)} has type ${printType(a)}`
          : `is not a function (type ${printType(f)})`;
        throw new InferError(`type mismatch in ${clip(e)}: ${clip(e.fn)} ${why}`, e);
      }
      return [r, s4];
    }
  }
}

/** The principal type of a closed program, canonicalized (variables a, b, … in order). */
export function inferType(e: Expr, prims: PrimitiveSet): Type {
  const [t, s] = inferIn(e, prims, [], emptySubst());
  return canonical(applySubst(t, s));
}

/** Checks `e` against an expected type; returns the (most specific) unified type or throws InferError. */
export function checkType(e: Expr, expected: Type, prims: PrimitiveSet): Type {
  const [exp, s0] = instantiate(expected, emptySubst());
  const [t, s1] = inferIn(e, prims, [], s0);
  const s2 = unify(t, exp, s1);
  if (!s2)
    throw new InferError(`program has type ${printType(canonical(applySubst(t, s1)))}, expected ${printType(expected)}`, e);
  return canonical(applySubst(exp, s2));
}
