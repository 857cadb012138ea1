// Self-tuning: every point of the knob space is a valid SolveConfig; configs round-trip through files with
// field-naming errors; a short study over two easy list tasks scores configurations by solved count minus time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromParams, scoreConfig, selfTuneObjective, selfTuneSpace } from '../../src/automl/self-tune.ts';
import { DEFAULT_SOLVE_CONFIG, parseSolveConfig, solveWithConfig, SolveConfigError } from '../../src/automl/solve-config.ts';
import { loadSolveConfig, saveSolveConfig } from '../../src/api/solve-config.ts';
import { runObjective, runStudy } from '../../src/automl/parallel.ts';
import { createStudy, randomSampler } from '../../src/optimize/hpo/index.ts';
import { sampleSpace } from '../../src/optimize/hpo/space.ts';
import { parseType } from '../../src/lang/type.ts';
import type { Task } from '../../src/task/task.ts';
import { systemClock } from '../../src/util/clock.ts';
import { rng } from '../../src/util/rng.ts';

const dir = mkdtempSync(join(tmpdir(), 'arbor-self-tune-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const listTask = (name: string, f: (xs: number[]) => number[]): Task => {
  const ins = [[1, 2, 3], [5, 0], [4, 4, 7, 1], [9]];
  return { name, type: parseType('list(int) -> list(int)'), train: ins.map((x) => ({ inputs: [x], output: f(x) })), test: [] };
};
const tasks = [listTask('reverse', (x) => [...x].reverse()), listTask('drop-1', (x) => x.slice(1))];

test('every point of the self-tuning space is a valid solve configuration (JSON round trip)', () => {
  const r = rng(7), space = selfTuneSpace();
  for (let i = 0; i < 200; i++) {
    const c = configFromParams(sampleSpace(space, r));
    assert.deepEqual(parseSolveConfig(JSON.parse(JSON.stringify(c)), 'x'), c);
    if (c.shares) assert.ok(Math.abs(c.shares.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  }
  assert.deepEqual(configFromParams({ engines: 'bottomup', 'bottomup.maxCost': 30 }),
    { version: 1, engines: ['bottomup'], engineOptions: { bottomup: { maxCost: 30 } } });
});

test('solve configurations: file round trip; errors name the file and field', () => {
  const p = join(dir, 'c.json');
  const c = { version: 1 as const, engines: ['topdown', 'bottomup'], shares: [0.7, 0.3], engineOptions: { topdown: { step: 2 } } };
  saveSolveConfig(p, c);
  assert.deepEqual(loadSolveConfig(p), c);
  const bad: [unknown, RegExp][] = [
    [{ ...c, engines: ['quantum'] }, /c\.json: engines\.0: /],
    [{ ...c, shares: [1] }, /c\.json: shares: 1 shares for 2 engines/],
    [{ ...c, engineOptions: { topdown: { stpe: 2 } } }, /c\.json: engineOptions\.topdown: unknown field 'stpe'/],
    [{ ...c, version: 2 }, /c\.json: version: /],
  ];
  for (const [raw, re] of bad) {
    writeFileSync(p, JSON.stringify(raw));
    assert.throws(() => loadSolveConfig(p), (e: Error) => e instanceof SolveConfigError && re.test(e.message));
  }
  assert.throws(() => loadSolveConfig(join(dir, 'none.json')), /none\.json: no such file/);
});

test('solveWithConfig solves an easy task with the default mix and with one engine', async () => {
  const a = await solveWithConfig(tasks[0]!, DEFAULT_SOLVE_CONFIG, { timeoutMs: 2000, clock: systemClock });
  assert.ok(a.program, 'default config solves reverse');
  const b = await solveWithConfig(tasks[0]!, { version: 1, engines: ['bottomup'], engineOptions: { bottomup: { maxCost: 20 } } }, { timeoutMs: 2000, clock: systemClock });
  assert.deepEqual(Object.keys(b.stats.perEngine), ['bottomup'], 'only the configured engine ran');
});

test('a short self-tuning study scores configurations as solved minus time and keeps the best', async () => {
  const scores: number[] = [];
  const objective = selfTuneObjective({ tasks, timeoutMs: 300, clock: systemClock, timePenalty: 0.05, onScore: (s) => scores.push(s.solved) });
  const study = createStudy(selfTuneSpace(), { sampler: randomSampler(), seed: 2, direction: 'maximize' });
  const r = await runStudy({ study, nTrials: 3, evaluate: (a, rep) => runObjective(objective, a, rep) });
  assert.equal(r.trials.length, 3);
  assert.equal(r.stats.failed, 0);
  for (const t of r.trials) assert.ok((t.value as number) <= 2 && (t.value as number) > -1);
  assert.equal(r.best!.value, Math.max(...r.trials.map((t) => t.value as number)));
  const s = await scoreConfig(configFromParams(r.best!.params), { tasks, timeoutMs: 300, clock: systemClock });
  assert.ok(s.solved >= 0 && s.solved <= 2);
});
