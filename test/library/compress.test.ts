// Compression on small corpora whose answers are worked out by hand, the free-variable rules, and the readers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from '../../src/lang/parse.ts';
import { print } from '../../src/lang/print.ts';
import type { Expr } from '../../src/lang/expr.ts';
import { compress, corpusCost } from '../../src/library/compress.ts';
import { rewriteCheck, rewriteWith } from '../../src/library/compress-apply.ts';
import { abstractionCost, printAbstractionBody } from '../../src/library/abstraction.ts';
import { CorpusError, readCorpus } from '../../src/library/corpus.ts';
import { ARGUMENT_PRUNINGS, PATTERN_PRUNINGS } from '../../src/library/compress-prune.ts';
import { EXPAND_PRUNINGS } from '../../src/library/compress-expand.ts';
import { SEARCH_PRUNINGS } from '../../src/library/compress-search.ts';

const flat = (...programs: string[]): Expr[][] => programs.map((p) => [parse(p)]);
const show = (programs: readonly (readonly Expr[])[]) => programs.map((ps) => ps.map((p) => print(p, { lambda: 'lam' })));

test('hand-computed: (foo (bar #0) 1) has utility 1', () => {
  // Each program costs 4 leaves * 100 + 3 apps = 403. The body costs foo, bar, 1, #0 and 3 apps = 403 (#0 costs like
  // a primitive, as in Stitch and in the compression ratio); a use (fn_0 x) costs 100 + 1 + 100 = 201, so each use
  // saves 403 - 201 = 202 and utility = 2 * 202 - 403 = 1.
  const r = compress(flat('(foo (bar a) 1)', '(foo (bar b) 1)'), { iterations: 3, maxArity: 3 });
  assert.equal(r.abstractions.length, 1);
  const a = r.abstractions[0]!;
  assert.equal(printAbstractionBody(a), '(foo (bar #0) 1)');
  assert.equal(a.arity, 1);
  assert.equal(a.utility, 1);
  assert.equal(a.uses, 2);
  assert.deepEqual(show(r.rewritten), [['(fn_0 a)'], ['(fn_0 b)']]);
  assert.equal(r.costBefore, 806);
  assert.equal(r.costAfter, 402);
  assert.equal(abstractionCost(a), 403); // the argument #0 costs 100 in the body
  assert.equal(r.compressionRatio, 806 / (402 + 403));
  assert.equal(r.stopReason, 'exhausted');
});

test('an argument may not capture a variable bound inside the body: the body abstracts the function instead', () => {
  // (a (lam #0)) would need #0 = (b $0), whose $0 is bound by the body's lambda; (a (lam (#0 $0))) is what's valid.
  const r = compress(flat('(a (lam (b $0)))', '(a (lam (c $0)))', '(a (lam (d $0)))'), { iterations: 2 });
  assert.equal(printAbstractionBody(r.abstractions[0]!), '(a (lam (#0 $0)))');
  assert.equal(r.abstractions[0]!.utility, 3 * (203 - 101) - 303);
  assert.deepEqual(show(r.rewritten), [['(fn_0 b)'], ['(fn_0 c)'], ['(fn_0 d)']]);
});

test('free variables of an argument under the body\'s lambdas are shifted down when lifted out', () => {
  const tasks = flat('(lam (g (map (lam (+ $0 $1)) xs)))', '(lam (lam (h (map (lam (* $0 $2)) ys))))', '(k (lam (map (lam (- $0 $1)) zs)))',
    '(lam (q (map (lam (/ $0 $1)) us)))', '(r (lam (map (lam (% $0 $1)) vs)))');
  const r = compress(tasks, { iterations: 2, maxArity: 3 });
  assert.equal(printAbstractionBody(r.abstractions[0]!), '(map (lam (#0 $0 #1)))');
  assert.deepEqual(show(r.rewritten), [['(lam (g (fn_0 + $0 xs)))'], ['(lam (lam (h (fn_0 * $1 ys))))'], ['(k (lam (fn_0 - $0 zs)))'],
    ['(lam (q (fn_0 / $0 us)))'], ['(r (lam (fn_0 % $0 vs)))']]);
  assert.deepEqual(rewriteCheck(tasks, r.rewritten, r.abstractions), []);
});

test('a repeated argument is one argument (multi-use)', () => {
  const tasks = flat('(f (g x) (g x) y1)', '(f (g z) (g z) y2)', '(f (g w) (g w) y3)');
  const r = compress(tasks, { iterations: 1, maxArity: 2 });
  // (f (g #0) (g #0)), applied to y as a partial application, beats (f (g #0) (g #0) #1) by one application.
  assert.equal(printAbstractionBody(r.abstractions[0]!), '(f (g #0) (g #0))');
  assert.equal(r.abstractions[0]!.utility, 3 * (504 - 201) - 504); // the body pays for both #0
  assert.deepEqual(show(r.rewritten), [['(fn_0 x y1)'], ['(fn_0 z y2)'], ['(fn_0 w y3)']]);
});

test('a task costs its cheapest program; abstractions used by one task only are pruned', () => {
  const tasks = [[parse('(f (g (h x)))'), parse('(f (g (h y)))')], [parse('(p q)')]];
  assert.equal(corpusCost(tasks), 403 + 201);
  const r = compress(tasks, { iterations: 2 });
  assert.equal(r.abstractions.length, 0); // (f (g (h #0))) occurs twice, but in one task
  assert.equal(r.costBefore, 403 + 201);
});

test('later abstractions may use earlier ones; rewriteWith reproduces the rewrite on the same corpus', () => {
  const tasks = JSON.parse(readFileSync('test/fixtures/compress/stitch-map.json', 'utf8')).map((p: string) => [parse(p)]);
  const r = compress(tasks, { iterations: 4, maxArity: 3 });
  assert.ok(r.abstractions.length >= 2);
  assert.ok(r.abstractions.slice(1).some((a) => printAbstractionBody(a).includes('fn_0')));
  assert.deepEqual(rewriteCheck(tasks, r.rewritten, r.abstractions), []);
  const again = rewriteWith(r.abstractions, tasks);
  assert.equal(again.costAfter, r.costAfter);
  assert.deepEqual(show(again.programs), show(r.rewritten));
});

test('prunings are named data', () => {
  const names = [...PATTERN_PRUNINGS, ...ARGUMENT_PRUNINGS].map((r) => r.name);
  assert.deepEqual(names, ['singleUse', 'singleTask', 'upperBound', 'uselessAbstract', 'forceMultiuse', 'sharedPart']);
  const r = compress(flat('(foo (bar a) 1)', '(foo (bar b) 1)', '(foo (bar c) 2)'), { iterations: 1 });
  const fired = r.steps[0]!.stats.prunings;
  for (const name of names) assert.equal(typeof fired[name], 'number');
  assert.ok(Object.values(fired).some((n) => n > 0));
});

test('the prunings counted are those their modules declare, each counted from zero', () => {
  const declared = [...names(PATTERN_PRUNINGS), ...names(ARGUMENT_PRUNINGS), ...EXPAND_PRUNINGS, ...SEARCH_PRUNINGS];
  assert.equal(new Set(declared).size, declared.length);
  const tasks = JSON.parse(readFileSync('test/fixtures/compress/stitch-map.json', 'utf8')).map((p: string) => [parse(p)]);
  const r = compress(tasks, { iterations: 3, maxArity: 3 });
  for (const step of r.steps) {
    const fired = step.stats.prunings;
    assert.deepEqual(Object.keys(fired), declared); // a firing under an undeclared name would add a key (NaN)
    for (const n of Object.values(fired)) assert.ok(Number.isInteger(n) && n >= 0);
  }
  const fires = (name: string): boolean => r.steps.some((s) => s.stats.prunings[name]! > 0);
  assert.ok(fires('singleUse') && fires('upperBound') && fires('argCapture') && fires('sameSubtree'));
});

function names(rules: readonly { readonly name: string }[]): string[] {
  return rules.map((r) => r.name);
}

test('readers: DreamCoder frontiers (tasks of alternatives, #(…) inventions as symbols) and flat arrays', () => {
  const c = readCorpus(readFileSync('test/fixtures/compress/dreamcoder-tiny.json', 'utf8'), 'tiny.json');
  assert.equal(c.format, 'dreamcoder');
  assert.equal(c.tasks.length, 4);
  assert.equal(c.tasks[0]!.programs.length, 2);
  assert.equal(c.arity, 2);
  assert.equal(c.numLearned, 1);
  const r = compress(c.tasks.map((t) => t.programs), { iterations: 2, maxArity: 2 });
  assert.deepEqual(rewriteCheck(c.tasks.map((t) => t.programs), r.rewritten, r.abstractions), []);
  const inv = '#(lambda (+ $0 $0))';
  assert.ok(show(r.rewritten).flat().some((p) => p.includes(inv.replace('lambda', 'lam'))));
  assert.equal(readCorpus('["(a b)", "c"]', 'x.json').tasks.length, 2);
});

test('readers: errors name the file, the program and the position', () => {
  assert.throws(() => readCorpus('["(a b)", "(c (d"]', 'bad.json'), (e: unknown) =>
    e instanceof CorpusError && /^bad\.json: program 1: .* at line 1, column \d+$/.test(e.message));
  assert.throws(() => readCorpus('{"frontiers": 3}', 'bad.json'), (e: unknown) => e instanceof CorpusError && e.message.includes('frontiers'));
  assert.throws(() => readCorpus('[1', 'bad.json'), (e: unknown) => e instanceof CorpusError && e.message.includes('malformed JSON'));
  assert.throws(() => readCorpus('{"frontiers": [{"name": "t", "programs": [{"program": "(f ?int)"}]}]}', 'h.json'),
    (e: unknown) => e instanceof CorpusError && e.message.includes("task 't'"));
});
