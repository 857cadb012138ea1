/**
 * The top-down engine: enumerates well-typed programs in order of description length under the task's grammar
 * (iterative cost windows [lo, lo + step)), runs each on the train examples with a fuel limit, and stops at the
 * first program consistent with all of them (re-checked with the reference compiler). Constants from the task and
 * harvested from its examples are extra productions. With a SyGuS grammar in `task.extra.grammar`, it enumerates
 * that grammar instead of the typed primitive set.
 */
import { app, bool, int, lam, prim, str, char, v, type Expr } from '../lang/expr.ts';
import { inferType } from '../lang/infer.ts';
import { parse } from '../lang/parse.ts';
import type { PrimitiveSet, Value } from '../lang/primitive.ts';
import { meter, toEvalError } from '../lang/runtime.ts';
import { valueKey } from '../lang/value.ts';
import { printType, splitArrow, type Type } from '../lang/type.ts';
import { harvestConstants, type Constant } from '../task/constants.ts';
import type { SygusGrammar } from '../task/sygus.ts';
import type { Task } from '../task/task.ts';
import { startMeter, type StopReason } from './budget.ts';
import { emptyStats, type SearchContext, type SearchEngine, type SearchResult } from './engine.ts';
import { checkProgram, outputMatches } from './select.ts';
import { closureCache, toClosure, type Env } from './topdown-eval.ts';
import {
  Enumerator, enumerateGrammar, production, type GrammarRule, type GrammarSpace, type PassState, type Production, type TypedSpace,
} from './topdown-enumerate.ts';

export interface TopDownOptions {
  /** Width of each cost window in nats (DreamCoder: 1.5). */
  readonly step?: number;
  /** Fuel per example. */
  readonly fuel?: number;
  readonly maxSize?: number;
  /** Check the budget every this many candidates. */
  readonly checkEvery?: number;
  readonly maxDepth?: number;
  /** Stop after this many consistent programs (default 1). */
  readonly solutions?: number;
  /** Enumerate the task's SyGuS grammar when it has one (default true). */
  readonly useSygusGrammar?: boolean;
  /** Log-probability of a constant production (task and harvested constants). */
  readonly constantLogp?: number;
  /** Harvest constants from the examples (default true). */
  readonly harvest?: boolean;
  /** Keep one program per behaviour on the train examples among the parameter-context subprograms (default false: on the
   * development suites its evaluations cost about what the smaller search saves). */
  readonly equivalence?: boolean;
}

class Stop extends Error {
  constructor(readonly reason: StopReason) { super(reason); }
}

/** An Expr for a constant value of a type, or null if the primitive set cannot express it. */
export function constantExpr(c: Constant, prims: PrimitiveSet): Expr | null {
  const t = c.type;
  if (t.kind !== 'tcon') return null;
  switch (t.name) {
    case 'int': return int(c.value as number);
    case 'bool': return bool(c.value as boolean);
    case 'str': return str(c.value as string);
    case 'char': return char(c.value as string);
    case 'list':
      if (t.args[0]!.kind === 'tcon' && t.args[0]!.name === 'char' && prims.has('str->chars'))
        return app(prim('str->chars'), str((c.value as string[]).join('')));
      return null;
    default: return null;
  }
}

function constantKey(c: Constant): string { return `${printType(c.type)}:${JSON.stringify(c.value)}`; }

/** The constants offered: the task's own, then harvested ones, deduplicated. */
export function taskConstants(task: Task, harvest: boolean): Constant[] {
  const seen = new Set<string>();
  const out: Constant[] = [];
  for (const c of [...(task.constants ?? []), ...(harvest ? harvestConstants(task) : [])]) {
    const k = constantKey(c);
    if (!seen.has(k)) { seen.add(k); out.push(c); }
  }
  return out;
}

function typedSpace(task: Task, ctx: SearchContext, opts: TopDownOptions): TypedSpace {
  const prods: Production[] = [];
  for (const p of ctx.prims.values()) {
    const w = ctx.grammar.weights.get(p.name);
    if (w === undefined || w === -Infinity) continue;
    prods.push(production(prim(p.name), p.type, w));
  }
  const seenLits = new Set(prods.map((p) => JSON.stringify(p.expr)));
  for (const c of taskConstants(task, opts.harvest ?? true)) {
    const e = constantExpr(c, ctx.prims);
    if (!e || seenLits.has(JSON.stringify(e))) continue;
    seenLits.add(JSON.stringify(e));
    prods.push(production(e, c.type, opts.constantLogp ?? -1));
  }
  return { productions: prods, variableLogp: ctx.grammar.variable, maxDepth: opts.maxDepth ?? 12 };
}

/** Turns a SyGuS grammar into a grammar space; productions are uniform within a nonterminal. */
export function grammarSpace(g: SygusGrammar, weights: ReadonlyMap<string, number> | null, maxDepth: number): { space: GrammarSpace; start: number } {
  const index = new Map(g.nonterminals.map((n, i) => [n.name, i]));
  const rules = g.nonterminals.map((n) => {
    const rs = n.productions.map((p) => {
      const expr: Expr = /^\$\d+$/.test(p.op) ? v(Number(p.op.slice(1)))
        : /^(-?\d|"|true$|false$|')/.test(p.op) ? parse(p.op) : prim(p.op);
      const logp = weights?.get(p.op) ?? 0;
      return { expr, args: p.args.map((a) => index.get(a)!), logp };
    });
    let m = -Infinity;
    for (const r of rs) if (r.logp > m) m = r.logp;
    const logZ = m + Math.log(rs.reduce((z, r) => z + Math.exp(r.logp - m), 0));
    return rs.map((r): GrammarRule => ({ expr: r.expr, args: r.args, cost: logZ - r.logp }));
  });
  return { space: { rules, maxDepth }, start: index.get(g.start)! };
}

/** Creates the top-down engine. */
export function topDown(opts: TopDownOptions = {}): SearchEngine {
  return {
    name: 'topdown',
    search(task: Task, ctx: SearchContext): SearchResult {
      const m = startMeter(ctx.budget, ctx.clock);
      const stats = emptyStats();
      const step = opts.step ?? 1.5, fuel = opts.fuel ?? 20_000, maxSize = opts.maxSize ?? 100_000;
      const checkEvery = opts.checkEvery ?? 512, want = opts.solutions ?? 1;
      const { args: inTypes } = splitArrow(task.type);
      const n = inTypes.length;
      const found: Expr[] = [];
      const cache = closureCache(ctx.prims);
      const envs: Env[] = task.train.map((e) => {
        let env: Env = null;
        for (const x of e.inputs) env = { v: x, next: env };
        return env;
      });
      const sygus = (opts.useSygusGrammar ?? true) ? (task.extra?.grammar as SygusGrammar | undefined) : undefined;
      const savedFuel = meter.fuel, savedSize = meter.maxSize, savedLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0; // candidates fail by throwing; their stack traces are never read and cost more than the run
      let stopReason: StopReason = 'exhausted';
      let equivalentCount = () => 0;

      /** A subprogram's outputs on the train examples, as a key ('!' for a failure). */
      const signature = (e: Expr): string => {
        let f;
        try { f = toClosure(e, cache); } catch { return `#${stats.enumerated}`; }
        meter.maxSize = maxSize;
        let key = '';
        for (let i = 0; i < envs.length; i++) {
          meter.fuel = fuel;
          try { key += valueKey(f(envs[i]!)) + '\u0001'; } catch { key += '!\u0001'; }
        }
        return key;
      };

      /** Evaluates a candidate body (the program without its n outer lambdas). */
      const consider = (body: Expr) => {
        stats.enumerated++;
        if (stats.enumerated % checkEvery === 0) {
          m.evals = stats.evaluated;
          const r = m.check();
          if (r) throw new Stop(r);
          ctx.onStep?.({ engine: 'topdown', enumerated: stats.enumerated, elapsedMs: m.elapsed() });
        }
        let f;
        try { f = toClosure(body, cache); } catch { return; }
        stats.evaluated++;
        meter.maxSize = maxSize;
        for (let i = 0; i < envs.length; i++) {
          meter.fuel = fuel;
          let out: Value;
          try { out = f(envs[i]!); } catch (e) { toEvalError(e); return; }
          if (!outputMatches(out, task.train[i]!.output, task.loss)) return;
        }
        let program = body;
        for (let i = 0; i < n; i++) program = lam(program);
        meter.fuel = savedFuel; meter.maxSize = savedSize;
        const check = checkProgram(program, task.train, ctx.prims, task.loss, { fuel: fuel * 2, maxSize });
        if (!check.passed) { stats.rules['rejected-by-reference'] = (stats.rules['rejected-by-reference'] ?? 0) + 1; return; }
        found.push(program);
        if (found.length >= want) throw new Stop('solved');
      };

      try {
        if (sygus) {
          const { space, start } = grammarSpace(sygus, null, opts.maxDepth ?? 12);
          for (let lo = 0; ; lo += step) {
            const st: PassState = { prunedByCost: false };
            enumerateGrammar(space, start, lo, lo + step, 0, st, (e) => consider(e));
            if (!st.prunedByCost) break;
          }
        } else {
          const space = typedSpace(task, ctx, opts);
          const { ret } = splitArrow(task.type);
          // instantiate the task type's own variables as fresh ones, then enumerate the body in the parameters' scope
          const env = [...inTypes].reverse();
          let next = 0;
          const scan = (t: Type) => { if (t.kind === 'tvar') next = Math.max(next, t.id + 1); else t.args.forEach(scan); };
          scan(task.type);
          const enumerator = new Enumerator(space, next);
          enumerator.onWork = () => { m.evals = stats.evaluated; const r = m.check(); if (r) throw new Stop(r); };
          equivalentCount = () => enumerator.equivalent;
          if (opts.equivalence ?? false) {
            enumerator.rootEnv = env;
            enumerator.signature = (e) => signature(e);
          }
          for (let lo = 0; ; lo += step) {
            const st: PassState = { prunedByCost: false };
            enumerator.enumerate(env, ret, lo, lo + step, 0, st, (e) => consider(e));
            if (!st.prunedByCost) break;
          }
        }
      } catch (e) {
        if (!(e instanceof Stop)) throw e;
        stopReason = e.reason;
      } finally {
        meter.fuel = savedFuel; meter.maxSize = savedSize; Error.stackTraceLimit = savedLimit;
      }
      if (found.length > 0) stopReason = 'solved';
      if (equivalentCount()) stats.rules['observational-equivalence'] = equivalentCount();
      stats.distinct = stats.enumerated; // top-down never produces the same program twice
      return { program: found[0] ?? null, frontier: found, stopReason, stats, ms: m.elapsed() };
    },
  };
}

/** Checks that an enumerated program has the requested type (used by tests). */
export function typeOfProgram(e: Expr, prims: PrimitiveSet): string { return printType(inferType(e, prims)); }
