/**
 * The genetic-programming engine: typed tree GP over the task's primitives (gp-tree.ts) with a ramped
 * half-and-half initial population, lexicase selection (epsilon-lexicase for numeric outputs), subtree crossover
 * between type-compatible nodes, named mutation rules (mutations.ts), real-valued ephemeral constants tuned by
 * Gaussian perturbation, and simplification of the winner (simplify.ts) re-verified on the examples.
 */
import type { Expr } from '../lang/expr.ts';
import type { Value } from '../lang/primitive.ts';
import { withMeter } from '../lang/runtime.ts';
import { tint, treal, typeEquals } from '../lang/type.ts';
import type { Task } from '../task/task.ts';
import type { Rng } from '../util/rng.ts';
import { startMeter } from './budget.ts';
import { taskProductions } from './bottomup-lambda.ts';
import { FAIL, wrapParams } from './bottomup-productions.ts';
import { emptyStats, type SearchContext, type SearchEngine, type SearchResult } from './engine.ts';
import { evalNode, gpOps, positions, rampedPopulation, replaceAt, treeExpr, type GNode, type GpOps } from './gp-tree.ts';
import { defaultMutations, type MutationRule } from './mutations.ts';
import { simplify } from './simplify.ts';

export interface GpOptions {
  /** Individuals per generation (default 500). */
  readonly population?: number;
  /** Generations before giving up with 'exhausted' (default 100). */
  readonly generations?: number;
  /** Probability a child comes from crossover rather than mutation (default 0.6). */
  readonly crossover?: number;
  /** Largest tree (nodes) a child may have (default 80). */
  readonly maxSize?: number;
  /** Deepest tree (default 12). */
  readonly maxDepth?: number;
  /** Depth range of the initial ramped half-and-half population (default [2, 6]). */
  readonly initDepth?: readonly [number, number];
  /** Selection: 'lexicase' (epsilon-lexicase on numeric outputs, default) or 'tournament' (size 7, total error). */
  readonly selection?: 'lexicase' | 'tournament';
  readonly mutations?: readonly MutationRule[];
  /** Integer ERCs on int slots (default false; real ERCs are always on for real slots). */
  readonly intConstants?: boolean;
  /** Relative standard deviation of constant perturbation (default 0.1). */
  readonly sigma?: number;
  /** Fuel per primitive application (default 10,000). */
  readonly fuel?: number;
  /** Lambdas for higher-order primitives as leaves of function-typed slots (default true). */
  readonly lambdas?: boolean;
  /** Simplify the winner (default true). */
  readonly simplify?: boolean;
}

/** An individual: its tree and per-example errors. */
export interface Genome { readonly tree: GNode; readonly errors: Float64Array; readonly total: number }

/** Per-example error: absolute difference for numbers, 0/1 otherwise; a failure is 1e12. */
function errorsOf(task: Task, numeric: boolean): (outs: readonly Value[]) => Float64Array {
  const want = task.train.map((e) => e.output);
  return (outs) => {
    const e = new Float64Array(outs.length);
    for (let i = 0; i < outs.length; i++) {
      const o = outs[i];
      if (o === FAIL) e[i] = 1e12;
      else if (numeric) { const d = Math.abs((o as number) - (want[i] as number)); e[i] = Number.isFinite(d) ? d : 1e12; }
      else e[i] = o === want[i] || (typeof o === 'object' && JSON.stringify(o) === JSON.stringify(want[i])) ? 0 : 1;
    }
    return e;
  };
}

/** Whether errors meet the task's loss. */
function solvedBy(task: Task, numeric: boolean): (e: Float64Array) => boolean {
  const loss = task.loss ?? { kind: 'exact' };
  if (loss.kind === 'tolerance') return (e) => e.every((x) => x <= loss.epsilon);
  if (loss.kind === 'mse') return (e) => e.reduce((s, x) => s + x * x, 0) / e.length <= loss.threshold;
  return numeric ? (e) => e.every((x) => x === 0) : (e) => e.every((x) => x === 0);
}

/** Lexicase selection (epsilon-lexicase when `eps` is given): filter by shuffled cases, keeping the best on each. */
export function lexicase(pop: readonly Genome[], rng: Rng, eps: Float64Array | null): Genome {
  const m = pop[0]!.errors.length;
  const cases = Array.from({ length: m }, (_, i) => i);
  for (let i = m - 1; i > 0; i--) { const j = rng.int(i + 1); [cases[i], cases[j]] = [cases[j]!, cases[i]!]; }
  let cand = pop as Genome[];
  for (const c of cases) {
    let best = Infinity;
    for (const g of cand) if (g.errors[c]! < best) best = g.errors[c]!;
    const lim = best + (eps ? eps[c]! : 0);
    const next: Genome[] = [];
    for (const g of cand) if (g.errors[c]! <= lim) next.push(g);
    cand = next;
    if (cand.length === 1) return cand[0]!;
  }
  return rng.pick(cand);
}

/** Per-case epsilon: the median absolute deviation of the population's errors. */
function madEpsilons(pop: readonly Genome[]): Float64Array {
  const m = pop[0]!.errors.length;
  const out = new Float64Array(m);
  const col = new Float64Array(pop.length);
  for (let c = 0; c < m; c++) {
    pop.forEach((g, i) => { col[i] = g.errors[c]!; });
    col.sort();
    const med = col[col.length >> 1]!;
    for (let i = 0; i < col.length; i++) col[i] = Math.abs(col[i]! - med);
    col.sort();
    out[c] = col[col.length >> 1]!;
  }
  return out;
}

function tournament(pop: readonly Genome[], rng: Rng): Genome {
  let best = rng.pick(pop);
  for (let i = 1; i < 7; i++) { const g = rng.pick(pop); if (g.total < best.total || (g.total === best.total && g.tree.size < best.tree.size)) best = g; }
  return best;
}

/** Subtree crossover: a random node of `a` (internal 90% of the time) replaced by a same-typed node of `b`. */
export function crossover(g: GpOps, a: GNode, b: GNode, rng: Rng): GNode | null {
  const pa = positions(g, a), pb = positions(g, b);
  for (let tries = 0; tries < 5; tries++) {
    const inner = pa.filter((p) => p.node.kids.length > 0);
    const p = inner.length && rng.next() < 0.9 ? rng.pick(inner) : rng.pick(pa);
    const same = pb.filter((q) => q.slot === p.slot);
    if (same.length) return replaceAt(a, p.path, rng.pick(same).node);
  }
  return null;
}

/** The genetic-programming engine ('gp'). */
export function gp(options: GpOptions = {}): SearchEngine {
  const o = {
    population: options.population ?? 500, generations: options.generations ?? 100, crossover: options.crossover ?? 0.6,
    maxSize: options.maxSize ?? 80, maxDepth: options.maxDepth ?? 12, initDepth: options.initDepth ?? [2, 6] as const,
    selection: options.selection ?? 'lexicase', mutations: options.mutations ?? defaultMutations,
    sigma: options.sigma ?? 0.1, fuel: options.fuel ?? 10_000, simplify: options.simplify ?? true,
  };
  return {
    name: 'gp',
    search(task: Task, ctx: SearchContext): SearchResult {
      const stats = emptyStats();
      const budget = startMeter(ctx.budget, ctx.clock);
      const rng = ctx.rng;
      const fire = (name: string) => { stats.rules[name] = (stats.rules[name] ?? 0) + 1; };
      const done = (program: Expr | null, stopReason: SearchResult['stopReason']): SearchResult =>
        ({ program, frontier: program ? [program] : [], stopReason, stats, ms: budget.elapsed() });
      const early = budget.check();
      if (early) return done(null, early);
      let g: GpOps;
      try {
        g = gpOps(taskProductions(task, ctx.prims, { weights: ctx.grammar.weights, perSlot: 60, lambdas: options.lambdas ?? true, harvest: true, stop: () => budget.check() !== null }), { intErc: options.intConstants ?? false });
      } catch {
        fire('gp.unsupportedType');
        return done(null, 'exhausted');
      }
      if (g.slotDepth[g.P.goal] === Infinity) { fire('gp.noTree'); return done(null, 'exhausted'); }
      const m = task.train.length;
      const goalType = g.P.slots[g.P.goal]!.type;
      const numeric = typeEquals(goalType, treal) || typeEquals(goalType, tint);
      const errs = errorsOf(task, numeric);
      const isSolved = solvedBy(task, numeric);
      const mctx = { g, rng, subtreeDepth: 4, sigma: o.sigma };

      return withMeter({ maxSize: 100_000 }, () => {
        const assess = (t: GNode): Genome => {
          const fresh = !t.outs;
          const outs = evalNode(g, t, m, o.fuel);
          stats.evaluated++;
          if (fresh) stats.distinct++;
          budget.evals++;
          const errors = errs(outs);
          let total = 0;
          for (const x of errors) total += x;
          return { tree: t, errors, total };
        };
        const finish = (best: Genome): SearchResult => {
          let program = wrapParams(treeExpr(g, best.tree), g.P.params);
          if (o.simplify) program = simplify(program, { prims: ctx.prims, task, stats });
          return done(program, 'solved');
        };
        let pop: Genome[] = [];
        for (const t of rampedPopulation(g, o.population, o.initDepth[0], Math.min(o.initDepth[1], o.maxDepth), rng)) {
          stats.enumerated++;
          const x = assess(t);
          if (isSolved(x.errors)) return finish(x);
          pop.push(x);
        }
        if (!pop.length) return done(null, 'exhausted');
        for (let gen = 0; gen < o.generations; gen++) {
          stats.generations = gen + 1;
          const eps = o.selection === 'lexicase' && numeric ? madEpsilons(pop) : null;
          const select = () => (o.selection === 'lexicase' ? lexicase(pop, rng, eps) : tournament(pop, rng));
          let elite = pop[0]!;
          for (const x of pop) if (x.total < elite.total || (x.total === elite.total && x.tree.size < elite.tree.size)) elite = x;
          ctx.onStep?.({ engine: 'gp', enumerated: stats.enumerated, elapsedMs: budget.elapsed(), best: `error ${elite.total.toPrecision(4)}` });
          const next: Genome[] = [elite];
          while (next.length < o.population) {
            const stop = budget.check();
            if (stop) return done(null, stop);
            let child: GNode | null = null;
            if (rng.next() < o.crossover) {
              child = crossover(g, select().tree, select().tree, rng);
              if (child) fire('crossover');
            } else {
              const parent = select().tree;
              const order = o.mutations.map((r) => r);
              for (let i = order.length - 1; i > 0; i--) { const j = rng.int(i + 1); [order[i], order[j]] = [order[j]!, order[i]!]; }
              for (const r of order) {
                child = r.apply(parent, mctx);
                if (child) { fire(r.name); break; }
              }
            }
            if (!child || child.size > o.maxSize || child.depth > o.maxDepth) { fire('reproduce'); next.push(select()); continue; }
            stats.enumerated++;
            const x = assess(child);
            if (isSolved(x.errors)) return finish(x);
            next.push(x);
          }
          pop = next;
        }
        return done(null, 'exhausted');
      });
    },
  };
}
