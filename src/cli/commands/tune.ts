/**
 * `arbor tune SPEC [--resume] [--json] [--jobs N] [--trials N] [--library L]`: runs a hyperparameter study from a
 * JSON or TypeScript spec; trials persist in the library, so `--resume` continues a killed study. Progress bar on
 * stderr, a results table (or one JSON object) on stdout; several objectives add their Pareto front.
 */
import { writeFileSync } from 'node:fs';
import { asUsage, UsageError } from '../command.ts';
import { defineCommand, type CommandLine } from '../flags.ts';
import { openLibraryFlag } from '../library-flag.ts';
import { statusBar } from '../progress.ts';
import { inProcessEvaluator, loadSpec, workerEvaluator } from '../tune-worker.ts';
import { paretoFront } from '../../automl/pareto.ts';
import { runStudy } from '../../automl/parallel.ts';
import { scalarizer } from '../../automl/objectives.ts';
import { prunerOf, samplerOf, signatureOf, SpecError, type TuneSpec } from '../../automl/spec.ts';
import { openTrialStore } from '../../automl/study-store.ts';
import { createStudy, type Trial } from '../../optimize/hpo/index.ts';
import { DEFAULT_LIBRARY } from '../../store/open.ts';
import { systemClock } from '../../util/clock.ts';

const cli = {
  name: 'tune',
  summary: 'tune hyperparameters from a spec (JSON or TypeScript); trials persist, --resume continues',
  args: [{ name: 'SPEC', about: 'a .json or .ts tuning spec' }],
  flags: {
    resume: { type: 'boolean', help: "continue the study stored under the spec's name (completed trials are kept, not re-run)" },
    json: { type: 'boolean', help: 'print one JSON object with the results instead of the table' },
    jobs: { type: 'int', meta: 'N', min: 1, help: 'trials evaluated in parallel worker threads (overrides budget.jobs)' },
    trials: { type: 'int', meta: 'N', min: 1, help: 'total trials (overrides budget.trials)' },
    library: { type: 'string', meta: 'L', help: `where trials persist (SQLite path or postgres:// URL; default: spec.library, $ARBOR_LIBRARY or ${DEFAULT_LIBRARY})` },
  },
  about: `Tunes hyperparameters: SPEC is a .json file naming a built-in objective (branin, sphere, rosenbrock) or a .ts file
exporting (as default) {name?, space, objective, direction?, objectives?, budget: {trials, jobs?, timeoutS?},
sampler?, pruner?, seed?, library?, output?, toJson?}. Trials are kept in the library under the study's name;
with output, the best parameters (through toJson when given) are written there as JSON.`,
} as const;

type Flags = CommandLine<typeof cli.flags>['flags'];

const fmt = (x: number | undefined): string => (x === undefined ? '-' : Number.isInteger(x) ? String(x) : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(4) : x.toPrecision(6));
const fmtParam = (v: unknown): string => (typeof v === 'number' ? fmt(v) : String(v));

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
  const store = await openLibraryFlag(f.library ?? spec.library);
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
    const bar = statusBar(process.stderr, nTrials, !f.json && (process.stderr.isTTY || !!process.env.ARBOR_PROGRESS));
    const t0 = systemClock.now();
    let pruned = study.trials().filter((t) => t.state === 'pruned').length, done = resumed;
    const show = (best: number | undefined) => bar.update(done, `best ${fmt(best)}${pruned ? `  pruned ${pruned}` : ''}`);
    show(study.best()?.value);
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
        show(best?.value);
      },
    });
    bar.finish();
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

export const command = defineCommand(cli, async ({ positional: [path], flags: f }) => {
  const spec = await asUsage(SpecError, () => loadSpec(path!));
  const r = await tune(spec, f, path!);
  if (spec.output && r.best) {
    writeFileSync(spec.output, `${JSON.stringify(spec.toJson ? spec.toJson(r.best.params) : r.best.params, null, 2)}\n`);
  }
  process.stdout.write(f.json ? `${JSON.stringify(r)}\n` : `${table(r)}${spec.output && r.best ? `\nwrote      ${spec.output}` : ''}\n`);
  return 0;
});
