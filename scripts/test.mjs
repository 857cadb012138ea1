// Runs every test/**/*.test.ts with node's test runner (through tsx) and prints a plain summary line.
// Usage: node scripts/test.mjs [filter-substring…]
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'fixtures') out.push(...walk(p)); }
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const filters = process.argv.slice(2);
const files = walk('test').filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (process.env.CI && process.env.UPDATE_GOLDEN) {
  console.error('UPDATE_GOLDEN is set in CI: refusing to rewrite golden files');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 28,
  env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
});
process.stdout.write(r.stdout ?? '');
const num = (re) => Number((r.stdout ?? '').match(re)?.[1] ?? 0);
const passed = num(/ℹ pass (\d+)/), failed = num(/ℹ fail (\d+)/), skipped = num(/ℹ skipped (\d+)/);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(r.status === 0 && failed === 0 ? 0 : 1);
