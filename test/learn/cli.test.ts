// `arbor learn` end to end: SIGKILL mid-iteration and restart resumes from the last completed phase with no
// library entry lost or duplicated; --report writes the table, CSV and SVG; bad input exits 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryList } from '../../src/library/library.ts';
import { openStore } from '../../src/store/open.ts';

const FIXTURE = 'test/fixtures/learn/tiny-lists.json';
const ARGS = [FIXTURE, '--iterations', '3', '--max-evals', '20000', '--no-recognition', '--seed', '3', '--json'];
const arbor = (...args: string[]) => spawnSync(process.execPath, ['bin/arbor.js', 'learn', ...args], { encoding: 'utf8' });
const entries = async (lib: string) => {
  const store = await openStore(lib);
  try { return entryList(await store.load()).map((e) => `${e.kind} ${e.name} ${e.body ?? ''} ${e.weight.toFixed(6)}`); } finally { await store.close(); }
};

test('cli: SIGKILL mid-iteration, restart resumes from the last completed phase, library intact', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-learn-cli-'));
  try {
    const ref = join(dir, 'ref.db'), lib = join(dir, 'killed.db');
    const done = arbor(...ARGS, '--library', ref);
    assert.equal(done.status, 0, done.stderr);
    const want = await entries(ref);
    assert.ok(want.some((e) => e.startsWith('abstraction')), 'the reference run learned an abstraction');

    // kill while iteration 1's wake is running (its 'start' line is printed after iteration 0's checkpoints)
    const child = spawn(process.execPath, ['bin/arbor.js', 'learn', ...ARGS, '--library', lib], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const killedAfter = await new Promise<string>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (/iteration 1 wake…/.test(err) && !child.killed) { child.kill('SIGKILL'); resolve(err); }
      });
      child.on('exit', () => resolve(err));
    });
    await new Promise((r) => child.exitCode !== null || child.signalCode !== null ? r(null) : child.on('exit', r));
    assert.equal(child.signalCode, 'SIGKILL', `killed (stderr: ${killedAfter})`);
    assert.match(killedAfter, /iteration 0 dream done/);

    const again = arbor(...ARGS, '--library', lib);
    assert.equal(again.status, 0, again.stderr);
    const out = JSON.parse(again.stdout) as { resumedFrom: { iteration: number; phase: string }; curves: { iteration: number }[] };
    assert.ok(out.resumedFrom.iteration >= 1, `resumed at iteration ${out.resumedFrom.iteration}`);
    assert.doesNotMatch(again.stderr, /iteration 0 /, 'no phase of iteration 0 runs again');
    assert.deepEqual(out.curves.map((p) => p.iteration), [0, 1, 2], 'one curve point per iteration');
    const got = await entries(lib);
    assert.deepEqual(got, want, 'same entries as the uninterrupted run');
    const bodies = got.filter((e) => e.startsWith('abstraction')).map((e) => e.split(' ').slice(2, -1).join(' ')); // kind name body… weight
    assert.equal(new Set(bodies).size, bodies.length, 'no abstraction twice');

    // transfer: arbor solve --library uses the learned abstractions on new tasks
    const solve = spawnSync(process.execPath, ['bin/arbor.js', 'solve', 'test/fixtures/learn/transfer-lists.json', '--library', lib, '--engine', 'topdown', '--timeout', '20', '--json'], { encoding: 'utf8' });
    assert.equal(solve.status, 0, solve.stderr);
    const lines = solve.stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { task: string; solved: boolean; program: string | null });
    assert.ok(lines.every((l) => l.solved), solve.stdout);

    const outDir = join(dir, 'report');
    const rep = arbor('--report', '--library', lib, '--out', outDir);
    assert.equal(rep.status, 0, rep.stderr);
    assert.match(rep.stdout, /^iter\s+tasks\s+solved/);
    assert.equal(readFileSync(join(outDir, 'curves.csv'), 'utf8').trim().split('\n').length, 4);
    assert.match(readFileSync(join(outDir, 'curves.svg'), 'utf8'), /<svg/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli: bad input is one line and exit 2', () => {
  const none = arbor();
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^arbor learn: missing TASKS/);
  const bad = arbor(FIXTURE, '--iterations', '0');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--iterations must be an integer/);
  const missing = arbor('no/such/file.json');
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  const dir = mkdtempSync(join(tmpdir(), 'arbor-learn-cli-'));
  try {
    const r = arbor('--report', '--library', join(dir, 'empty.db'), '--out', join(dir, 'r'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no learning curves yet/);
    assert.ok(!existsSync(join(dir, 'r', 'curves.csv')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
