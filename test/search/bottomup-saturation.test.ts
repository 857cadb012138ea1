/**
 * Oracle for the bank's saturation path: once a bool slot holds every failure-free output vector, a total rule's
 * candidates are evaluated only where their children's fail masks may give a new (partly failing) vector. Grammars
 * whose int programs fail on some examples (a zero divisor) reach that path; the bank must still keep the programs
 * of a naive evaluator-based enumeration, in the same order. (referenceBank as in bottomup.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../src/lang/evaluate.ts';
import type { Expr } from '../../src/lang/expr.ts';
import { primitiveSet, type PrimitiveSet } from '../../src/lang/primitive.ts';
import { corePrimitives } from '../../src/lang/primitives/index.ts';
import { print } from '../../src/lang/print.ts';
import { withMeter } from '../../src/lang/runtime.ts';
import { arrow, tint, type Type } from '../../src/lang/type.ts';
import { valueKey } from '../../src/lang/value.ts';
import { Bank, entryExpr } from '../../src/search/bottomup-bank.ts';
import { applyRule, plainProductions, wrapParams } from '../../src/search/bottomup-productions.ts';
import type { Task } from '../../src/task/task.ts';

const core = primitiveSet(corePrimitives);
const task = (type: Type, pairs: [unknown[], unknown][]): Task =>
  ({ name: 'saturation', type, train: pairs.map(([inputs, output]) => ({ inputs, output })), test: [] });

/** Every candidate as an Expr run by the evaluator, deduplicated by its outputs; programs per slot in kept order. */
function referenceBank(P: ReturnType<typeof plainProductions>, t: Task, p: PrimitiveSet, maxCost: number): string[][] {
  const levels: Expr[][][] = P.slots.map(() => []);
  const seen = P.slots.map(() => new Set<string>());
  const out: string[][] = P.slots.map(() => []);
  const add = (slot: number, e: Expr, cost: number): void => {
    const outs = t.train.map((ex) => evaluate(wrapParams(e, P.params), ex.inputs, { prims: p, fuel: 10_000, maxSize: 100_000 }));
    if (outs.every((r) => !r.ok)) return;
    const key = outs.map((r) => (r.ok ? valueKey(r.value) : '!')).join('\u0001');
    if (seen[slot]!.has(key)) return;
    seen[slot]!.add(key);
    (levels[slot]![cost] ??= []).push(e);
    out[slot]!.push(print(e));
  };
  for (let level = 1; level <= maxCost; level++) {
    for (const prod of P.prods) {
      if (prod.outs) { if (level === 1) add(prod.ret, prod.expr, 1); continue; }
      const k = prod.args.length;
      const fill = (j: number, rest: number, kids: Expr[]): void => {
        if (j === k - 1) { for (const x of levels[prod.args[j]!]![rest] ?? []) add(prod.ret, applyRule(prod, [...kids, x]), level); return; }
        for (let c = 1; c <= rest - (k - 1 - j); c++) for (const x of levels[prod.args[j]!]![c] ?? []) fill(j + 1, rest - c, [...kids, x]);
      };
      if (level - 1 >= k) fill(0, level - 1, []);
    }
  }
  return out;
}

function assertSameAsReference(names: string[], t: Task, maxCost: number): Bank {
  const p: PrimitiveSet = new Map(names.map((n) => [n, core.get(n)!]));
  const P = plainProductions(t, p, { ints: [0, 1] });
  const bank = new Bank(P, P.prods.map(() => 1), t.train.length);
  withMeter({ maxSize: 100_000 }, () => bank.run(() => false, { maxCost, maxBank: 1e6, fuel: 10_000, check: () => null, count: () => {} }));
  const want = referenceBank(P, t, p, maxCost);
  P.slots.forEach((_, s) => assert.deepEqual(bank.entries(s).map((e) => print(entryExpr(e))), want[s], `slot ${P.slots[s]!.key}`));
  return bank;
}

test('oracle: total comparisons over failing int programs, past a full bool slot, keep the naive enumeration\'s programs', () => {
  // two examples: the bool slot is full at 4 vectors; (mod x y) fails where y is 0
  const t = task(arrow(tint, tint, tint), [[[3, 0], 1], [[10, 4], 2]]);
  const bank = assertSameAsReference(['+', '-', 'mod', 'gt?', 'eq?', 'if'], t, 7);
  assert.ok(bank.distinct > 150 && bank.skipped > 1000, `${bank.distinct} distinct, ${bank.skipped} skipped`);
});

test('oracle: the same over three examples, zero divisors on two of them', () => {
  const t = task(arrow(tint, tint, tint), [[[3, 0], 1], [[10, 4], 2], [[0, 5], 1]]);
  const bank = assertSameAsReference(['+', '-', '*', 'mod', 'gt?', 'eq?'], t, 7);
  assert.ok(bank.distinct > 500 && bank.skipped > 1000, `${bank.distinct} distinct, ${bank.skipped} skipped`);
});
