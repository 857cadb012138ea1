import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../src/lang/evaluate.ts';
import { checkType } from '../../src/lang/infer.ts';
import { parse } from '../../src/lang/parse.ts';
import type { PrimitiveSet } from '../../src/lang/primitive.ts';
import { corePrimitives } from '../../src/lang/primitives/index.ts';
import { print } from '../../src/lang/print.ts';
import { arrow, tint } from '../../src/lang/type.ts';
import { plainProductions } from '../../src/search/bottomup-productions.ts';
import type { Budget } from '../../src/search/budget.ts';
import { emptyStats, type SearchResult } from '../../src/search/engine.ts';
import { gp, lexicase, type GpOptions } from '../../src/search/gp.ts';
import { boolOps, kozaArith, parityTask, quarticTask } from '../../src/search/gp-problems.ts';
import { gpOps, positions, rampedPopulation, treeExpr } from '../../src/search/gp-tree.ts';
import { defaultMutations } from '../../src/search/mutations.ts';
import { simplify } from '../../src/search/simplify.ts';
import { uniformGrammar } from '../../src/search/grammar.ts';
import type { Task } from '../../src/task/task.ts';
import { manualClock, systemClock } from '../../src/util/clock.ts';
import { rng } from '../../src/util/rng.ts';

function run(t: Task, prims: PrimitiveSet, seed: number, opts: GpOptions = {}, budget: Budget = { timeMs: 120_000 }): SearchResult {
  return gp(opts).search(t, { prims, grammar: uniformGrammar(prims), budget, clock: systemClock, rng: rng(seed) });
}

/** The winner, re-run through the evaluator, meets the task's loss on every example. */
function assertFits(r: SearchResult, t: Task, prims: PrimitiveSet, eps = 0): void {
  assert.equal(r.stopReason, 'solved');
  checkType(r.program!, t.type, prims);
  for (const ex of t.train) {
    const out = evaluate(r.program!, ex.inputs, { prims });
    assert.ok(out.ok, print(r.program!));
    if (typeof ex.output === 'number') assert.ok(Math.abs((out.value as number) - ex.output) <= eps, print(r.program!));
    else assert.equal(out.value, ex.output);
  }
}

test("GP solves Koza's quartic x⁴+x³+x²+x (20 points in [-1, 1], fixed seeds)", () => {
  const t = quarticTask();
  for (const seed of [1, 2, 3]) {
    const r = run(t, kozaArith, seed, { population: 500, generations: 40 });
    assertFits(r, t, kozaArith, 0.01);
    assert.ok((r.stats.rules.crossover ?? 0) > 0);
  }
});

test('GP solves even-5-parity with and/or/not/xor (fixed seeds)', () => {
  const t = parityTask(5);
  for (const seed of [1, 2, 3]) assertFits(run(t, boolOps, seed, { population: 500, generations: 40 }), t, boolOps);
});

test('GP is deterministic for a seed', () => {
  const t = parityTask(3);
  const a = run(t, boolOps, 7, { population: 100, generations: 20 }), b = run(t, boolOps, 7, { population: 100, generations: 20 });
  assert.equal(print(a.program!), print(b.program!));
  assert.deepEqual(a.stats.rules, b.stats.rules);
});

test('random trees and every mutation rule keep programs well typed', () => {
  const t = quarticTask();
  const g = gpOps(plainProductions(t, kozaArith));
  const r = rng(3);
  const pop = rampedPopulation(g, 60, 2, 6, r);
  assert.equal(pop.length, 60);
  const fired: Record<string, number> = {};
  for (const tree of pop) {
    for (const rule of defaultMutations) {
      const out = rule.apply(tree, { g, rng: r, subtreeDepth: 4, sigma: 0.1 });
      if (!out) continue;
      fired[rule.name] = (fired[rule.name] ?? 0) + 1;
      checkType({ kind: 'lam', body: treeExpr(g, out) }, t.type, kozaArith);
      assert.equal(out.size, positions(g, out).length);
    }
  }
  for (const rule of defaultMutations) assert.ok(fired[rule.name]! > 0, `${rule.name} never applied`);
});

test('lexicase keeps the specialist of a case; epsilon widens the tie', () => {
  const mk = (errs: number[]) => ({ tree: null as never, errors: Float64Array.from(errs), total: errs.reduce((a, b) => a + b, 0) });
  const pop = [mk([0, 9]), mk([9, 0]), mk([5, 5])];
  const picks = new Set(Array.from({ length: 50 }, (_, i) => lexicase(pop, rng(i), null)));
  assert.ok(!picks.has(pop[2]!));
  assert.equal(picks.size, 2);
  const eps = lexicase([mk([0, 1]), mk([0.5, 0])], rng(1), Float64Array.from([1, 0]));
  assert.ok(eps);
});

test('simplify: algebraic rules, constant folding and no-op removal, verified on the examples', () => {
  const t: Task = { name: 'inc', type: arrow(tint, tint), train: [1, 2, 7].map((x) => ({ inputs: [x], output: x + 3 })), test: [] };
  const prims: PrimitiveSet = new Map(plainPrims());
  const stats = emptyStats();
  const s = simplify(parse('(lambda (+ (* $0 1) (+ 1 (+ 2 0))))'), { prims, task: t, stats });
  assert.equal(print(s), '(lambda (+ $0 3))');
  assert.ok(stats.rules['simplify.mul-one']! >= 1 && stats.rules['simplify.fold']! >= 1);
  const n = simplify(parse('(lambda (max2 $0 (- $0 5)))'), { prims, task: t, stats });
  assert.equal(print(n), '(lambda $0)');
  assert.ok(stats.rules['simplify.drop-noop']! >= 1);
});

test('GP respects its budget', () => {
  const t = parityTask(5);
  const r = gp({ population: 50 }).search(t, { prims: boolOps, grammar: uniformGrammar(boolOps), budget: { timeMs: 0 }, clock: manualClock(), rng: rng(1) });
  assert.ok(r.stopReason === 'timeLimit' || r.stopReason === 'solved');
  const e = run(t, boolOps, 1, { population: 50, generations: 1000, crossover: 0, mutations: [defaultMutations[3]!] }, { maxEvals: 300 });
  assert.ok(e.stopReason === 'evalLimit' || e.stopReason === 'solved');
});

function plainPrims(): [string, (typeof corePrimitives)[number]][] {
  return ['+', '-', '*', 'max2'].map((n) => [n, corePrimitives.find((p) => p.name === n)!]);
}
