/**
 * Typed top-down enumeration in order of description length (DreamCoder's enumerator): `enumerate` yields every
 * well-typed program of the requested type whose cost −log P lies in [lo, hi). Holes are expanded left to right,
 * unifying each production's return type with the hole's type; arrow-typed holes become lambdas, so programs are
 * in eta-long form and primitives always fully applied. Variables come from the de Bruijn context.
 * Also: the same enumeration over an explicit SyGuS grammar, where holes are nonterminals.
 */
import { app, lam, v, type Expr } from '../lang/expr.ts';
import { isArrow, splitArrow, type Type } from '../lang/type.ts';

/** One production of the typed space: a closed expression with its (canonically numbered) type. */
export interface Production {
  readonly expr: Expr;
  readonly args: readonly Type[];
  readonly ret: Type;
  /** Type variables used: ids 0 … nvars−1. */
  readonly nvars: number;
  readonly logp: number;
}

export interface TypedSpace {
  readonly productions: readonly Production[];
  /** Log-probability weight of each in-scope variable. */
  readonly variableLogp: number;
  readonly maxDepth: number;
}

/** Counters one pass shares; `prunedByCost` false after a pass means the space is exhausted. */
export interface PassState {
  prunedByCost: boolean;
}

/** Receives each program and its cost. */
export type Emit = (e: Expr, cost: number) => void;

/** Builds a production from an expression and its type (any variable numbering). */
export function production(expr: Expr, type: Type, logp: number): Production {
  const ids = new Map<number, number>();
  const renum = (t: Type): Type => {
    if (t.kind === 'tvar') { let i = ids.get(t.id); if (i === undefined) { i = ids.size; ids.set(t.id, i); } return { kind: 'tvar', id: i }; }
    return t.args.length === 0 ? t : { kind: 'tcon', name: t.name, args: t.args.map(renum) };
  };
  const { args, ret } = splitArrow(renum(type));
  return { expr, args, ret, nvars: ids.size, logp };
}

/**
 * A mutable type-variable store with a trail, so depth-first enumeration binds and undoes in O(1)
 * (an immutable substitution would copy its map on every binding).
 */
export class TypeStore {
  readonly bound: (Type | undefined)[] = [];
  readonly trail: number[] = [];
  next: number;
  constructor(next = 0) { this.next = next; }
  walk(t: Type): Type {
    while (t.kind === 'tvar') { const b = this.bound[t.id]; if (!b) return t; t = b; }
    return t;
  }
  /** Applies the bindings everywhere; returns `t` itself when nothing changes (so ground types keep their identity). */
  zonk(t: Type): Type {
    t = this.walk(t);
    if (t.kind === 'tvar' || t.args.length === 0) return t;
    let changed = false;
    const args = t.args.map((a) => { const b = this.zonk(a); if (b !== a) changed = true; return b; });
    return changed ? { kind: 'tcon', name: t.name, args } : t;
  }
  private occurs(id: number, t: Type): boolean {
    t = this.walk(t);
    if (t.kind === 'tvar') return t.id === id;
    for (const a of t.args) if (this.occurs(id, a)) return true;
    return false;
  }
  /** Unifies, recording bindings on the trail; on failure the caller undoes to its mark. */
  unify(a: Type, b: Type): boolean {
    a = this.walk(a); b = this.walk(b);
    if (a === b) return true;
    if (a.kind === 'tvar') {
      if (b.kind === 'tvar' && b.id === a.id) return true;
      if (this.occurs(a.id, b)) return false;
      this.bound[a.id] = b; this.trail.push(a.id);
      return true;
    }
    if (b.kind === 'tvar') return this.unify(b, a);
    if (a.name !== b.name || a.args.length !== b.args.length) return false;
    for (let i = 0; i < a.args.length; i++) if (!this.unify(a.args[i]!, b.args[i]!)) return false;
    return true;
  }
  undo(mark: number, next: number): void {
    while (this.trail.length > mark) this.bound[this.trail.pop()!] = undefined;
    this.next = next;
  }
}

function shiftVars(t: Type, off: number): Type {
  if (off === 0) return t;
  if (t.kind === 'tvar') return { kind: 'tvar', id: t.id + off };
  return t.args.length === 0 ? t : { kind: 'tcon', name: t.name, args: t.args.map((a) => shiftVars(a, off)) };
}

/** A key for a type without variables, or null when it has some. */
function groundKey(t: Type): string | null {
  if (t.kind === 'tvar') return null;
  if (t.args.length === 0) return t.name;
  let s = t.name + '(';
  for (let i = 0; i < t.args.length; i++) { const k = groundKey(t.args[i]!); if (k === null) return null; s += k + ','; }
  return s + ')';
}

/** Could a production returning `ret` fill a hole of type `req`? (A cheap test before unifying.) */
function mayFit(ret: Type, req: Type): boolean {
  return ret.kind === 'tvar' || req.kind === 'tvar' || (ret.name === req.name && ret.args.length === req.args.length);
}

/** A candidate for a ground hole: its arguments' types use local variables 0 … nvars−1. */
interface CachedCandidate {
  readonly expr: Expr;
  readonly args: readonly Type[];
  readonly nvars: number;
  readonly cost: number;
  /** Per argument, a lower bound on its cost (the cheapest production for a ground type, else 0); filled lazily. */
  argLb?: number[];
  /** cost + Σ argLb: no program through this candidate is cheaper. */
  bound?: number;
}

const NO_LB: readonly number[] = [];

/** The programs of one ground hole with cost below `hi`, cheapest first. */
interface Memo {
  readonly hi: number;
  readonly items: readonly { readonly e: Expr; readonly c: number }[];
  readonly pruned: boolean;
  /** Behaviour keys of the kept programs, when observational equivalence applies to this hole. */
  readonly seen: Set<string> | null;
}

const TOO_BIG = Symbol('too many programs to materialize');

/** The typed enumerator: one per search, since it caches candidates per ground hole type and context. */
export class Enumerator {
  readonly store: TypeStore;
  private readonly cache = new Map<string, CachedCandidate[]>();
  private readonly memo = new Map<string, Memo>();
  private readonly polyCache = new Map<string, { p: Production | null; i: number; cost: number }[]>();
  private readonly tooBig = new Map<string, number>();
  private memoItems = 0;
  private calls = 0;
  /** Most programs materialized for one ground hole, and in all. */
  readonly memoLimit: number;
  readonly memoTotal: number;
  /** Called every few thousand expansions, so a caller can check its budget (and throw to stop). */
  onWork?: () => void;
  /**
   * Observational equivalence for holes in the program's own parameter context (`rootEnv`, the same array the
   * caller enumerates in): `signature` gives a program's outputs on the examples as a key, and of programs with
   * equal keys only the cheapest is kept.
   */
  rootEnv?: readonly Type[];
  signature?: (e: Expr) => string;
  /** Programs dropped as observationally equivalent to a cheaper one. */
  equivalent = 0;
  constructor(readonly space: TypedSpace, next = 0, opts: { memoLimit?: number; memoTotal?: number } = {}) {
    this.store = new TypeStore(next);
    this.memoLimit = opts.memoLimit ?? 20_000;
    this.memoTotal = opts.memoTotal ?? 2_000_000;
  }

  /** Enumerates programs of type `req` in environment `env` (env[0] is $0's type) with cost in [lo, hi). */
  enumerate(env: readonly Type[], req: Type, lo: number, hi: number, depth: number, st: PassState, k: Emit): void {
    const S = this.store;
    if (++this.calls % 4096 === 0) this.onWork?.();
    req = S.walk(req);
    if (isArrow(req)) {
      this.enumerate([req.args[0], ...env], req.args[1], lo, hi, depth, st, (b, c) => k(lam(b), c));
      return;
    }
    if (depth > this.space.maxDepth) return;
    const g = this.ground(env, req);
    if (g) {
      // a ground hole's programs do not depend on where it is: materialize them once per cost bound and replay
      if (depth > 0 && !(this.tooBig.get(g.key)! <= hi)) {
        let m = this.memo.get(g.key);
        if (!m || m.hi < hi) m = this.materialize(g.key, env, g.cands, hi, depth, st) ?? undefined;
        if (m) {
          if (m.pruned) st.prunedByCost = true;
          for (const it of m.items) {
            if (it.c >= hi) { st.prunedByCost = true; break; }
            if (it.c >= lo) k(it.e, it.c);
          }
          return;
        }
      }
      this.streamGround(env, g.cands, lo, hi, depth, st, k);
      return;
    }
    // a hole whose type has variables: which productions fit depends only on the types up to renaming
    const key = this.canonicalKey(env, req);
    let fits = this.polyCache.get(key);
    if (!fits) {
      const raw: { p: Production | null; i: number; logp: number }[] = [];
      for (const p of this.space.productions) {
        if (!mayFit(p.ret, req)) continue;
        const mark = S.trail.length, next = S.next;
        const off = S.next; S.next += p.nvars;
        if (S.unify(shiftVars(p.ret, off), req)) raw.push({ p, i: -1, logp: p.logp });
        S.undo(mark, next);
      }
      for (let i = 0; i < env.length; i++) {
        const mark = S.trail.length, next = S.next;
        if (S.unify(splitArrow(S.zonk(env[i]!)).ret, req)) raw.push({ p: null, i, logp: this.space.variableLogp });
        S.undo(mark, next);
      }
      const logZ = logSumExp(raw.map((f) => f.logp));
      fits = raw.map((f) => ({ p: f.p, i: f.i, cost: logZ - f.logp })).sort((a, b) => a.cost - b.cost);
      this.polyCache.set(key, fits);
    }
    for (const f of fits) {
      const cost = f.cost;
      if (cost >= hi) { st.prunedByCost = true; break; }
      const mark = S.trail.length, next = S.next;
      let args: readonly Type[];
      let expr: Expr;
      if (f.p) {
        const off = S.next; S.next += f.p.nvars;
        S.unify(shiftVars(f.p.ret, off), req);
        args = f.p.nvars ? f.p.args.map((a) => shiftVars(a, off)) : f.p.args;
        expr = f.p.expr;
      } else {
        const sp = splitArrow(S.zonk(env[f.i]!));
        S.unify(sp.ret, req);
        args = sp.args;
        expr = v(f.i);
      }
      this.args(env, expr, args, NO_LB, 0, lo - cost, hi - cost, depth, st, (e, ca) => k(e, cost + ca));
      S.undo(mark, next);
    }
  }

  /** A key for the hole's type and context with variables renamed in order of appearance. */
  private canonicalKey(env: readonly Type[], req: Type): string {
    this.keyIds.length = 0;
    let key = this.keyOf(req);
    for (let i = 0; i < env.length; i++) key += '|' + this.keyOf(env[i]!);
    return key;
  }

  private readonly keyIds: number[] = [];
  private keyOf(t: Type): string {
    t = this.store.walk(t);
    if (t.kind === 'tvar') {
      let i = this.keyIds.indexOf(t.id);
      if (i < 0) { i = this.keyIds.length; this.keyIds.push(t.id); }
      return "'" + i;
    }
    if (t.args.length === 0) return t.name;
    let s = t.name + '(';
    for (let i = 0; i < t.args.length; i++) s += this.keyOf(t.args[i]!) + ',';
    return s + ')';
  }

  /** Cached candidates for a hole whose type and context are ground, or null. */
  private ground(env: readonly Type[], req: Type): { key: string; cands: CachedCandidate[] } | null {
    const S = this.store;
    const reqZ = S.zonk(req);
    let key = groundKey(reqZ);
    if (key === null) return null;
    const envZ: Type[] = [];
    for (const t of env) { const z = S.zonk(t); const k = groundKey(z); if (k === null) return null; key += '|' + k; envZ.push(z); }
    const hit = this.cache.get(key);
    if (hit) return { key, cands: hit };
    const tmp = new TypeStore(0);
    const raw: { expr: Expr; args: Type[]; nvars: number; logp: number }[] = [];
    for (const p of this.space.productions) {
      tmp.undo(0, p.nvars);
      if (!tmp.unify(p.ret, reqZ)) continue;
      // renumber the production variables left unbound as 0 … n−1
      const ids = new Map<number, number>();
      const renum = (t: Type): Type => {
        t = tmp.walk(t);
        if (t.kind === 'tvar') { let i = ids.get(t.id); if (i === undefined) { i = ids.size; ids.set(t.id, i); } return { kind: 'tvar', id: i }; }
        return t.args.length === 0 ? t : { kind: 'tcon', name: t.name, args: t.args.map(renum) };
      };
      const args = p.args.map(renum);
      raw.push({ expr: p.expr, args, nvars: ids.size, logp: p.logp });
    }
    envZ.forEach((t, i) => {
      const sp = splitArrow(t);
      if (groundKey(sp.ret) === groundKey(reqZ)) raw.push({ expr: v(i), args: sp.args, nvars: 0, logp: this.space.variableLogp });
    });
    const logZ = logSumExp(raw.map((r) => r.logp));
    const out = raw.map((r) => ({ expr: r.expr, args: r.args, nvars: r.nvars, cost: logZ - r.logp })).sort((a, b) => a.cost - b.cost);
    this.cache.set(key, out);
    return { key, cands: out };
  }

  private streamGround(env: readonly Type[], cands: readonly CachedCandidate[], lo: number, hi: number, depth: number,
    st: PassState, k: Emit): void {
    const S = this.store;
    for (const c of cands) {
      if (c.bound === undefined) this.bounds(env, c);
      if (c.bound! >= hi) { st.prunedByCost = true; continue; }
      const mark = S.trail.length, next = S.next;
      const off = S.next;
      S.next += c.nvars;
      const args = c.nvars ? c.args.map((a) => shiftVars(a, off)) : c.args;
      this.args(env, c.expr, args, c.argLb!, 0, lo - c.cost, hi - c.cost, depth, st, (e, ca) => k(e, c.cost + ca));
      S.undo(mark, next);
    }
  }

  /** All programs of a ground hole below `hi`, sorted by cost; null (and remembered) when there are too many. */
  private materialize(key: string, env: readonly Type[], cands: readonly CachedCandidate[], hi: number, depth: number,
    st: PassState): Memo | null {
    // extend an earlier materialization: only programs in [old.hi, hi) are new (and only they need signatures)
    const old = this.memo.get(key);
    const from = old ? old.hi : 0;
    const items: { e: Expr; c: number }[] = [];
    const sub: PassState = { prunedByCost: false };
    const S = this.store;
    const mark = S.trail.length, next = S.next;
    const room = this.memoLimit - (old?.items.length ?? 0);
    try {
      this.streamGround(env, cands, from, hi, depth, sub, (e, c) => {
        if (items.length >= room) throw TOO_BIG;
        items.push({ e, c });
      });
    } catch (e) {
      if (e !== TOO_BIG) throw e;
      S.undo(mark, next);
      this.tooBig.set(key, Math.min(this.tooBig.get(key) ?? Infinity, hi));
      st.prunedByCost = true;
      return null;
    }
    items.sort((a, b) => a.c - b.c);
    let kept = items;
    const seen = old?.seen ?? (env === this.rootEnv && this.signature ? new Set<string>() : null);
    if (seen) {
      kept = items.filter((it) => { const k = this.signature!(it.e); if (seen.has(k)) return false; seen.add(k); return true; });
      this.equivalent += items.length - kept.length;
    }
    const m: Memo = { hi, items: old ? old.items.concat(kept) : kept, pruned: sub.prunedByCost, seen };
    this.memoItems += kept.length;
    if (this.memoItems < this.memoTotal) this.memo.set(key, m);
    return m;
  }


  /** The cheapest production's cost for a ground type in `env` (through lambdas for arrows), else 0. */
  private lowerBound(env: readonly Type[], t: Type): number {
    // `t` may hold the candidate's local variables, which mean nothing in the store: only ground types count
    if (groundKey(t) === null) return 0;
    while (isArrow(t)) { env = [t.args[0], ...env]; t = t.args[1]; }
    const g = this.ground(env, t);
    return g && g.cands.length > 0 ? g.cands[0]!.cost : Infinity;
  }

  private bounds(env: readonly Type[], c: CachedCandidate): void {
    c.argLb = c.args.map((a) => this.lowerBound(env, a));
    c.bound = c.argLb.reduce((x, y) => x + y, c.cost);
  }

  private args(env: readonly Type[], f: Expr, args: readonly Type[], lb: readonly number[], i: number, lo: number, hi: number,
    depth: number, st: PassState, k: Emit): void {
    if (i === args.length) {
      if (lo <= 0 && hi > 0) k(f, 0);
      return;
    }
    let rest = 0;
    for (let j = i + 1; j < lb.length; j++) rest += lb[j]!;
    this.enumerate(env, args[i]!, 0, hi - rest, depth + 1, st, (a, ca) =>
      this.args(env, app(f, a), args, lb, i + 1, lo - ca, hi - ca, depth, st, (e, cr) => k(e, ca + cr)));
  }
}

function logSumExp(xs: readonly number[]): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  if (m === -Infinity) return m;
  let z = 0;
  for (const x of xs) z += Math.exp(x - m);
  return m + Math.log(z);
}

// ---------------------------------------------------------------------------------------------------------------
// Grammar-directed enumeration (SyGuS): holes are nonterminals, productions explicit, no type inference needed.

export interface GrammarRule {
  readonly expr: Expr;
  /** Nonterminal indices of the arguments. */
  readonly args: readonly number[];
  readonly cost: number;
}

export interface GrammarSpace {
  /** Rules per nonterminal index. */
  readonly rules: readonly (readonly GrammarRule[])[];
  readonly maxDepth: number;
}

export type GrammarEmit = (e: Expr, cost: number) => void;

/** Enumerates derivations of nonterminal `nt` with cost in [lo, hi). */
export function enumerateGrammar(space: GrammarSpace, nt: number, lo: number, hi: number, depth: number, st: PassState, k: GrammarEmit): void {
  if (depth > space.maxDepth) return;
  for (const r of space.rules[nt]!) {
    if (r.cost >= hi) { st.prunedByCost = true; continue; }
    grammarArgs(space, r.expr, r.args, 0, lo - r.cost, hi - r.cost, depth, st, (e, ca) => k(e, r.cost + ca));
  }
}

function grammarArgs(space: GrammarSpace, f: Expr, args: readonly number[], i: number, lo: number, hi: number,
  depth: number, st: PassState, k: GrammarEmit): void {
  if (i === args.length) {
    if (lo <= 0 && hi > 0) k(f, 0);
    return;
  }
  enumerateGrammar(space, args[i]!, 0, hi, depth + 1, st, (a, ca) =>
    grammarArgs(space, app(f, a), args, i + 1, lo - ca, hi - ca, depth, st, (e, cr) => k(e, ca + cr)));
}
