// `arbor tune`: a study killed mid-run (SIGKILL) resumes with --resume, keeping its completed trials and running
// only the rest; worker threads with pruning; Pareto fronts; bad specs exit 2 with one line naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import { openTrialStore } from '../../src/automl/study-store.ts';
import { SpecError } from '../../src/automl/spec.ts';
import { loadSpec } from '../../src/cli/tune-worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'arbor-tune-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const arbor = resolve('bin/arbor.js');
const fixture = (name: string) => resolve('test/fixtures/tune', name);
const tune = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [arbor, 'tune', ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, ...env } });

async function completed(db: string, study: string): Promise<number> {
  if (!existsSync(db)) return 0;
  const store = await openStore(db);
  try { return (await openTrialStore(store, study)).load().filter((t) => t.state === 'complete').length; } finally { await store.close(); }
}

test('SIGKILL mid-study, then --resume: completed trials are kept, not re-run, and the study reaches its total', async () => {
  const db = join(dir, 'kill.db'), log = join(dir, 'kill.log');
  const env = { ...process.env, TUNE_LOG: log, TUNE_SLEEP_MS: '60' };
  const child = spawn(process.execPath, [arbor, 'tune', fixture('slow.ts'), '--library', db], { cwd: dir, env, stdio: 'ignore' });
  const exited = new Promise((r) => child.on('exit', r));
  let before = 0;
  for (let i = 0; i < 400 && before < 6; i++) { await new Promise((r) => setTimeout(r, 50)); before = await completed(db, 'slow').catch(() => 0); }
  child.kill('SIGKILL');
  await exited;
  before = await completed(db, 'slow');
  assert.ok(before >= 6 && before < 30, `killed after ${before} trials`);
  const store = await openStore(db);
  const kept = (await openTrialStore(store, 'slow')).load().filter((t) => t.state === 'complete');
  await store.close();

  const r = tune([fixture('slow.ts'), '--library', db, '--resume', '--json'], { TUNE_LOG: log, TUNE_SLEEP_MS: '0' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.trials, 30);
  assert.equal(out.complete, 30);
  assert.equal(out.resumed, before);
  const store2 = await openStore(db);
  const after = (await openTrialStore(store2, 'slow')).load();
  await store2.close();
  for (const t of kept) assert.deepEqual(after.find((a) => a.number === t.number), t, `trial ${t.number} kept as it was`);
  const calls = readFileSync(log, 'utf8').trim().split('\n').map(Number);
  for (const t of kept) assert.equal(calls.filter((n) => n === t.number).length, 1, `trial ${t.number} evaluated once`);
  assert.deepEqual([...new Set(calls)].sort((a, b) => a - b), [...Array(30).keys()]);
});

test('a JSON spec: results table; rerunning without --resume refuses; --resume --trials extends', () => {
  const db = join(dir, 'branin.db');
  const r = tune([resolve('examples/tune/branin.json'), '--library', db, '--trials', '20']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^study {6}branin/m);
  assert.match(r.stdout, /^trials {5}20 \(20 complete/m);
  assert.match(r.stdout, /^best value \d/m);
  assert.match(r.stdout, /^ {2}x {2}-?\d/m);
  const again = tune([resolve('examples/tune/branin.json'), '--library', db]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /already has 20 trials: add --resume/);
  const more = tune([resolve('examples/tune/branin.json'), '--library', db, '--resume', '--trials', '25', '--json']);
  assert.equal(more.status, 0, more.stderr);
  const j = JSON.parse(more.stdout);
  assert.equal(j.trials, 25);
  assert.equal(j.ran, 5);
});

test('spec output: the best parameters are written as JSON when the study ends', () => {
  const spec = JSON.parse(readFileSync('examples/tune/branin.json', 'utf8'));
  writeFileSync(join(dir, 'out.json'), JSON.stringify({ ...spec, name: 'out', budget: { trials: 8 }, output: 'best.json' }));
  const r = tune(['out.json', '--library', join(dir, 'out.db'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'best.json'), 'utf8')), JSON.parse(r.stdout).best.params);
});

test('--jobs 2 runs trials in worker threads, with ASHA pruning decided on the main thread', () => {
  const r = tune([fixture('pruned.ts'), '--library', join(dir, 'pruned.db'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.trials, 20);
  assert.equal(j.failed, 0);
  assert.ok(j.pruned > 0, 'some trials pruned');
  assert.equal(j.complete + j.pruned, 20);
});

test('two objectives: the Pareto front is reported (no member dominates another)', () => {
  const r = tune([fixture('two-objectives.ts'), '--library', join(dir, 'two.db'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.objectives, ['error', 'size']);
  assert.ok(j.pareto.length >= 2);
  for (const a of j.pareto) for (const b of j.pareto) assert.ok(!(a.values[0] <= b.values[0] && a.values[1] <= b.values[1] && (a.values[0] < b.values[0] || a.values[1] < b.values[1])));
  const table = tune([fixture('two-objectives.ts'), '--library', join(dir, 'two.db'), '--resume']);
  assert.match(table.stdout, /^Pareto front \(\d+ trials\)/m);
});

test('bad specs: one line naming the file and field, exit 2', async () => {
  const cases: [unknown, RegExp][] = [
    [{ space: { x: { kind: 'uniform', low: 0 } }, objective: 'branin', budget: { trials: 5 } }, /bad\.json: space\.x\.high: /],
    [{ space: { x: { kind: 'uniform', low: 0, high: 1 } }, objective: 'branin', budget: { trials: 0 } }, /bad\.json: budget\.trials: /],
    [{ space: { x: { kind: 'uniform', low: 0, high: 1 } }, objective: 'nope', budget: { trials: 3 } }, /bad\.json: objective: unknown built-in 'nope'/],
    [{ space: { x: { kind: 'uniform', low: 0, high: 1 } }, objective: 'branin', budget: { trials: 3 }, sampler: 'grid' }, /bad\.json: sampler: /],
    [{ space: { x: { kind: 'uniform', low: 2, high: 1 } }, objective: 'branin', budget: { trials: 3 } }, /bad\.json: space\.x: need finite low <= high/],
    [{ space: {}, objective: 'branin', budget: { trials: 3 }, extra: 1 }, /bad\.json: \(top level\): unknown field 'extra'/],
  ];
  for (const [spec, re] of cases) {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(spec));
    await assert.rejects(loadSpec(join(dir, 'bad.json')), (e: Error) => e instanceof SpecError && re.test(e.message) && !e.message.includes('\n'));
  }
  writeFileSync(join(dir, 'notjson.json'), '{ nope');
  await assert.rejects(loadSpec(join(dir, 'notjson.json')), /notjson\.json: not JSON/);
  await assert.rejects(loadSpec(join(dir, 'missing.json')), /missing\.json: no such file/);
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(cases[1]![0]));
  const r = tune(['bad.json', '--library', join(dir, 'bad.db')]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'arbor tune: bad.json: budget.trials: Too small: expected number to be >0\n');
});
