// Top-K abstraction search and beam search over sequences of abstractions (compress's `beam` option).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { print } from '../../src/lang/print.ts';
import { compress } from '../../src/library/compress.ts';
import { rewriteCheck } from '../../src/library/compress-apply.ts';
import { buildIndex } from '../../src/library/compress-index.ts';
import { searchBest } from '../../src/library/compress-search.ts';
import { readCorpus } from '../../src/library/corpus.ts';
import { STITCH_COSTS } from '../../src/library/cost.ts';
import { createScratch } from '../../src/library/rewrite.ts';

const fixture = (name: string) => {
  const file = new URL(`../fixtures/compress/${name}`, import.meta.url);
  return readCorpus(readFileSync(file, 'utf8'), name);
};
// A DreamCoder towers corpus (compression_benchmark, MIT): the input of its first wake-sleep iteration (DreamCoder
// learned 6 abstractions on it).
const towers = fixture('dreamcoder-towers-it0.json');
const towerTasks = towers.tasks.map((t) => t.programs);
const logo = fixture('stitch-logo-train-19.json').tasks.map((t) => t.programs);

test('topK: the best K distinct abstractions, best first; the best is what topK 1 finds; exact lists are prefixes of longer ones', () => {
  for (const tasks of [logo, towerTasks]) {
    const ix = buildIndex(tasks, STITCH_COSTS);
    const run = (topK: number) => searchBest(ix, createScratch(ix.n), { maxArity: 3, structurePenalty: 1, costs: STITCH_COSTS, topK });
    const one = run(1), two = run(2), five = run(5);
    assert.equal(one.top.length, 1);
    assert.equal(five.top.length, 5);
    assert.equal(five.top[0]!.utility, one.best!.utility);
    assert.deepEqual(two.top.map((f) => f.utility), five.top.slice(0, 2).map((f) => f.utility));
    const keys = five.top.map((f) => `${f.tokens.kind.join()}/${f.tokens.val.join()}`);
    assert.equal(new Set(keys).size, 5, 'distinct patterns');
    for (let i = 1; i < 5; i++) assert.ok(five.top[i - 1]!.utility >= five.top[i]!.utility, 'best first');
    assert.ok(five.top.every((f) => f.utility > 0));
  }
});

test('beam 1 is the greedy run', () => {
  const show = (r: ReturnType<typeof compress>) => [r.compressionRatio, r.abstractions.map((a) => print(a.lambda)), r.rewritten.map((ps) => ps.map((p) => print(p)))];
  assert.deepEqual(show(compress(towerTasks, { iterations: 4, beam: 1 })), show(compress(towerTasks, { iterations: 4 })));
});

test('a beam finds a better library than greedy where an early choice pays off only later, and its rewrite checks', () => {
  const greedy = compress(towerTasks, { iterations: 6, maxArity: 3 });
  const beam = compress(towerTasks, { iterations: 6, maxArity: 3, beam: 2 });
  assert.ok(beam.compressionRatio > greedy.compressionRatio * 1.005, `beam ${beam.compressionRatio} vs greedy ${greedy.compressionRatio}`);
  assert.equal(beam.abstractions.length, 6);
  assert.deepEqual(rewriteCheck(towerTasks, beam.rewritten, beam.abstractions), []);
  assert.equal(beam.steps.length, 6);
  assert.equal(beam.steps[5]!.cost, beam.costAfter);
});

test('a beam is never worse than greedy (the greedy run stays in it)', () => {
  for (const tasks of [logo, towerTasks]) for (const iterations of [1, 2, 3, 6]) {
    const g = compress(tasks, { iterations }).compressionRatio;
    for (const beam of [2, 3]) assert.ok(compress(tasks, { iterations, beam }).compressionRatio >= g - 1e-12, `${iterations} iterations, beam ${beam}`);
  }
});

test('cli: arbor compress --beam W (a DreamCoder input: its num_learned abstractions); --beam 0 is a usage error', () => {
  const arbor = (...args: string[]) => spawnSync(process.execPath, ['bin/arbor.js', 'compress', ...args], { encoding: 'utf8' });
  const FILE = 'test/fixtures/compress/dreamcoder-towers-it0.json';
  const greedy = arbor(FILE, '--json'), beam = arbor(FILE, '--json', '--beam', '2', '--rewrite-check');
  assert.equal(greedy.status, 0, greedy.stderr);
  assert.equal(beam.status, 0, beam.stderr);
  const g = JSON.parse(greedy.stdout), b = JSON.parse(beam.stdout);
  assert.equal(b.abstractions.length, 6);
  assert.ok(b.compressionRatio > g.compressionRatio, `${b.compressionRatio} vs ${g.compressionRatio}`);
  assert.equal(b.rewriteCheck.failed, 0);
  const bad = arbor(FILE, '--beam', '0');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--beam/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
});
