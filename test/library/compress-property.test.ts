// Laws of compression on generated corpora: rewriting preserves every program (inlining the abstractions gives
// the original back), never increases the corpus cost, and rewriteWith with the learned library agrees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { app, lam, prim, v, type Expr } from '../../src/lang/expr.ts';
import { rewriteCheck, rewriteWith } from '../../src/library/compress-apply.ts';
import { compress } from '../../src/library/compress.ts';

/** Programs over a few primitives, with lambdas and in-scope de Bruijn variables (and some free ones). */
const program = (depth: number, scope: number): fc.Arbitrary<Expr> => {
  const leaves: fc.Arbitrary<Expr>[] = [fc.constantFrom('f', 'g', 'h', 'x', 'y', '1').map(prim)];
  if (scope > 0) leaves.push(fc.integer({ min: 0, max: scope }).map(v)); // index == scope is free (an outer variable)
  const leaf = fc.oneof(...leaves);
  if (depth === 0) return leaf;
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 3, arbitrary: fc.tuple(program(depth - 1, scope), program(depth - 1, scope)).map(([f, x]) => app(f, x)) },
    { weight: 1, arbitrary: program(depth - 1, scope + 1).map(lam) },
  );
};

/** Corpora with repeated structure: programs built from a few shared fragments, grouped in tasks of 1–2. */
const corpus = fc.array(fc.array(program(4, 0), { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 6 })
  .chain((tasks) => fc.constant(tasks.map((ps) => ps.map((p, i) => (i === 0 ? app(prim('f'), p, tasks[0]![0]!) : p)))));

test('property: rewriting preserves programs and never increases cost', () => {
  let learned = 0, runs = 0;
  fc.assert(fc.property(corpus, fc.integer({ min: 0, max: 3 }), (tasks, maxArity) => {
    const r = compress(tasks, { iterations: 3, maxArity });
    runs++;
    if (r.abstractions.length > 0) learned++;
    assert.deepEqual(rewriteCheck(tasks, r.rewritten, r.abstractions), []);
    assert.ok(r.costAfter <= r.costBefore);
    for (const a of r.abstractions) assert.ok(a.utility > 0 && a.arity <= maxArity);
    const again = rewriteWith(r.abstractions, tasks);
    assert.equal(again.costAfter, r.costAfter);
  }), { seed: 42, numRuns: 200 });
  assert.ok(learned > runs / 4, `only ${learned} of ${runs} generated corpora had an abstraction to learn`);
});
