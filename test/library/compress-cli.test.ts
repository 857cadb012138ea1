// `arbor compress` end to end: exit codes 0 and 2, the --json shape, --out and --rewrite-check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arbor = (...args: string[]) => spawnSync(process.execPath, ['bin/arbor.js', 'compress', ...args], { encoding: 'utf8' });
const FIXTURE = 'test/fixtures/compress/stitch-map.json';

test('cli: --json prints one object with ratio, abstractions, rewritten programs and time', () => {
  const r = arbor(FIXTURE, '--iterations', '2', '--max-arity', '3', '--json', '--rewrite-check');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(typeof out.compressionRatio, 'number');
  assert.ok(out.compressionRatio > 1);
  assert.equal(typeof out.ms, 'number');
  assert.equal(out.abstractions.length, 2);
  for (const a of out.abstractions) {
    assert.deepEqual(Object.keys(a).sort(), ['arity', 'body', 'lambda', 'name', 'uses', 'utility']);
  }
  assert.equal(out.abstractions[0].name, 'fn_0');
  assert.equal(out.rewritten.length, 2);
  assert.ok(out.rewritten.every((p: unknown) => typeof p === 'string'));
  assert.deepEqual(out.rewriteCheck, { programs: 2, failed: 0 });
});

test('cli: the human output is a table and the ratio; --out writes the JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-compress-'));
  try {
    const file = join(dir, 'out.json');
    const r = arbor(FIXTURE, '--iterations', '1', '--out', file, '--prefix', 'lib_');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^name\s+arity\s+uses\s+utility\s+body\n/);
    assert.match(r.stdout, /lib_0/);
    assert.match(r.stdout, /compression ratio \d+\.\d+x/);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).abstractions[0].name, 'lib_0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli: bad input is one clear line and exit code 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-compress-'));
  try {
    const bad = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
    const cases: [string[], RegExp][] = [
      [[join(dir, 'missing.json')], /cannot read .*missing\.json: ENOENT/],
      [[bad('malformed.json', '["(a b)", ')], /malformed\.json: malformed JSON/],
      [[bad('parse.json', '["(a b)", "(c\\n (d e"]')], /parse\.json: program 1: unclosed '\(' at line \d+, column \d+/],
      [[bad('shape.json', '{"frontiers": [{"programs": "x"}]}')], /shape\.json: frontiers\.0\.programs/],
      [[FIXTURE, '--iterations', 'many'], /--iterations must be an integer/],
      [[FIXTURE, '--bogus'], /unknown option '--bogus'/],
      [[], /missing FILE/],
    ];
    for (const [args, message] of cases) {
      const r = arbor(...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
