/**
 * The compiler: turns an Expr into JavaScript source and then, through `new Function`, into a native JS function.
 * Primitives are resolved once; saturated primitive applications call the impl uncurried with its exact arity,
 * or use the primitive's `inline` template (`if` as `?:`, comparisons as operators); lambdas become JS arrow
 * functions over named variables (de Bruijn $i at depth d is `x{d-1-i}`), and a two-lambda nest also carries an
 * uncurried twin that fold, zip & co. call without building closures (runtime.ts `binary`); consecutive fuel
 * steps merge into one `tick(n)`; inlined abstractions and library abstractions are generated once as separate
 * declarations; zero-arity primitives are evaluated once. The same code generator feeds `export.ts`.
 *
 * Fuel semantics (shared with the reference interpreter, `interpret.ts`): one step when a primitive receives its
 * last argument (before its strict arguments are evaluated, when the application is saturated in the source) and
 * one step on entering a lambda body. Partial applications evaluate the arguments they are given.
 */
import { spine, type Expr, type Literal } from './expr.ts';
import { primArity, type Primitive, type PrimitiveSet, type Value } from './primitive.ts';
import { print } from './print.ts';
import { EvalError, checkSize, curry, fail, meter, tick, withBinary, withMeter } from './runtime.ts';

export { curry } from './runtime.ts';

/** A compiled program: applies the program to its arguments in order. Throws EvalError; run it under withMeter. */
export type Compiled = (args: readonly Value[]) => Value;

/** A top-level declaration the generated code refers to by `id`. */
export type Decl =
  /** A primitive's impl, called uncurried. */
  | { readonly kind: 'impl'; readonly id: string; readonly prim: Primitive }
  /** A primitive as a curried value (partial application, or passed as a function). */
  | { readonly kind: 'curried'; readonly id: string; readonly prim: Primitive; readonly impl: string }
  /** A zero-arity primitive's value; when `failing` (its impl throws, e.g. an unbound task constant), a function
   * that throws, called at each use, so only programs that reach it fail. */
  | { readonly kind: 'constant'; readonly id: string; readonly prim: Primitive; readonly failing: boolean }
  /**
   * A closed expression (inlined abstraction or library abstraction body) generated once. When `isValue`
   * (the body is a lambda) the id names its value; otherwise a zero-argument function to call at each use.
   */
  | { readonly kind: 'closed'; readonly id: string; readonly code: string; readonly isValue: boolean; readonly name?: string }
  /** A library abstraction whose body is a lambda, compiled once on its own and passed in as a value (compile only). */
  | { readonly kind: 'library'; readonly id: string; readonly prim: Primitive };

/** Generated code: declarations in dependency order, and the program as a JS expression over them. */
export interface Unit {
  readonly decls: readonly Decl[];
  /** JS expression evaluating to the program's value. */
  readonly main: string;
  /** Number of leading lambdas of the program (uncurried entry point when the caller gives that many args). */
  readonly params: number;
  /** The body under the leading lambdas, over parameters x0 … x{params-1}. */
  readonly body: string;
  /** The same body as steps and an expression (the entry point merges its own steps with the body's). */
  readonly bodyCode: Code;
}

/** Chooses declaration identifiers; compile uses short ids, export readable names. */
export type Naming = (kind: Decl['kind'], label: string) => string;

const shortNaming = (): Naming => {
  let n = 0;
  return (kind) => `${kind[0]}${n++}`;
};

/** JS source for a literal. */
export function literalSource(l: Literal): string {
  switch (l.type) {
    case 'int': case 'real':
      return Object.is(l.value, -0) ? '-0' : Number.isFinite(l.value) ? String(l.value) : l.value > 0 ? 'Infinity' : l.value < 0 ? '-Infinity' : 'NaN';
    case 'str': case 'char': return JSON.stringify(l.value);
    case 'bool': return l.value ? 'true' : 'false';
  }
}

/** Longest body (characters) given an uncurried twin: each twin doubles its body's code. */
const MAX_TWIN = 4000;

/**
 * Generated code in two parts: `ticks` fuel steps, then the JS expression `body` (one expression, no top-level
 * comma). Keeping them apart lets consecutive steps merge into one `tick(n)` when nothing runs between them.
 */
interface Code {
  readonly ticks: number;
  readonly body: string;
}

const plain = (body: string): Code => ({ ticks: 0, body });
const ticked = (n: number, c: Code): Code => ({ ticks: c.ticks + n, body: c.body });

/** The code as one JS expression. */
function js(c: Code): string {
  return c.ticks === 0 ? c.body : c.ticks === 1 ? `(tick(), ${c.body})` : `(tick(${c.ticks}), ${c.body})`;
}

/** The code as one JS expression, its fuel steps left out when the unit is not metered (code to read). */
const emit = (st: GenState, c: Code): string => (st.metered ? js(c) : c.body);

const templates = new WeakMap<Primitive, string[]>();

/**
 * A saturated application of a primitive with an `inline` template: the template with its placeholders replaced
 * by the argument code. Throws when the template does not use each argument once, in order.
 */
function fillTemplate(p: Primitive, args: readonly string[]): string {
  let parts = templates.get(p);
  if (!parts) {
    parts = p.inline!.split(/\$(\d+)/);
    const order = parts.filter((_, i) => i % 2 === 1).map(Number);
    if (order.length !== args.length || order.some((k, i) => k !== i))
      throw new Error(`primitive '${p.name}': its inline template must use $0 … $${args.length - 1} once each, in order`);
    templates.set(p, parts);
  }
  let out = '';
  for (let i = 0; i < parts.length; i++) out += i % 2 === 0 ? parts[i] : atom(args[Number(parts[i])]!);
  return out;
}

/** Code safe as an operand: identifiers as they are, anything else in parentheses. */
const atom = (code: string): string => (/^[A-Za-z_$][\w$]*$/.test(code) ? code : `(${code})`);

/**
 * Generates JavaScript for a closed program. Throws EvalError('type') on unknown primitives and free variables.
 * With `libraryValues`, abstractions whose body is a lambda become 'library' declarations (values compiled once
 * per primitive set and shared by every program); without, their bodies are generated into the unit (export).
 * With `twins` (default), two-lambda nests also get their uncurried form (faster; export leaves it out to read better).
 * With `metered` false, the program's own steps are not counted (no `tick`): code to read, not to run under a budget.
 */
export function generate(expr: Expr, prims: PrimitiveSet, naming: Naming = shortNaming(), libraryValues = false,
  twins = true, metered = true): Unit {
  const st: GenState = { prims, naming, libraryValues, twins, metered, decls: [], impls: new Map(), curried: new Map(),
    constants: new Map(), closedByExpr: new Map(), closedByPrim: new Map(), library: new Map() };
  let params = 0;
  let inner = expr;
  while (inner.kind === 'lam') { params++; inner = inner.body; }
  const bodyCode = gen(st, inner, params);
  const main = emit(st, gen(st, expr, 0));
  return { decls: st.decls, main, params, body: emit(st, bodyCode), bodyCode };
}

// The generator's helpers are module-level functions over its state (not closures made at each call: compile
// runs once per candidate program in search).
interface GenState {
  readonly prims: PrimitiveSet;
  readonly naming: Naming;
  readonly libraryValues: boolean;
  readonly twins: boolean;
  /** Fuel steps (`tick`) in the code; off for code shown to read, whose fuel is not counted. */
  readonly metered: boolean;
  readonly decls: Decl[];
  readonly impls: Map<Primitive, string>;
  readonly curried: Map<Primitive, string>;
  readonly constants: Map<Primitive, string>;
  readonly closedByExpr: Map<Expr, Decl & { kind: 'closed' }>;
  readonly closedByPrim: Map<Primitive, Decl & { kind: 'closed' }>;
  readonly library: Map<Primitive, string>;
}

function lookup(st: GenState, name: string): Primitive {
  const p = st.prims.get(name);
  if (!p) throw new EvalError('type', `unknown primitive '${name}'`);
  return p;
}

function implId(st: GenState, p: Primitive): string {
  let id = st.impls.get(p);
  if (!id) { id = st.naming('impl', p.name); st.impls.set(p, id); st.decls.push({ kind: 'impl', id, prim: p }); }
  return id;
}

function curriedId(st: GenState, p: Primitive): string {
  let id = st.curried.get(p);
  if (!id) {
    const impl = implId(st, p);
    id = st.naming('curried', p.name);
    st.curried.set(p, id);
    st.decls.push({ kind: 'curried', id, prim: p, impl });
  }
  return id;
}

function constantUse(st: GenState, p: Primitive): string {
  let id = st.constants.get(p);
  const failing = 'error' in constantValue(p);
  if (!id) { id = st.naming('constant', p.name); st.constants.set(p, id); st.decls.push({ kind: 'constant', id, prim: p, failing }); }
  return failing ? `${id}()` : id;
}

function closed(st: GenState, body: Expr, name: string | undefined): Decl & { kind: 'closed' } {
  const code = emit(st, gen(st, body, 0));
  const d = { kind: 'closed' as const, id: st.naming('closed', name ?? 'inv'), code, isValue: body.kind === 'lam', ...(name ? { name } : {}) };
  st.decls.push(d);
  return d;
}

const closedUse = (d: Decl & { kind: 'closed' }) => (d.isValue ? d.id : `${d.id}()`);

function gen(st: GenState, e: Expr, depth: number): Code {
  switch (e.kind) {
    case 'lit': return plain(literalSource(e.lit));
    case 'var':
      if (e.index >= depth) throw new EvalError('type', `free variable $${e.index}`);
      return plain(`x${depth - 1 - e.index}`);
    case 'lam': {
      if (st.twins && e.body.kind === 'lam') {
        // a two-lambda nest also gets its uncurried form (same fuel: one step per lambda entered)
        const x = `x${depth}`, y = `x${depth + 1}`, b = gen(st, e.body.body, depth + 2);
        if (b.body.length <= MAX_TWIN)
          return plain(`withBinary((${x}) => ${emit(st, ticked(1, plain(`(${y}) => ${emit(st, ticked(1, b))}`)))}, (${x}, ${y}) => ${emit(st, ticked(2, b))})`);
      }
      return plain(`((x${depth}) => ${emit(st, ticked(1, gen(st, e.body, depth + 1)))})`);
    }
    case 'hole': return plain(`fail(${JSON.stringify(`cannot run a program with a hole (${print(e)})`)})`);
    case 'inv': {
      const d = st.closedByExpr.get(e) ?? closed(st, e.body, undefined);
      st.closedByExpr.set(e, d);
      return plain(closedUse(d));
    }
    case 'prim': case 'app': {
      const { head, args } = spine(e);
      let code: Code;
      let rest = args;
      if (head.kind === 'prim') {
        const p = lookup(st, head.name);
        const n = primArity(p);
        if (p.body && st.libraryValues && p.body.kind === 'lam') {
          let id = st.library.get(p);
          if (!id) { id = st.naming('library', p.name); st.library.set(p, id); st.decls.push({ kind: 'library', id, prim: p }); }
          code = plain(id);
        } else if (p.body) {
          const d = st.closedByPrim.get(p) ?? closed(st, p.body, p.name);
          st.closedByPrim.set(p, d);
          code = plain(closedUse(d));
        } else if (n === 0) {
          code = plain(constantUse(st, p));
        } else if (args.length >= n) {
          // one step, then the arguments in order; the first one's leading steps join it (nothing runs between)
          const lazy = p.lazy ?? [];
          const actual = args.slice(0, n).map((a) => gen(st, a, depth));
          const first = p.inline ? (p.inline.startsWith('$0') ? actual[0]! : null) : lazy.includes(0) ? null : actual[0]!;
          const parts = actual.map((c, i) => (c === first ? c.body : lazy.includes(i) && !p.inline ? `() => ${emit(st, c)}` : emit(st, c)));
          const body = p.inline ? fillTemplate(p, parts) : `${implId(st, p)}(${parts.join(', ')})`;
          code = { ticks: 1 + (first ? first.ticks : 0), body };
          rest = args.slice(n);
        } else {
          code = plain(curriedId(st, p));
        }
      } else {
        code = gen(st, head, depth);
      }
      for (const a of rest) code = plain(`${emit(st, code)}(${emit(st, gen(st, a, depth))})`);
      return code;
    }
  }
}

/** Helpers the generated code may reference, by name (compile passes them in; export prints their source). */
export const HELPERS = { tick, fail, checkSize, curry, meter, withBinary } as const;

type Cache = WeakMap<Expr, Compiled>;
const caches = new WeakMap<PrimitiveSet, Cache>();
const closedValues = new WeakMap<Primitive, { value: unknown } | { error: unknown }>();

/** Evaluates a zero-arity primitive once (outside any evaluation's meter); a failing one is re-run at each use. */
export function constantValue(p: Primitive): { value: unknown } | { error: unknown } {
  let c = closedValues.get(p);
  if (!c) {
    try { c = { value: withMeter({}, () => p.impl()) }; } catch (error) { c = { error }; }
    closedValues.set(p, c);
  }
  return c;
}

const libraryValues = new WeakMap<PrimitiveSet, WeakMap<Primitive, unknown>>();

/** A library abstraction's value (its body is a lambda, so building it runs nothing), compiled once per set. */
function libraryValue(p: Primitive, prims: PrimitiveSet): unknown {
  let m = libraryValues.get(prims);
  if (!m) { m = new WeakMap(); libraryValues.set(prims, m); }
  if (!m.has(p)) m.set(p, compile(p.body!, prims)([]));
  return m.get(p);
}

/**
 * Compiles a closed program to a JS function. Throws EvalError('type') for unknown primitives or free variables.
 * Results are cached per (primitive set, expression object).
 */
export function compile(expr: Expr, prims: PrimitiveSet): Compiled {
  let cache = caches.get(prims);
  if (!cache) { cache = new WeakMap(); caches.set(prims, cache); }
  const hit = cache.get(expr);
  if (hit) return hit;
  const unit = generate(expr, prims, shortNaming(), true);
  const names: string[] = [];
  const values: unknown[] = [];
  const lines: string[] = [];
  for (const d of unit.decls) {
    switch (d.kind) {
      case 'impl': names.push(d.id); values.push(d.prim.impl); break;
      case 'curried': lines.push(`const ${d.id} = curry(${d.impl}, ${primArity(d.prim)}, ${JSON.stringify(d.prim.lazy ?? [])});`); break;
      case 'constant': {
        const c = constantValue(d.prim);
        names.push(d.id);
        values.push('value' in c ? c.value : d.prim.impl);
        break;
      }
      case 'closed':
        lines.push(d.isValue ? `const ${d.id} = ${d.code};` : `const ${d.id} = () => ${d.code};`);
        break;
      case 'library': names.push(d.id); values.push(libraryValue(d.prim, prims)); break;
    }
  }
  const params = Array.from({ length: unit.params }, (_, i) => `x${i}`);
  const src = [
    ...lines,
    `const main = () => ${unit.main};`,
    unit.params > 0
      ? `const direct = (${params.join(', ')}) => ${js(ticked(unit.params, unit.bodyCode))};`
      : '',
    `return (args) => {`,
    unit.params > 0 ? `  if (args.length === ${unit.params}) return direct(${params.map((_, i) => `args[${i}]`).join(', ')});` : '',
    `  let v = main();`,
    `  for (const a of args) v = v(a);`,
    `  return v;`,
    `};`,
  ].join('\n');
  const helperNames = Object.keys(HELPERS);
  const fn = new Function(...helperNames, ...names, src) as (...a: unknown[]) => Compiled;
  const compiled = fn(...Object.values(HELPERS), ...values);
  cache.set(expr, compiled);
  return compiled;
}
