/**
 * Wake: search every unsolved task with the current library and recognition model, and merge what is found into
 * each task's frontier (its best few programs, simplest first).
 */
import type { Expr } from '../lang/expr.ts';
import { parse } from '../lang/parse.ts';
import { print } from '../lang/print.ts';
import type { SearchEngine } from '../search/engine.ts';
import type { Budget } from '../search/budget.ts';
import { compareSimplicity } from '../search/select.ts';
import type { Task } from '../task/task.ts';
import type { Clock } from '../util/clock.ts';
import type { Rng } from '../util/rng.ts';
import type { WakeRecord } from './checkpoint.ts';
import { setupFor, type Learned } from './setup.ts';

export interface WakeOptions {
  readonly engine: SearchEngine;
  /** Per-task budget (a time limit, or an evaluation limit for reproducible runs). */
  readonly budget: Budget;
  readonly clock: Clock;
  readonly rng: Rng;
  /** Programs kept per task (default 3). */
  readonly frontierSize?: number;
  /** Search only tasks with an empty frontier (default), or every task (DreamCoder's wake; shows speed-ups). */
  readonly search?: 'unsolved' | 'all';
  /** Called after each task. */
  readonly onTask?: (done: number, total: number, r: WakeRecord) => void;
}

/** Merges programs into a frontier: deduplicated by text, simplest first, at most `k`. */
export function mergeFrontier(old: readonly string[], found: readonly Expr[], k: number): string[] {
  const byText = new Map<string, Expr>();
  for (const s of old) byText.set(s, parse(s));
  for (const e of found) byText.set(print(e), e);
  return [...byText.values()].sort(compareSimplicity).slice(0, k).map((e) => print(e));
}

/** Searches the tasks whose frontier is empty (or all); returns the new frontiers and one record per searched task. */
export function wake(tasks: readonly Task[], frontiers: Readonly<Record<string, readonly string[]>>, learned: Learned, o: WakeOptions):
  { frontiers: Record<string, string[]>; records: WakeRecord[] } {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(frontiers)) out[k] = [...v];
  const todo = o.search === 'all' ? [...tasks] : tasks.filter((t) => !(frontiers[t.name]?.length));
  const records: WakeRecord[] = [];
  for (const t of todo) {
    const s = setupFor(t, learned);
    const r = o.engine.search(s.task, { prims: s.prims, grammar: s.grammar, budget: o.budget, clock: o.clock, rng: o.rng.fork() });
    const found = r.program ? r.frontier : [];
    if (found.length) out[t.name] = mergeFrontier(out[t.name] ?? [], found, o.frontierSize ?? 3);
    const rec: WakeRecord = { task: t.name, solved: found.length > 0, ms: r.ms, evals: r.stats.evaluated, found: found.length, first: found.length > 0 && !(frontiers[t.name]?.length) };
    records.push(rec);
    o.onTask?.(records.length, todo.length, rec);
  }
  return { frontiers: out, records };
}
