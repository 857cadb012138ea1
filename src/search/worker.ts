/**
 * A portfolio worker thread: receives `{id, engine, task (TaskJson), timeMs, stop (SharedArrayBuffer)}`, runs the
 * engine, and posts `{id, report}`. The shared stop flag lets the main thread end the search early.
 */
import { parentPort } from 'node:worker_threads';
import { systemClock } from '../util/clock.ts';
import { taskFromJson, type TaskJson } from '../task/task-json.ts';
import { runEngine } from './portfolio-run.ts';
import type { LibrarySpec } from './portfolio-setup.ts';

export interface WorkerRequest {
  readonly id: number;
  readonly engine: string;
  readonly task: TaskJson;
  readonly timeMs: number;
  readonly stop: SharedArrayBuffer;
  readonly seed?: number;
  readonly engineOptions?: Record<string, unknown>;
  readonly library?: LibrarySpec;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', async (msg: WorkerRequest) => {
    let report;
    port.postMessage({ id: msg.id, started: true });
    try {
      const task = taskFromJson(msg.task);
      report = await runEngine(task, {
        engine: msg.engine, timeMs: msg.timeMs, stopFlag: new Int32Array(msg.stop),
        ...(msg.seed !== undefined ? { seed: msg.seed } : {}), ...(msg.engineOptions ? { engineOptions: msg.engineOptions } : {}),
        ...(msg.library ? { library: msg.library } : {}),
      }, systemClock);
    } catch (e) {
      report = { engine: msg.engine, program: null, frontier: [], stopReason: 'aborted', stats: { enumerated: 0, distinct: 0, evaluated: 0, rules: {} }, ms: 0, error: (e as Error).message };
    }
    port.postMessage({ id: msg.id, report });
  });
}
