/**
 * `arbor learn TASKS… [--iterations N] [--timeout S] [--library L] [--json]`: the wake–sleep loop (src/learn),
 * checkpointed in the library's store so a stopped run resumes; `arbor learn --report [--out DIR]` writes the
 * learning curves as a table, a CSV and an SVG plot.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTasks, TaskReadError } from '../../api/read-tasks.ts';
import { LibraryError } from '../../library/library.ts';
import { StoreError, type Store } from '../../library/store.ts';
import { loadCheckpoint } from '../../learn/checkpoint.ts';
import { curveCsv, curveSvg, curveTable } from '../../learn/curves.ts';
import { learn } from '../../learn/loop.ts';
import { librarySpec, openStore } from '../../store/open.ts';
import type { Task } from '../../task/task.ts';
import { systemClock } from '../../util/clock.ts';
import { UsageError, type Command } from '../command.ts';
import { progressBar } from '../progress.ts';

const USAGE = `usage: arbor learn TASKS… [--iterations N] [--timeout S] [--library L] [--json]
       arbor learn --report [--library L] [--out DIR]

Runs the wake–sleep loop on the tasks: wake searches every unsolved task, abstraction sleep compresses the
solutions into library entries and refits the grammar, dream sleep trains the recognition model on replays and
fantasies. Each completed phase is checkpointed in the library, so a stopped run resumes where it stopped.

  --iterations N   iterations to reach in all (default 5)
  --timeout S      search seconds per task in wake (default 10)
  --max-evals N    per-task evaluation limit instead of a timeout (reproducible runs)
  --library L      SQLite path or postgres:// URL (default $ARBOR_LIBRARY or ./.arbor/library.db)
  --limit N        only the first N tasks
  --seed N         seed (default 1)
  --fantasies N    fantasies per dream (default 2 per task, at most 100)
  --epochs N       recognition-model epochs per dream (default 4)
  --no-recognition no recognition model (library weights only)
  --all            every wake searches every task, solved ones too (shows search getting faster)
  --json           the curves as JSON on stdout
  --report         print the stored curves and write curves.csv and curves.svg to --out (default ./learn-report)`;

interface Flags {
  paths: string[]; iterations: number; timeout: number; maxEvals: number | null; library: string | null; limit: number | null;
  seed: number; fantasies: number | null; epochs: number | null; recognition: boolean; all: boolean; json: boolean; report: boolean; out: string;
}

const VALUED = ['iterations', 'timeout', 'max-evals', 'library', 'limit', 'seed', 'fantasies', 'epochs', 'out'];

function parseFlags(argv: readonly string[]): Flags {
  const f: Flags = { paths: [], iterations: 5, timeout: 10, maxEvals: null, library: null, limit: null, seed: 1, fantasies: null, epochs: null, recognition: true, all: false, json: false, report: false, out: 'learn-report' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) { f.paths.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (name === 'json') { f.json = true; continue; }
    if (name === 'report') { f.report = true; continue; }
    if (name === 'no-recognition') { f.recognition = false; continue; }
    if (name === 'all') { f.all = true; continue; }
    if (!VALUED.includes(name)) throw new UsageError(`unknown option '--${name}' (see arbor learn --help)`);
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    const int = (min: number) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${value}'`);
      return n;
    };
    switch (name) {
      case 'timeout': {
        const n = Number(value);
        if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got '${value}'`);
        f.timeout = n;
        break;
      }
      case 'iterations': f.iterations = int(1); break;
      case 'max-evals': f.maxEvals = int(1); break;
      case 'limit': f.limit = int(1); break;
      case 'seed': f.seed = int(0); break;
      case 'fantasies': f.fantasies = int(0); break;
      case 'epochs': f.epochs = int(1); break;
      case 'library': f.library = value; break;
      case 'out': f.out = value; break;
    }
  }
  if (!f.report && f.paths.length === 0) throw new UsageError('missing TASKS (task files or folders), or --report');
  return f;
}

async function open(spec: string): Promise<Store> {
  try { return await openStore(spec); } catch (e) { throw new UsageError(`--library ${spec}: ${(e as Error).message}`); }
}

async function report(f: Flags): Promise<number> {
  const spec = librarySpec(f.library ?? undefined);
  const store = await open(spec);
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

export const command: Command = {
  name: 'learn',
  summary: 'grow a library and a recognition model over tasks (wake–sleep, resumable)',
  usage: USAGE,
  async run(argv) {
    const f = parseFlags(argv);
    if (f.report) return report(f);
    let tasks: Task[];
    try {
      tasks = readTasks(f.paths).flatMap((t) => (t.kind === 'task' ? [t.task] : []));
    } catch (e) {
      if (e instanceof TaskReadError) throw new UsageError(e.message);
      throw e;
    }
    if (f.limit !== null) tasks = tasks.slice(0, f.limit);
    if (!tasks.length) throw new UsageError('no tasks found (ARC tasks are not learned from)');
    const spec = librarySpec(f.library ?? undefined);
    const store = await open(spec);
    const tty = Boolean(process.stderr.isTTY) && !f.json;
    let bar = progressBar(process.stderr, 0, false);
    let solvedInWake = 0;
    try {
      const r = await learn({
        store, tasks, iterations: f.iterations, clock: systemClock, seed: f.seed,
        budget: f.maxEvals !== null ? { maxEvals: f.maxEvals } : { timeMs: f.timeout * 1000 },
        recognition: f.recognition, search: f.all ? 'all' : 'unsolved', time: () => new Date().toISOString(),
        ...(f.fantasies !== null ? { fantasies: f.fantasies } : {}), ...(f.epochs !== null ? { epochs: f.epochs } : {}),
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
  },
};
