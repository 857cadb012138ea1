/**
 * Unification over Types with an immutable substitution. A `Subst` maps type-variable ids to types and
 * remembers the next fresh id; binding returns a new Subst and never mutates the old one.
 */
import { tvar, type Type } from './type.ts';

export interface Subst {
  readonly bindings: ReadonlyMap<number, Type>;
  /** The next unused type-variable id. */
  readonly next: number;
}

export const emptySubst = (next = 0): Subst => ({ bindings: new Map(), next });

/** A fresh type variable and the substitution that reserves it. */
export function fresh(s: Subst): [Type, Subst] {
  return [tvar(s.next), { bindings: s.bindings, next: s.next + 1 }];
}

/** Follows bindings at the top of `t` only. */
function prune(t: Type, s: Subst): Type {
  while (t.kind === 'tvar') {
    const b = s.bindings.get(t.id);
    if (!b) return t;
    t = b;
  }
  return t;
}

/** Applies the substitution everywhere in `t`. */
export function applySubst(t: Type, s: Subst): Type {
  t = prune(t, s);
  if (t.kind === 'tvar' || t.args.length === 0) return t;
  let changed = false;
  const args = t.args.map((a) => { const b = applySubst(a, s); if (b !== a) changed = true; return b; });
  return changed ? { kind: 'tcon', name: t.name, args } : t;
}

function occurs(id: number, t: Type, s: Subst): boolean {
  t = prune(t, s);
  if (t.kind === 'tvar') return t.id === id;
  return t.args.some((a) => occurs(id, a, s));
}

/** The most general unifier extending `s`, or null when `a` and `b` cannot be made equal. */
export function unify(a: Type, b: Type, s: Subst): Subst | null {
  a = prune(a, s);
  b = prune(b, s);
  if (a.kind === 'tvar') {
    if (b.kind === 'tvar' && b.id === a.id) return s;
    if (occurs(a.id, b, s)) return null;
    const m = new Map(s.bindings);
    m.set(a.id, b);
    return { bindings: m, next: s.next };
  }
  if (b.kind === 'tvar') return unify(b, a, s);
  if (a.name !== b.name || a.args.length !== b.args.length) return null;
  let cur: Subst | null = s;
  for (let i = 0; i < a.args.length && cur; i++) cur = unify(a.args[i]!, b.args[i]!, cur);
  return cur;
}

/** Renames the variables of a (implicitly quantified) type to fresh ones. */
export function instantiate(t: Type, s: Subst): [Type, Subst] {
  const map = new Map<number, Type>();
  let next = s.next;
  const go = (t: Type): Type => {
    if (t.kind === 'tvar') {
      let r = map.get(t.id);
      if (!r) { r = tvar(next++); map.set(t.id, r); }
      return r;
    }
    return t.args.length === 0 ? t : { kind: 'tcon', name: t.name, args: t.args.map(go) };
  };
  const r = go(t);
  return [r, { bindings: s.bindings, next }];
}

/** Renumbers the variables of `t` as 0, 1, … in order of appearance (a canonical form for comparing types). */
export function canonical(t: Type): Type {
  const map = new Map<number, Type>();
  const go = (t: Type): Type => {
    if (t.kind === 'tvar') {
      let r = map.get(t.id);
      if (!r) { r = tvar(map.size); map.set(t.id, r); }
      return r;
    }
    return t.args.length === 0 ? t : { kind: 'tcon', name: t.name, args: t.args.map(go) };
  };
  return go(t);
}

/** True when `general` can be instantiated to `specific` (one-way matching). */
export function isInstance(specific: Type, general: Type): boolean {
  const [g, s0] = instantiate(general, emptySubst(1 + maxVar(specific)));
  const s = unify(g, specific, s0);
  if (!s) return false;
  // the specific type's own variables must stay unbound (distinct variables)
  return typeVarsOf(specific).every((id) => {
    const b = applySubst(tvar(id), s);
    return b.kind === 'tvar';
  }) && new Set(typeVarsOf(specific).map((id) => (applySubst(tvar(id), s) as { id: number }).id)).size === typeVarsOf(specific).length;
}

function typeVarsOf(t: Type, out: number[] = []): number[] {
  if (t.kind === 'tvar') { if (!out.includes(t.id)) out.push(t.id); } else for (const a of t.args) typeVarsOf(a, out);
  return out;
}

function maxVar(t: Type): number {
  return t.kind === 'tvar' ? t.id : t.args.reduce((m, a) => Math.max(m, maxVar(a)), -1);
}
