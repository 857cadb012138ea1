// Priming candidates for the abstraction search: argument-list n-grams and repeated closed subtrees, with estimates
// that never underestimate the exact utility (so the search may stop scoring them once one falls below its best).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../src/lang/parse.ts';
import { buildIndex } from '../../src/library/compress-index.ts';
import { tokensAbstraction } from '../../src/library/compress-match.ts';
import { primeCandidates } from '../../src/library/compress-prime.ts';
import { printAbstractionBody } from '../../src/library/abstraction.ts';
import { STITCH_COSTS } from '../../src/library/cost.ts';
import { compressiveUtility, createScratch } from '../../src/library/rewrite.ts';

const tasks = ['(a p q r s t u)', '(b x q r s t v)', '(c y q r s t w)', '(d (g h) (g h))', '(e (g h))'].map((p) => [parse(p)]);

test('priming: the run "q r s t" inside argument lists is an n-gram candidate (#0 q r s t)', () => {
  const ix = buildIndex(tasks, STITCH_COSTS);
  const cands = primeCandidates(ix, STITCH_COSTS, 1, 3, 32);
  const bodies = cands.map((c) => printAbstractionBody(tokensAbstraction(ix.t, c.tokens, 'x')));
  assert.ok(bodies.includes('(#0 q r s t)'), bodies.join(' | '));
  assert.ok(bodies.includes('(g h)'), 'a repeated closed subtree is an arity-zero candidate');
  const c = cands[bodies.indexOf('(#0 q r s t)')]!;
  assert.equal(c.matches.locs.length, 3);
  assert.equal(c.bodyCost, 4 * 100 + 4 * 1 + 100); // #0 costs like a primitive, as in Stitch
  const scratch = createScratch(ix.n);
  for (const k of cands) {
    const exact = compressiveUtility(ix, k.matches, scratch) - k.bodyCost;
    assert.ok(k.estimate >= exact, `estimate ${k.estimate} < exact ${exact}`);
  }
  // Estimates come highest first, and nothing of arity 1 when arguments are not allowed.
  for (let i = 1; i < cands.length; i++) assert.ok(cands[i - 1]!.estimate >= cands[i]!.estimate);
  assert.ok(primeCandidates(ix, STITCH_COSTS, 1, 0, 32).every((k) => k.tokens.arity === 0));
});
