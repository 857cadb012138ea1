// The README's examples are tests: its `$ arbor …` lines print what the README says, and its TypeScript example
// prints the output shown under it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const readme = readFileSync('README.md', 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'arbor-readme-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** Splits a shell line into words, honouring single and double quotes. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

test('README: each `$ arbor …` line prints the lines under it', () => {
  const block = readme.match(/```sh\n(\$ arbor[\s\S]*?)```/)![1]!;
  const lines = block.trimEnd().split('\n');
  let checked = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('$ arbor ')) continue;
    const expected: string[] = [];
    for (let j = i + 1; j < lines.length && !lines[j]!.startsWith('$ '); j++) expected.push(lines[j]!);
    const args = words(lines[i]!.slice('$ arbor '.length));
    const r = spawnSync(process.execPath, [resolve('bin/arbor.js'), ...args], { encoding: 'utf8', cwd: dir });
    assert.equal(r.status, 0, `${lines[i]}: ${r.stderr}`);
    assert.equal(r.stdout, expected.length ? expected.join('\n') + '\n' : '', lines[i]);
    checked++;
  }
  assert.ok(checked >= 4);
});

test('README: the TypeScript example prints what the README shows', () => {
  const code = readme.match(/```ts\n([\s\S]*?)```/)![1]!;
  const expected = readme.match(/prints\n\n```text\n([\s\S]*?)```/)![1]!;
  assert.ok(code.trim().split('\n').length <= 15, 'the README example stays within 15 lines');
  const file = join(dir, 'example.mts');
  writeFileSync(file, code.replace("'./src/api/index.ts'", `'${pathToFileURL(resolve('src/api/index.ts')).href}'`));
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, expected);
});
