/**
 * Patterns as preorder token lists (the form search builds them in), matching a finished pattern against a corpus,
 * and conversion between patterns and `Abstraction`s.
 *
 * Free variables (Stitch's rules): an argument may not mention a variable bound by a lambda of the body (that
 * variable would escape); an argument under d lambdas of the body that mentions variables from outside is lowered
 * by d when lifted out; two occurrences of one argument match when they are equal after lowering.
 */
import { app, lam, v, type Expr } from '../lang/expr.ts';
import { assertNever } from '../util/assert.ts';
import { type Abstraction, closeBody, ivarVariable } from './abstraction.ts';
import type { CorpusIndex } from './compress-index.ts';
import { APP, internExpr, internPrim, internVar, LAM, PRIM, shiftDown, VAR, type NodeTable } from './compress-table.ts';
import type { CostModel } from './cost.ts';
import type { Matches } from './rewrite.ts';

/** Token kinds: APP, LAM, VAR, PRIM (from compress-table) and IVAR, an abstraction argument. */
export const IVAR = 4;

/** A pattern in preorder; `val` is the node id for VAR and PRIM tokens, the argument index for IVAR. */
export interface Tokens {
  readonly kind: readonly number[];
  readonly val: readonly number[];
  readonly arity: number;
}

/** Tokens as a chain from the last one back (the search appends tokens in preorder, sharing prefixes). */
export interface TokenChain {
  readonly prev: TokenChain | null;
  readonly kind: number;
  readonly val: number;
}

/** The chain extended by the preorder tokens of a whole node-table subtree. */
export function appendNode(t: NodeTable, chain: TokenChain | null, root: number): TokenChain | null {
  const kind = t.kind, a = t.a, b = t.b;
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!, k = kind[n]!;
    chain = { prev: chain, kind: k, val: k === APP || k === LAM ? 0 : n };
    if (k === APP) stack.push(b[n]!, a[n]!);
    else if (k === LAM) stack.push(a[n]!);
  }
  return chain;
}

/** The token lists of a chain. */
export function chainTokens(chain: TokenChain | null, arity: number): Tokens {
  const kind: number[] = [], val: number[] = [];
  for (let q = chain; q; q = q.prev) { kind.push(q.kind); val.push(q.val); }
  return { kind: kind.reverse(), val: val.reverse(), arity };
}

/** Cost of one use of the body without its arguments, and per argument: occurrences and first-occurrence depth. */
export function tokenStats(tok: Tokens, costs: CostModel): { bodyCost: number; counts: number[]; depths: number[] } {
  const counts = new Array<number>(tok.arity).fill(0), depths = new Array<number>(tok.arity).fill(0);
  let bodyCost = 0, pos = 0;
  const go = (depth: number): void => {
    const k = tok.kind[pos]!, x = tok.val[pos]!;
    pos++;
    if (k === APP) { bodyCost += costs.app; go(depth); go(depth); }
    else if (k === LAM) { bodyCost += costs.lam; go(depth + 1); }
    else if (k === VAR) bodyCost += costs.var;
    else if (k === PRIM) bodyCost += costs.prim;
    else { if (counts[x]! === 0) depths[x] = depth; counts[x]!++; }
  };
  go(0);
  return { bodyCost, counts, depths };
}

/** The abstraction a finished pattern stands for. */
export function tokensAbstraction(t: NodeTable, tok: Tokens, name: string): Abstraction {
  let pos = 0;
  const go = (depth: number): Expr => {
    const k = tok.kind[pos]!, x = tok.val[pos]!;
    pos++;
    switch (k) {
      case APP: { const f = go(depth); return app(f, go(depth)); }
      case LAM: return lam(go(depth + 1));
      case VAR: return v(t.a[x]!);
      case PRIM: return t.leaves[t.a[x]!]!;
      default: return ivarVariable(x, tok.arity, depth);
    }
  };
  return { name, arity: tok.arity, lambda: closeBody(go(0), tok.arity) };
}

/** The tokens of an abstraction in a table, interning its symbols there. */
export function abstractionTokens(t: NodeTable, a: Abstraction): Tokens {
  const kind: number[] = [], val: number[] = [];
  let body = a.lambda;
  for (let i = 0; i < a.arity; i++) {
    if (body.kind !== 'lam') throw new Error(`abstraction ${a.name}: fewer than ${a.arity} lambdas`);
    body = body.body;
  }
  const go = (e: Expr, depth: number): void => {
    switch (e.kind) {
      case 'app': kind.push(APP); val.push(0); go(e.fn, depth); go(e.arg, depth); return;
      case 'lam': kind.push(LAM); val.push(0); go(e.body, depth + 1); return;
      case 'var':
        if (e.index < depth) { kind.push(VAR); val.push(internVar(t, e.index)); }
        else { kind.push(IVAR); val.push(a.arity - 1 - (e.index - depth)); }
        return;
      case 'prim': kind.push(PRIM); val.push(internPrim(t, e.name, e)); return;
      case 'lit': case 'inv': {
        kind.push(PRIM); val.push(internExpr(t, e)); // keyed by printed text, as the corpus is
        return;
      }
      case 'hole': throw new Error(`abstraction ${a.name}: contains a hole`);
      default: assertNever(e, 'expr');
    }
  };
  go(body, 0);
  return { kind, val, arity: a.arity };
}

/** Every corpus node the pattern matches, with arguments and per-use savings (not counting argument rewrites). */
export function matchAll(ix: CorpusIndex, tok: Tokens, costs: CostModel): Matches {
  const t = ix.t;
  const { bodyCost, counts, depths } = tokenStats(tok, costs);
  const arity = tok.arity;
  const found: number[] = [], foundArgs: number[] = [];
  const args = new Int32Array(arity);
  let pos = 0;
  const go = (n: number, depth: number): boolean => {
    const k = tok.kind[pos]!, x = tok.val[pos]!;
    pos++;
    switch (k) {
      case APP: return t.kind[n] === APP && go(t.a[n]!, depth) && go(t.b[n]!, depth);
      case LAM: return t.kind[n] === LAM && go(t.a[n]!, depth + 1);
      case VAR: case PRIM: return n === x;
      default: {
        if (t.minFree[n]! < depth) return false; // would capture a variable bound inside the body
        if (args[x] === -1) { args[x] = n; return true; }
        const first = args[x]!, d0 = depths[x]!;
        return d0 === depth ? first === n : shiftDown(t, first, d0) === shiftDown(t, n, depth);
      }
    }
  };
  for (let n = 0; n < ix.n; n++) {
    if (ix.numPaths[n] === 0) continue;
    args.fill(-1); pos = 0;
    if (go(n, 0)) { found.push(n); for (let j = 0; j < arity; j++) foundArgs.push(args[j]!); }
  }
  const locs = Int32Array.from(found), allArgs = Int32Array.from(foundArgs);
  const utilOnce = new Float64Array(locs.length);
  const appCost = costs.prim + arity * costs.app;
  for (let i = 0; i < locs.length; i++) {
    let u = bodyCost - appCost;
    for (let j = 0; j < arity; j++) u += (counts[j]! - 1) * t.cost[allArgs[i * arity + j]!]!;
    utilOnce[i] = u;
  }
  return { locs, arity, args: allArgs, argDepth: Int32Array.from(depths), utilOnce };
}
