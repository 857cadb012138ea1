/**
 * Random well-typed programs and values, for property tests and benchmarks. Type-directed: for a requested type,
 * pick a variable, primitive or literal whose type (after some number of arguments) unifies with it, then recurse
 * on the arguments; arrow types get lambdas. The requested type's variables are rigid (they may not be bound to
 * a concrete type), so a program generated for `a -> a` really has that type. Deterministic for a given Rng.
 */
import { app, bool, char, int, lam, prim, real, str, v, type Expr } from './expr.ts';
import { primArity, type Primitive, type PrimitiveSet } from './primitive.ts';
import type { Rng } from '../util/rng.ts';
import { isArrow, splitArrow, tcon, type Type } from './type.ts';
import { applySubst, emptySubst, instantiate, unify, type Subst } from './unify.ts';

export interface GenerateOptions {
  readonly prims: PrimitiveSet;
  readonly rng: Rng;
  /** Depth of nested applications (default 3). */
  readonly maxDepth?: number;
  /** Skip these primitives (e.g. impure or very expensive ones). */
  readonly exclude?: (p: Primitive) => boolean;
  /** Candidate heads tried per node before giving up on it (default 12). */
  readonly attempts?: number;
  /** Primitives considered per node, drawn at random from the set (default 48; keeps large sets fast). */
  readonly sample?: number;
}

const RIGID = '$rigid';
const LITERAL_TYPES = ['int', 'real', 'bool', 'str', 'char'] as const;

function rigidify(t: Type): Type {
  return t.kind === 'tvar' ? tcon(`${RIGID}${t.id}`) : t.args.length ? tcon(t.name, ...t.args.map(rigidify)) : t;
}

function maxVar(t: Type): number {
  return t.kind === 'tvar' ? t.id : t.args.reduce((m, a) => Math.max(m, maxVar(a)), -1);
}

/** Up to `k` distinct elements of `xs` in random order (partial Fisher–Yates). */
function sample<T>(xs: readonly T[], k: number, rng: Rng): readonly T[] {
  if (xs.length <= k) return xs;
  const a = xs.slice();
  for (let i = 0; i < k; i++) { const j = i + rng.int(a.length - i); [a[i], a[j]] = [a[j]!, a[i]!]; }
  return a.slice(0, k);
}

/** True when a type variable of `declared` corresponds to a type containing an arrow in `actual`. */
function functionInVariable(declared: Type, actual: Type): boolean {
  if (declared.kind === 'tvar') return containsArrow(actual);
  if (actual.kind !== 'tcon') return false;
  return declared.args.some((d, i) => actual.args[i] !== undefined && functionInVariable(d, actual.args[i]!));
}

function containsArrow(t: Type): boolean {
  return t.kind === 'tcon' && (t.name === '->' || t.args.some(containsArrow));
}

function literal(name: string, rng: Rng): Expr | null {
  switch (name) {
    case 'int': return int(rng.int(7) - 2);
    case 'real': return real(rng.pick([0.5, -1.25, 2, 0.001, 10]));
    case 'bool': return bool(rng.int(2) === 1);
    case 'str': return str(rng.pick(['', 'a', 'ab', ' ', 'x.y', 'Hi']));
    case 'char': return char(rng.pick(['a', 'b', ' ', '.', 'Z']));
    default: return null;
  }
}

/** A candidate head; `weight` biases the choice (variables are preferred, as in real programs). */
type Head = { expr: Expr; type: Type; weight: number; declared?: Type };

const returnCache = new WeakMap<Primitive, Type[]>();
/** A primitive's result type after 0, 1, …, arity arguments (its declared variables). */
function returnTypes(p: Primitive): Type[] {
  let r = returnCache.get(p);
  if (!r) {
    r = [p.type];
    for (let i = 0; i < primArity(p); i++) r.push((r[i] as { args: readonly Type[] }).args[1]!);
    returnCache.set(p, r);
  }
  return r;
}

/**
 * A random closed program of type `t`, or null when none was found within the attempt limits.
 * The program type-checks at `t` (see test/lang/properties.test.ts).
 */
export function generateProgram(t: Type, opts: GenerateOptions): Expr | null {
  const { rng, prims } = opts;
  const maxDepth = opts.maxDepth ?? 3;
  const attempts = opts.attempts ?? 12;
  const pool = [...prims.values()].filter((p) => !(opts.exclude?.(p)) && !p.params);
  const target = rigidify(t);

  const go = (want: Type, env: readonly Type[], s: Subst, depth: number, dataOnly = false): [Expr, Subst] | null => {
    want = applySubst(want, s);
    if (isArrow(want) && (depth <= 0 || rng.next() < 0.75)) {
      const r = go(want.args[1], [want.args[0], ...env], s, depth, dataOnly);
      if (r) return [lam(r[0]), r[1]];
    }
    // Candidate heads: literals, variables, primitives; each with the argument counts that reach `want`.
    const heads: Head[] = [];
    if (want.kind === 'tcon') {
      const l = literal(want.name, rng);
      if (l) heads.push({ expr: l, type: want, weight: 1 });
    } else if (rng.next() < 0.5) {
      const l = literal(rng.pick(LITERAL_TYPES), rng)!;
      heads.push({ expr: l, type: l.kind === 'lit' ? tcon(l.lit.type) : want, weight: 1 });
    }
    env.forEach((ty, i) => heads.push({ expr: v(i), type: ty, weight: 4 }));
    const options: { head: Head; k: number; subst: Subst }[] = [];
    const consider = (head: Head, k: number, s1: Subst): void => {
      let ret = applySubst(head.type, s1);
      for (let i = 0; i < k; i++) ret = (ret as { args: readonly Type[] }).args[1]!;
      const u = unify(ret, want, s1);
      // `dataOnly`: the declared type of the argument being built returns a bare type variable, so no function may
      // go there (function identity is not a meaningful value: `eq?` on two functions, a list of functions).
      if (!u || (dataOnly && isArrow(applySubst(ret, u)))) return;
      if (head.declared && functionInVariable(head.declared, applySubst(head.type, u))) return;
      options.push({ head, k, subst: u });
    };
    for (const head of heads) {
      const n = splitArrow(applySubst(head.type, s)).args.length;
      for (let k = 0; k <= (depth <= 0 ? 0 : n); k++) consider(head, k, s);
    }
    let s1 = s;
    for (const p of sample(pool, opts.sample ?? 48, rng)) {
      const rets = returnTypes(p);
      let inst: Head | null = null;
      for (let k = 0; k < rets.length && (k === 0 || depth > 0); k++) {
        const r = rets[k]!;
        // Cheap filter before instantiating: the outer constructors must agree.
        if (want.kind === 'tcon' && r.kind === 'tcon' && (r.name !== want.name || r.args.length !== want.args.length)) continue;
        if (!inst) {
          const [ty, s2] = instantiate(p.type, s1);
          s1 = s2;
          inst = { expr: prim(p.name), type: ty, weight: primArity(p) === 0 ? 0.3 : 1, declared: p.type };
        }
        consider(inst, k, s1);
      }
    }
    if (options.length === 0) return null;
    // Prefer applications while depth remains, leaves at the bottom.
    const ordered = options.map((o) => ({ o, key: rng.next() ** (1 / o.head.weight) })).sort((a, b) => b.key - a.key).map((x) => x.o);
    if (depth > 1 && rng.next() < 0.7) ordered.sort((a, b) => (b.k > 0 ? 1 : 0) - (a.k > 0 ? 1 : 0));
    for (const o of ordered.slice(0, attempts)) {
      let s2: Subst | null = o.subst;
      const argTypes = splitArrow(applySubst(o.head.type, s2)).args.slice(0, o.k);
      const declared = o.head.declared ? splitArrow(o.head.declared).args : [];
      const args: Expr[] = [];
      for (const [i, at] of argTypes.entries()) {
        const d = declared[i];
        const r: [Expr, Subst] | null = go(applySubst(at, s2!), env, s2!, depth - 1, d !== undefined && splitArrow(d).ret.kind === 'tvar');
        if (!r) { s2 = null; break; }
        args.push(r[0]);
        s2 = r[1];
      }
      if (!s2) continue;
      // A primitive whose type variable became a function type would treat functions as data (compare or hash
      // them, store them): function identity is not a meaningful value, so such programs are not generated.
      if (o.head.declared && functionInVariable(o.head.declared, applySubst(o.head.type, s2))) continue;
      return [app(o.head.expr, ...args), s2];
    }
    return null;
  };
  const r = go(target, [], emptySubst(maxVar(t) + 1), maxDepth);
  return r ? r[0] : null;
}

export interface ValueOptions {
  /** Largest list length (default 5). */
  readonly maxLength?: number;
  /** Integers are drawn from [-intRange/2, intRange) (default 10). */
  readonly intRange?: number;
}

/** A random value of a first-order type (int, real, bool, char, str, list, pair, maybe); type variables as int. */
export function randomValue(t: Type, rng: Rng, opts: ValueOptions = {}): unknown {
  const maxLength = opts.maxLength ?? 5;
  const range = opts.intRange ?? 10;
  if (t.kind === 'tvar') return randomValue(tcon('int'), rng, opts);
  switch (t.name) {
    case 'int': return rng.int(range + (range >> 1)) - (range >> 1);
    case 'real': return Math.round((rng.next() * 2 - 1) * range * 100) / 100;
    case 'bool': return rng.int(2) === 1;
    case 'char': return rng.pick(['a', 'b', 'c', 'Z', ' ', '.', '1', ',']);
    case 'str': return Array.from({ length: rng.int(maxLength + 3) }, () => rng.pick(['a', 'b', 'c', 'Z', ' ', '.', '1', ','])).join('');
    case 'list': return Array.from({ length: rng.int(maxLength + 1) }, () => randomValue(t.args[0]!, rng, opts));
    case 'pair': return [randomValue(t.args[0]!, rng, opts), randomValue(t.args[1]!, rng, opts)];
    case 'maybe': return rng.int(3) === 0 ? { tag: 'none' } : { tag: 'some', value: randomValue(t.args[0]!, rng, opts) };
    default: throw new Error(`randomValue: no generator for type ${t.name}`);
  }
}
