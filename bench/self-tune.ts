/**
 * Arbor tunes itself (issue 7): TPE over `arbor solve`'s knobs (engine mix and order, per-engine time shares,
 * top-down cost window and constant prior, bottom-up size limit, example subset, lambdas) on a fixed subset of
 * DreamCoder list tasks, maximizing solved − 0.05·seconds; then the default and the tuned configuration on a
 * held-out subset of the same set. Writes the tuned configuration to examples/tune/solve-config.tuned.json.
 *   node --import tsx bench/self-tune.ts [--trials 12] [--timeout 1] [--every 12]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readTasks } from '../src/api/read-tasks.ts';
import { saveSolveConfig } from '../src/api/solve-config.ts';
import { runObjective, runStudy } from '../src/automl/parallel.ts';
import { configFromParams, scoreConfig, selfTuneObjective, selfTuneSpace, type SelfTuneScore } from '../src/automl/self-tune.ts';
import { DEFAULT_SOLVE_CONFIG } from '../src/automl/solve-config.ts';
import { createStudy, tpeSampler } from '../src/optimize/hpo/index.ts';
import type { Task } from '../src/task/task.ts';
import { systemClock } from '../src/util/clock.ts';

const { values } = parseArgs({ options: {
  trials: { type: 'string', default: '12' }, timeout: { type: 'string', default: '1' }, every: { type: 'string', default: '12' },
} });
const data = process.env.ARBOR_DATA ?? new URL('../../shared/data/', import.meta.url).pathname;
const all = readTasks([`${data}/lists/dreamcoder_list_tasks.json`]).flatMap((t) => (t.kind === 'arc' ? [] : [t.task as Task]));
const every = Number(values.every), half = Math.floor(every / 2);
const tuneSet = all.filter((_, i) => i % every === 0), heldOut = all.filter((_, i) => i % every === half);
const timeoutMs = Number(values.timeout) * 1000, trials = Number(values.trials), timePenalty = 0.05;
const common = { timeoutMs, clock: systemClock, timePenalty };
console.log(`self-tuning on ${tuneSet.length} DreamCoder list tasks (every ${every}th), held out ${heldOut.length}; ${values.timeout} s per task, ${trials} trials`);

const show = (label: string, s: SelfTuneScore, n: number) =>
  console.log(`${label.padEnd(28)} solved ${String(s.solved).padStart(2)}/${n}  ${s.seconds.toFixed(1).padStart(5)} s  value ${s.value.toFixed(2)}`);
const baseTune = await scoreConfig(DEFAULT_SOLVE_CONFIG, { ...common, tasks: tuneSet });
show('default, tuning set', baseTune, tuneSet.length);

const study = createStudy(selfTuneSpace(), { sampler: tpeSampler({ nStartupTrials: 5 }), seed: 1, direction: 'maximize' });
const scores: SelfTuneScore[] = [];
const objective = selfTuneObjective({ ...common, tasks: tuneSet, onScore: (s) => scores.push(s) });
const t0 = systemClock.now();
const r = await runStudy({
  study, nTrials: trials, evaluate: (a, report) => runObjective(objective, a, report),
  onTrial: (t) => show(`trial ${t.number}`, scores[scores.length - 1]!, tuneSet.length),
});
const tuneSeconds = (systemClock.now() - t0) / 1000;
const best = configFromParams(r.best!.params);
const tuned = { ...best, tuned: { study: 'self-tune', trials, value: r.best!.value as number, tasks: tuneSet.length } };
console.log(`best: ${JSON.stringify(r.best!.params)}`);

const baseHeld = await scoreConfig(DEFAULT_SOLVE_CONFIG, { ...common, tasks: heldOut });
const tunedHeld = await scoreConfig(tuned, { ...common, tasks: heldOut });
show('default, held out', baseHeld, heldOut.length);
show('tuned, held out', tunedHeld, heldOut.length);

saveSolveConfig(new URL('../examples/tune/solve-config.tuned.json', import.meta.url).pathname, tuned);
mkdirSync(new URL('results/', import.meta.url), { recursive: true });
const row = (s: SelfTuneScore, n: number) => ({ solved: s.solved, of: n, seconds: s.seconds, value: s.value, solvedNames: s.solvedNames });
writeFileSync(new URL('results/self-tune.json', import.meta.url), JSON.stringify({
  tasks: { tune: tuneSet.length, heldOut: heldOut.length, every, source: 'lists/dreamcoder_list_tasks.json' },
  timeoutS: Number(values.timeout), trials, timePenalty, tuneSeconds,
  default: { tune: row(baseTune, tuneSet.length), heldOut: row(baseHeld, heldOut.length) },
  tuned: { config: tuned, tune: row(scores.find((s) => s.value === r.best!.value) ?? scores[0]!, tuneSet.length), heldOut: row(tunedHeld, heldOut.length) },
  trialsLog: scores.map((s, i) => ({ trial: i, solved: s.solved, seconds: s.seconds, value: s.value, config: s.config })),
}, null, 1) + '\n');
