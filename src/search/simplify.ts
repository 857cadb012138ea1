/**
 * Simplification of a found program: algebraic rewrite rules written as data (`(+ X 0) => X`, single capital
 * letters are pattern variables), constant folding of closed subterms, and removal of no-op subterms (a node
 * replaced by one of its arguments when the program keeps its type and its outputs on the train inputs).
 * Every step is re-verified on the examples; a rewrite that changes an output is rolled back. Firings are
 * counted by rule name (`simplify.<name>`).
 */
import { exprEquals, isClosed, size, spine, type Expr } from '../lang/expr.ts';
import { evaluate } from '../lang/evaluate.ts';
import { checkType, inferType } from '../lang/infer.ts';
import { parse } from '../lang/parse.ts';
import type { PrimitiveSet, Value } from '../lang/primitive.ts';
import { valueEquals } from '../lang/value.ts';
import type { Task } from '../task/task.ts';
import { literalExpr } from './bottomup-productions.ts';
import type { SearchStats } from './engine.ts';

/** A rewrite at one node: the replacement, or null when it does not apply. */
export interface RewriteRule {
  readonly name: string;
  apply(e: Expr): Expr | null;
}

const isPatVar = (e: Expr): e is { kind: 'prim'; name: string } => e.kind === 'prim' && /^[A-Z]$/.test(e.name);

function match(p: Expr, e: Expr, b: Map<string, Expr>): boolean {
  if (isPatVar(p)) {
    const had = b.get(p.name);
    if (had) return exprEquals(had, e);
    b.set(p.name, e);
    return true;
  }
  if (p.kind !== e.kind) return false;
  switch (p.kind) {
    case 'app': return match(p.fn, (e as typeof p).fn, b) && match(p.arg, (e as typeof p).arg, b);
    case 'lam': return match(p.body, (e as typeof p).body, b);
    default: return exprEquals(p, e);
  }
}

function instantiate(t: Expr, b: Map<string, Expr>): Expr {
  if (isPatVar(t)) return b.get(t.name) ?? t;
  if (t.kind === 'app') return { kind: 'app', fn: instantiate(t.fn, b), arg: instantiate(t.arg, b) };
  if (t.kind === 'lam') return { kind: 'lam', body: instantiate(t.body, b) };
  return t;
}

/** A rule from a pattern and its replacement in Arbor syntax. */
export function patternRule(name: string, from: string, to: string): RewriteRule {
  const p = parse(from), t = parse(to);
  return { name, apply: (e) => { const b = new Map<string, Expr>(); return match(p, e, b) ? instantiate(t, b) : null; } };
}

/** Algebraic identities over the core primitives (a rule whose primitives are absent never matches). */
export const algebraicRules: readonly RewriteRule[] = ([
  ['add-zero', '(+ X 0)', 'X'], ['zero-add', '(+ 0 X)', 'X'], ['sub-zero', '(- X 0)', 'X'], ['sub-self', '(- X X)', '0'],
  ['mul-one', '(* X 1)', 'X'], ['one-mul', '(* 1 X)', 'X'], ['mul-zero', '(* X 0)', '0'], ['zero-mul', '(* 0 X)', '0'],
  ['radd-zero', '(+. X 0.0)', 'X'], ['zero-radd', '(+. 0.0 X)', 'X'], ['rsub-zero', '(-. X 0.0)', 'X'],
  ['rmul-one', '(*. X 1.0)', 'X'], ['one-rmul', '(*. 1.0 X)', 'X'], ['rdiv-one', '(/. X 1.0)', 'X'],
  ['not-not', '(not (not X))', 'X'], ['and-self', '(and X X)', 'X'], ['or-self', '(or X X)', 'X'],
  ['if-same', '(if C X X)', 'X'], ['if-true', '(if true X Y)', 'X'], ['if-false', '(if false X Y)', 'Y'],
  ['if-not', '(if (not C) X Y)', '(if C Y X)'], ['if-bool', '(if C true false)', 'C'], ['if-not-bool', '(if C false true)', '(not C)'],
  ['concat-empty', '(str.++ X "")', 'X'], ['empty-concat', '(str.++ "" X)', 'X'],
] as const).map(([n, f, t]) => patternRule(n, f, t));

export interface SimplifyOptions {
  readonly prims: PrimitiveSet;
  /** With a task, rewrites are verified on its train inputs and no-op removal is enabled. */
  readonly task?: Task;
  readonly rules?: readonly RewriteRule[];
  /** Firings are added to stats.rules as `simplify.<name>`. */
  readonly stats?: SearchStats;
  readonly fuel?: number;
}

type Path = readonly ('fn' | 'arg' | 'body')[];

function subterms(e: Expr, path: Path = [], out: { e: Expr; path: Path }[] = []): { e: Expr; path: Path }[] {
  out.push({ e, path });
  if (e.kind === 'app') { subterms(e.fn, [...path, 'fn'], out); subterms(e.arg, [...path, 'arg'], out); }
  else if (e.kind === 'lam') subterms(e.body, [...path, 'body'], out);
  return out;
}

function replacePath(e: Expr, path: Path, sub: Expr, i = 0): Expr {
  if (i === path.length) return sub;
  const step = path[i]!;
  if (step === 'body' && e.kind === 'lam') return { kind: 'lam', body: replacePath(e.body, path, sub, i + 1) };
  if (e.kind === 'app') return step === 'fn'
    ? { kind: 'app', fn: replacePath(e.fn, path, sub, i + 1), arg: e.arg }
    : { kind: 'app', fn: e.fn, arg: replacePath(e.arg, path, sub, i + 1) };
  return e;
}

/** A simpler program with the same outputs on the task's train inputs (or the program itself). */
export function simplify(program: Expr, opts: SimplifyOptions): Expr {
  const rules = opts.rules ?? algebraicRules;
  const fuel = opts.fuel ?? 100_000;
  const fire = (name: string) => { if (opts.stats) opts.stats.rules[`simplify.${name}`] = (opts.stats.rules[`simplify.${name}`] ?? 0) + 1; };
  const inputs = opts.task?.train.map((x) => x.inputs) ?? [];
  const run = (e: Expr): (Value | undefined)[] => inputs.map((a) => { const r = evaluate(e, a, { prims: opts.prims, fuel }); return r.ok ? r.value : undefined; });
  const ref = run(program);
  const sameAsRef = (e: Expr): boolean => {
    if (opts.task) { try { checkType(e, opts.task.type, opts.prims); } catch { return false; } }
    const out = run(e);
    return out.every((v, i) => v !== undefined && valueEquals(v, ref[i]));
  };

  // rules and constant folding, bottom-up to a fixed point
  const fold = (e: Expr): Expr | null => {
    if (e.kind !== 'app' || !isClosed(e)) return null;
    let hasLam = false;
    subterms(e).forEach((s) => { if (s.e.kind === 'lam') hasLam = true; });
    if (hasLam) return null;
    const r = evaluate(e, [], { prims: opts.prims, fuel });
    if (!r.ok) return null;
    let t;
    try { t = inferType(e, opts.prims); } catch { return null; }
    return literalExpr(r.value, t);
  };
  const rewrite = (e: Expr): Expr => {
    let x: Expr = e;
    if (x.kind === 'app') x = { kind: 'app', fn: rewrite(x.fn), arg: rewrite(x.arg) };
    else if (x.kind === 'lam') x = { kind: 'lam', body: rewrite(x.body) };
    for (let n = 0; n < 20; n++) {
      let changed = false;
      for (const r of rules) {
        const y = r.apply(x);
        if (y) { fire(r.name); x = rewrite(y); changed = true; break; }
      }
      if (!changed) break;
    }
    const f = fold(x);
    if (f && size(f) < size(x)) { fire('fold'); return f; }
    return x;
  };
  let cur = program;
  const rewritten = rewrite(program);
  if (!exprEquals(rewritten, program) && (!opts.task || sameAsRef(rewritten))) cur = rewritten;

  // no-op removal: a node replaced by one of its arguments, keeping type and outputs
  if (opts.task) {
    for (let round = 0; round < 50; round++) {
      let improved = false;
      for (const s of subterms(cur)) {
        if (s.e.kind !== 'app') continue;
        const { args } = spine(s.e);
        for (const a of args) {
          const cand = replacePath(cur, s.path, a);
          if (sameAsRef(cand)) { fire('drop-noop'); cur = cand; improved = true; break; }
        }
        if (improved) break;
      }
      if (!improved) break;
    }
  }
  return cur;
}
