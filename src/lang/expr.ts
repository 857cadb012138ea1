/**
 * Expr: Arbor's program syntax tree, a closed readonly sum type.
 * Variables are de Bruijn indices ($0 is the innermost lambda's argument); applications are curried.
 */
import type { Type } from './type.ts';

/** A literal constant; `text` keeps a real's source spelling so printing gives it back unchanged. */
export type Literal =
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'real'; readonly value: number; readonly text?: string }
  | { readonly type: 'str'; readonly value: string }
  | { readonly type: 'char'; readonly value: string }
  | { readonly type: 'bool'; readonly value: boolean };

export type Expr =
  /** A primitive or library entry, by name. */
  | { readonly kind: 'prim'; readonly name: string }
  /** A de Bruijn variable. */
  | { readonly kind: 'var'; readonly index: number }
  | { readonly kind: 'lam'; readonly body: Expr }
  /** `group` records source text like `((f a) b)` so printing gives it back; semantics ignore it. */
  | { readonly kind: 'app'; readonly fn: Expr; readonly arg: Expr; readonly group?: true }
  | { readonly kind: 'lit'; readonly lit: Literal }
  /** An inlined abstraction `#(lambda …)`: a closed expression used like a primitive. */
  | { readonly kind: 'inv'; readonly body: Expr }
  /** An unfilled hole of a given type (search's partial programs). */
  | { readonly kind: 'hole'; readonly type: Type };

export const prim = (name: string): Expr => ({ kind: 'prim', name });
export const v = (index: number): Expr => ({ kind: 'var', index });
export const lam = (body: Expr): Expr => ({ kind: 'lam', body });
export const inv = (body: Expr): Expr => ({ kind: 'inv', body });
export const hole = (type: Type): Expr => ({ kind: 'hole', type });
export const int = (value: number): Expr => ({ kind: 'lit', lit: { type: 'int', value } });
export const real = (value: number, text?: string): Expr =>
  ({ kind: 'lit', lit: text === undefined ? { type: 'real', value } : { type: 'real', value, text } });
export const str = (value: string): Expr => ({ kind: 'lit', lit: { type: 'str', value } });
export const char = (value: string): Expr => ({ kind: 'lit', lit: { type: 'char', value } });
export const bool = (value: boolean): Expr => ({ kind: 'lit', lit: { type: 'bool', value } });

/** Curried application: app(f, a, b) = ((f a) b). */
export function app(fn: Expr, ...args: Expr[]): Expr {
  let e = fn;
  for (const arg of args) e = { kind: 'app', fn: e, arg };
  return e;
}

/** Splits ((f a) b) into f and [a, b]. */
export function spine(e: Expr): { head: Expr; args: Expr[] } {
  const args: Expr[] = [];
  while (e.kind === 'app') { args.push(e.arg); e = e.fn; }
  return { head: e, args: args.reverse() };
}

/** Structural equality (a real's spelling is ignored). */
export function exprEquals(a: Expr, b: Expr): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'prim': return a.name === (b as typeof a).name;
    case 'var': return a.index === (b as typeof a).index;
    case 'lam': return exprEquals(a.body, (b as typeof a).body);
    case 'inv': return exprEquals(a.body, (b as typeof a).body);
    case 'app': return exprEquals(a.fn, (b as typeof a).fn) && exprEquals(a.arg, (b as typeof a).arg);
    case 'lit': {
      const l = a.lit, m = (b as typeof a).lit;
      return l.type === m.type && (l.value === m.value || (Number.isNaN(l.value) && Number.isNaN(m.value)));
    }
    case 'hole': return true;
  }
}

/** Number of nodes; the size measure used by limits and by the printer's tests. */
export function size(e: Expr): number {
  switch (e.kind) {
    case 'app': return 1 + size(e.fn) + size(e.arg);
    case 'lam': return 1 + size(e.body);
    case 'inv': return 1 + size(e.body);
    default: return 1;
  }
}

/** Calls `f` on every subexpression, outermost first, with the number of lambdas above it. */
export function visit(e: Expr, f: (e: Expr, depth: number) => void, depth = 0): void {
  f(e, depth);
  switch (e.kind) {
    case 'app': visit(e.fn, f, depth); visit(e.arg, f, depth); break;
    case 'lam': visit(e.body, f, depth + 1); break;
    default: break; // an inv's body is closed and opaque: callers that want it recurse themselves
  }
}

/** Names of the primitives an expression refers to (including inside inlined abstractions). */
export function primitiveNames(e: Expr, out = new Set<string>()): Set<string> {
  visit(e, (x) => {
    if (x.kind === 'prim') out.add(x.name);
    else if (x.kind === 'inv') primitiveNames(x.body, out);
  });
  return out;
}

/** Shifts free variables at or above `cutoff` by `d` (de Bruijn lifting). */
export function shift(e: Expr, d: number, cutoff = 0): Expr {
  switch (e.kind) {
    case 'var':
      if (e.index < cutoff) return e;
      if (e.index + d < 0) throw new Error('shift: variable escapes its scope');
      return v(e.index + d);
    case 'app': return { kind: 'app', fn: shift(e.fn, d, cutoff), arg: shift(e.arg, d, cutoff) };
    case 'lam': return lam(shift(e.body, d, cutoff + 1));
    default: return e;
  }
}

/** Substitutes `value` for variable `index` in `e`, lowering the variables above it (the body of a beta-reduction). */
export function substitute(e: Expr, value: Expr, index = 0): Expr {
  switch (e.kind) {
    case 'var':
      if (e.index === index) return shift(value, index);
      return e.index > index ? v(e.index - 1) : e;
    case 'app': return { kind: 'app', fn: substitute(e.fn, value, index), arg: substitute(e.arg, value, index) };
    case 'lam': return lam(substitute(e.body, value, index + 1));
    default: return e;
  }
}

/** True when `e` has no free variables (at depth `depth`). */
export function isClosed(e: Expr, depth = 0): boolean {
  let ok = true;
  visit(e, (x, d) => { if (x.kind === 'var' && x.index >= d + depth) ok = false; });
  return ok;
}
