/**
 * SyGuS-IF programming-by-example problems (v1 and v2 syntax, SLIA and LIA) as Tasks, and Arbor programs printed
 * back as a SyGuS `(define-fun …)`.
 *
 * The program for `(synth-fun f ((x String) (y Int)) String …)` is the curried `(lambda (lambda BODY))` of type
 * `str -> int -> str`, so the last parameter is `$0`. A grammar, when given, lands in `task.extra.grammar`.
 */
import { app, bool, int, shift, str, v, type Expr } from '../lang/expr.ts';
import { printLiteral } from '../lang/print.ts';
import { arrow, tbool, tint, tstr, type Type } from '../lang/type.ts';
import { parseSexps, sygusString, TaskFileError, type Sexp } from './sexp.ts';
import type { Example, Task } from './task.ts';

/** One production: an Arbor primitive applied to nonterminals, a parameter `$i`, or a literal in Arbor syntax. */
export interface SygusProduction {
  /** A primitive name (`str.++`, `if`, `eq?`, …), `$i` (a parameter as a de Bruijn index), or a literal (`"a"`, `-1`, `true`). */
  readonly op: string;
  /** Nonterminal names, one per argument of `op` (empty for parameters and literals). */
  readonly args: readonly string[];
}

/** A SyGuS grammar over Arbor primitives. Chain rules (`Start -> ntString`) are inlined, nested terms get their own nonterminals. */
export interface SygusGrammar {
  readonly start: string;
  readonly nonterminals: readonly { readonly name: string; readonly type: Type; readonly productions: readonly SygusProduction[] }[];
}

/** What printing a solution as `(define-fun …)` needs. */
export interface SygusSignature {
  readonly version: 1 | 2;
  readonly logic: string;
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly sort: string }[];
  readonly ret: string;
}

/** SyGuS operator → Arbor primitive (`=` depends on its argument sort, see `arborOp`). */
const OPS: Record<string, string> = {
  'ite': 'if', 'str.to_int': 'str.to.int', 'str.from_int': 'int.to.str', '<': 'lt?', '>': 'gt?', 'div': '/',
};
/** Arbor primitive → SyGuS operator, per syntax version. */
const BACK: Record<1 | 2, Record<string, string>> = {
  1: { 'if': 'ite', 'eq?': '=', 'equal?': '=', 'lt?': '<', 'gt?': '>', '/': 'div', 'neg': '-' },
  2: { 'if': 'ite', 'eq?': '=', 'equal?': '=', 'lt?': '<', 'gt?': '>', '/': 'div', 'neg': '-', 'str.to.int': 'str.to_int', 'int.to.str': 'str.from_int' },
};

const SORTS: Record<string, Type> = { String: tstr, Int: tint, Bool: tbool };

/** The Arbor primitive for a SyGuS operator applied to arguments of the given sorts. */
export function arborOp(op: string, argSorts: readonly string[]): string {
  if (op === '=') return argSorts[0] === 'Int' ? 'eq?' : 'equal?';
  if (op === '-' && argSorts.length === 1) return 'neg';
  return OPS[op] ?? op;
}

type Lit = { sort: string; value: string | number | boolean };

/** A literal term (`"a"`, `3`, `-1`, `(- 1)`, `true`), or null. */
function literal(s: Sexp): Lit | null {
  if (s.kind === 'string') return { sort: 'String', value: s.value };
  if (s.kind === 'atom') {
    if (/^-?\d+$/.test(s.text)) return { sort: 'Int', value: Number(s.text) };
    if (s.text === 'true' || s.text === 'false') return { sort: 'Bool', value: s.text === 'true' };
    return null;
  }
  if (s.items.length === 2 && s.items[0]!.kind === 'atom' && s.items[0]!.text === '-') {
    const x = literal(s.items[1]!);
    if (x && x.sort === 'Int') return { sort: 'Int', value: -(x.value as number) };
  }
  return null;
}

const litExpr = (l: Lit): Expr =>
  l.sort === 'Int' ? int(l.value as number) : l.sort === 'Bool' ? bool(l.value as boolean) : str(l.value as string);

const atomText = (s: Sexp | undefined): string | null => (s && s.kind === 'atom' ? s.text : null);

/** Parses one SyGuS-IF PBE problem. `file` names the source in errors and in the task. */
export function parseSygus(src: string, file = '<input>'): Task {
  const err = (s: Sexp | null, reason: string): never => { throw new TaskFileError(file, s ? s.line : null, reason); };
  const cmds = parseSexps(src, file);
  let logic = 'SLIA';
  let synth: Sexp | null = null;
  const constraints: Sexp[] = [];
  let reference: Sexp | null = null;
  for (const c of cmds) {
    if (c.kind !== 'list' || c.items.length === 0) err(c, 'expected a command in parentheses');
    const head = atomText((c as { readonly items: readonly Sexp[] }).items[0]);
    const items = (c as { readonly items: readonly Sexp[] }).items;
    if (head === 'set-logic') logic = atomText(items[1]) ?? logic;
    else if (head === 'synth-fun') { if (synth) err(c, 'more than one synth-fun (only one function is supported)'); synth = c; }
    else if (head === 'constraint') constraints.push(c);
    else if (head === 'define-fun' && synth) reference ??= c;
  }
  if (!synth) return err(null, 'no synth-fun command');
  const sf = (synth as { readonly items: readonly Sexp[] }).items;
  const fn = atomText(sf[1]) ?? err(synth, 'synth-fun needs a name');
  const paramList = sf[2];
  if (!paramList || paramList.kind !== 'list') return err(synth, 'synth-fun needs a parameter list');
  const sortOf = (s: Sexp | undefined, where: Sexp): string => {
    const t = atomText(s);
    if (!t || !SORTS[t]) err(s ?? where, `unsupported sort ${s ? (atomText(s) ?? '(…)') : 'missing'} (String, Int and Bool are supported)`);
    return t!;
  };
  const params = paramList.items.map((p) => {
    if (p.kind !== 'list' || p.items.length !== 2 || !atomText(p.items[0])) err(p, 'a parameter is (name Sort)');
    const ps = p as { readonly items: readonly Sexp[] };
    return { name: atomText(ps.items[0])!, sort: sortOf(ps.items[1], p) };
  });
  const ret = sortOf(sf[3], synth);
  const n = params.length;
  const paramIndex = new Map(params.map((p, i) => [p.name, i]));
  const version: 1 | 2 = sf.length >= 6 || cmds.some((c) => c.kind === 'list' && atomText(c.items[0]) === 'declare-var') ? 2 : 1;

  // ---- grammar ----
  let grammar: SygusGrammar | undefined;
  const constants: { value: unknown; type: Type }[] = [];
  const gramSexp = sf.length >= 6 ? sf[5] : sf[4];
  if (gramSexp) {
    if (gramSexp.kind !== 'list') return err(gramSexp, 'expected a grammar in parentheses');
    grammar = parseGrammar(gramSexp.items, { err, sortOf, paramIndex, n, params, constants });
  }

  // ---- examples ----
  const train: Example[] = [];
  for (const c of constraints) {
    const body = (c as { readonly items: readonly Sexp[] }).items[1];
    const eq = body && body.kind === 'list' && atomText(body.items[0]) === '=' && body.items.length === 3 ? body : null;
    if (!eq) { err(c, 'constraint is not an example (= (f in…) out)'); continue; }
    let call = eq.items[1]!, out = eq.items[2]!;
    if (!(call.kind === 'list' && atomText(call.items[0]) === fn)) [call, out] = [out, call];
    if (call.kind !== 'list' || atomText(call.items[0]) !== fn) { err(c, `constraint does not call ${fn} (only examples are supported)`); continue; }
    if (call.items.length - 1 !== n) err(call, `${fn} takes ${n} argument(s), the constraint gives ${call.items.length - 1}`);
    const inputs = call.items.slice(1).map((a, i) => {
      const l = literal(a);
      if (!l) return err(a, `argument ${i + 1} is not a constant (only programming-by-example constraints are supported)`);
      if (l.sort !== params[i]!.sort) err(a, `argument ${i + 1} is ${l.sort}, the parameter ${params[i]!.name} is ${params[i]!.sort}`);
      return l.value;
    });
    const o = literal(out);
    if (!o) { err(out, 'output is not a constant'); continue; }
    if (o.sort !== ret) err(out, `output is ${o.sort}, ${fn} returns ${ret}`);
    train.push({ inputs, output: o.value });
  }
  if (train.length === 0) err(null, 'no examples (constraint (= (f …) …)) found');

  const signature: SygusSignature = { version, logic, name: fn, params, ret };
  const extra: Record<string, unknown> = { sygus: signature };
  if (grammar) extra.grammar = grammar;
  if (reference) {
    try { extra.reference = defineFunToExpr(reference, file); } catch { /* a reference outside our fragment is not needed */ }
  }
  const base = file.replace(/^.*[\\/]/, '').replace(/\.sl$/, '');
  return {
    name: base,
    type: arrow(...params.map((p) => SORTS[p.sort]!), SORTS[ret]!),
    train,
    test: [],
    constants,
    source: { file, format: 'sygus' },
    extra,
  };
}

interface GrammarCtx {
  err: (s: Sexp | null, reason: string) => never;
  sortOf: (s: Sexp | undefined, where: Sexp) => string;
  paramIndex: Map<string, number>;
  n: number;
  params: readonly { name: string; sort: string }[];
  constants: { value: unknown; type: Type }[];
}

function parseGrammar(defs: readonly Sexp[], g: GrammarCtx): SygusGrammar {
  const { err } = g;
  const nts: { name: string; sort: string; prods: SygusProduction[]; chains: string[] }[] = [];
  const ntSort = new Map<string, string>();
  for (const d of defs) {
    if (d.kind !== 'list' || d.items.length !== 3 || !atomText(d.items[0]) || d.items[2]!.kind !== 'list')
      err(d, 'a grammar rule is (Name Sort (productions…))');
    const ds = d as { readonly items: readonly Sexp[] };
    ntSort.set(atomText(ds.items[0])!, g.sortOf(ds.items[1], d));
  }
  const seenConst = new Set<string>();
  const addConst = (l: Lit) => {
    const key = `${l.sort}:${JSON.stringify(l.value)}`;
    if (seenConst.has(key)) return;
    seenConst.add(key);
    g.constants.push({ value: l.value, type: SORTS[l.sort]! });
  };
  let fresh = 0;
  const extraNts: { name: string; sort: string; prods: SygusProduction[]; chains: string[] }[] = [];
  /** The sort of a term (for `=`), or null if unknown. */
  const sortOfTerm = (t: Sexp): string | null => {
    const l = literal(t);
    if (l) return l.sort;
    if (t.kind === 'atom') return ntSort.get(t.text) ?? (g.paramIndex.has(t.text) ? g.params[g.paramIndex.get(t.text)!]!.sort : null);
    return null;
  };
  /** A production for term `t`; nested non-nonterminal arguments become fresh nonterminals. */
  const production = (t: Sexp, sort: string): SygusProduction | { chain: string } | null => {
    const l = literal(t);
    if (l) { addConst(l); return { op: printLiteral((litExpr(l) as Extract<Expr, { kind: 'lit' }>).lit), args: [] }; }
    if (t.kind === 'atom') {
      if (ntSort.has(t.text)) return { chain: t.text };
      const i = g.paramIndex.get(t.text);
      if (i !== undefined) return { op: `$${g.n - 1 - i}`, args: [] };
      return err(t, `unknown symbol '${t.text}' in the grammar`);
    }
    if (t.kind !== 'list' || t.items.length === 0) return err(t, 'bad production');
    const head = atomText(t.items[0]);
    if (head === 'Constant' || head === 'Variable') return null; // any constant / variable: the engines' own constants serve
    if (!head) return err(t, 'a production is (op args…)');
    const args = t.items.slice(1).map((a) => {
      if (a.kind === 'atom' && ntSort.has(a.text)) return a.text;
      const s = sortOfTerm(a) ?? sort;
      const name = `_t${fresh++}`;
      const p = production(a, s);
      const nt = { name, sort: s, prods: [] as SygusProduction[], chains: [] as string[] };
      if (p && 'chain' in p) nt.chains.push(p.chain); else if (p) nt.prods.push(p);
      ntSort.set(name, s);
      extraNts.push(nt);
      return name;
    });
    const argSorts = t.items.slice(1).map((a) => sortOfTerm(a) ?? '?');
    return { op: arborOp(head, argSorts), args };
  };
  for (const d of defs) {
    const ds = d as { readonly items: readonly Sexp[] };
    const name = atomText(ds.items[0])!;
    const sort = ntSort.get(name)!;
    const nt = { name, sort, prods: [] as SygusProduction[], chains: [] as string[] };
    for (const t of (ds.items[2] as { readonly items: readonly Sexp[] }).items) {
      const p = production(t, sort);
      if (p && 'chain' in p) nt.chains.push(p.chain); else if (p) nt.prods.push(p);
    }
    nts.push(nt);
  }
  const all = [...nts, ...extraNts];
  const byName = new Map(all.map((x) => [x.name, x]));
  const resolved = all.map((nt) => {
    const seen = new Set<string>([nt.name]);
    const queue = [...nt.chains];
    const prods = [...nt.prods];
    while (queue.length) {
      const c = queue.shift()!;
      if (seen.has(c)) continue;
      seen.add(c);
      const o = byName.get(c)!;
      prods.push(...o.prods);
      queue.push(...o.chains);
    }
    const keys = new Set<string>();
    const unique = prods.filter((p) => { const k = `${p.op}(${p.args.join(',')})`; if (keys.has(k)) return false; keys.add(k); return true; });
    return { name: nt.name, type: SORTS[nt.sort]!, productions: unique };
  });
  if (resolved.length === 0) return err(null, 'empty grammar');
  return { start: resolved[0]!.name, nonterminals: resolved };
}

/** Converts a SyGuS term over the parameters to an Arbor expression body (parameters as de Bruijn variables). */
export function sygusTermToExpr(t: Sexp, params: readonly { name: string; sort: string }[], file = '<input>'): Expr {
  const n = params.length;
  const sorts = new Map(params.map((p) => [p.name, p.sort]));
  const sortOf = (t: Sexp): string | null => {
    const l = literal(t);
    if (l) return l.sort;
    if (t.kind === 'atom') return sorts.get(t.text) ?? null;
    if (t.kind === 'list') {
      const h = atomText(t.items[0]);
      if (h && /^(str\.(len|indexof|to\.int|to_int)|\+|-|\*|div|mod)$/.test(h)) return 'Int';
      if (h && /^(str\.(\+\+|replace|at|substr|from_int)|int\.to\.str)$/.test(h)) return 'String';
      if (h === 'ite') return sortOf(t.items[2]!);
      return 'Bool';
    }
    return null;
  };
  const go = (t: Sexp): Expr => {
    const l = literal(t);
    if (l) return litExpr(l);
    if (t.kind === 'atom') {
      const i = params.findIndex((p) => p.name === t.text);
      if (i < 0) throw new TaskFileError(file, t.line, `unknown symbol '${t.text}'`);
      return v(n - 1 - i);
    }
    if (t.kind !== 'list' || !atomText(t.items[0])) throw new TaskFileError(file, t.line, 'bad term');
    const args = t.items.slice(1);
    const op = arborOp(atomText(t.items[0])!, args.map((a) => sortOf(a) ?? '?'));
    return app({ kind: 'prim', name: op }, ...args.map(go));
  };
  return go(t);
}

/** A `(define-fun name ((p S)…) R body)` as the curried Arbor program. */
export function defineFunToExpr(d: Sexp, file = '<input>'): Expr {
  if (d.kind !== 'list' || d.items.length !== 5 || d.items[2]!.kind !== 'list') throw new TaskFileError(file, d.line, 'bad define-fun');
  const params = (d.items[2] as { readonly items: readonly Sexp[] }).items.map((p) => ({
    name: atomText((p as { readonly items: readonly Sexp[] }).items?.[0]) ?? '', sort: atomText((p as { readonly items: readonly Sexp[] }).items?.[1]) ?? '',
  }));
  let e = sygusTermToExpr(d.items[4]!, params, file);
  for (let i = 0; i < params.length; i++) e = { kind: 'lam', body: e };
  return e;
}

/** Prints a program of the task's type as `(define-fun f ((x String)…) String BODY)`; throws if it uses lambdas inside. */
export function printDefineFun(program: Expr, sig: SygusSignature): string {
  const n = sig.params.length;
  let body = program, peeled = 0;
  while (peeled < n && body.kind === 'lam') { body = body.body; peeled++; }
  const k = n - peeled;
  if (k > 0) body = app(shift(body, k), ...Array.from({ length: k }, (_, j) => v(k - 1 - j)));
  const back = BACK[sig.version];
  const go = (e: Expr): string => {
    switch (e.kind) {
      case 'var': {
        const p = sig.params[n - 1 - e.index];
        if (!p) throw new Error(`printDefineFun: variable $${e.index} is not a parameter`);
        return p.name;
      }
      case 'lit': {
        const l = e.lit;
        if (l.type === 'str' || l.type === 'char') return sygusString(l.value);
        if (l.type === 'int') return l.value < 0 ? (sig.version === 2 ? `(- ${-l.value})` : String(l.value)) : String(l.value);
        if (l.type === 'bool') return String(l.value);
        return String(l.value);
      }
      case 'prim': return back[e.name] ?? e.name;
      case 'app': {
        const parts: Expr[] = [];
        let h: Expr = e;
        while (h.kind === 'app') { parts.push(h.arg); h = h.fn; }
        parts.reverse();
        return `(${go(h)} ${parts.map(go).join(' ')})`;
      }
      case 'lam': case 'inv': case 'hole':
        throw new Error(`printDefineFun: a ${e.kind} has no SyGuS form`);
    }
  };
  const ps = sig.params.map((p) => `(${p.name} ${p.sort})`).join(' ');
  return `(define-fun ${sig.name} (${ps}) ${sig.ret} ${go(body)})`;
}
