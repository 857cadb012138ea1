/**
 * Several search engines run one after another in-process under one budget, as the portfolio does without worker
 * threads: each gets an equal share of what is left (time and evaluations; the bounded engines, which end on their
 * own soon, take none), and the first to solve the task ends the search. Library-aware: every engine gets the same
 * primitives and grammar (library + recognition prior).
 */
import type { Budget } from '../search/budget.ts';
import { emptyStats, type SearchContext, type SearchEngine, type SearchResult, type SearchStats } from '../search/engine.ts';
import { autoEngines, BOUNDED_ENGINES } from '../search/portfolio-setup.ts';
import type { Task } from '../task/task.ts';

/** The engines in order; e.g. sequence([topDown(), bottomUp()]). */
export function sequence(engines: readonly SearchEngine[]): SearchEngine {
  if (!engines.length) throw new Error('sequence: no engines');
  return {
    name: engines.map((e) => e.name).join('+'),
    search(task: Task, ctx: SearchContext): SearchResult {
      const t0 = ctx.clock.now();
      const stats: SearchStats = emptyStats();
      const perEngine: Record<string, { evaluated: number; ms: number; solved: boolean }> = {};
      let last: SearchResult | null = null;
      for (let i = 0; i < engines.length; i++) {
        // engines that end on their own soon (poly, filter, map) take no share: the others split the budget, and
        // one after them runs on what they leave
        const left = Math.max(1, engines.slice(i).filter((e) => !BOUNDED_ENGINES.includes(e.name)).length);
        const timeMs = ctx.budget.timeMs === undefined ? undefined : Math.max(0, (ctx.budget.timeMs - (ctx.clock.now() - t0)) / left);
        const maxEvals = ctx.budget.maxEvals === undefined ? undefined : Math.max(0, Math.floor((ctx.budget.maxEvals - stats.evaluated) / left));
        if (timeMs === 0 || maxEvals === 0) break;
        const budget: Budget = { ...ctx.budget, ...(timeMs !== undefined ? { timeMs } : {}), ...(maxEvals !== undefined ? { maxEvals } : {}) };
        const r = engines[i]!.search(task, { ...ctx, budget, rng: ctx.rng.fork() });
        stats.enumerated += r.stats.enumerated;
        stats.distinct += r.stats.distinct;
        stats.evaluated += r.stats.evaluated;
        for (const [k, v] of Object.entries(r.stats.rules)) stats.rules[k] = (stats.rules[k] ?? 0) + v;
        perEngine[engines[i]!.name] = { evaluated: r.stats.evaluated, ms: r.ms, solved: r.program !== null };
        last = r;
        if (r.program) break;
      }
      stats.perEngine = perEngine;
      return {
        program: last?.program ?? null, frontier: last?.program ? last.frontier : [],
        stopReason: last?.stopReason ?? 'timeLimit', stats, ms: ctx.clock.now() - t0,
      };
    },
  };
}

/**
 * Per task, the engines the portfolio's `--engine auto` picks for its domain (search/portfolio-setup.ts), run in
 * sequence: top-down then bottom-up for lists, top-down alone for DreamCoder text, and so on. Each engine is made
 * by `make` when a task first calls for it, and only once (engines keep no state between searches).
 */
export function autoSequence(make: (name: string) => SearchEngine): SearchEngine {
  const engines = new Map<string, SearchEngine>();
  const engine = (name: string): SearchEngine => {
    let e = engines.get(name);
    if (!e) { e = make(name); engines.set(name, e); }
    return e;
  };
  return {
    name: 'auto',
    search: (task, ctx) => {
      const names = autoEngines(task);
      return (names.length === 1 ? engine(names[0]!) : sequence(names.map(engine))).search(task, ctx);
    },
  };
}
