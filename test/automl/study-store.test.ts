// Trials persist in the library store's records: a study reopened from the store continues where it stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import { openTrialStore, studyNamespace } from '../../src/automl/study-store.ts';
import { runStudy } from '../../src/automl/parallel.ts';
import { createStudy, tpeSampler, uniform, type Trial } from '../../src/optimize/hpo/index.ts';
import { BUILTIN_OBJECTIVES } from '../../src/automl/objectives.ts';

const dir = mkdtempSync(join(tmpdir(), 'arbor-study-store-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const space = { x: uniform(-5, 10), y: uniform(0, 15) };
const branin = BUILTIN_OBJECTIVES.branin!;

test('trials round-trip through records (NaN and Infinity included), one namespace per study', async () => {
  const store = await openStore(join(dir, 'a.db'));
  const ts = await openTrialStore(store, 'rt');
  const trials: Trial[] = [
    { number: 0, params: { x: 1, c: 'a', b: true }, state: 'complete', value: 2.5, intermediate: [[1, 3], [2, Infinity]] },
    { number: 1, params: { x: 2 }, state: 'complete', value: NaN, intermediate: [] },
    { number: 2, params: { x: 3 }, state: 'failed', intermediate: [], error: 'boom' },
  ];
  trials.forEach((t) => ts.save(t));
  ts.setValues(0, [1, -Infinity]);
  ts.setMeta({ name: 'rt', signature: 's' });
  await ts.flush();
  const again = await openTrialStore(store, 'rt');
  assert.deepEqual(again.load(), trials);
  assert.deepEqual(again.values(0), [1, -Infinity]);
  assert.equal(again.meta()?.signature, 's');
  assert.equal((await openTrialStore(store, 'other')).load().length, 0);
  assert.equal((await store.listRecords(studyNamespace('rt'))).length, 4);
  await store.close();
});

test('a study stopped after 12 trials and reopened runs only the remaining ones, to the same trials as an uninterrupted run', async () => {
  const store = await openStore(join(dir, 'b.db'));
  const calls: number[] = [];
  const evaluate = async (a: { number: number; params: Record<string, unknown> }) => { calls.push(a.number); return { kind: 'value' as const, value: branin(a.params as never) }; };
  const run = async (name: string, nTrials: number) => {
    const ts = await openTrialStore(store, name);
    const study = createStudy(space, { sampler: tpeSampler(), seed: 3, store: ts });
    const r = await runStudy({ study, nTrials, evaluate, onTrial: () => ts.flush() });
    await ts.flush();
    return r;
  };
  await run('resumed', 12);
  const second = await run('resumed', 30);
  assert.equal(second.trials.length, 30);
  assert.deepEqual(calls, [...Array(30).keys()], 'each trial evaluated once');
  calls.length = 0;
  const straight = await run('straight', 30);
  assert.deepEqual(second.trials.map((t) => t.params), straight.trials.map((t) => t.params));
  await store.close();
});

test('a trial left running by a killed process is dropped and run again', async () => {
  const store = await openStore(join(dir, 'c.db'));
  const ts = await openTrialStore(store, 'k');
  ts.save({ number: 0, params: { x: 1, y: 1 }, state: 'complete', value: 1, intermediate: [] });
  ts.save({ number: 1, params: { x: 2, y: 2 }, state: 'running', intermediate: [] });
  await ts.flush();
  const again = await openTrialStore(store, 'k');
  assert.deepEqual(again.interrupted, [1]);
  assert.deepEqual(again.load().map((t) => t.number), [0]);
  await store.close();
});

test('a trial left running while a later one finished (trials in parallel) is asked again under its own number', async () => {
  const store = await openStore(join(dir, 'd.db'));
  const ts = await openTrialStore(store, 'gap');
  ts.save({ number: 0, params: { x: 1, y: 1 }, state: 'complete', value: 1, intermediate: [] });
  ts.save({ number: 1, params: { x: 2, y: 2 }, state: 'running', intermediate: [] });
  ts.save({ number: 2, params: { x: 3, y: 3 }, state: 'complete', value: 3, intermediate: [] });
  await ts.flush();
  const again = await openTrialStore(store, 'gap');
  assert.deepEqual(again.interrupted, [1]);
  const study = createStudy(space, { store: again, seed: 1 });
  assert.deepEqual([study.ask().number, study.ask().number], [1, 3]);
  await again.flush();
  await store.close();
});

test('bad rows read back name the record', async () => {
  const store = await openStore(join(dir, 'd.db'));
  await store.putRecord(studyNamespace('bad'), 'trial/00000000', { number: 0, params: {}, state: 'weird', intermediate: [] });
  await assert.rejects(openTrialStore(store, 'bad'), /record hpo\/bad\/trial\/00000000: state/);
  await assert.rejects(openTrialStore(store, 'no/slash'), /study name/);
  await store.close();
});

test('runStudy keeps up to `jobs` trials in flight and stops at nTrials', async () => {
  const study = createStudy(space, { seed: 1 });
  let inFlight = 0, most = 0;
  const r = await runStudy({
    study, nTrials: 20, jobs: 4,
    evaluate: async (a) => {
      inFlight++; most = Math.max(most, inFlight);
      await new Promise((res) => setTimeout(res, 2));
      inFlight--;
      return { kind: 'value', value: branin(a.params) };
    },
  });
  assert.equal(r.trials.length, 20);
  assert.equal(most, 4);
  assert.equal(r.stopReason, 'evalLimit');
});

test('runStudy stops asking at the time limit (manual clock); onTrial false aborts', async () => {
  const { manualClock } = await import('../../src/util/clock.ts');
  const clock = manualClock();
  const r = await runStudy({
    study: createStudy(space, { seed: 1 }), nTrials: 100, clock, timeoutMs: 50,
    evaluate: async (a) => { clock.advance(10); return { kind: 'value', value: branin(a.params) }; },
  });
  assert.equal(r.stopReason, 'timeLimit');
  assert.equal(r.trials.length, 5);
  const s = await runStudy({
    study: createStudy(space, { seed: 1 }), nTrials: 100,
    evaluate: async () => ({ kind: 'value', value: 1 }), onTrial: (t) => t.number < 2,
  });
  assert.equal(s.stopReason, 'aborted');
  assert.equal(s.trials.length, 3);
});

test('runObjective classifies values, vectors, pruning and failures; scalarizer signs by direction', async () => {
  const { runObjective } = await import('../../src/automl/parallel.ts');
  const { scalarizer } = await import('../../src/automl/objectives.ts');
  const { TrialPruned } = await import('../../src/optimize/hpo/index.ts');
  const asked = { number: 0, params: { x: 1 } };
  const no = () => false;
  assert.deepEqual(await runObjective(() => 2, asked, no), { kind: 'value', value: 2 });
  assert.deepEqual(await runObjective(async () => [1, 2], asked, no, 2), { kind: 'values', values: [1, 2] });
  assert.equal((await runObjective(() => [1, 2, 3], asked, no, 2)).kind, 'failed');
  assert.equal((await runObjective(() => 1, asked, no, 2)).kind, 'failed');
  assert.deepEqual(await runObjective(() => { throw new TrialPruned(); }, asked, no), { kind: 'pruned' });
  assert.deepEqual(await runObjective(() => { throw new Error('boom'); }, asked, no), { kind: 'failed', error: 'boom' });
  const s = scalarizer([{ name: 'acc', direction: 'maximize' }, { name: 'size', direction: 'minimize', weight: 0.5 }]);
  assert.equal(s([0.9, 10]), -0.9 + 5);
});
