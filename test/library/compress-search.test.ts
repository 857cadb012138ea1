// The abstraction search (src/library/compress-search.ts) against a brute-force oracle: on small corpora of argument
// lists, a search that runs to the end returns the highest utility of any abstraction, with or without size stages;
// and the overlap bound (src/library/compress-bound.ts) of a partial pattern is never below what a completion saves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { app, prim, type Expr } from '../../src/lang/expr.ts';
import { overlapBound } from '../../src/library/compress-bound.ts';
import { buildIndex, MANY_TASKS, type CorpusIndex } from '../../src/library/compress-index.ts';
import { IVAR, matchAll, tokenStats, type Tokens } from '../../src/library/compress-match.ts';
import { searchBest } from '../../src/library/compress-search.ts';
import { APP, PRIM } from '../../src/library/compress-table.ts';
import { STITCH_COSTS } from '../../src/library/cost.ts';
import { compressiveUtility, createScratch } from '../../src/library/rewrite.ts';

const costs = STITCH_COSTS;

/** Every abstraction body matching corpus node x: x with some subtrees (not x itself) turned into arguments. */
function generalizations(ix: CorpusIndex, x: number, maxArity: number): Tokens[] {
  const t = ix.t, out: Tokens[] = [];
  const kind: number[] = [], val: number[] = [], argNode: number[] = [];
  const rec = (pending: number[]): void => {
    if (pending.length === 0) { out.push({ kind: [...kind], val: [...val], arity: argNode.length }); return; }
    const n = pending[pending.length - 1]!, rest = pending.slice(0, -1);
    if (t.kind[n] === APP) { kind.push(APP); val.push(0); rec([...rest, t.b[n]!, t.a[n]!]); }
    else { kind.push(PRIM); val.push(n); rec(rest); }
    kind.pop(); val.pop();
    if (n === x) return; // the identity abstraction #0 is useless
    for (let j = 0; j < argNode.length; j++) {
      if (argNode[j] !== n) continue;
      kind.push(IVAR); val.push(j); rec(rest); kind.pop(); val.pop();
    }
    if (argNode.length < maxArity) {
      argNode.push(n); kind.push(IVAR); val.push(argNode.length - 1); rec(rest); kind.pop(); val.pop(); argNode.pop();
    }
  };
  rec([x]);
  return out;
}

/** The highest utility of any abstraction used by two or more tasks (0 if none has positive utility). */
function bruteForce(ix: CorpusIndex, maxArity: number): number {
  const scratch = createScratch(ix.n);
  let best = 0;
  for (let x = 0; x < ix.n; x++) {
    if (ix.numPaths[x] === 0 || ix.t.kind[x] !== APP) continue;
    for (const tok of generalizations(ix, x, maxArity)) {
      const m = matchAll(ix, tok, costs);
      const tasks = new Set(Array.from(m.locs, (n) => ix.taskOf[n]!));
      if (tasks.size < 2 && !tasks.has(MANY_TASKS)) continue;
      const { bodyCost, counts } = tokenStats(tok, costs);
      const occ = counts.reduce((s, c) => s + c, 0);
      best = Math.max(best, compressiveUtility(ix, m, scratch) - (bodyCost + costs.ivar * occ));
    }
  }
  return best;
}

/** Programs `(f x1 … xk)`: one head applied to a short argument list over a few symbols. */
const argList = fc.tuple(fc.constantFrom('f', 'g'), fc.array(fc.constantFrom('a', 'b', 'c', 'a'), { minLength: 2, maxLength: 7 }))
  .map(([head, xs]): Expr => xs.reduce<Expr>((e, x) => app(e, prim(x)), prim(head)));
const corpus = fc.array(argList, { minLength: 2, maxLength: 6 }).map((ps) => ps.map((p) => [p]));

test('search = brute force on argument lists, with and without size stages', () => {
  fc.assert(fc.property(corpus, fc.integer({ min: 1, max: 2 }), (tasks, maxArity) => {
    const ix = buildIndex(tasks, costs);
    const expected = bruteForce(ix, maxArity);
    for (const stages of [[], [1, 2], [2]]) {
      const r = searchBest(ix, createScratch(ix.n), { maxArity, structurePenalty: 1, costs, stages });
      assert.equal(r.stopReason, 'exhausted');
      assert.equal(r.best?.utility ?? 0, expected, `stages [${stages}]`);
    }
  }), { seed: 7, numRuns: 60 });
});

/** End (exclusive) of the preorder subtree of the tokens starting at k. */
function subtreeEnd(tok: Tokens, k: number): number {
  let need = 1;
  for (; need > 0; k++) need += tok.kind[k] === APP ? 1 : -1;
  return k;
}

test('overlap bound: a pattern with holes bounds every completion of it', () => {
  fc.assert(fc.property(corpus, fc.integer({ min: 0, max: 2 }), fc.nat(), (tasks, maxArity, pick) => {
    const ix = buildIndex(tasks, costs);
    const scratch = createScratch(ix.n), bs = createScratch(ix.n);
    let checked = 0;
    for (let x = 0; x < ix.n && checked < 40; x++) {
      if (ix.numPaths[x] === 0 || ix.t.kind[x] !== APP) continue;
      for (const tok of generalizations(ix, x, maxArity)) {
        // The pattern: the completion with one argument-free subtree (not the root) left as a hole. Matching it as an
        // extra argument (last) finds the pattern's matches; its rows keep the real arguments only.
        const starts = tok.kind.map((_, k) => k).filter((k) => k > 0 && !tok.kind.slice(k, subtreeEnd(tok, k)).includes(IVAR));
        if (starts.length === 0) continue;
        const k = starts[(pick + checked) % starts.length]!, end = subtreeEnd(tok, k), A = tok.arity;
        const withHole: Tokens = {
          kind: [...tok.kind.slice(0, k), IVAR, ...tok.kind.slice(end)], val: [...tok.val.slice(0, k), A, ...tok.val.slice(end)], arity: A + 1,
        };
        const pm = matchAll(ix, withHole, costs);
        const rows = new Int32Array(pm.locs.length * (A + 1));
        for (let i = 0; i < pm.locs.length; i++) {
          rows[i * (A + 1)] = pm.locs[i]!;
          for (let j = 0; j < A; j++) rows[i * (A + 1) + 1 + j] = pm.args[i * (A + 1) + j]!;
        }
        const bound = overlapBound(ix, rows, pm.locs.length, A + 1, costs.prim + A * costs.app, bs);
        const exact = compressiveUtility(ix, matchAll(ix, tok, costs), scratch);
        assert.ok(bound >= exact - 1e-9, `bound ${bound} < ${exact}`);
        checked++;
      }
    }
  }), { seed: 11, numRuns: 40 });
});

test('a search cut by its time limit reports a bound on what it left unexplored', () => {
  // 12 argument lists of 16 symbols (a fixed pseudo-random sequence): big enough for the search to read its clock.
  let seed = 1;
  const next = () => { seed = (seed * 48271) % 2147483647; return seed; };
  const tasks = Array.from({ length: 12 }, () => [Array.from({ length: 16 }, () => prim('abcd'[next() % 4]!))
    .reduce<Expr>((e, x) => app(e, x), prim('f'))]);
  const ix = buildIndex(tasks, costs);
  let now = 0;
  const clock = { now: () => now++ }; // every reading advances: the search stops at its first clock check
  const cut = searchBest(ix, createScratch(ix.n), { maxArity: 2, structurePenalty: 1, costs, clock, deadline: 0 });
  const full = searchBest(ix, createScratch(ix.n), { maxArity: 2, structurePenalty: 1, costs });
  assert.equal(cut.stopReason, 'timeLimit');
  assert.equal(full.stopReason, 'exhausted');
  assert.ok(cut.openBound! >= full.best!.utility, `open bound ${cut.openBound} < best ${full.best!.utility}`);
});
