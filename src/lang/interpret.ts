/**
 * The reference interpreter: a small tree-walking evaluator over de Bruijn environments, kept obviously correct
 * as the oracle the compiler is tested against. Same fuel semantics as compile.ts: one step when a primitive gets
 * its last argument (saturated source applications tick before evaluating their arguments; lazy arguments become
 * thunks) and one step on entering a lambda body.
 */
import { isClosed, primitiveNames, spine, visit, type Expr } from './expr.ts';
import { metered, type EvalOptions, type EvalResult } from './evaluate.ts';
import { primArity, type Primitive, type PrimitiveSet, type Value } from './primitive.ts';
import { print } from './print.ts';
import { EvalError, fail, tick } from './runtime.ts';

type Env = readonly Value[]; // env[0] is $0

/** A primitive as a curried function value, having received `got` arguments. */
function curried(p: Primitive, got: readonly Value[]): Value {
  return (x: Value) => {
    const args = [...got, p.lazy?.includes(got.length) ? () => x : x];
    if (args.length < primArity(p)) return curried(p, args);
    tick();
    return p.impl(...args);
  };
}

function evalExpr(e: Expr, env: Env, prims: PrimitiveSet): Value {
  switch (e.kind) {
    case 'lit': return e.lit.value;
    case 'var': return env[e.index];
    case 'lam': return (x: Value) => { tick(); return evalExpr(e.body, [x, ...env], prims); };
    case 'inv': return evalExpr(e.body, [], prims);
    case 'hole': return fail(`cannot run a program with a hole (${print(e)})`);
    case 'prim': case 'app': {
      const { head, args } = spine(e);
      let f: Value;
      let rest = args;
      const p = head.kind === 'prim' ? prims.get(head.name)! : undefined;
      if (p && !p.body && primArity(p) > 0 && args.length >= primArity(p)) {
        const n = primArity(p);
        tick();
        const actual = args.slice(0, n).map((a, i) => (p.lazy?.includes(i) ? () => evalExpr(a, env, prims) : evalExpr(a, env, prims)));
        f = p.impl(...actual);
        rest = args.slice(n);
      } else if (p) {
        f = p.body ? evalExpr(p.body, [], prims) : primArity(p) === 0 ? p.impl() : curried(p, []);
      } else {
        f = evalExpr(head, env, prims);
      }
      for (const a of rest) f = (f as (x: Value) => Value)(evalExpr(a, env, prims));
      return f;
    }
  }
}

/** Checks that a program is closed and names only known primitives (also inside library bodies). */
function check(e: Expr, prims: PrimitiveSet): void {
  const closed = (x: Expr): void => {
    if (!isClosed(x)) throw new EvalError('type', `free variable in ${print(x)}`);
    visit(x, (y) => { if (y.kind === 'inv') closed(y.body); });
  };
  closed(e);
  const seen = new Set<string>();
  const visitNames = (x: Expr) => {
    for (const name of primitiveNames(x)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const p = prims.get(name);
      if (!p) throw new EvalError('type', `unknown primitive '${name}'`);
      if (p.body) { closed(p.body); visitNames(p.body); }
    }
  };
  visitNames(e);
}

const checked = new WeakMap<PrimitiveSet, WeakSet<Expr>>();

/** Interprets a closed program applied to `args` under the options' limits. */
export function interpret(expr: Expr, args: readonly Value[], opts: EvalOptions): EvalResult {
  return metered(opts, () => {
    let ok = checked.get(opts.prims);
    if (!ok) { ok = new WeakSet(); checked.set(opts.prims, ok); }
    if (!ok.has(expr)) { check(expr, opts.prims); ok.add(expr); } // once per expression, as compile does
    let f = evalExpr(expr, [], opts.prims);
    for (const a of args) f = (f as (x: Value) => Value)(a);
    return f;
  });
}
