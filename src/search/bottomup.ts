/**
 * The bottom-up engine: cost-ordered enumeration with observational equivalence (bottomup-bank.ts), restricted to
 * the task's SyGuS grammar when it has one, with Probe's just-in-time re-weighting (probe.ts) and EUSolver-style
 * divide and conquer for conditionals (divide.ts), concatenation splitting for string targets (bottomup-concat.ts),
 * small closed lambdas for higher-order primitives (bottomup-lambda.ts), and CEGIS over the examples when a task
 * has many: search on a few, verify on all, add counterexamples.
 */
import { app, int, prim, type Expr } from '../lang/expr.ts';
import type { Value } from '../lang/primitive.ts';
import { withMeter } from '../lang/runtime.ts';
import { tbool, tint, typeEquals } from '../lang/type.ts';
import type { Task } from '../task/task.ts';
import { startMeter, type Meter, type StopReason } from './budget.ts';
import { Bank, entryExpr, type Entry } from './bottomup-bank.ts';
import { outKey, sameOuts } from './bottomup-outputs.ts';
import { taskProductions } from './bottomup-lambda.ts';
import { applyRule, FAIL, wrapParams, type Production, type Productions } from './bottomup-productions.ts';
import { concatSplitter, findConcat, splittable } from './bottomup-concat.ts';
import { coversAll, isLookupTable, leafCount, learnTree, splitConstants, type DecisionTree, type Pred, type Term } from './divide.ts';
import { emptyStats, type SearchContext, type SearchEngine, type SearchResult, type SearchStats } from './engine.ts';
import { checkProgram } from './select.ts';
import { stringView } from './text-view.ts';
import { probeState, ruleCosts, ruleProbabilities } from './probe.ts';

export interface BottomUpOptions {
  /** Highest cost level enumerated (default 60). */
  readonly maxCost?: number;
  /** Re-weight from partial solutions and restart (Probe; default true). */
  readonly probe?: boolean;
  /** Most Probe restarts (default 8). */
  readonly maxRestarts?: number;
  /** Learn `if` decision trees over partial terms (EUSolver; default true). */
  readonly divide?: boolean;
  /** Most leaves such a tree may have (default no limit): an engine that learns one part of a task asks for small ones. */
  readonly maxLeaves?: number;
  /** Fuel per primitive application (default 10,000). */
  readonly fuel?: number;
  /** Largest value a primitive may build (default 100,000 cells). */
  readonly maxValueSize?: number;
  /** Small lambdas for higher-order primitives (map, filter, fold…; default true). */
  readonly lambdas?: boolean;
  /** Constants harvested from the examples (inserted substrings, shared integers) without a grammar (default true). */
  readonly harvest?: boolean;
  /** Split string targets over concatenations of banked pieces (default true). */
  readonly concat?: boolean;
  /** Examples searched on at first when a task has more (CEGIS; counterexamples are added; default 8). */
  readonly examples?: number;
  /** Most programs kept in the bank (default 4,000,000); reaching it stops with 'memoryLimit'. */
  readonly maxBank?: number;
  /** Search text tasks (list(char) in and out) as string tasks, with the string operators (default true). */
  readonly stringView?: boolean;
  /** Small integer literals offered without a grammar (default [0, 1]). */
  readonly ints?: readonly number[];
}

/** Outputs match the task's examples under its loss. */
function matcher(task: Task): (outs: readonly Value[]) => boolean {
  const want = task.train.map((e) => e.output);
  const loss = task.loss ?? { kind: 'exact' };
  if (loss.kind === 'exact') return (outs) => sameOuts(outs, want);
  if (loss.kind === 'tolerance')
    return (outs) => outs.every((o, i) => typeof o === 'number' && Math.abs(o - (want[i] as number)) <= loss.epsilon);
  return (outs) => {
    let s = 0;
    for (let i = 0; i < outs.length; i++) { const o = outs[i]; if (typeof o !== 'number') return false; s += (o - (want[i] as number)) ** 2; }
    return s / outs.length <= loss.threshold;
  };
}

/** Per-example correctness of one output. */
function exampleMatcher(task: Task): (o: Value, i: number) => boolean {
  const want = task.train.map((e) => e.output);
  const keys = want.map(outKey);
  const loss = task.loss ?? { kind: 'exact' };
  if (loss.kind === 'exact') return (o, i) => o !== FAIL && outKey(o) === keys[i];
  const eps = loss.kind === 'tolerance' ? loss.epsilon : Math.sqrt(loss.threshold);
  return (o, i) => typeof o === 'number' && Math.abs(o - (want[i] as number)) <= eps;
}

/** The `if` rule for divide and conquer: a lazy rule (bool, T, T) -> goal that behaves as a conditional. */
function findConditional(P: Productions): { prod: Production; term: number; pred: number } | null {
  for (const p of P.prods) {
    if (p.ret !== P.goal || p.args.length !== 3 || p.args[1] !== p.args[2] || !p.impl) continue;
    if (!typeEquals(P.slots[p.args[0]!]!.type, tbool) || !typeEquals(P.slots[p.args[1]!]!.type, P.slots[P.goal]!.type)) continue;
    const call = (c: boolean) => {
      const a = 'then', b = 'else';
      const th = p.lazy?.[1] ? () => a : a, el = p.lazy?.[2] ? () => b : b;
      try { return p.impl!(c, th, el); } catch { return FAIL; }
    };
    if (call(true) === 'then' && call(false) === 'else') return { prod: p, term: p.args[1]!, pred: p.args[0]! };
  }
  return null;
}

/** The bottom-up engine ('bottomup'). */
export function bottomUp(options: BottomUpOptions = {}): SearchEngine {
  const o = {
    maxCost: options.maxCost ?? 60, probe: options.probe ?? true, maxRestarts: options.maxRestarts ?? 8,
    divide: options.divide ?? true, maxLeaves: options.maxLeaves ?? Infinity, fuel: options.fuel ?? 10_000, maxValueSize: options.maxValueSize ?? 100_000,
    maxBank: options.maxBank ?? 4_000_000, stringView: options.stringView ?? true, examples: options.examples ?? 8, concat: options.concat ?? true, lambdas: options.lambdas ?? true, harvest: options.harvest ?? true,
  };
  /** One search on the task's train examples (the CEGIS loop below may pass a subset). */
  const searchOn = (task: Task, ctx: SearchContext, budget: Meter, stats: SearchStats): { program: Expr | null; stop: StopReason } => {
    let P: Productions;
    try {
      P = taskProductions(task, ctx.prims, {
        weights: ctx.grammar.weights, lambdas: o.lambdas, harvest: o.harvest, stop: () => budget.check() !== null, ...(options.ints ? { ints: options.ints } : {}),
      });
    } catch {
      stats.rules['bottomup.unsupportedType'] = 1;
      return { program: null, stop: 'exhausted' };
    }
    for (const [k, n] of Object.entries(P.skipped)) stats.rules[`skip.${k}`] = n;
    const m = task.train.length;
    const isSolution = matcher(task);
    const okAt = exampleMatcher(task);
    const cond = o.divide ? findConditional(P) : null;
    // learned split constants (x < c) join the bank's predicates, where the search may build such a test itself
    const thresholds = cond && !task.extra?.grammar ? comparison(ctx.prims) : null;
    const base = ruleProbabilities(P);
    const probe = probeState(P, base);
    let probs = base;
    const cat = o.concat && (task.loss ?? { kind: 'exact' }).kind === 'exact' && splittable(task.train.map((x) => x.output))
      ? findConcat(P) : null;
    const watch = new Set<number>([P.goal, ...(cond ? [cond.term] : [])]);

    return withMeter({ maxSize: o.maxValueSize }, () => {
      for (let restart = 0; ; restart++) {
        const bank = new Bank(P, ruleCosts(probs), m);
        // divide-and-conquer state: the cheapest term per distinct coverage
        const terms: (Term & { entry: Entry })[] = [];
        const masks = new Set<string>();
        let fresh = false, lastPreds = -1;
        const split = cat ? concatSplitter(task.train.map((x) => x.output)) : null;
        const onNew = (slot: number, id: number) => {
          if (split && slot === P.goal) split.offer(bank, slot, id);
          const outs = bank.outputs(slot), base = id * m;
          let any = false;
          for (let i = 0; i < m && !any; i++) any = okAt(outs[base + i], i);
          if (!any) return;
          let mask = '';
          for (let i = 0; i < m; i++) mask += okAt(outs[base + i], i) ? '1' : '0';
          const e = bank.entry(slot, id);
          if (slot === P.goal && o.probe && restart < o.maxRestarts) probe.observe(e, mask);
          if (cond && slot === cond.term && !masks.has(mask) && terms.length < 256) {
            masks.add(mask);
            terms.push({ cost: e.cost, covers: Uint8Array.from(mask, (c) => (c === '1' ? 1 : 0)), entry: e });
            fresh = true;
          }
        };
        const catCost = cat ? ruleCosts(probs)[P.prods.indexOf(cat)]! : 0;
        // a concatenation assembled from banked pieces costs more than the level that completed its pieces: it is
        // held while the levels up to its cost are searched for a direct program as cheap, for as long as the search
        // has taken so far (a string fitted piece by piece is found fast and generalises badly). Decision trees are
        // not held: their guard against lookup tables is enough, and holding them lost divide-and-conquer wins (PSB1)
        let held = null as { expr: Expr; cost: number; untilMs: number } | null;
        const hold = (expr: Expr, cost: number, level: number): Expr | null => {
          if (!held || cost < held.cost) held = { expr, cost, untilMs: held?.untilMs ?? 2 * budget.elapsed() + 20 };
          return level >= held.cost ? held.expr : null;
        };
        const onLevel = (level: number): Expr | 'restart' | null => {
          if (held && (level >= held.cost || budget.elapsed() >= held.untilMs)) return held.expr;
          const parts = split?.solve(bank);
          if (parts) {
            stats.rules['concat.split'] = (stats.rules['concat.split'] ?? 0) + 1;
            const cost = parts.parts.reduce((c, e) => c + e.cost, (parts.parts.length - 1) * catCost);
            const found = hold(parts.parts.map(entryExpr).reduceRight((rest, piece) => applyRule(cat!, [piece, rest])), cost, level);
            if (found) return found;
          }
          if (cond && terms.length > 1 && coversAll(terms, m)) {
            const banked = bank.size(cond.pred);
            if (fresh || banked !== lastPreds) {
              fresh = false;
              lastPreds = banked;
              // the bank's tests, then the split thresholds
              const banks = bank.entries(cond.pred), splits = thresholds ? thresholdPreds(bank, P, thresholds) : [];
              const predExpr = (i: number): Expr => (i < banks.length ? entryExpr(banks[i]!) : splits[i - banks.length]!.expr());
              stats.rules['divide.attempt'] = (stats.rules['divide.attempt'] ?? 0) + 1;
              const tree = learnTree(terms, [...banks, ...splits], m);
              if (tree && (isLookupTable(tree, m) || leafCount(tree) > o.maxLeaves)) stats.rules['divide.lookupTable'] = (stats.rules['divide.lookupTable'] ?? 0) + 1;
              else if (tree) {
                stats.rules['divide.solved'] = (stats.rules['divide.solved'] ?? 0) + 1;
                return treeExpr(tree, terms.map((t) => t.entry), predExpr, cond.prod);
              }
            }
          }
          if (held) return null; // (no restart: the held program is kept)
          if (o.probe && probe.pending && restart < o.maxRestarts) return 'restart';
          return null;
        };
        const run = bank.run(isSolution, {
          maxCost: o.maxCost, maxBank: o.maxBank, fuel: o.fuel,
          check: () => budget.check(), count: (n) => { budget.evals += n; },
        }, {
          watch, onNew, onLevel,
          onProgress: ctx.onStep && ((n) => ctx.onStep!({ engine: 'bottomup', enumerated: stats.enumerated + n, elapsedMs: budget.elapsed() })),
        });
        stats.enumerated += bank.enumerated;
        stats.distinct += bank.distinct;
        if (bank.skipped) stats.rules['algebra.skipped'] = (stats.rules['algebra.skipped'] ?? 0) + bank.skipped;
        stats.level = run.level;
        // (a held program stands when the levels or the budget end before its cost is reached)
        const found = run.found ?? held?.expr;
        if (found) {
          const body = 'kind' in found ? found : entryExpr(found);
          return { program: wrapParams(body, P.params), stop: 'solved' };
        }
        if (run.stop !== 'restart') return { program: null, stop: run.stop };
        stats.rules['probe.restart'] = (stats.rules['probe.restart'] ?? 0) + 1;
        probs = probe.update();
      }
    });
  };

  const engine: SearchEngine = {
    name: 'bottomup',
    search(task: Task, ctx: SearchContext): SearchResult {
      // a text task (list(char) in and out) is searched as strings, with the string operators
      const view = o.stringView ? stringView(task, ctx.prims) : null;
      if (view) {
        const r = engine.search(view.task, { ...ctx, prims: view.prims });
        r.stats.rules['text.stringView'] = 1;
        const program = r.program && view.back(r.program);
        return { ...r, program, frontier: program ? [program] : [] };
      }
      const stats = emptyStats();
      const budget = startMeter(ctx.budget, ctx.clock);
      const done = (program: Expr | null, stopReason: StopReason): SearchResult => {
        stats.evaluated = stats.enumerated;
        return { program, frontier: program ? [program] : [], stopReason, stats, ms: budget.elapsed() };
      };
      const early = budget.check();
      if (early) return done(null, early);
      // CEGIS over examples: search on a few, verify on all, add the first counterexamples and search again
      const all = task.train;
      const active = all.length > o.examples ? all.slice(0, o.examples) : all.slice();
      for (;;) {
        const sub = active.length === all.length ? task : { ...task, train: active };
        const r = searchOn(sub, ctx, budget, stats);
        if (!r.program) return done(null, r.stop);
        if (sub === task) return done(r.program, 'solved');
        const bad = all.filter((ex) => !checkProgram(r.program!, [ex], ctx.prims, task.loss, { fuel: 100_000 }).passed);
        if (bad.length === 0) return done(r.program, 'solved');
        stats.rules['cegis.counterexample'] = (stats.rules['cegis.counterexample'] ?? 0) + 1;
        active.push(...bad.slice(0, 2));
      }
    },
  };
  return engine;
}

/** How `x < c` is written with the task's primitives (`lt?`, else `gt?` with its arguments swapped), or null. */
function comparison(prims: ReadonlyMap<string, unknown>): ((x: Expr, c: number) => Expr) | null {
  if (prims.has('lt?')) return (x, c) => app(prim('lt?'), x, int(c));
  if (prims.has('gt?')) return (x, c) => app(prim('gt?'), int(c), x);
  return null;
}

/** Most integer programs, and most tests in all, offered as split thresholds. */
const SPLIT_PROGRAMS = 8, SPLIT_TESTS = 64;

/**
 * Threshold tests `x < c` over the cheapest integer programs x of the bank (the parameters first), with each c
 * the simplest integer between two neighbouring values of x on the examples (divide.ts `splitConstants`). A test
 * costs its program's cost plus two (the comparison and the constant).
 */
function thresholdPreds(bank: Bank, P: Productions, less: (x: Expr, c: number) => Expr): (Pred & { expr: () => Expr })[] {
  const out: (Pred & { expr: () => Expr })[] = [];
  P.slots.forEach((sl, s) => {
    if (!typeEquals(sl.type, tint)) return;
    for (const x of bank.entries(s, SPLIT_PROGRAMS)) {
      if (x.outs.some((o) => typeof o !== 'number')) continue;
      for (const c of splitConstants(x.outs)) {
        if (out.length >= SPLIT_TESTS) return;
        out.push({ cost: x.cost + 2, outs: x.outs.map((o) => (o as number) < c), expr: () => less(entryExpr(x), c) });
      }
    }
  });
  return out;
}

/** The `if` expression for a decision tree. */
function treeExpr(t: DecisionTree, terms: readonly Entry[], predExpr: (i: number) => Expr, ite: Production): Expr {
  if (t.kind === 'leaf') return entryExpr(terms[t.term]!);
  return applyRule(ite, [predExpr(t.pred), treeExpr(t.then, terms, predExpr, ite), treeExpr(t.else, terms, predExpr, ite)]);
}
