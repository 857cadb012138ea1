/**
 * Abstraction: a learned function, stored as a closed lambda (`(lam (lam BODY))` for arity 2, DreamCoder's form),
 * printed in Stitch's form with its arguments as `#0 … #A-1` (`#0` the outermost lambda). Inlining an abstraction
 * is beta-reduction of that lambda, which is how `--rewrite-check` recovers the original programs.
 */
import { app, lam, prim, spine, substitute, v, type Expr } from '../lang/expr.ts';
import { print, type PrintOptions } from '../lang/print.ts';
import { assertNever } from '../util/assert.ts';
import { exprCost, STITCH_COSTS, type CostModel } from './cost.ts';

export interface Abstraction {
  /** The primitive name rewritten programs use (fn_0, fn_1, …). */
  readonly name: string;
  readonly arity: number;
  /** Closed: `arity` lambdas around the body; argument #i is the variable bound by the i-th (outermost first). */
  readonly lambda: Expr;
}

/** An abstraction found by compression, with how often the corpus uses it and the utility it had when chosen. */
export interface LearnedAbstraction extends Abstraction {
  readonly uses: number;
  readonly utility: number;
}

/** The body under the abstraction's lambdas. */
export function abstractionBody(a: Abstraction): Expr {
  let e = a.lambda;
  for (let i = 0; i < a.arity; i++) {
    if (e.kind !== 'lam') throw new Error(`abstraction ${a.name}: fewer than ${a.arity} lambdas`);
    e = e.body;
  }
  return e;
}

/** Prints the body in Stitch's syntax: arguments as `#i`, other variables as `$i`. */
export function printAbstractionBody(a: Abstraction, opts: PrintOptions = { lambda: 'lam' }): string {
  const go = (e: Expr, depth: number): Expr => {
    switch (e.kind) {
      case 'var': return e.index >= depth ? prim(`#${a.arity - 1 - (e.index - depth)}`) : e;
      case 'app': return { ...e, fn: go(e.fn, depth), arg: go(e.arg, depth) };
      case 'lam': return lam(go(e.body, depth + 1));
      case 'prim': case 'lit': case 'inv': case 'hole': return e;
      default: return assertNever(e, 'expr');
    }
  };
  return print(go(abstractionBody(a), 0), opts);
}

/** Builds the closed lambda of a body whose argument #i is given by `ivar(i, depth)` positions (see compress-match). */
export function closeBody(body: Expr, arity: number): Expr {
  let e = body;
  for (let i = 0; i < arity; i++) e = lam(e);
  return e;
}

/** Variable standing for argument `i` of an arity-`arity` abstraction, under `depth` lambdas of its body. */
export function ivarVariable(i: number, arity: number, depth: number): Expr {
  return v(depth + arity - 1 - i);
}

/**
 * Replaces every use of the given abstractions by its definition, beta-reducing the abstraction's own lambdas only.
 * Abstractions may use earlier ones; they are inlined in order.
 */
export function inlineAbstractions(e: Expr, abstractions: readonly Abstraction[]): Expr {
  const defs = new Map<string, Abstraction>();
  for (const a of abstractions) {
    defs.set(a.name, { ...a, lambda: inlineWith(a.lambda, defs) });
  }
  return inlineWith(e, defs);
}

function inlineWith(e: Expr, defs: ReadonlyMap<string, Abstraction>): Expr {
  switch (e.kind) {
    case 'app': {
      const { head, args } = spine(e);
      const inlinedArgs = args.map((x) => inlineWith(x, defs));
      const def = head.kind === 'prim' ? defs.get(head.name) : undefined;
      if (!def) return app(inlineWith(head, defs), ...inlinedArgs);
      let r = def.lambda;
      let i = 0;
      for (; i < inlinedArgs.length && i < def.arity && r.kind === 'lam'; i++) r = substitute(r.body, inlinedArgs[i]!);
      return app(r, ...inlinedArgs.slice(i));
    }
    case 'lam': return lam(inlineWith(e.body, defs));
    case 'prim': return defs.get(e.name)?.lambda ?? e;
    case 'var': case 'lit': case 'inv': case 'hole': return e;
    default: return assertNever(e, 'expr');
  }
}

/** Cost of the body in Stitch's sense: each argument occurrence `#i` costs `costs.ivar`. */
export function abstractionCost(a: Abstraction, costs: CostModel = STITCH_COSTS): number {
  const go = (e: Expr, depth: number): number => {
    switch (e.kind) {
      case 'var': return e.index >= depth ? costs.ivar : costs.var;
      case 'app': return costs.app + go(e.fn, depth) + go(e.arg, depth);
      case 'lam': return costs.lam + go(e.body, depth + 1);
      default: return exprCost(e, costs);
    }
  };
  return go(abstractionBody(a), 0);
}

/**
 * Beta-normal form, reducing leftmost-outermost redexes; gives up (returning null) after `fuel` reductions, since
 * untyped terms need not terminate.
 */
export function betaNormalize(e: Expr, fuel = 10000): Expr | null {
  let left = fuel;
  const go = (x: Expr): Expr => {
    switch (x.kind) {
      case 'app': {
        const f = go(x.fn);
        if (f.kind === 'lam') {
          if (--left < 0) throw new OutOfFuel();
          return go(substitute(f.body, x.arg));
        }
        return { kind: 'app', fn: f, arg: go(x.arg) };
      }
      case 'lam': return lam(go(x.body));
      default: return x;
    }
  };
  try {
    return go(e);
  } catch (err) {
    if (err instanceof OutOfFuel) return null;
    throw err;
  }
}

class OutOfFuel extends Error {}
