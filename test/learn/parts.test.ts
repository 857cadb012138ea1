// The learner's parts on their own: frontier merging, inlining, weight refit, fantasies, curves, abstraction sleep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { abstractionSleep, inlineAbstractions, refitWeights } from '../../src/learn/abstraction-sleep.ts';
import { curveCsv, curveSvg, curveTable, type CurvePoint } from '../../src/learn/curves.ts';
import { sampleFantasies } from '../../src/learn/fantasies.ts';
import { setupFor, learnedFrom } from '../../src/learn/setup.ts';
import { mergeFrontier } from '../../src/learn/wake.ts';
import { evaluate } from '../../src/lang/evaluate.ts';
import { checkType } from '../../src/lang/infer.ts';
import { parse } from '../../src/lang/parse.ts';
import { print } from '../../src/lang/print.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import { valueEquals } from '../../src/lang/value.ts';
import { applyChange, emptyLibrary, toPrimitives } from '../../src/library/library.ts';
import { parseTaskFile } from '../../src/task/load.ts';
import type { Task } from '../../src/task/task.ts';
import { rng } from '../../src/util/rng.ts';

const tasks: Task[] = parseTaskFile('tiny-lists.json', readFileSync('test/fixtures/learn/tiny-lists.json', 'utf8')).map((t) => t.task as Task);

test('mergeFrontier keeps the simplest distinct programs, at most k', () => {
  const f = mergeFrontier(['(lambda (map (lambda (+ 1 (+ $0 1))) $0))'], [parse('(lambda (map (lambda (+ $0 2)) $0))'), parse('(lambda (map (lambda (+ $0 2)) $0))')], 3);
  assert.deepEqual(f, ['(lambda (map (lambda (+ $0 2)) $0))', '(lambda (map (lambda (+ 1 (+ $0 1))) $0))']);
  assert.equal(mergeFrontier(f, [parse('(lambda $0)')], 1).length, 1);
});

test('inlining abstractions leaves a body over base primitives that computes the same', () => {
  const defs = new Map([['fn_0', parse('(lambda (lambda (map (lambda (+ $0 $2)) $0)))')]]);
  const e = inlineAbstractions(parse('(lambda (fn_0 3 $0))'), defs);
  assert.ok(!print(e).includes('fn_0'));
  const r = evaluate(e, [[1, 2]], { prims: basePrimitives });
  assert.ok(r.ok && valueEquals(r.value, [4, 5]));
});

test('refit weights: relative to variables, used productions above unused ones, smoothed', () => {
  const w = refitWeights([[parse('(lambda (map (lambda (+ $0 1)) $0))')], [parse('(lambda (map (lambda (* $0 2)) $0))')]], ['map', '+', '*', 'filter']);
  assert.ok(w.get('map')! > w.get('+')!);
  assert.ok(w.get('+')! > w.get('filter')!);
  assert.equal(w.get('filter'), Math.log(1) - Math.log(4 + 1)); // 4 variable uses, smoothing 1
  assert.ok([...w.values()].every(Number.isFinite));
});

test('abstraction sleep: compresses shared structure into a self-contained, well-typed entry and refits weights', () => {
  const frontiers = {
    a: ['(lambda (map (lambda (+ $0 2)) $0))'], b: ['(lambda (map (lambda (+ $0 3)) $0))'], c: ['(lambda (map (lambda (+ $0 5)) $0))'],
    d: [] as string[],
  };
  const r = abstractionSleep(emptyLibrary(), frontiers, { base: basePrimitives, names: ['map', '+', 'filter'], time: '2026-01-01T00:00:00Z', note: 'test', abstractions: 2 });
  assert.ok(r.added.length >= 1, 'learned an abstraction');
  const { library } = applyChange(emptyLibrary(), r.change, '2026-01-01T00:00:00Z');
  const prims = toPrimitives(library, basePrimitives);
  assert.equal(prims.length, r.added.length);
  for (const name of r.added) assert.equal(library.entries.get(name)!.kind, 'abstraction');
  assert.equal(library.entries.get('filter')!.kind, 'primitive');
  assert.deepEqual(r.frontiers.d, []);
  for (const k of ['a', 'b', 'c']) assert.match(r.frontiers[k]![0]!, /fn_0/, 'frontier rewritten with the abstraction');
  // a second sleep on the rewritten frontiers names its abstractions apart and inlines the first one
  const r2 = abstractionSleep(library, { ...r.frontiers, e: ['(lambda (filter (lambda (gt? $0 1)) $0))'], f: ['(lambda (filter (lambda (gt? $0 4)) $0))'] },
    { base: basePrimitives, names: ['map', '+', 'filter', 'gt?'], time: '2026-01-01T00:00:00Z', note: 'test 2' });
  for (const e of r2.change.add ?? []) if (e.kind === 'abstraction') {
    assert.ok(!library.entries.has(e.name), `${e.name} is new`);
    assert.ok(!/fn_\d/.test(e.body!), `body of ${e.name} is self-contained: ${e.body}`);
  }
});

test('fantasies are well typed, run on the sampled inputs and are not degenerate', () => {
  const learned = learnedFrom(emptyLibrary());
  const sources = tasks.map((t) => setupFor(t, learned));
  const fs = sampleFantasies(sources, { rng: rng(3), count: 8 });
  assert.ok(fs.length >= 4, `got ${fs.length}`);
  const keys = new Set<string>();
  for (const f of fs) {
    const src = sources.find((s) => s.task.type === f.task.type)!;
    checkType(f.program, f.task.type, src.prims);
    const outs = f.task.train.map((e) => { const r = evaluate(f.program, e.inputs, { prims: src.prims }); assert.ok(r.ok); assert.ok(valueEquals(r.value, e.output)); return e.output; });
    assert.ok(outs.length < 2 || outs.some((o) => !valueEquals(o, outs[0])), 'not constant');
    keys.add(JSON.stringify(outs));
  }
  assert.equal(keys.size, fs.length, 'distinct behaviours');
  assert.deepEqual(sampleFantasies(sources, { rng: rng(3), count: 8 }).map((f) => print(f.program)), fs.map((f) => print(f.program)), 'deterministic for a seed');
});

test('curves: table, CSV and SVG', () => {
  const p = (i: number, solved: number): CurvePoint => ({ iteration: i, tasks: 5, solved, newlySolved: 1, searched: 4, meanSearchMs: 12.5, medianSearchMs: 10, medianSolvedMs: i ? 8 : null, medianSolvedEvals: 100, librarySize: i, abstractionsAdded: 1, programsFound: 2, fantasies: 3, dreamLoss: 2.5 });
  const pts = [p(0, 2), p(1, 3)];
  assert.match(curveTable(pts).split('\n')[0]!, /^iter\s+tasks\s+solved/);
  const csv = curveCsv(pts).trim().split('\n');
  assert.equal(csv.length, 3);
  assert.equal(csv[1], '0,5,2,1,4,12.5,10,,100,0,1,2,3,2.5');
  const svg = curveSvg(pts, 'a < b');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /a &lt; b/);
  assert.equal((svg.match(/<polyline/g) ?? []).length, 4);
});

test('mixGrammars: a probability mixture relative to variables; a ruled-out production keeps its library share', async () => {
  const { mixGrammars } = await import('../../src/learn/setup.ts');
  const lib = { weights: new Map([['a', -1], ['b', -1]]), variable: 0 };
  const rec = { weights: new Map([['a', 0], ['b', -30]]), variable: -1 };
  const g = mixGrammars(lib, rec, 0.5);
  assert.equal(g.variable, 0);
  assert.ok(g.weights.get('a')! > -1, 'the favoured production gains');
  assert.ok(g.weights.get('b')! < -1 && g.weights.get('b')! > -1 - Math.log(2) - 0.5, `the ruled-out one loses little: ${g.weights.get('b')}`);
  const same = mixGrammars(lib, lib, 0.5);
  for (const n of ['a', 'b']) assert.ok(Math.abs(same.weights.get(n)! - lib.weights.get(n)!) < 1e-9);
});

test('sequence: engines run in turn under one budget, each with a share of what is left; the first solution ends it', async () => {
  const { sequence } = await import('../../src/learn/sequence.ts');
  const { manualClock } = await import('../../src/util/clock.ts');
  const { emptyStats } = await import('../../src/search/engine.ts');
  const clock = manualClock();
  const seen: { name: string; timeMs: number | undefined; maxEvals: number | undefined }[] = [];
  const fake = (name: string, solves: boolean) => ({
    name,
    search: (_t: Task, ctx: Parameters<ReturnType<typeof sequence>['search']>[1]) => {
      seen.push({ name, timeMs: ctx.budget.timeMs, maxEvals: ctx.budget.maxEvals });
      clock.advance(100);
      const p = solves ? parse('(lambda $0)') : null;
      return { program: p, frontier: p ? [p] : [], stopReason: solves ? 'solved' as const : 'timeLimit' as const, stats: { ...emptyStats(), evaluated: 10 }, ms: 100 };
    },
  });
  const s = sequence([fake('a', false), fake('b', true), fake('c', true)]);
  const r = s.search(tasks[0]!, { prims: basePrimitives, grammar: { weights: new Map(), variable: 0 }, budget: { timeMs: 900, maxEvals: 90 }, clock, rng: rng(1) });
  assert.deepEqual(seen, [{ name: 'a', timeMs: 300, maxEvals: 30 }, { name: 'b', timeMs: 400, maxEvals: 40 }]);
  assert.equal(r.stats.evaluated, 20);
  assert.equal(r.ms, 200);
  assert.ok(r.program);
});

test('an inlined abstraction body is stored beta-reduced when that is no larger', async () => {
  const { reduceInlined } = await import('../../src/learn/abstraction-sleep.ts');
  const defs = new Map([['fn_0', parse('(lambda (lambda (map $1 $0)))')]]);
  const inlined = inlineAbstractions(parse('(lambda (lambda (fn_0 (lambda ($2 $0 $1)))))'), defs);
  assert.equal(print(reduceInlined(inlined)), '(lambda (lambda (lambda (map (lambda ($3 $0 $2)) $0))))');
  const big = parse('(lambda ((lambda (+ $0 (+ $0 $0))) (sum (map (lambda $0) $0))))');
  assert.equal(print(reduceInlined(big)), print(big), 'kept when reducing would copy an argument and grow');
});

test('autoSequence makes each engine once, when a task first calls for it, and runs the domain\'s engines in turn', async () => {
  const { autoSequence } = await import('../../src/learn/sequence.ts');
  const { emptyStats } = await import('../../src/search/engine.ts');
  const { manualClock } = await import('../../src/util/clock.ts');
  const { arrow, tchar, tlist, treal } = await import('../../src/lang/type.ts');
  const made: string[] = [], ran: string[] = [];
  const auto = autoSequence((name) => {
    made.push(name);
    return { name, search: () => { ran.push(name); return { program: null, frontier: [], stopReason: 'exhausted' as const, stats: emptyStats(), ms: 0 }; } };
  });
  assert.deepEqual(made, [], 'nothing made before a search');
  const search = (t: Task) => { ran.length = 0; auto.search(t, { prims: basePrimitives, grammar: { weights: new Map(), variable: 0 }, budget: { maxEvals: 100 }, clock: manualClock(), rng: rng(1) }); return [...ran]; };
  assert.deepEqual(search(tasks[0]!), ['topdown', 'bottomup', 'map'], 'lists: top-down, bottom-up, then map (its output is made element by element)');
  assert.deepEqual(search(tasks[1]!), ['topdown', 'bottomup', 'map']);
  assert.deepEqual(search({ ...tasks[0]!, type: arrow(tlist(tchar), tlist(tchar)) }), ['topdown', 'bottomup'], 'text: top-down, then bottom-up');
  assert.deepEqual(made, ['topdown', 'bottomup', 'map'], 'each made once; gp not yet');
  assert.deepEqual(search({ ...tasks[0]!, type: arrow(treal, treal) }), ['poly', 'gp', 'bottomup'], 'numeric, one input: the closed form, GP, then bottom-up');
  assert.deepEqual(made, ['topdown', 'bottomup', 'map', 'poly', 'gp']);
});
