/**
 * bench/learn: the wake–sleep learner on DreamCoder lists (217 tasks split in half by a fixed seed) and text
 * editing (128 DreamCoder text tasks + half of the SyGuS PBE development set, tested on the other half).
 * Learning curves on the training half, then the test half with the learned library + recognition model against
 * the same top-down search with no library and a uniform grammar (same timeout); few-shot (first 2 examples,
 * tested on the rest) with and without the library. Writes bench/results/learn.json (keys lists, text; with --all,
 * where every wake searches every training task, lists-all and text-all).
 *
 *   node --import tsx bench/learn.ts [--timeout 10] [--max-evals N] [--iterations 5] [--limit N] [--suite lists,text]
 *     [--text-limit N] [--text-iterations N] [--epochs 20] [--fantasies N] [--seed 42] [--all]
 *     [--engines auto|topdown,bottomup] [--clock cpu|wall] [--out bench/results/learn.json] [--baseline-only]
 *
 * Wake and both test conditions search with the same engines (default `auto`: the portfolio's choice for the task's
 * domain, e.g. top-down then bottom-up for lists, run in-process, each with an equal share of what is left of the
 * budget: src/learn/sequence.ts), the same per-task limit, and differ
 * only in the library and grammar. The limit counts this process's CPU time by default (`--clock cpu`), so other
 * load on a shared machine does not change the figures much; both CPU-time and evaluation ratios are reported.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTasks } from '../src/api/read-tasks.ts';
import { curveTable, median, type CurvePoint } from '../src/learn/curves.ts';
import { learn } from '../src/learn/loop.ts';
import { setupFor, type Learned } from '../src/learn/setup.ts';
import { splitArrow, arrow, tlist, tchar, type Type } from '../src/lang/type.ts';
import { print } from '../src/lang/print.ts';
import { isEngineName, makeEngine } from '../src/search/engines.ts';
import { ENGINE_NAMES } from '../src/search/portfolio-setup.ts';
import { autoSequence, sequence } from '../src/learn/sequence.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import type { Clock } from '../src/util/clock.ts';
import { checkProgram } from '../src/search/select.ts';
import { openStore } from '../src/store/open.ts';
import type { Task } from '../src/task/task.ts';
import { systemClock } from '../src/util/clock.ts';
import { rng } from '../src/util/rng.ts';

const DATA = process.env.ARBOR_DATA ? new URL(`file://${process.env.ARBOR_DATA.replace(/\/?$/, '/')}`) : new URL('../../shared/data/', import.meta.url);
function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : def;
}
const timeout = Number(arg('timeout', '10'));
/** Optional per-task evaluation limit on top of the timeout (search effort independent of machine load). */
const maxEvals = Number(arg('max-evals', '0')) || undefined;
const budget = { timeMs: timeout * 1000, ...(maxEvals ? { maxEvals } : {}) };
const iterations = Number(arg('iterations', '5'));
const limit = Number(arg('limit', '0')) || Infinity;
const textLimit = Number(arg('text-limit', '0')) || Infinity;
const textIterations = Number(arg('text-iterations', String(iterations)));
const epochs = Number(arg('epochs', '20'));
const fantasies = arg('fantasies', '');
const seed = Number(arg('seed', '42'));
const suites = arg('suite', 'lists,text').split(',');
/** Every wake searches every training task (curves then show search time per task falling), not only unsolved ones. */
const wakeAll = process.argv.includes('--all');
/** Only the no-library test conditions (baseline, few-shot baseline), under key lists-baseline. */
const baselineOnly = process.argv.includes('--baseline-only');
/** 'auto': per task, the engines the portfolio's --engine auto runs for its domain; or a list run in sequence. */
const engineNames = arg('engines', 'auto').split(',');
const clockName = arg('clock', 'cpu');
if (clockName !== 'cpu' && clockName !== 'wall') { console.error('--clock must be cpu or wall'); process.exit(2); }
const engineFor = (n: string): SearchEngine => {
  if (isEngineName(n)) return makeEngine(n, n === 'topdown' ? { solutions: 1 } : {});
  console.error(`--engines: unknown engine '${n}' (expected auto, or some of ${ENGINE_NAMES.join(', ')})`);
  process.exit(2);
};
const engine = engineNames.join() === 'auto' ? autoSequence(engineFor)
  : engineNames.length === 1 ? engineFor(engineNames[0]!) : sequence(engineNames.map(engineFor));
/** This process's CPU time (the search runs in-process), so the per-task limit does not depend on other load. */
const cpuClock: Clock = { now: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } };
const clock = clockName === 'cpu' ? cpuClock : systemClock;

const load = (rel: string): Task[] => readTasks([fileURLToPath(new URL(rel, DATA))]).flatMap((t) => (t.kind === 'task' ? [t.task] : []));

function shuffled<T>(xs: readonly T[], s: number): T[] {
  const r = rng(s), a = [...xs];
  for (let i = a.length - 1; i > 0; i--) { const j = r.int(i + 1); [a[i], a[j]] = [a[j]!, a[i]!]; }
  return a;
}

interface Attempt { task: string; solved: boolean; ms: number; cpuMs: number; evals: number; heldOut: { correct: number; total: number } | null; program: string | null }

/** One search per task with the learned setup (or none: no library, uniform grammar); same engines either way. */
function solveAll(tasks: readonly Task[], learned: Learned | null, fewShot: boolean): Attempt[] {
  return tasks.map((t) => {
    const train = fewShot ? t.train.slice(0, 2) : t.train;
    const held = fewShot ? [...t.train.slice(2), ...t.test] : t.test;
    const cpu0 = process.cpuUsage(); // includes the setup: the recognition model's forward pass is charged to its condition
    const s = setupFor({ ...t, train, test: held }, learned);
    const r = engine.search(s.task, { prims: s.prims, grammar: s.grammar, budget, clock, rng: rng(1) });
    const cpu = process.cpuUsage(cpu0);
    const heldOut = r.program && held.length ? (({ correct, total }) => ({ correct, total }))(checkProgram(r.program, held, s.prims, t.loss)) : null;
    return { task: t.name, solved: r.program !== null, ms: Math.round(r.ms), cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10, evals: r.stats.evaluated, heldOut, program: r.program ? print(r.program) : null };
  });
}

interface Comparison { tasks: number; solvedLearned: number; solvedBaseline: number; bothSolved: number; medianMsLearnedBoth: number | null; medianMsBaselineBoth: number | null; speedup: number | null; medianEvalsLearnedBoth: number | null; medianEvalsBaselineBoth: number | null; evalSpeedup: number | null; medianCpuMsLearnedBoth: number | null; medianCpuMsBaselineBoth: number | null; cpuSpeedup: number | null }
function compare(a: Attempt[], b: Attempt[], ok: (x: Attempt) => boolean): Comparison {
  const both = a.map((x, i) => [x, b[i]!] as const).filter(([x, y]) => ok(x) && ok(y));
  const ma = both.length ? median(both.map(([x]) => x.ms)) : null, mb = both.length ? median(both.map(([, y]) => y.ms)) : null;
  const ea = both.length ? median(both.map(([x]) => x.evals)) : null, eb = both.length ? median(both.map(([, y]) => y.evals)) : null;
  // CPU time of the search thread's process: less disturbed than wall time by other jobs on a shared machine
  const ca = both.length ? median(both.map(([x]) => x.cpuMs)) : null, cb = both.length ? median(both.map(([, y]) => y.cpuMs)) : null;
  return {
    tasks: a.length, solvedLearned: a.filter(ok).length, solvedBaseline: b.filter(ok).length, bothSolved: both.length,
    medianMsLearnedBoth: ma, medianMsBaselineBoth: mb, speedup: ma !== null && mb !== null ? mb / Math.max(1, ma) : null,
    medianEvalsLearnedBoth: ea, medianEvalsBaselineBoth: eb, evalSpeedup: ea !== null && eb !== null ? eb / Math.max(1, ea) : null,
    medianCpuMsLearnedBoth: ca, medianCpuMsBaselineBoth: cb, cpuSpeedup: ca !== null && cb !== null ? cb / Math.max(0.1, ca) : null,
  };
}
const fewShotOk = (x: Attempt) => x.solved && (!x.heldOut || x.heldOut.correct === x.heldOut.total);

async function learnOn(name: string, train: Task[], its: number) {
  const dir = mkdtempSync(join(tmpdir(), `arbor-bench-learn-${name}-`));
  const store = await openStore(join(dir, 'library.db'));
  const t0 = performance.now();
  const r = await learn({
    store, tasks: train, iterations: its, budget, clock, engine, seed, epochs, search: wakeAll ? 'all' : 'unsolved',
    time: () => new Date().toISOString(), ...(fantasies ? { fantasies: Number(fantasies) } : {}),
    onPhase: (e) => { if (e.status === 'done') console.error(`[${name}] iteration ${e.iteration} ${e.phase}: ${e.detail}`); },
  });
  const learnMs = performance.now() - t0;
  const lib = [...r.library.entries.values()].filter((e) => e.kind === 'abstraction').map((e) => ({ name: e.name, type: e.type, body: e.body!, weight: e.weight }));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { report: r, learnMs, lib };
}

/** A SyGuS string task on str values as a DreamCoder-style text task on list(char) (null when it has ints). */
function asText(t: Task): Task | null {
  const { args, ret } = splitArrow(t.type);
  const isStr = (x: Type) => x.kind === 'tcon' && x.name === 'str';
  if (!args.length || !args.every(isStr) || !isStr(ret)) return null;
  const chars = (s: unknown) => [...(s as string)];
  const ex = (e: Task['train'][number]) => ({ inputs: e.inputs.map(chars), output: chars(e.output) });
  const constants = (t.constants ?? []).filter((c) => isStr(c.type)).map((c) => ({ value: chars(c.value), type: tlist(tchar) }));
  return { name: `sygus/${t.name}`, type: arrow(...args.map(() => tlist(tchar)), tlist(tchar)), train: t.train.map(ex), test: t.test.map(ex), constants };
}

const results: Record<string, unknown> = {};
const run = {
  date: new Date().toISOString(), command: `node --import tsx bench/learn.ts ${process.argv.slice(2).join(' ')}`,
  settings: { wake: wakeAll ? 'all' : 'unsolved', timeout, maxEvals: maxEvals ?? null, iterations, limit: Number.isFinite(limit) ? limit : null, textLimit: Number.isFinite(textLimit) ? textLimit : null, textIterations, epochs, seed, engines: engineNames, clock: clockName, cpus: (await import('node:os')).cpus().length },
};
const out = arg('out', '') || fileURLToPath(new URL('./results/learn.json', import.meta.url));
/** Merges into the existing file, so suites run separately (or at once) keep each other's rows. */
const save = () => {
  const old = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(out, JSON.stringify({ ...old, ...results }, null, 1) + '\n');
};

if (suites.includes('lists')) {
  const all = load('lists/dreamcoder_list_tasks.json');
  const order = shuffled(all, seed);
  const half = Math.ceil(order.length / 2);
  const train = order.slice(0, half).slice(0, limit), test = order.slice(half).slice(0, limit);
  console.error(`lists: ${all.length} tasks, training on ${train.length}, testing on ${test.length}, ${timeout} s per task`);
  if (baselineOnly) {
    // the no-library conditions alone (they do not depend on learning), e.g. in a second process beside a full run
    const row: Record<string, unknown> = { run, testTasks: test.length, attempts: {} };
    const attempts = row.attempts as Record<string, Attempt[]>;
    attempts.baseline = solveAll(test, null, false);
    results['lists-baseline'] = row; save();
    attempts.fewShotBaseline = solveAll(test, null, true);
    results['lists-baseline'] = row; save();
    console.error(`lists baseline: ${attempts.baseline.filter((x) => x.solved).length}, few-shot ${attempts.fewShotBaseline.filter(fewShotOk).length}`);
    process.exit(0);
  }
  const { report, learnMs, lib } = await learnOn('lists', train, iterations);
  console.log(`\nlists: learning curves (training half, ${train.length} tasks)\n${curveTable(report.curves)}`);
  const key = wakeAll ? 'lists-all' : 'lists';
  const row: Record<string, unknown> = { run, trainTasks: train.length, testTasks: test.length, learnMs: Math.round(learnMs), curves: report.curves, library: lib, attempts: {} };
  const attempts = row.attempts as Record<string, Attempt[]>;
  /** Saved after each condition, so a run cut short keeps what it measured. */
  const part = (name: string, a: Attempt[]) => { attempts[name] = a; results[key] = { ...row }; save(); return a; };
  results[key] = row; save();
  const learned = report.learned;
  const withLib = part('learned', solveAll(test, learned, false)), base = part('baseline', solveAll(test, null, false));
  const cmp = compare(withLib, base, (x) => x.solved);
  row.test = cmp;
  console.log(`lists test half (${test.length}): learned ${cmp.solvedLearned}, baseline ${cmp.solvedBaseline}; on ${cmp.bothSolved} solved by both: median CPU ms ${cmp.medianCpuMsLearnedBoth} vs ${cmp.medianCpuMsBaselineBoth} (${cmp.cpuSpeedup?.toFixed(2)}x); median evaluations ${cmp.medianEvalsLearnedBoth} vs ${cmp.medianEvalsBaselineBoth} (${cmp.evalSpeedup?.toFixed(2)}x); median wall ms ${cmp.medianMsLearnedBoth} vs ${cmp.medianMsBaselineBoth}`);
  // ablation: the same library without the recognition model (library weights alone)
  const libOnly = part('libraryOnly', solveAll(test, { ...learned, prior: null }, false));
  const ablation = compare(libOnly, base, (x) => x.solved);
  row.libraryOnly = ablation;
  console.log(`lists test half, library without the recognition model: ${ablation.solvedLearned}; on ${ablation.bothSolved} solved by both: median CPU ms ${ablation.medianCpuMsLearnedBoth} vs ${ablation.medianCpuMsBaselineBoth} (${ablation.cpuSpeedup?.toFixed(2)}x); median evaluations ${ablation.medianEvalsLearnedBoth} vs ${ablation.medianEvalsBaselineBoth} (${ablation.evalSpeedup?.toFixed(2)}x)`);
  const fsLib = part('fewShotLearned', solveAll(test, learned, true)), fsBase = part('fewShotBaseline', solveAll(test, null, true));
  const fs = compare(fsLib, fsBase, fewShotOk);
  row.fewShot = fs;
  console.log(`lists few-shot (2 examples, held-out all correct): learned ${fs.solvedLearned}, baseline ${fs.solvedBaseline}; median CPU ms on ${fs.bothSolved} solved by both ${fs.medianCpuMsLearnedBoth} vs ${fs.medianCpuMsBaselineBoth}`);
  results[key] = { ...row };
  report.model?.dispose();
  save();
}

if (suites.includes('text')) {
  const text = load('lists/dreamcoder_text_train_tasks.json');
  const sygus = shuffled(load('sygus-pbe/train').map(asText).filter((t): t is Task => t !== null), seed);
  const half = Math.ceil(sygus.length / 2);
  const train = [...text.slice(0, textLimit), ...sygus.slice(0, half).slice(0, Number.isFinite(textLimit) ? Math.ceil(textLimit / 2) : Infinity)];
  const test = sygus.slice(half).slice(0, Number.isFinite(textLimit) ? Math.ceil(textLimit / 2) : Infinity);
  console.error(`text: training on ${train.length} (${Math.min(text.length, textLimit)} DreamCoder text + SyGuS half), testing on ${test.length} held-out SyGuS string problems`);
  const { report, learnMs, lib } = await learnOn('text', train, textIterations);
  console.log(`\ntext: learning curves\n${curveTable(report.curves)}`);
  const base = solveAll(test, null, false), withLib = solveAll(test, report.learned, false);
  const cmp = compare(withLib, base, (x) => x.solved);
  console.log(`text held-out (${test.length} SyGuS problems as list(char)): learned ${cmp.solvedLearned}, baseline ${cmp.solvedBaseline}; median ms on ${cmp.bothSolved} solved by both: ${cmp.medianMsLearnedBoth} vs ${cmp.medianMsBaselineBoth}; median evaluations ${cmp.medianEvalsLearnedBoth} vs ${cmp.medianEvalsBaselineBoth}`);
  results[wakeAll ? 'text-all' : 'text'] = { run, trainTasks: train.length, testTasks: test.length, learnMs: Math.round(learnMs), curves: report.curves, library: lib, test: cmp, attempts: { learned: withLib, baseline: base } };
  report.model?.dispose();
  save();
}
console.error(`wrote ${out}`);
