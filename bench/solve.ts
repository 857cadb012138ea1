/**
 * bench/solve: per engine and for the portfolio, solved count, median time and test accuracy on the development
 * suites: SyGuS PBE (../shared/data/sygus-pbe/train), DreamCoder list and text tasks, and the PSB1 problems that
 * have random cases. Writes bench/results/solve.json (rows of earlier runs for other suites/engines are kept).
 *
 *   node --import tsx bench/solve.ts [--timeout 10] [--jobs 2] [--suite sygus,lists,text,psb1]
 *     [--engines portfolio,topdown,bottomup,gp] [--limit N] [--holdout K]
 *
 * The `strings` suite is the text suite with strings in and out (`str -> str` instead of `list(char) -> list(char)`,
 * string constants instead of character lists): the string domain, as a user's own string tasks meet it.
 *
 * `--holdout K` measures generalisation on suites whose tasks have no test examples (DreamCoder lists and text,
 * SyGuS): the last K train examples of such a task become its test examples, when it has at least K + 2 (so that two
 * or more remain to search on; a task with fewer keeps them all and has no test); rows are saved under the suite name
 * `SUITE+holdoutK`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readTasks } from '../src/api/read-tasks.ts';
import { solveTask, WorkerPool } from '../src/search/portfolio.ts';
import { autoEngines, autoWorkers } from '../src/search/portfolio-setup.ts';
import { asStringTask } from '../src/search/text-view.ts';
import type { LoadedTask } from '../src/task/load.ts';
import { systemClock } from '../src/util/clock.ts';

const DATA = process.env.ARBOR_DATA ? new URL(`file://${process.env.ARBOR_DATA.replace(/\/?$/, '/')}`) : new URL('../../shared/data/', import.meta.url);
const SUITES: Record<string, string[]> = {
  sygus: ['sygus-pbe/train'],
  lists: ['lists/dreamcoder_list_tasks.json'],
  text: ['lists/dreamcoder_text_train_tasks.json'],
  // the same tasks with strings in and out instead of character lists: what a user's str -> str task looks like
  strings: ['lists/dreamcoder_text_train_tasks.json'],
  psb1: ['collatz-numbers', 'even-squares', 'small-or-large', 'sum-of-squares', 'wallis-pi'].map((p) => `psb1/${p}`),
};

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : def;
}
const timeout = Number(arg('timeout', '10'));
const jobs = Number(arg('jobs', '2'));
const suites = arg('suite', 'sygus,lists,text,psb1').split(',');
const configs = arg('engines', 'portfolio,topdown,bottomup,gp').split(',');
const limit = Number(arg('limit', '0')) || Infinity;
const holdout = Number(arg('holdout', '0'));

/** A text task (character lists in and out) as a string task (the text view's conversion, without its extra constant). */
const asStrings = (t: LoadedTask): LoadedTask => (t.kind === 'task' ? { ...t, task: asStringTask(t.task) ?? t.task } : t);

/** The task with its last `holdout` train examples as its test examples, when it has none and enough train. */
function heldOut(t: LoadedTask): LoadedTask {
  if (!holdout || t.kind !== 'task' || t.task.test.length > 0 || t.task.train.length < holdout + 2) return t;
  const train = t.task.train;
  return { ...t, task: { ...t.task, train: train.slice(0, -holdout), test: train.slice(-holdout) } };
}

interface Row { suite: string; engine: string; task: string; solved: boolean; ms: number; stopReason: string; winner: string | null; test: { correct: number; total: number } | null; program: string | null }
interface Summary { suite: string; engine: string; tasks: number; solved: number; medianMs: number | null; medianSolvedMs: number | null; testAccuracy: number | null; testPerfect: number | null; timeout: number; jobs: number; date: string }

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function runSuite(suite: string, engine: string, tasks: LoadedTask[]): Promise<Row[]> {
  const perTask = engine === 'portfolio' ? autoWorkers(tasks.flatMap((t) => (t.kind === 'task' ? [t.task] : []))) : 1;
  const pool = new WorkerPool(jobs * perTask);
  pool.warm();
  const rows: Row[] = new Array(tasks.length);
  let next = 0, done = 0, solved = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      const t = tasks[i]!;
      if (t.kind !== 'task') continue;
      const engines = engine === 'portfolio' ? autoEngines(t.task) : [engine];
      const r = await solveTask(t.task, { engines, timeoutMs: timeout * 1000, clock: systemClock, pool });
      rows[i] = {
        suite, engine, task: t.task.name, solved: r.program !== null, ms: Math.round(r.ms), stopReason: r.stopReason,
        winner: r.engine, test: r.test, program: r.program ? (await import('../src/lang/print.ts')).print(r.program) : null,
      };
      done++;
      if (r.program) solved++;
      process.stderr.write(`\r${suite}/${engine}: ${done}/${tasks.length} solved ${solved}  ${((performance.now() - t0) / 1000).toFixed(0)} s   `);
    }
  }));
  process.stderr.write('\n');
  await pool.close();
  return rows.filter(Boolean);
}

function summarize(suite: string, engine: string, rows: Row[]): Summary {
  const withTest = rows.filter((r) => r.test !== null || (suite === 'psb1'));
  const acc = withTest.map((r) => (r.test ? r.test.correct / Math.max(1, r.test.total) : 0));
  return {
    suite, engine, tasks: rows.length, solved: rows.filter((r) => r.solved).length,
    medianMs: median(rows.map((r) => r.ms)), medianSolvedMs: median(rows.filter((r) => r.solved).map((r) => r.ms)),
    testAccuracy: acc.length ? acc.reduce((a, b) => a + b, 0) / acc.length : null,
    testPerfect: withTest.length ? withTest.filter((r) => r.test && r.test.correct === r.test.total).length : null,
    timeout, jobs, date: new Date().toISOString(),
  };
}

const out = fileURLToPath(new URL('./results/solve.json', import.meta.url));
const mine: Summary[] = [];
/** Merges this run's (suite, engine) results into the file as it is now (other runs may write it meanwhile). */
function save(s: Summary, r: Row[]): void {
  const previous: { summary: Summary[]; rows: Row[] } = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : { summary: [], rows: [] };
  const summary = previous.summary.filter((x) => !(x.suite === s.suite && x.engine === s.engine)).concat([s]);
  const rows = previous.rows.filter((x) => !(x.suite === s.suite && x.engine === s.engine)).concat(r);
  writeFileSync(out, JSON.stringify({ summary, rows }, null, 1));
}
for (const suite of suites) {
  const paths = SUITES[suite];
  if (!paths) throw new Error(`unknown suite '${suite}' (expected ${Object.keys(SUITES).join(', ')})`);
  const tasks = readTasks(paths.map((p) => fileURLToPath(new URL(p, DATA)))).slice(0, limit).map(suite === 'strings' ? asStrings : (t) => t).map(heldOut);
  const name = holdout ? `${suite}+holdout${holdout}` : suite;
  for (const engine of configs) {
    const r = await runSuite(name, engine, tasks);
    const s = summarize(name, engine, r);
    mine.push(s);
    save(s, r);
    console.log(`${name.padEnd(6)} ${engine.padEnd(9)} solved ${String(s.solved).padStart(3)}/${s.tasks}  median ${s.medianMs} ms  ` +
      `median solved ${s.medianSolvedMs} ms  test acc ${s.testAccuracy === null ? '-' : s.testAccuracy.toFixed(3)}  perfect ${s.testPerfect ?? '-'}`);
  }
}
console.table(mine.map((s) => ({ suite: s.suite, engine: s.engine, solved: `${s.solved}/${s.tasks}`, medianMs: s.medianMs, testAcc: s.testAccuracy?.toFixed(3) ?? '-' })));
