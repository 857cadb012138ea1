// The sizes the abstraction search's size stages use (src/library/compress-index.ts: CorpusIndex.apps, appDepth),
// computed once per corpus: each node's applications and the corpus's deepest application path, against a direct count
// on the programs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { app, lam, prim, v, type Expr } from '../../src/lang/expr.ts';
import { buildIndex } from '../../src/library/compress-index.ts';
import { STITCH_COSTS } from '../../src/library/cost.ts';

/** Applications in a program, and the most on one path from its root down. */
function count(e: Expr): { apps: number; depth: number } {
  switch (e.kind) {
    case 'app': {
      const f = count(e.fn), a = count(e.arg);
      return { apps: 1 + f.apps + a.apps, depth: 1 + Math.max(f.depth, a.depth) };
    }
    case 'lam': return count(e.body);
    default: return { apps: 0, depth: 0 };
  }
}

const program: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(prim('a'), prim('b'), v(0)),
    fc.tuple(tie('e'), tie('e')).map(([f, x]) => app(f, x)),
    tie('e').map((b) => lam(b)),
  ),
})).e;

test('the index counts each program\'s applications and the deepest application path', () => {
  fc.assert(fc.property(fc.array(fc.array(program, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (tasks) => {
    const ix = buildIndex(tasks, STITCH_COSTS);
    let deepest = 0, r = 0;
    for (const ps of tasks) {
      for (const p of ps) {
        const c = count(p);
        assert.equal(ix.apps[ix.roots[r++]!], c.apps);
        deepest = Math.max(deepest, c.depth);
      }
    }
    assert.equal(ix.appDepth, deepest);
  }), { seed: 11, numRuns: 200 });
});
