import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fx = (name: string) => fileURLToPath(new URL(`../fixtures/tasks${name}`, import.meta.url));
const arbor = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'solve', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

test('--json prints one line per task and a final solved K/N', () => {
  const r = arbor(fx('/v2-lia.sl'), fx('/arbor-sum.json'), '--json', '--timeout', '20', '--engine', 'topdown');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.at(-1), 'solved 2/2');
  const [lia, sum] = lines.slice(0, 2).map((l) => JSON.parse(l));
  assert.deepEqual(Object.keys(lia).slice(0, 6), ['task', 'solved', 'program', 'ms', 'stopReason', 'test']);
  assert.equal(lia.program, '(lambda (lambda (+ $0 (* $1 2))))');
  assert.equal(lia.sygus, '(define-fun f ((x Int) (y Int)) Int (+ y (* x 2)))');
  assert.deepEqual(sum.test, { correct: 1, total: 1 });
});

test('the README\'s classification example: learned thresholds that get every test example right', () => {
  const r = arbor('examples/classify', '--json', '--timeout', '30');
  assert.equal(r.status, 0, r.stderr);
  const line = JSON.parse(r.stdout.trim().split('\n')[0]!);
  assert.equal(line.solved, true);
  assert.match(line.program, /\(lt\? \$0 100\)/);
  assert.deepEqual(line.test, { correct: 4, total: 4 });
});

/** A README example folder solved with --json: every task solved and right on every test example, in this order. */
function solvesAll(folder: string, names: readonly string[]): { task: string; program: string }[] {
  const r = arbor(folder, '--json', '--timeout', '30');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.task), names);
  for (const l of lines) {
    assert.equal(l.solved, true, l.task);
    assert.equal(l.test.correct, l.test.total, `${l.task}: ${l.program}`);
  }
  return lines;
}

test('the README\'s words example: string tasks over words, every test example right', () => {
  for (const l of solvesAll('examples/words', ['initials', 'capitalize', 'last-comma-first', 'user-name'])) assert.match(l.program, /\(split \$0 "[ @]"\)/, l.task);
});

test('the README\'s numbers example: closed forms by interpolation (or a simpler program), every test example right', () => {
  const lines = solvesAll('examples/numbers', ['celsius-to-fahrenheit', 'handshakes', 'pyramid-of-cannonballs', 'fahrenheit']);
  assert.equal(lines[0].program, '(lambda (+. (*. 1.8 $0) 32.0))');
  assert.equal(lines[3].program, '(lambda (/ (+ (* 9 $0) 160) 5))');
});

test('the README\'s json example: records, lists of records and maps, a learned filter and map, every test example right', () => {
  const lines = solvesAll('examples/json', ['adults', 'full-name', 'name-tags', 'order-total', 'top-score', 'word-counts']);
  assert.equal(lines[1].program, '(lambda (str.++ (.last $0) (str.++ ", " (.first $0))))');
  assert.equal(lines[2].program, '(lambda (map (lambda (str.++ (.name $0) (str.++ " (" (str.++ (int.to.str (.age $0)) ")")))) $0))');
  assert.equal(lines[3].program, '(lambda (sum (map (lambda (.price $0)) $0)))');
  assert.equal(lines[5].program, '(lambda (map.count-by (lambda $0) (split $0 " ")))');
});

test('text output shows the program, its JavaScript and the SyGuS define-fun', () => {
  const r = arbor(fx('/v2-lia.sl'), '--timeout', '20', '--engine', 'topdown');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^v2-lia: solved in [\d.]+ s by topdown/);
  assert.match(r.stdout, /export default function program\(x0, x1\)/);
  assert.match(r.stdout, /\(define-fun f \(\(x Int\) \(y Int\)\) Int/);
  assert.match(r.stdout, /solved 1\/1\n$/);
});

test('bad input: one line naming the problem, exit code 2', () => {
  const missing = arbor('/nonexistent/task.json');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr.trim(), /^arbor solve: \/nonexistent\/task\.json: no such file or folder$/);
  const bad = arbor(fx('-bad/arbor-bad-field.json'));
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /arbor-bad-field\.json: field train\[1\]/);
  // JSON objects: fields that differ between examples, and a value that does not fit a declared record type
  const objects = arbor(fx('-bad/arbor-objects.json'));
  assert.equal(objects.status, 2);
  assert.match(objects.stderr, /arbor-objects\.json: field train\[1\]\.inputs\[0\]: objects with different fields \(\{name: str, age: int\} and \{name: str\}\) whose values differ in type; give the task a "type"/);
  const record = arbor(fx('-bad/arbor-record-field.json'));
  assert.equal(record.status, 2);
  assert.match(record.stderr, /arbor-record-field\.json: .*train\[1\].*\.age: expected an integer/);
  const flag = arbor(fx('/v2-lia.sl'), '--engine', 'magic');
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /--engine must be/);
});

test('a bad file among several is reported and skipped: the others are solved, and the run exits 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-solve-mixed-'));
  try {
    writeFileSync(join(dir, 'a-broken.json'), '{"train": [');
    writeFileSync(join(dir, 'b-double.json'), JSON.stringify({ name: 'double', type: 'int -> int', train: [1, 2, 3, 5, 8].map((x) => ({ input: x, output: 2 * x })) }));
    const r = arbor(dir, '--timeout', '10');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^arbor solve: .*a-broken\.json: invalid JSON .*\(skipped\)$/m);
    assert.match(r.stdout, /^double: solved in/m);
    assert.match(r.stdout, /^solved 1\/1 \(1 bad input skipped\)$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad task in a file of several is reported on its own: the file\'s other tasks are solved', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-solve-one-bad-'));
  try {
    const double = { name: 'double', train: [1, 2, 3, 5].map((x) => ({ input: x, output: 2 * x })) };
    writeFileSync(join(dir, 'tasks.json'), JSON.stringify([double, { name: 'broken', train: [{ input: 1, output: null }] }, { ...double, name: 'twice' }]));
    const r = arbor(dir, '--timeout', '10');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^arbor solve: .*tasks\.json: field \[1\]\.train\[0\]\.output: null cannot be typed .*\(skipped\)$/m);
    assert.match(r.stdout, /^double: solved in/m);
    assert.match(r.stdout, /^twice: solved in/m);
    assert.match(r.stdout, /^solved 2\/2 \(1 bad input skipped\)$/m);
    // the program's JavaScript is shown to read: no fuel steps
    assert.match(r.stdout, /^ {4}return (plus\(x0, x0\)|times\(2, x0\));$/m);
    assert.doesNotMatch(r.stdout, /tick\(/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a reader that closes the pipe early stops the run quietly', () => {
  const r = spawnSync('bash', ['-c', `set -o pipefail; node --import tsx src/cli/main.ts solve ${JSON.stringify(fx('/v2-lia.sl'))} --timeout 20 --engine topdown | head -c 1`], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.doesNotMatch(r.stderr, /EPIPE|Error/);
});

test('README: the arbor solve example prints what the README shows (timings aside)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = readme.match(/```console\n\$ arbor (solve[^\n]*)\n([\s\S]*?)```/)!;
  const args = block[1]!.split(/\s+/).slice(1);
  const r = arbor(...args);
  assert.equal(r.status, 0, r.stderr);
  const norm = (s: string) => s.replace(/solved in [\d.]+ s/g, 'solved in T s');
  assert.equal(norm(r.stdout), norm(block[2]!));
});

test('README: the synthesize example prints what the README shows', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const code = readme.match(/```typescript\n([\s\S]*?)```/)![1]!;
  const expected = readme.match(/outputs\n\n```text\n([\s\S]*?)```/)![1]!;
  assert.ok(code.trim().split('\n').length <= 15);
  const dir = mkdtempSync(join(tmpdir(), 'arbor-solve-readme-'));
  try {
    const file = join(dir, 'example.mts');
    writeFileSync(file, code.replace("'./src/api/index.ts'", `'${pathToFileURL(join(root, 'src/api/index.ts')).href}'`));
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.stdout, expected, r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('arbor solve --config uses a self-tuned configuration, and a missing one is a usage error', () => {
  const ok = spawnSync(process.execPath, ['bin/arbor.js', 'solve', 'examples/solve/evens.json', '--config', 'examples/tune/solve-config.tuned.json', '--timeout', '10', '--json'], { cwd: root, encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout.split('\n')[0]!).solved, true);
  const bad = spawnSync(process.execPath, ['bin/arbor.js', 'solve', 'examples/solve/evens.json', '--config', 'no-such-config.json'], { cwd: root, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--config no-such-config.json: no such file/);
});

test('arbor solve on ARC files: attempts, within-2/within-3 report and an ARC Prize submission', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-arc-'));
  try {
    const sub = join(dir, 'sub.json');
    const arc = (n: string) => fileURLToPath(new URL(`../fixtures/arc/${n}.json`, import.meta.url));
    const r = spawnSync(process.execPath, ['bin/arbor.js', 'solve', arc('0d3d703e'), '--json', '--timeout', '20', '--submission', sub], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const line = JSON.parse(r.stdout.split('\n')[0]!);
    assert.equal(line.solved, true);
    assert.deepEqual(line.within, { two: true, three: true });
    assert.ok(Array.isArray(line.attempts[0]) && line.attempts[0].length >= 1 && line.attempts[0].length <= 2);
    assert.match(r.stdout, /ARC: 1\/1 within 2 attempts, 1\/1 within 3/);
    const s = JSON.parse(readFileSync(sub, 'utf8'));
    assert.deepEqual(Object.keys(s), ['0d3d703e']);
    assert.deepEqual(Object.keys(s['0d3d703e'][0]), ['attempt_1', 'attempt_2']);
    const bad = spawnSync(process.execPath, ['bin/arbor.js', 'solve', arc('0d3d703e'), '--attempts', '0'], { cwd: root, encoding: 'utf8' });
    assert.equal(bad.status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
