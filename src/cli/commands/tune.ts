/**
 * `arbor tune SPEC [--resume] [--json] [--jobs N] [--trials N] [--library L]`: runs a hyperparameter study from a
 * JSON or TypeScript spec; trials persist in the library, so `--resume` continues a killed study. Progress bar on
 * stderr, a results table (or one JSON object) on stdout; several objectives add their Pareto front.
 */
import { writeFileSync } from 'node:fs';
import { UsageError, type Command } from '../command.ts';
import { inProcessEvaluator, loadSpec, workerEvaluator } from '../tune-worker.ts';
import { paretoFront } from '../../automl/pareto.ts';
import { runStudy } from '../../automl/parallel.ts';
import { scalarizer } from '../../automl/objectives.ts';
import { prunerOf, samplerOf, signatureOf, SpecError, type TuneSpec } from '../../automl/spec.ts';
import { openTrialStore } from '../../automl/study-store.ts';
import { createStudy, type Trial } from '../../optimize/hpo/index.ts';
import { librarySpec, openStore } from '../../store/open.ts';
import { systemClock } from '../../util/clock.ts';

const USAGE = `usage: arbor tune SPEC [--resume] [--json] [--jobs N] [--trials N] [--library L]

Tunes hyperparameters: SPEC is a .json file naming a built-in objective (branin, sphere, rosenbrock) or a .ts file
exporting (as default) {name?, space, objective, direction?, objectives?, budget: {trials, jobs?, timeoutS?},
sampler?, pruner?, seed?, library?, output?, toJson?}. Trials are kept in the library under the study's name;
with output, the best parameters (through toJson when given) are written there as JSON.

  --resume      continue the study stored under the spec's name (completed trials are kept, not re-run)
  --json        print one JSON object with the results instead of the table
  --jobs N      trials evaluated in parallel worker threads (overrides budget.jobs)
  --trials N    total trials (overrides budget.trials)
  --library L   where trials persist (SQLite path or postgres:// URL; default: spec.library, $ARBOR_LIBRARY or ${'./.arbor/library.db'})`;

interface Flags { resume: boolean; json: boolean; jobs: number | null; trials: number | null; library: string | null; path: string | null }

function parseFlags(argv: readonly string[]): Flags {
  const f: Flags = { resume: false, json: false, jobs: null, trials: null, library: null, path: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      if (f.path !== null) throw new UsageError(`one SPEC only, got '${f.path}' and '${a}'`);
      f.path = a;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (name === 'resume') { f.resume = true; continue; }
    if (name === 'json') { f.json = true; continue; }
    if (!['jobs', 'trials', 'library'].includes(name)) throw new UsageError(`unknown option '--${name}' (see arbor tune --help)`);
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    if (name === 'library') { f.library = value; continue; }
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, got '${value}'`);
    if (name === 'jobs') f.jobs = n; else f.trials = n;
  }
  if (f.path === null) throw new UsageError('missing SPEC (a .json or .ts tuning spec)');
  return f;
}

const fmt = (x: number | undefined): string => (x === undefined ? '-' : Number.isInteger(x) ? String(x) : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(4) : x.toPrecision(6));
const fmtParam = (v: unknown): string => (typeof v === 'number' ? fmt(v) : String(v));

/** A one-line bar on stderr: trials done, best value, pruned count. */
function bar(total: number, enabled: boolean) {
  let last = '';
  return {
    update(done: number, best: number | undefined, pruned: number) {
      if (!enabled) return;
      const w = 24, filled = Math.min(w, Math.round((done / Math.max(1, total)) * w));
      const line = `[${'#'.repeat(filled)}${'.'.repeat(w - filled)}] ${done}/${total} best ${fmt(best)}${pruned ? `  pruned ${pruned}` : ''}`;
      process.stderr.write(`\r${line.padEnd(last.length)}`);
      last = line;
    },
    finish() { if (enabled && last) process.stderr.write(`\r${' '.repeat(last.length)}\r`); last = ''; },
  };
}

/** The results of a finished (or stopped) study, as `--json` prints them. */
export interface TuneResult {
  readonly study: string;
  readonly library: string;
  readonly trials: number;
  readonly complete: number;
  readonly pruned: number;
  readonly failed: number;
  readonly resumed: number;
  readonly ran: number;
  readonly stopReason: string;
  readonly seconds: number;
  readonly best: { readonly number: number; readonly value: number; readonly params: Trial['params'] } | null;
  readonly pareto?: readonly { readonly number: number; readonly values: readonly number[]; readonly params: Trial['params'] }[];
  readonly objectives?: readonly string[];
}

function table(r: TuneResult): string {
  const out = [
    `study      ${r.study} (library ${r.library})`,
    `trials     ${r.trials} (${r.complete} complete, ${r.pruned} pruned, ${r.failed} failed; ${r.resumed} resumed, ${r.ran} run now)`,
    `stopped    ${r.stopReason} after ${r.seconds.toFixed(1)} s`,
  ];
  if (r.best) {
    out.push(`best value ${fmt(r.best.value)} (trial ${r.best.number})`, 'best params');
    const width = Math.max(...Object.keys(r.best.params).map((k) => k.length));
    for (const [k, v] of Object.entries(r.best.params)) out.push(`  ${k.padEnd(width)}  ${fmtParam(v)}`);
  } else out.push('best value - (no trial completed)');
  if (r.pareto && r.objectives) {
    out.push(`Pareto front (${r.pareto.length} trials)`);
    const widths = r.objectives.map((o) => Math.max(o.length, 10));
    out.push(`  trial  ${r.objectives.map((o, i) => o.padEnd(widths[i]!)).join('  ')}  parameters`);
    for (const p of r.pareto) {
      out.push(`  ${String(p.number).padEnd(5)}  ${p.values.map((v, i) => fmt(v).padEnd(widths[i]!)).join('  ')}  ` +
        Object.entries(p.params).map(([k, v]) => `${k}=${fmtParam(v)}`).join(' '));
    }
  }
  return out.join('\n');
}

async function tune(spec: TuneSpec, f: Flags, specPath: string): Promise<TuneResult> {
  const lib = librarySpec(f.library ?? spec.library ?? undefined);
  let store;
  try { store = await openStore(lib); } catch (e) { throw new UsageError(`--library ${lib}: ${(e as Error).message}`); }
  const workers = (f.jobs ?? spec.budget.jobs) > 1 ? workerEvaluator(specPath, f.jobs ?? spec.budget.jobs) : null;
  try {
    const ts = await openTrialStore(store, spec.name);
    const signature = signatureOf(spec);
    const existing = ts.load().length + ts.interrupted.length;
    if (existing > 0 && !f.resume) {
      throw new UsageError(`study '${spec.name}' in ${store.location} already has ${existing} trials: add --resume to continue it, or name the spec differently`);
    }
    const meta = ts.meta();
    if (meta && meta.signature !== signature) {
      throw new UsageError(`study '${spec.name}' in ${store.location} was run with a different space, objective or sampler: name the spec differently`);
    }
    if (!meta) ts.setMeta({ name: spec.name, signature, createdBy: 'arbor tune' });
    const study = createStudy(spec.space, {
      sampler: samplerOf(spec.sampler, spec.seed), seed: spec.seed, store: ts,
      direction: spec.objectives ? 'minimize' : spec.direction,
      ...(prunerOf(spec.pruner) ? { pruner: prunerOf(spec.pruner)! } : {}),
    });
    const resumed = study.trials().length;
    const nTrials = f.trials ?? spec.budget.trials;
    const progress = bar(nTrials, !f.json && (process.stderr.isTTY || !!process.env.ARBOR_PROGRESS));
    const t0 = systemClock.now();
    let pruned = study.trials().filter((t) => t.state === 'pruned').length, done = resumed;
    progress.update(done, study.best()?.value, pruned);
    const report = await runStudy({
      study, nTrials, jobs: f.jobs ?? spec.budget.jobs, clock: systemClock,
      ...(spec.budget.timeoutS !== null ? { timeoutMs: spec.budget.timeoutS * 1000 } : {}),
      evaluate: workers ? workers.evaluate : inProcessEvaluator(spec),
      ...(spec.objectives ? { scalarize: scalarizer(spec.objectives) } : {}),
      async onTrial(t, best, values) {
        if (values) ts.setValues(t.number, values);
        await ts.flush(); // a finished trial is committed before the next one can be lost to a kill
        done++;
        if (t.state === 'pruned') pruned++;
        progress.update(done, best?.value, pruned);
      },
    });
    progress.finish();
    await ts.flush();
    const trials = report.trials;
    const count = (s: Trial['state']) => trials.filter((t) => t.state === s).length;
    const best = report.best;
    const result: TuneResult = {
      study: spec.name, library: store.location, trials: trials.length, complete: count('complete'), pruned: count('pruned'),
      failed: count('failed'), resumed, ran: trials.length - resumed, stopReason: report.stopReason,
      seconds: (systemClock.now() - t0) / 1000,
      best: best ? { number: best.number, value: best.value as number, params: best.params } : null,
    };
    if (!spec.objectives) return result;
    const withValues = trials.filter((t) => t.state === 'complete' && ts.values(t.number));
    const front = paretoFront(withValues.map((t) => ts.values(t.number)!), spec.objectives.map((o) => o.direction));
    return {
      ...result, objectives: spec.objectives.map((o) => o.name),
      pareto: front.map((i) => withValues[i]!).map((t) => ({ number: t.number, values: ts.values(t.number)!, params: t.params })),
    };
  } finally {
    await workers?.close();
    await store.close();
  }
}

export const command: Command = {
  name: 'tune',
  summary: 'tune hyperparameters from a spec (JSON or TypeScript); trials persist, --resume continues',
  usage: USAGE,
  async run(argv) {
    const f = parseFlags(argv);
    let spec: TuneSpec;
    try { spec = await loadSpec(f.path!); } catch (e) {
      if (e instanceof SpecError) throw new UsageError(e.message);
      throw e;
    }
    const r = await tune(spec, f, f.path!);
    if (spec.output && r.best) {
      writeFileSync(spec.output, `${JSON.stringify(spec.toJson ? spec.toJson(r.best.params) : r.best.params, null, 2)}\n`);
    }
    process.stdout.write(f.json ? `${JSON.stringify(r)}\n` : `${table(r)}${spec.output && r.best ? `\nwrote      ${spec.output}` : ''}\n`);
    return 0;
  },
};
