// Golden outputs of compression on small corpora copied from Stitch's test data (MIT, see fixtures/compress/
// STITCH-LICENSE) and a hand-written DreamCoder input. `UPDATE_GOLDEN=1 node scripts/test.mjs compress-golden`
// rewrites them from the current implementation (refused under CI); review the diff before committing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { print } from '../../src/lang/print.ts';
import { printAbstractionBody } from '../../src/library/abstraction.ts';
import { rewriteCheck } from '../../src/library/compress-apply.ts';
import { compress } from '../../src/library/compress.ts';
import { readCorpus } from '../../src/library/corpus.ts';

const DIR = 'test/fixtures/compress';
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const CASES = [
  { file: 'stitch-hof.json', iterations: 3, maxArity: 3 },
  { file: 'stitch-map.json', iterations: 3, maxArity: 3 },
  { file: 'stitch-logo-train-19.json', iterations: 4, maxArity: 3 },
  { file: 'dreamcoder-tiny.json', iterations: 2, maxArity: 2 },
];

for (const c of CASES) {
  test(`golden: ${c.file} (${c.iterations} abstractions, arity ≤ ${c.maxArity})`, () => {
    const corpus = readCorpus(readFileSync(`${DIR}/${c.file}`, 'utf8'), c.file);
    const tasks = corpus.tasks.map((t) => t.programs);
    const r = compress(tasks, { iterations: c.iterations, maxArity: c.maxArity });
    assert.deepEqual(rewriteCheck(tasks, r.rewritten, r.abstractions), []);
    const got = {
      settings: { iterations: c.iterations, maxArity: c.maxArity, structurePenalty: 1 },
      costBefore: r.costBefore, costAfter: r.costAfter, bodyCost: r.bodyCost,
      compressionRatio: Number(r.compressionRatio.toFixed(6)),
      abstractions: r.abstractions.map((a) => ({ name: a.name, arity: a.arity, uses: a.uses, utility: a.utility, body: printAbstractionBody(a) })),
      rewritten: r.rewritten.map((ps) => ps.map((p) => print(p, { lambda: 'lam' }))),
    };
    const path = `${DIR}/golden/${c.file.replace(/\.json$/, '')}.golden.json`;
    if (UPDATE) writeFileSync(path, JSON.stringify(got, null, 2) + '\n');
    assert.deepEqual(got, JSON.parse(readFileSync(path, 'utf8')));
  });
}
