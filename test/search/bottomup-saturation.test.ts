/**
 * Oracle for the bank's saturation path: once a bool slot holds every failure-free output vector, a total rule's
 * candidates are evaluated only where their children's fail masks may give a new (partly failing) vector. Grammars
 * whose int programs fail on some examples (a zero divisor) reach that path; the bank must still keep the programs
 * of a naive evaluator-based enumeration, in the same order. (referenceBank: test/fixtures/search/reference-bank.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { primitiveSet, type PrimitiveSet } from '../../src/lang/primitive.ts';
import { corePrimitives } from '../../src/lang/primitives/index.ts';
import { print } from '../../src/lang/print.ts';
import { withMeter } from '../../src/lang/runtime.ts';
import { arrow, tint, type Type } from '../../src/lang/type.ts';
import { Bank, entryExpr } from '../../src/search/bottomup-bank.ts';
import { plainProductions } from '../../src/search/bottomup-productions.ts';
import type { Task } from '../../src/task/task.ts';
import { referenceBank } from '../fixtures/search/reference-bank.ts';

const core = primitiveSet(corePrimitives);
const task = (type: Type, pairs: [unknown[], unknown][]): Task =>
  ({ name: 'saturation', type, train: pairs.map(([inputs, output]) => ({ inputs, output })), test: [] });


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
