/**
 * Running a tuning spec's objective: loading the spec file (JSON or TypeScript), and evaluating trials in worker
 * threads (`--jobs N`). Each worker loads the spec itself; a trial's intermediate reports travel to the main
 * thread, whose study decides on pruning, and the answer comes back through a shared flag the worker waits on.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { BUILTIN_OBJECTIVES, type TuneObjective } from '../automl/objectives.ts';
import { runObjective, type Evaluate, type TrialOutcome } from '../automl/parallel.ts';
import { parseTuneSpec, SpecError, type TuneSpec } from '../automl/spec.ts';
import type { AskedTrial } from '../optimize/hpo/index.ts';

/** Reads and validates a spec file; a SpecError names the file and the field. */
export async function loadSpec(path: string): Promise<TuneSpec> {
  const abs = resolve(path);
  const name = basename(path, extname(path));
  let raw: unknown;
  if (/\.(m?ts|m?js)$/.test(path)) {
    let mod: Record<string, unknown>;
    try { mod = await import(pathToFileURL(abs).href) as Record<string, unknown>; } catch (e) {
      const code = (e as { code?: string }).code;
      throw new SpecError(`${path}: ${code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(abs) ? 'no such file' : (e as Error).message.split('\n')[0]}`);
    }
    raw = mod.default ?? mod.spec;
    if (raw === undefined) throw new SpecError(`${path}: export the spec as default (or as 'spec')`);
  } else {
    let text: string;
    try { text = readFileSync(abs, 'utf8'); } catch { throw new SpecError(`${path}: no such file`); }
    try { raw = JSON.parse(text); } catch (e) { throw new SpecError(`${path}: not JSON: ${(e as Error).message}`); }
  }
  return parseTuneSpec(raw, path, name);
}

/** The spec's objective as a function (a built-in's name resolved). */
export function objectiveOf(spec: TuneSpec): TuneObjective {
  if (typeof spec.objective === 'function') return spec.objective;
  const f = BUILTIN_OBJECTIVES[spec.objective]!;
  return (p) => f(p);
}

/** Evaluates in this thread, one trial at a time. */
export function inProcessEvaluator(spec: TuneSpec): Evaluate {
  const objective = objectiveOf(spec);
  const n = spec.objectives?.length ?? 1;
  return (asked, report) => runObjective(objective, asked, report, n);
}

interface RunMessage { readonly number: number; readonly params: AskedTrial['params']; readonly flags: SharedArrayBuffer }
type FromWorker =
  | { readonly type: 'report'; readonly number: number; readonly step: number; readonly value: number }
  | { readonly type: 'done'; readonly number: number; readonly outcome: TrialOutcome };

/** `jobs` worker threads, each with the spec loaded, evaluating one trial at a time. */
export function workerEvaluator(specPath: string, jobs: number): { evaluate: Evaluate; close(): Promise<void> } {
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const spawn = (): Worker => {
    // tsx's loader is not active in worker threads, so the worker registers it before importing this file
    const entry = new URL('./tune-worker.ts', import.meta.url).href;
    const api = import.meta.resolve('tsx/esm/api');
    const w = new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`,
      { eval: true, execArgv: [], workerData: { arborTune: resolve(specPath) } });
    all.add(w);
    return w;
  };
  const evaluate: Evaluate = (asked, report) => new Promise<TrialOutcome>((done) => {
    const w = idle.pop() ?? spawn();
    const flags = new Int32Array(new SharedArrayBuffer(8));
    const finish = (o: TrialOutcome, healthy: boolean) => {
      w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit);
      if (healthy) idle.push(w); else { all.delete(w); void w.terminate(); }
      done(o);
    };
    const onMessage = (m: FromWorker) => {
      if (m.number !== asked.number) return;
      if (m.type === 'done') { finish(m.outcome, true); return; }
      Atomics.store(flags, 1, report(m.step, m.value) ? 1 : 0);
      Atomics.store(flags, 0, 1);
      Atomics.notify(flags, 0);
    };
    const onError = (e: Error) => finish({ kind: 'failed', error: `worker: ${e.message}` }, false);
    const onExit = (code: number) => finish({ kind: 'failed', error: `worker exited with code ${code}` }, false);
    w.on('message', onMessage); w.on('error', onError); w.on('exit', onExit);
    w.postMessage({ number: asked.number, params: asked.params, flags: flags.buffer as SharedArrayBuffer } satisfies RunMessage);
  });
  return { evaluate, close: async () => { await Promise.all([...all].map((w) => w.terminate())); all.clear(); } };
}

// worker side
if (!isMainThread && parentPort && (workerData as { arborTune?: string } | null)?.arborTune) {
  const port = parentPort;
  const spec = await loadSpec((workerData as { arborTune: string }).arborTune);
  const objective = objectiveOf(spec);
  const n = spec.objectives?.length ?? 1;
  port.on('message', async (m: RunMessage) => {
    const flags = new Int32Array(m.flags);
    const report = (step: number, value: number): boolean => {
      Atomics.store(flags, 0, 0);
      port.postMessage({ type: 'report', number: m.number, step, value } satisfies FromWorker);
      Atomics.wait(flags, 0, 0);
      return Atomics.load(flags, 1) === 1;
    };
    const outcome = await runObjective(objective, { number: m.number, params: m.params }, report, n);
    port.postMessage({ type: 'done', number: m.number, outcome } satisfies FromWorker);
  });
}
