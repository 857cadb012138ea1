/**
 * The portfolio: runs several engines on one task in parallel worker threads under one time budget, stops at the
 * first program consistent with every train example, waits a short grace period for others, and keeps the
 * simplest program found (re-checked on the train examples). Without a pool, engines run in-process in turn.
 */
import { Worker } from 'node:worker_threads';
import { size, type Expr } from '../lang/expr.ts';
import { parse } from '../lang/parse.ts';
import type { PrimitiveSet } from '../lang/primitive.ts';
import type { Clock } from '../util/clock.ts';
import { taskToJson, type TaskJson } from '../task/task-json.ts';
import type { Task } from '../task/task.ts';
import type { StopReason } from './budget.ts';
import type { SearchProgress } from './engine.ts';
import { runEngine, type EngineJob, type EngineReport } from './portfolio-run.ts';
import { BOUNDED, BOUNDED_ENGINES, libraryPrimitives, searchSetup } from './portfolio-setup.ts';
import { checkProgram, compareSimplicity } from './select.ts';
import type { WorkerRequest } from './worker.ts';

export interface PortfolioOptions {
  readonly engines: readonly string[];
  readonly timeoutMs: number;
  readonly clock: Clock;
  /** How long to keep searching after the first solution, for a simpler one (default: `graceFor` the first program). */
  readonly graceMs?: number;
  /** Worker threads to run engines in; null runs them in-process one after another, splitting the time. */
  readonly pool?: WorkerPool | null;
  readonly seed?: number;
  readonly engineOptions?: Readonly<Record<string, Record<string, unknown>>>;
  readonly library?: EngineJob['library'];
  readonly onStep?: (p: SearchProgress) => void;
}

export interface PortfolioStats {
  enumerated: number;
  distinct: number;
  evaluated: number;
  perEngine: Record<string, EngineReport>;
}

export interface PortfolioResult {
  readonly program: Expr | null;
  /** The engine whose program was kept. */
  readonly engine: string | null;
  readonly stopReason: StopReason;
  readonly stats: PortfolioStats;
  readonly ms: number;
  /** Test-example accuracy of the program, when the task has test examples. */
  readonly test: { readonly correct: number; readonly total: number } | null;
  /** The primitive set the program refers to (for compiling and exporting it). */
  readonly prims: PrimitiveSet;
}

/** Worker threads running engines; a thread that overruns its time limit is terminated and replaced. */
export class WorkerPool {
  private idle: Worker[] = [];
  private busy = 0;
  private waiting: (() => void)[] = [];
  private nextId = 1;
  constructor(readonly size: number) {}

  private spawn(): Worker {
    // tsx's loader is not active in worker threads of Node 20, so the worker registers it before importing the .ts entry
    const entry = new URL('./worker.ts', import.meta.url).href;
    const api = import.meta.resolve('tsx/esm/api');
    const w = new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`,
      { eval: true, execArgv: [] });
    w.unref();
    return w;
  }

  /** Runs one engine job in a worker; resolves with its report (never rejects). */
  async run(engine: string, task: TaskJson, timeMs: number, stop: SharedArrayBuffer, extra: Partial<WorkerRequest> = {}): Promise<EngineReport> {
    while (this.busy >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    this.busy++;
    const w = this.idle.pop() ?? this.spawn();
    const id = this.nextId++;
    const t0 = performance.now();
    const fallback = (error: string): EngineReport => ({
      engine, program: null, frontier: [], stopReason: 'timeLimit', stats: { enumerated: 0, distinct: 0, evaluated: 0, rules: {} },
      ms: performance.now() - t0, error,
    });
    const report = await new Promise<{ report: EngineReport; healthy: boolean }>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      // an engine stuck inside one long primitive call cannot see the stop flag: give up on the thread. The clock
      // starts when the worker starts the job (loading the modules of a fresh thread can take seconds under load).
      const arm = (ms: number) => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => { done(); void w.terminate(); resolve({ report: fallback('worker did not stop in time'), healthy: false }); }, ms);
      };
      const onMessage = (m: { id: number; report?: EngineReport; started?: true }) => {
        if (m.id !== id) return;
        if (m.started) { arm(timeMs + 3000); return; }
        done();
        resolve({ report: m.report!, healthy: true });
      };
      const onError = (e: Error) => { done(); resolve({ report: fallback(e.message), healthy: false }); };
      const onExit = () => { done(); resolve({ report: fallback('worker exited'), healthy: false }); };
      const done = () => { if (timer) clearTimeout(timer); w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit); };
      arm(timeMs + 120_000);
      w.on('message', onMessage); w.on('error', onError); w.on('exit', onExit);
      w.ref();
      w.postMessage({ id, engine, task, timeMs, stop, ...extra } satisfies WorkerRequest);
    });
    w.unref();
    if (report.healthy) this.idle.push(w); else void w.terminate();
    this.busy--;
    this.waiting.shift()?.();
    return report.report;
  }

  /** Starts all threads now, so their start-up is not charged to the first tasks. */
  warm(): void {
    while (this.idle.length + this.busy < this.size) this.idle.push(this.spawn());
  }

  async close(): Promise<void> {
    const ws = this.idle;
    this.idle = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

/** Runs the portfolio on one task. */
export async function solveTask(task: Task, opts: PortfolioOptions): Promise<PortfolioResult> {
  const t0 = opts.clock.now();
  const lib = opts.library ? libraryPrimitives(opts.library) : null;
  const { prims } = searchSetup(task, lib?.prims ?? [], lib?.weights);
  const reports: EngineReport[] = [];
  const engines = opts.engines.length ? opts.engines : ['topdown'];
  if (opts.pool) {
    const stop = new SharedArrayBuffer(4);
    const flag = new Int32Array(stop);
    const json = taskToJson(task);
    let graceTimer: ReturnType<typeof setTimeout> | null = null;
    // engines that end on their own soon are waited for when the grace period ends, while their smallest answer
    // could still be simpler than the best program found
    const bounded = new Set(engines.filter((e) => BOUNDED_ENGINES.includes(e)));
    let graceOver = false, best = Infinity;
    const couldWin = (): boolean => [...bounded].some((e) => BOUNDED.get(e)! < best);
    const stopUnlessBounded = () => { graceOver = true; if (!couldWin()) Atomics.store(flag, 0, 1); };
    await Promise.all(engines.map(async (engine, i) => {
      const r = await opts.pool!.run(engine, json, opts.timeoutMs, stop, {
        seed: (opts.seed ?? 1) + i, ...(opts.engineOptions?.[engine] ? { engineOptions: opts.engineOptions[engine] } : {}),
        ...(opts.library ? { library: opts.library } : {}),
      });
      reports.push(r);
      const n = r.program ? programSize(r.program) : Infinity;
      best = Math.min(best, n);
      bounded.delete(engine);
      if (graceOver && !couldWin()) Atomics.store(flag, 0, 1);
      if (r.program && !graceTimer) graceTimer = setTimeout(stopUnlessBounded, opts.graceMs ?? graceForSize(n, opts.timeoutMs));
      if (reports.length === engines.length && graceTimer) clearTimeout(graceTimer);
    }));
    if (graceTimer) clearTimeout(graceTimer);
  } else {
    for (let i = 0; i < engines.length; i++) {
      const left = opts.timeoutMs - (opts.clock.now() - t0);
      if (left <= 0) break;
      const r = await runEngine(task, {
        engine: engines[i]!, timeMs: left / (engines.length - i), seed: (opts.seed ?? 1) + i,
        ...(opts.engineOptions?.[engines[i]!] ? { engineOptions: opts.engineOptions[engines[i]!] } : {}),
        ...(opts.library ? { library: opts.library } : {}),
      }, opts.clock, opts.onStep);
      reports.push(r);
      if (r.program) break;
    }
  }
  return finish(task, prims, reports, opts.clock.now() - t0);
}

/** A program's size in nodes (unparsable: infinite, so it wins nothing). */
function programSize(text: string): number {
  try { return size(parse(text)); } catch { return Infinity; }
}

/** Nodes of a program that gets the plain grace period (5% of the time limit, 50…1000 ms). */
const PLAIN_SIZE = 20;

/**
 * How long the other engines keep searching after the first program (`text`) is found, for a simpler one: in
 * proportion to its size, the plain grace period at PLAIN_SIZE nodes: shorter for a small program (little room for a
 * simpler one), longer for a large one (a decision tree fitted piece by piece is found fast and generalises badly);
 * at least 50 ms, at most 30% of the time limit (or the plain period, if that is longer).
 */
export const graceFor = (text: string, timeoutMs: number): number => graceForSize(programSize(text), timeoutMs);

/** `graceFor` a program of `size` nodes (infinite: unparsable, the plain grace period). */
function graceForSize(size: number, timeoutMs: number): number {
  const plain = Math.min(1000, Math.max(50, timeoutMs * 0.05));
  const n = Number.isFinite(size) ? size : PLAIN_SIZE;
  return Math.max(50, Math.min(Math.max(plain, timeoutMs * 0.3), plain * n / PLAIN_SIZE));
}

/** Keeps the simplest program that really fits the train examples, and scores it on the test examples. */
function finish(task: Task, prims: PrimitiveSet, reports: readonly EngineReport[], ms: number): PortfolioResult {
  const candidates: { e: Expr; engine: string }[] = [];
  for (const r of reports)
    for (const text of r.frontier.length ? r.frontier : r.program ? [r.program] : []) {
      let e: Expr;
      try { e = parse(text); } catch { continue; }
      if (checkProgram(e, task.train, prims, task.loss).passed) candidates.push({ e, engine: r.engine });
    }
  candidates.sort((a, b) => compareSimplicity(a.e, b.e));
  const best = candidates[0] ?? null;
  const stats: PortfolioStats = { enumerated: 0, distinct: 0, evaluated: 0, perEngine: {} };
  for (const r of reports) {
    stats.enumerated += r.stats.enumerated;
    stats.distinct += r.stats.distinct;
    stats.evaluated += r.stats.evaluated;
    stats.perEngine[r.engine] = r;
  }
  const order: StopReason[] = ['memoryLimit', 'evalLimit', 'timeLimit', 'aborted', 'exhausted'];
  const stopReason: StopReason = best ? 'solved'
    : order.find((s) => reports.some((r) => r.stopReason === s)) ?? 'exhausted';
  const test = best && task.test.length > 0 ? checkProgram(best.e, task.test, prims, task.loss) : null;
  return {
    program: best?.e ?? null, engine: best?.engine ?? null, stopReason, stats, ms,
    test: test ? { correct: test.correct, total: test.total } : null, prims,
  };
}
