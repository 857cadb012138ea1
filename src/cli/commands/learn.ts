/**
 * `arbor learn TASKS… [--iterations N] [--timeout S] [--engine E] [--library L] [--json]`: the wake–sleep loop (src/learn),
 * checkpointed in the library's store so a stopped run resumes; `arbor learn --report [--out DIR]` writes the
 * learning curves as a table, a CSV and an SVG plot.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTasks, TaskReadError } from '../../api/read-tasks.ts';
import { LibraryError } from '../../library/library.ts';
import { StoreError } from '../../library/store.ts';
import { loadCheckpoint } from '../../learn/checkpoint.ts';
import { curveCsv, curveSvg, curveTable } from '../../learn/curves.ts';
import { learn } from '../../learn/loop.ts';
import { autoSequence } from '../../learn/sequence.ts';
import type { SearchEngine } from '../../search/engine.ts';
import { makeEngine } from '../../search/engines.ts';
import { ENGINE_NAMES } from '../../search/portfolio-setup.ts';
import { librarySpec } from '../../store/open.ts';
import type { Task } from '../../task/task.ts';
import { systemClock } from '../../util/clock.ts';
import { asUsage, UsageError } from '../command.ts';
import { defineCommand, type CommandLine } from '../flags.ts';
import { openLibraryFlag } from '../library-flag.ts';
import { progressBar } from '../progress.ts';

const cli = {
  name: 'learn',
  summary: 'grow a library and a recognition model over tasks (wake–sleep, resumable)',
  args: [{ name: 'TASKS', about: 'task files or folders', many: true, optional: true }],
  also: ['arbor learn --report [--library L] [--out DIR]'],
  flags: {
    iterations: { type: 'int', meta: 'N', min: 1, default: 5, help: 'iterations to reach in all' },
    timeout: { type: 'number', meta: 'S', positive: true, unit: 'seconds', default: 10, help: 'search seconds per task in wake' },
    engine: { type: 'choice', meta: 'E', values: ['auto', ...ENGINE_NAMES], default: 'auto', help: "search engine in wake; auto runs, per task, the engines arbor solve's auto picks for its type, one after another under the task's budget" },
    'max-evals': { type: 'int', meta: 'N', min: 1, help: 'per-task evaluation limit instead of a timeout (reproducible runs)' },
    library: { type: 'string', meta: 'L', help: 'SQLite path or postgres:// URL (default $ARBOR_LIBRARY or ./.arbor/library.db)' },
    limit: { type: 'int', meta: 'N', min: 1, help: 'only the first N tasks' },
    seed: { type: 'int', meta: 'N', min: 0, default: 1, help: 'seed' },
    fantasies: { type: 'int', meta: 'N', min: 0, help: 'fantasies per dream (default 2 per task, at most 100)' },
    epochs: { type: 'int', meta: 'N', min: 1, help: 'recognition-model epochs per dream (default 4)' },
    'no-recognition': { type: 'boolean', help: 'no recognition model (library weights only)' },
    all: { type: 'boolean', help: 'every wake searches every task, solved ones too (shows search getting faster)' },
    json: { type: 'boolean', help: 'the curves as JSON on stdout' },
    report: { type: 'boolean', help: 'print the stored curves and write curves.csv and curves.svg to --out' },
    out: { type: 'string', meta: 'DIR', default: 'learn-report', help: 'where --report writes' },
  },
  about: `Runs the wake–sleep loop on the tasks: wake searches every unsolved task, abstraction sleep compresses the
solutions into library entries and refits the grammar, dream sleep trains the recognition model on replays and
fantasies. Each completed phase is checkpointed in the library, so a stopped run resumes where it stopped.`,
} as const;

type Flags = CommandLine<typeof cli.flags>['flags'];

async function report(f: Flags): Promise<number> {
  const spec = librarySpec(f.library);
  const store = await openLibraryFlag(f.library);
  try {
    const c = await loadCheckpoint(store);
    if (!c || !c.curves.length) { console.error(`arbor learn: ${spec} has no learning curves yet (run arbor learn TASKS… first)`); return 1; }
    mkdirSync(f.out, { recursive: true });
    writeFileSync(join(f.out, 'curves.csv'), curveCsv(c.curves));
    writeFileSync(join(f.out, 'curves.svg'), curveSvg(c.curves, `arbor learn: ${spec}`));
    if (f.json) console.log(JSON.stringify(c.curves));
    else console.log(curveTable(c.curves));
    console.error(`wrote ${join(f.out, 'curves.csv')} and ${join(f.out, 'curves.svg')}`);
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * The wake engine: one by name, or `auto` (per task, the solve portfolio's choice run in sequence, each engine made
 * when a task first calls for it).
 */
const wakeEngine = (name: string): SearchEngine => (name === 'auto' ? autoSequence((n) => makeEngine(n)) : makeEngine(name));

export const command = defineCommand(cli, async ({ positional: paths, flags: f }) => {
  if (f.report) return report(f);
  if (!paths.length) throw new UsageError('missing TASKS (task files or folders), or --report');
  let tasks: Task[] = asUsage(TaskReadError, () => readTasks(paths)).flatMap((t) => (t.kind === 'task' ? [t.task] : []));
  if (f.limit !== undefined) tasks = tasks.slice(0, f.limit);
  if (!tasks.length) throw new UsageError('no tasks found (ARC tasks are not learned from)');
  const spec = librarySpec(f.library);
  const engine = wakeEngine(f.engine);
  const store = await openLibraryFlag(f.library);
  const tty = Boolean(process.stderr.isTTY) && !f.json;
  let bar = progressBar(process.stderr, 0, false);
  let solvedInWake = 0;
  try {
    const r = await learn({
      store, tasks, engine, iterations: f.iterations, clock: systemClock, seed: f.seed,
      budget: f['max-evals'] !== undefined ? { maxEvals: f['max-evals'] } : { timeMs: f.timeout * 1000 },
      recognition: !f['no-recognition'], search: f.all ? 'all' : 'unsolved', time: () => new Date().toISOString(),
      ...(f.fantasies !== undefined ? { fantasies: f.fantasies } : {}), ...(f.epochs !== undefined ? { epochs: f.epochs } : {}),
      onPhase: (e) => {
        if (e.status === 'start') {
          process.stderr.write(`iteration ${e.iteration} ${e.phase}…\n`);
          if (e.phase === 'wake') solvedInWake = 0;
          return;
        }
        bar.finish();
        process.stderr.write(`iteration ${e.iteration} ${e.phase} done: ${e.detail}\n`);
      },
      onTask: (_it, done, total, task, solved) => {
        if (done === 1) bar = progressBar(process.stderr, total, tty);
        if (solved) solvedInWake++;
        bar.update(done, solvedInWake, task);
        if (!tty && (done === total || done % 10 === 0)) process.stderr.write(`  wake ${done}/${total} searched, ${solvedInWake} solved\n`);
      },
    });
    if (r.resumedFrom) process.stderr.write(`(resumed from iteration ${r.resumedFrom.iteration}, after phase '${r.resumedFrom.phase}')\n`);
    r.model?.dispose();
    if (f.json) console.log(JSON.stringify({ library: spec, resumedFrom: r.resumedFrom, stopReason: r.stopReason, curves: r.curves }));
    else console.log(curveTable(r.curves));
    return 0;
  } catch (e) {
    if (e instanceof StoreError || e instanceof LibraryError) { console.error(`arbor learn: ${spec}: ${e.message}`); return 1; }
    throw e;
  } finally {
    await store.close();
  }
});
