/**
 * One engine on one task, as a worker thread (or the portfolio in-process) runs it: set up the domain, search
 * under the budget, and report with programs as printed text so the report can cross threads as JSON.
 */
import { print } from '../lang/print.ts';
import type { Clock } from '../util/clock.ts';
import { rng } from '../util/rng.ts';
import type { Task } from '../task/task.ts';
import type { StopReason } from './budget.ts';
import type { SearchProgress, SearchStats } from './engine.ts';
import { engineByName, libraryPrimitives, searchSetup, type LibrarySpec } from './portfolio-setup.ts';

/** What one engine found on one task. */
export interface EngineReport {
  readonly engine: string;
  readonly program: string | null;
  readonly frontier: readonly string[];
  readonly stopReason: StopReason;
  readonly stats: SearchStats;
  readonly ms: number;
  /** Set when the engine threw: the message. */
  readonly error?: string;
}

export interface EngineJob {
  readonly engine: string;
  readonly timeMs: number;
  readonly stopFlag?: Int32Array;
  readonly seed?: number;
  readonly engineOptions?: Record<string, unknown>;
  /** Library entries added to the domain's primitives, with their grammar weights. */
  readonly library?: LibrarySpec;
}

/** Runs one engine on a task; never throws (an engine's crash becomes an `error` report). */
export async function runEngine(task: Task, job: EngineJob, clock: Clock, onStep?: (p: SearchProgress) => void): Promise<EngineReport> {
  const t0 = clock.now();
  try {
    const engine = await engineByName(job.engine, job.engineOptions);
    const lib = job.library ? libraryPrimitives(job.library) : null;
    const setup = searchSetup(task, lib?.prims ?? [], lib?.weights);
    const r = engine.search(setup.task, {
      prims: setup.prims,
      grammar: setup.grammar,
      budget: { timeMs: job.timeMs, ...(job.stopFlag ? { stopFlag: job.stopFlag } : {}) },
      clock,
      rng: rng(job.seed ?? 1),
      ...(onStep ? { onStep } : {}),
    });
    return {
      engine: job.engine,
      program: r.program ? print(r.program) : null,
      frontier: r.frontier.map((e) => print(e)),
      stopReason: r.stopReason,
      stats: r.stats,
      ms: r.ms,
    };
  } catch (e) {
    return {
      engine: job.engine, program: null, frontier: [], stopReason: 'aborted',
      stats: { enumerated: 0, distinct: 0, evaluated: 0, rules: {} }, ms: clock.now() - t0, error: (e as Error).message ?? String(e),
    };
  }
}
