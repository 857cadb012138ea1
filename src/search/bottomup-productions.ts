/**
 * Productions for bottom-up enumeration: the task's grammar flattened into monomorphic rules over numbered
 * slots. A slot is a concrete type (plain mode) or a SyGuS nonterminal (grammar mode); every rule builds a value of
 * its `ret` slot from values of its `args` slots, so the enumerator never unifies types in its inner loop.
 * Higher-order primitives (a function-typed argument) get a slot per ground function type (`functions` option);
 * bottomup-lambda.ts fills those slots with small closed lambdas, since a lambda has no output vector of its own.
 */
import { app, bool, char, int, lam, prim, real, str, v, type Expr } from '../lang/expr.ts';
import { parse } from '../lang/parse.ts';
import type { Algebra, Primitive, PrimitiveSet, Value } from '../lang/primitive.ts';
import { withMeter } from '../lang/runtime.ts';
import { isArrow, printType, recordFields, splitArrow, tbool, tint, tvar, typeVars as typeVarsIn, type Type } from '../lang/type.ts';
import { applySubst, emptySubst, instantiate, unify, type Subst } from '../lang/unify.ts';
import type { Task } from '../task/task.ts';
import { harvestConstants } from '../task/constants.ts';
import { constantExpr } from './topdown.ts';

/** The output of a program on an example where it failed (runtime error, fuel, size). */
export const FAIL: unique symbol = Symbol('fail');

/** One monomorphic rule: `ret ::= head(args…)`, or a leaf with a fixed output vector. */
export interface Production {
  /** Rule name for Probe's weights and for stats: the primitive name, a literal's text or `$i`. */
  readonly name: string;
  readonly ret: number;
  readonly args: readonly number[];
  /** The primitive's impl (null for leaves). */
  readonly impl: ((...a: any[]) => Value) | null;
  /** Which arguments the impl takes as thunks. */
  readonly lazy: readonly boolean[] | null;
  /** The head expression (a prim) for applications; the whole leaf expression for leaves. */
  readonly expr: Expr;
  /** A leaf's outputs, one per example. */
  readonly outs: readonly Value[] | null;
  /** The prior weight (log-probability-like score, higher is likelier) from the search grammar. */
  readonly weight: number;
  /** The primitive's algebraic facts (the bank skips candidates they prove equivalent to others). */
  readonly algebra?: Algebra;
}

export interface Slot {
  readonly key: string;
  readonly type: Type;
}

export interface Productions {
  readonly slots: readonly Slot[];
  readonly prods: readonly Production[];
  /** The slot the program must inhabit. */
  readonly goal: number;
  /** Number of parameters (lambdas wrapped around the body). */
  readonly params: number;
  /** Named skips (unsupported primitives, higher-order ones…) for stats.rules. */
  readonly skipped: Record<string, number>;
}

export interface ProductionOptions {
  /** Small integer literals offered in plain mode (default [0, 1]). */
  readonly ints?: readonly number[];
  /** Largest type depth instantiated in plain mode (default 3: list(list(int))). */
  readonly maxTypeDepth?: number;
  /** Most concrete types in plain mode (default 16). */
  readonly maxTypes?: number;
  /** Add constants harvested from the train examples in plain mode (default false). */
  readonly harvest?: boolean;
  /** More types to enumerate in plain mode (a lambda bank's other return types). */
  readonly extraTypes?: readonly Type[];
  /** Instantiate higher-order primitives, with a slot per function type for lambdas (default false). */
  readonly functions?: boolean;
  /** Most function types in plain mode (default 16). */
  readonly maxFunctionTypes?: number;
  /** Grammar weights per rule name (default 0 for all). */
  readonly weights?: ReadonlyMap<string, number>;
}

/** The SyGuS grammar shape the task loader stores in `task.extra.grammar`. */
export interface GrammarSpec {
  readonly start: string;
  readonly nonterminals: readonly { readonly name: string; readonly type: Type; readonly productions: readonly { readonly op: string; readonly args: readonly string[] }[] }[];
}

const isGround = (t: Type): boolean => t.kind === 'tcon' && t.args.every(isGround);
const depth = (t: Type): number => (t.kind === 'tvar' ? 1 : 1 + Math.max(0, ...t.args.map(depth)));

/** A literal Expr for a constant value of a base type, or null. */
export function literalExpr(value: Value, t: Type): Expr | null {
  if (t.kind !== 'tcon') return null;
  switch (t.name) {
    case 'int': return typeof value === 'number' && Number.isInteger(value) ? int(value) : null;
    case 'real': return typeof value === 'number' ? real(value) : null;
    case 'str': return typeof value === 'string' ? str(value) : null;
    case 'char': return typeof value === 'string' && value.length === 1 ? char(value) : null;
    case 'bool': return typeof value === 'boolean' ? bool(value) : null;
    default: return null;
  }
}

/** Runs a zero-argument primitive safely (constants), returning FAIL on error. */
function constantOf(p: Primitive): Value {
  try { return withMeter({ fuel: 10_000, maxSize: 100_000 }, () => p.impl()); } catch { return FAIL; }
}

const algebraOf = (p: Primitive): { algebra?: Algebra } => (p.algebra ? { algebra: p.algebra } : {});

function lazyOf(p: Primitive, n: number): boolean[] | null {
  if (!p.lazy || p.lazy.length === 0) return null;
  return Array.from({ length: n }, (_, i) => p.lazy!.includes(i));
}

/** Parameter types and return type of the task. */
export function taskSignature(task: Task): { params: Type[]; ret: Type } {
  const { args, ret } = splitArrow(task.type);
  return { params: args, ret };
}

/** Productions over concrete types for a task without a grammar. */
export function plainProductions(task: Task, prims: PrimitiveSet, opts: ProductionOptions = {}): Productions {
  const ex = task.train;
  const { params, ret } = taskSignature(task);
  const maxDepth = opts.maxTypeDepth ?? 3;
  const maxTypes = opts.maxTypes ?? 16;
  const slots: Slot[] = [];
  const slotOf = new Map<string, number>();
  const skipped: Record<string, number> = {};
  const skip = (why: string) => { skipped[why] = (skipped[why] ?? 0) + 1; };
  // types a primitive may produce: the task's own constructors, plus lists (a pair or maybe the task never
  // mentions would only fill the bank with plumbing)
  const ctors = new Set<string>(['list', 'int', 'bool']);
  const collect = (t: Type): void => { if (t.kind === 'tcon') { ctors.add(t.name); t.args.forEach(collect); } };
  collect(task.type);
  for (const c of task.constants ?? []) collect(c.type);
  const allowed = (t: Type): boolean => t.kind === 'tcon' && ctors.has(t.name) && t.args.every(allowed);
  const addType = (t: Type): number | null => {
    const k = printType(t);
    const have = slotOf.get(k);
    if (have !== undefined) return have;
    if (!isGround(t) || isArrow(t) || !allowed(t) || depth(t) > maxDepth || slots.length >= maxTypes) return null;
    slotOf.set(k, slots.length);
    slots.push({ key: k, type: t });
    return slots.length - 1;
  };
  const w = (name: string) => opts.weights?.get(name) ?? 0;
  const prods: Production[] = [];
  const leafKeys = new Set<string>();
  const leaf = (name: string, slot: number, expr: Expr, outs: Value[]) => {
    const k = `${slot}:${name}`;
    if (leafKeys.has(k)) return;
    leafKeys.add(k);
    prods.push({ name, ret: slot, args: [], impl: null, lazy: null, expr, outs, weight: w(name) });
  };

  const goal = addType(ret);
  if (goal === null) throw new Error(`bottom-up: cannot enumerate the return type ${printType(ret)}`);
  const n = params.length;
  params.forEach((t, i) => {
    const s = addType(t);
    if (s === null) { skip('param.unsupportedType'); return; }
    leaf(`$${n - 1 - i}`, s, v(n - 1 - i), ex.map((e) => e.inputs[i]));
  });
  for (const c of [...(task.constants ?? []), ...(opts.harvest ? harvestConstants(task) : [])]) {
    const s = addType(c.type);
    // a list(char) constant has no literal syntax: top-down's constantExpr spells it through the primitive set
    const e = literalExpr(c.value, c.type) ?? constantExpr(c, prims);
    if (s === null || !e) { skip('constant.unsupported'); continue; }
    leaf(JSON.stringify(c.value), s, e, ex.map(() => c.value));
  }
  addType(tint);
  addType(tbool);
  for (const t of opts.extraTypes ?? []) addType(t);
  for (const k of opts.ints ?? [0, 1]) leaf(String(k), slotOf.get('int')!, int(k), ex.map(() => k));

  // function slots (arguments of higher-order primitives): ground types like int -> bool, filled with lambdas later
  const maxFns = opts.maxFunctionTypes ?? 16;
  let fnCount = 0;
  const addFnType = (t: Type): number | null => {
    const k = printType(t);
    const have = slotOf.get(k);
    if (have !== undefined) return have;
    const { args: fa, ret: fr } = splitArrow(t);
    // lambdas take elements and return elements, or fold into a list of elements (other shapes are rare in
    // practice and costly to sample)
    // (a record is one value to a lambda, as an int is: `(lambda (.age $0))`)
    const base = (x: Type) => x.kind === 'tcon' && (x.args.length === 0 || recordFields(x) !== null);
    const shapeOk = fa.every(base) && base(fr) || (fa.length === 2 && base(fa[0]!) && printType(fa[1]!) === printType(fr) && depth(fr) <= 2);
    if (!isGround(t) || fa.length > 2 || fnCount >= maxFns || !shapeOk
      || ![...fa, fr].every((x) => !isArrow(x) && slotOf.has(printType(x)))) return null;
    fnCount++;
    slotOf.set(k, slots.length);
    slots.push({ key: k, type: t });
    return slots.length - 1;
  };

  // instantiate primitives against the known types until nothing new appears
  const usable = [...prims.values()].filter((p) => {
    if (p.pure === false) { skip('prim.impure'); return false; }
    const fnArgs = splitArrow(p.type).args.filter(isArrow);
    if (fnArgs.length && (!opts.functions || fnArgs.some((f) => splitArrow(f).args.some(isArrow) || isArrow(splitArrow(f).ret)))) {
      skip('prim.higherOrder');
      return false;
    }
    return true;
  });
  const seen = new Set<string>();
  for (let round = 0; round < 4; round++) {
    const before = slots.length + prods.length;
    for (const p of usable) {
      const [t, s0] = instantiate(p.type, emptySubst());
      const { args, ret: r } = splitArrow(t);
      const known = slots.filter((k) => !isArrow(k.type));
      // data arguments first, so a function argument's types are mostly fixed when it is reached
      const order = args.map((_, i) => i).sort((a, b) => Number(isArrow(args[a]!)) - Number(isArrow(args[b]!)));
      const argSlots: number[] = new Array(args.length);
      const go = (oi: number, s: Subst) => {
        if (oi === args.length) {
          const rt = applySubst(r, s);
          const cands = isGround(rt) ? [rt] : args.length === 0 ? known.map((k) => k.type) : [];
          for (const c of cands) {
            const s2 = unify(rt, c, s);
            if (!s2) continue;
            const rs = addType(applySubst(rt, s2));
            if (rs === null) continue;
            const key = `${p.name}:${argSlots.join(',')}>${rs}`;
            if (seen.has(key)) continue;
            seen.add(key);
            if (args.length === 0) {
              const o = constantOf(p);
              if (o !== FAIL) leaf(p.name, rs, prim(p.name), ex.map(() => o));
            } else {
              prods.push({ name: p.name, ret: rs, args: [...argSlots], impl: p.impl, lazy: lazyOf(p, args.length), expr: prim(p.name), outs: null, weight: w(p.name), ...algebraOf(p) });
            }
          }
          return;
        }
        const i = order[oi]!;
        const at = applySubst(args[i]!, s);
        if (isArrow(at)) {
          // bind the function type's remaining variables to known data types, one at a time
          const vars = typeVarsIn(at);
          if (vars.length === 0) {
            const fs = addFnType(at);
            if (fs !== null) { argSlots[i] = fs; go(oi + 1, s); }
            return;
          }
          for (const k of known) {
            const s2 = unify(tvar(vars[0]!), k.type, s);
            if (s2) go(oi, s2);
          }
          return;
        }
        for (const k of known) {
          const s2 = unify(at, k.type, s);
          if (s2) { argSlots[i] = slotOf.get(k.key)!; go(oi + 1, s2); }
        }
      };
      go(0, s0);
    }
    if (slots.length + prods.length === before) break;
  }
  return { slots, prods, goal, params: n, skipped };
}

/** Productions for a task with a SyGuS grammar: one slot per nonterminal, exactly the grammar's rules. */
export function grammarProductions(task: Task, grammar0: GrammarSpec, prims: PrimitiveSet, opts: ProductionOptions = {}): Productions {
  const grammar = mergeEquivalent(grammar0);
  const ex = task.train;
  const { params } = taskSignature(task);
  const n = params.length;
  const slots: Slot[] = grammar.nonterminals.map((nt) => ({ key: nt.name, type: nt.type }));
  const slotOf = new Map(slots.map((s, i) => [s.key, i]));
  const skipped: Record<string, number> = {};
  const skip = (why: string) => { skipped[why] = (skipped[why] ?? 0) + 1; };
  const w = (name: string) => opts.weights?.get(name) ?? 0;
  const prods: Production[] = [];
  grammar.nonterminals.forEach((nt, ret) => {
    for (const pr of nt.productions) {
      const p = prims.get(pr.op);
      if (p) {
        const [t, s0] = instantiate(p.type, emptySubst());
        const { args, ret: rt } = splitArrow(t);
        if (args.length !== pr.args.length || args.some(isArrow)) { skip('grammar.arity'); continue; }
        let s: Subst | null = unify(rt, nt.type, s0);
        const argSlots: number[] = [];
        for (let i = 0; i < args.length && s; i++) {
          const a = slotOf.get(pr.args[i]!);
          if (a === undefined) { s = null; break; }
          argSlots.push(a);
          s = unify(args[i]!, slots[a]!.type, s);
        }
        if (!s) { skip('grammar.typeMismatch'); continue; }
        if (args.length === 0) {
          const o = constantOf(p);
          if (o !== FAIL) prods.push({ name: p.name, ret, args: [], impl: null, lazy: null, expr: prim(p.name), outs: ex.map(() => o), weight: w(p.name) });
        } else {
          prods.push({ name: p.name, ret, args: argSlots, impl: p.impl, lazy: lazyOf(p, args.length), expr: prim(p.name), outs: null, weight: w(p.name), ...algebraOf(p) });
        }
        continue;
      }
      let e: Expr;
      try { e = parse(pr.op); } catch { skip('grammar.unknownOp'); continue; }
      if (e.kind === 'var' && e.index < n) {
        const i = n - 1 - e.index;
        prods.push({ name: pr.op, ret, args: [], impl: null, lazy: null, expr: e, outs: ex.map((x) => x.inputs[i]), weight: w(pr.op) });
      } else if (e.kind === 'lit') {
        const val = e.lit.value;
        prods.push({ name: pr.op, ret, args: [], impl: null, lazy: null, expr: e, outs: ex.map(() => val), weight: w(pr.op) });
      } else skip('grammar.unknownOp');
    }
  });
  const goal = slotOf.get(grammar.start);
  if (goal === undefined) throw new Error(`bottom-up: grammar start '${grammar.start}' is not a nonterminal`);
  return { slots, prods, goal, params: n, skipped };
}

/**
 * Merges nonterminals with the same type and the same productions (after renaming merged ones), such as a start
 * symbol whose chain rule to `ntString` was inlined: enumerating both would do the same work twice.
 */
export function mergeEquivalent(g: GrammarSpec): GrammarSpec {
  const rep = new Map(g.nonterminals.map((n) => [n.name, n.name]));
  for (let round = 0; round < g.nonterminals.length; round++) {
    const bySig = new Map<string, string>();
    let changed = false;
    for (const nt of g.nonterminals) {
      if (rep.get(nt.name) !== nt.name) continue;
      const sig = printType(nt.type) + '|' + nt.productions.map((p) => `${p.op}(${p.args.map((a) => rep.get(a) ?? a).join(',')})`).sort().join(';');
      const other = bySig.get(sig);
      if (other === undefined) bySig.set(sig, nt.name);
      else {
        for (const [k, r] of rep) if (r === nt.name) rep.set(k, other);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const nonterminals = g.nonterminals.filter((nt) => rep.get(nt.name) === nt.name).map((nt) => ({
    name: nt.name, type: nt.type,
    productions: nt.productions.map((p) => ({ op: p.op, args: p.args.map((a) => rep.get(a) ?? a) }))
      .filter((p, i, all) => all.findIndex((q) => q.op === p.op && q.args.join() === p.args.join()) === i),
  }));
  return { start: rep.get(g.start) ?? g.start, nonterminals };
}

/** Productions for a task: its SyGuS grammar when present, otherwise the primitive set over concrete types. */
export function productionsFor(task: Task, prims: PrimitiveSet, opts: ProductionOptions = {}): Productions {
  const g = task.extra?.grammar as GrammarSpec | undefined;
  return g && Array.isArray(g.nonterminals) ? grammarProductions(task, g, prims, opts) : plainProductions(task, prims, opts);
}

/** Wraps a body in the task's parameter lambdas. */
export function wrapParams(body: Expr, n: number): Expr {
  let e = body;
  for (let i = 0; i < n; i++) e = lam(e);
  return e;
}

/** Applies a rule's head to child expressions. */
export const applyRule = (p: Production, kids: readonly Expr[]): Expr => (kids.length ? app(p.expr, ...kids) : p.expr);

