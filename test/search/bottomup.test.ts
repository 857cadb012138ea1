import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../src/lang/evaluate.ts';
import { checkType } from '../../src/lang/infer.ts';
import { primitiveSet, type PrimitiveSet } from '../../src/lang/primitive.ts';
import { basePrimitives, corePrimitives, stringPrimitives } from '../../src/lang/primitives/index.ts';
import { print } from '../../src/lang/print.ts';
import { arrow, parseType, tint, tlist, tstr, type Type } from '../../src/lang/type.ts';
import { valueEquals } from '../../src/lang/value.ts';
import { withMeter } from '../../src/lang/runtime.ts';
import { Bank, entryExpr } from '../../src/search/bottomup-bank.ts';
import { sameOuts } from '../../src/search/bottomup-outputs.ts';
import { mergeEquivalent, plainProductions, productionsFor, wrapParams } from '../../src/search/bottomup-productions.ts';
import { bottomUp, type BottomUpOptions } from '../../src/search/bottomup.ts';
import { isLookupTable, learnTree, simplestBetween, splitConstants } from '../../src/search/divide.ts';
import type { Budget } from '../../src/search/budget.ts';
import type { SearchResult } from '../../src/search/engine.ts';
import { uniformGrammar } from '../../src/search/grammar.ts';
import { searchSetup } from '../../src/search/portfolio-setup.ts';
import { ruleCosts, ruleProbabilities } from '../../src/search/probe.ts';
import { checkProgram } from '../../src/search/select.ts';
import { parseSygus } from '../../src/task/sygus.ts';
import type { Task } from '../../src/task/task.ts';
import { manualClock, systemClock } from '../../src/util/clock.ts';
import { bikesSygus } from '../fixtures/search/bikes.ts';
import { referenceBank } from '../fixtures/search/reference-bank.ts';
import { rng } from '../../src/util/rng.ts';

const prims: PrimitiveSet = primitiveSet(corePrimitives, stringPrimitives);
const strCore: PrimitiveSet = new Map(['str.++', 'str.len', 'str.substr', 'str.indexof', 'str.at', 'str.replace', '+', '-', 'if',
  'str.prefixof', 'str.suffixof', 'str.contains', 'eq?'].map((n) => [n, prims.get(n)!]));

const task = (name: string, type: Type, pairs: [unknown[], unknown][], extra: Partial<Task> = {}): Task =>
  ({ name, type, train: pairs.map(([inputs, output]) => ({ inputs, output })), test: [], ...extra });

function solve(t: Task, p: PrimitiveSet = strCore, opts: BottomUpOptions = {}, budget: Budget = { timeMs: 20_000 }): SearchResult {
  return bottomUp(opts).search(t, { prims: p, grammar: uniformGrammar(p), budget, clock: systemClock, rng: rng(1) });
}

/** The program really computes every train output (checked with the evaluator, not the bank's cached outputs). */
function assertSolves(r: SearchResult, t: Task, p: PrimitiveSet): void {
  assert.equal(r.stopReason, 'solved');
  assert.ok(r.program);
  checkType(r.program, t.type, p);
  for (const ex of t.train) {
    const out = evaluate(r.program, ex.inputs, { prims: p });
    assert.ok(out.ok && valueEquals(out.value, ex.output), `${print(r.program)} on ${JSON.stringify(ex.inputs)}`);
  }
}

const BIKES = bikesSygus({
  strings: [' '], ints: [0, 1, 2, 3, 4, 5],
  examples: [['Ducati100', 'Ducati'], ['Honda125', 'Honda'], ['Ducati250', 'Ducati'], ['Honda250', 'Honda'], ['Honda550', 'Honda'], ['Ducati125', 'Ducati']],
});

const NAMES = `(set-logic SLIA)
(synth-fun f ((firstname String) (lastname String)) String
    ((Start String (ntString))
     (ntString String (firstname lastname " " "." (str.++ ntString ntString) (str.at ntString ntInt)))
     (ntInt Int (0 1 2 (+ ntInt ntInt) (str.len ntString)))))
(constraint (= (f "Nancy" "FreeHafer") "Nancy F."))
(constraint (= (f "Andrew" "Cencici") "Andrew C."))
(constraint (= (f "Jan" "Kotas") "Jan K."))
(constraint (= (f "Mariya" "Sergienko") "Mariya S."))
(check-synth)`;

test('bottom-up finds a string program without a grammar and it evaluates correctly', () => {
  const t = task('first word', arrow(tstr, tstr), [[['Nancy FreeHafer'], 'Nancy'], [['Andrew Cencici'], 'Andrew'], [['Jan Kotas'], 'Jan'], [['Mariya Sergienko'], 'Mariya']],
    { constants: [{ value: ' ', type: tstr }] });
  const r = solve(t);
  assertSolves(r, t, strCore);
  assert.ok(r.stats.distinct > 0 && r.stats.enumerated >= r.stats.distinct);
});

test('bottom-up follows a SyGuS grammar (only its rules and literals appear)', () => {
  const t = parseSygus(NAMES, 'names.sl');
  const r = solve(t, prims);
  assertSolves(r, t, prims);
  const text = print(r.program!);
  assert.match(text, /str\.\+\+/);
  assert.doesNotMatch(text, /str\.substr|str\.replace/); // not in this grammar
});

test('divide and conquer builds an if over partial terms (EUSolver)', () => {
  const t = parseSygus(BIKES, 'bikes.sl');
  const r = solve(t, prims, { probe: false });
  assertSolves(r, t, prims);
  assert.ok((r.stats.rules['divide.solved'] ?? 0) + (r.stats.rules['divide.attempt'] ?? 0) >= 1 || /\(if /.test(print(r.program!)));
});

test('divide and conquer alone: learnTree separates examples with predicates', () => {
  const terms = [{ cost: 1, covers: Uint8Array.from([1, 1, 0, 0]) }, { cost: 1, covers: Uint8Array.from([0, 0, 1, 1]) }];
  const preds = [{ cost: 1, outs: [true, false, true, false] }, { cost: 2, outs: [true, true, false, false] }];
  assert.deepEqual(learnTree(terms, preds, 4), { kind: 'node', pred: 1, then: { kind: 'leaf', term: 0 }, else: { kind: 'leaf', term: 1 } });
  assert.equal(learnTree(terms, [preds[0]!], 4), null);
  // two leaves over 4 examples average two each: a lookup table; over 6, three each: a program
  const tree = learnTree(terms, preds, 4)!;
  assert.equal(isLookupTable(tree, 4), true);
  assert.equal(isLookupTable(tree, 6), false);
});

test('split constants: the simplest integer between two values (0, else most trailing zeros, nearest zero)', () => {
  assert.equal(simplestBetween(999, 1000), 1000);
  assert.equal(simplestBetween(1001, 2000), 2000);
  assert.equal(simplestBetween(1981, 2013), 2000);
  assert.equal(simplestBetween(-5, 3), 0);
  assert.equal(simplestBetween(-2000, -999), -1000);
  assert.equal(simplestBetween(10, 19), 11);
  // property: always strictly above a and at most b, and 0 whenever 0 lies there
  const r = rng(7);
  for (let i = 0; i < 500; i++) {
    const a = Math.floor((r.next() - 0.5) * 2e5), b = a + 1 + Math.floor(r.next() * 5000);
    const c = simplestBetween(a, b);
    assert.ok(Number.isInteger(c) && c > a && c <= b, `${a} ${b} -> ${c}`);
    if (a < 0 && b >= 0) assert.equal(c, 0);
  }
  assert.deepEqual(splitConstants([5, 1, 5, 1000, 'x', -3]), [0, 2, 1000]);
});

test('divide and conquer learns thresholds: an int classified by ranges, labels harvested from the outputs', () => {
  const temps = [-40, -5, 0, 5, 9, 10, 11, 20, 28, 29, 30, 31, 45, 60];
  const label = (t: number) => (t < 10 ? 'cold' : t < 30 ? 'mild' : 'hot');
  const ip: PrimitiveSet = new Map(['if', '+', '-', 'lt?', 'eq?', 'str.++', 'int.to.str'].map((n) => [n, prims.get(n)!]));
  const t = task('weather', arrow(tint, tstr), temps.map((x) => [[x], label(x)] as [unknown[], unknown]));
  const r = solve(t, ip);
  assertSolves(r, t, ip);
  assert.match(print(r.program!), /\(lt\? \$0 10\)/);
  // the learned thresholds generalize to values never seen
  for (const x of [-1000, 7, 12, 25, 33, 1000]) {
    const out = evaluate(r.program!, [x], { prims: ip });
    assert.ok(out.ok && out.value === label(x), `${x}: ${JSON.stringify(out)}`);
  }
});

test('Probe and plain cost order both solve; Probe counts its restarts', () => {
  const t = task('dr', arrow(tstr, tstr), [[['Nancy FreeHafer'], 'Dr. Nancy'], [['Andrew Cencici'], 'Dr. Andrew'], [['Jan Kotas'], 'Dr. Jan']],
    { constants: [{ value: ' ', type: tstr }, { value: 'Dr.', type: tstr }] });
  for (const probe of [true, false]) {
    const r = solve(t, strCore, { probe });
    assertSolves(r, t, strCore);
    if (!probe) assert.equal(r.stats.rules['probe.restart'], undefined);
  }
});

test('law: every banked program type-checks at its slot, and no two in a slot share outputs', () => {
  const t = task('len', arrow(tstr, tint), [[['ab'], 2], [['hello'], 5], [[''], 0]], { constants: [{ value: 'a', type: tstr }] });
  const P = plainProductions(t, strCore);
  const bank = new Bank(P, ruleCosts(ruleProbabilities(P)).map(() => 1), t.train.length);
  bank.run(() => false, { maxCost: 6, maxBank: 1e6, fuel: 1000, check: () => null, count: () => {} });
  assert.ok(bank.distinct > 100);
  P.slots.forEach((slot, s) => {
    const es = bank.entries(s);
    for (const e of es.slice(0, 300)) checkType(wrapParams(entryExpr(e), P.params), arrow(tstr, slot.type), strCore);
    for (let i = 0; i < Math.min(es.length, 200); i++)
      for (let j = i + 1; j < Math.min(es.length, 200); j++) assert.ok(!sameOuts(es[i]!.outs, es[j]!.outs));
  });
});

test('cached outputs agree with the evaluator (oracle) on banked programs', () => {
  const t = task('x', arrow(tstr, tint, tstr), [[['hello world', 2], 'x'], [['a-b', 0], 'y']], { constants: [{ value: ' ', type: tstr }] });
  const P = plainProductions(t, strCore);
  const bank = new Bank(P, P.prods.map(() => 1), t.train.length);
  bank.run(() => false, { maxCost: 6, maxBank: 1e6, fuel: 1000, check: () => null, count: () => {} });
  let checked = 0;
  P.slots.forEach((_, s) => {
    for (const e of bank.entries(s).slice(0, 400)) {
      const prog = wrapParams(entryExpr(e), P.params);
      t.train.forEach((ex, i) => {
        const r = evaluate(prog, ex.inputs, { prims: strCore });
        if (r.ok) { assert.ok(valueEquals(r.value, e.outs[i]), `${print(prog)} on example ${i}`); checked++; }
        else assert.equal(typeof e.outs[i], 'symbol', `${print(prog)} should fail on example ${i}`);
      });
    }
  });
  assert.ok(checked > 200, `only ${checked} checked`);
});

test('merging equivalent nonterminals keeps the start symbol meaningful', () => {
  const t = parseSygus(BIKES, 'bikes.sl');
  const g = t.extra!.grammar as Parameters<typeof mergeEquivalent>[0];
  const merged = mergeEquivalent(g);
  assert.ok(merged.nonterminals.length < g.nonterminals.length);
  assert.ok(merged.nonterminals.some((n) => n.name === merged.start));
  assert.equal(productionsFor(t, prims).slots.length, merged.nonterminals.length);
});

test('limits: evaluation budget, stop flag, exhaustion and an unenumerable type', () => {
  const hard = task('hard', arrow(tstr, tstr), [[['abc'], 'zzzzqqqqzzzz'], [['de'], 'qqqqzzzzqqqq']]);
  // (at about 4,500 evaluations concatenation splitting finds a program that fits both examples by rote)
  const evals = solve(hard, strCore, {}, { maxEvals: 2000 });
  assert.equal(evals.stopReason, 'evalLimit');
  assert.equal(evals.program, null);
  const flag = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(flag, 0, 1);
  assert.equal(solve(hard, strCore, {}, { stopFlag: flag }).stopReason, 'aborted');
  assert.equal(solve(hard, strCore, { maxCost: 3, probe: false }).stopReason, 'exhausted');
  const clock = manualClock();
  const r = bottomUp().search(hard, { prims: strCore, grammar: uniformGrammar(strCore), budget: { timeMs: 0 }, clock, rng: rng(1) });
  assert.equal(r.stopReason, 'timeLimit');
});

test('numeric tasks with a tolerance loss', () => {
  const t = task('double', arrow(tint, tint), [[[1], 2.001], [[5], 10], [[-3], -6.002]], { loss: { kind: 'tolerance', epsilon: 0.01 } });
  const r = solve(t, strCore);
  assert.equal(r.stopReason, 'solved');
  assert.equal(print(r.program!), '(lambda (+ $0 $0))');
});

test('concatenation splitting assembles a string from banked pieces', () => {
  const t = parseSygus(NAMES.replace(/"Nancy F\."/, '"Nancy F."'), 'names.sl');
  const r = solve(t, prims, { probe: false, divide: false });
  assertSolves(r, t, prims);
  assert.ok((r.stats.rules['concat.split'] ?? 0) >= 1, JSON.stringify(r.stats.rules));
  const off = solve(t, prims, { probe: false, divide: false, concat: false });
  assertSolves(off, t, prims);
  // the assembled program is held while the levels up to its cost are searched for a direct one as cheap …
  assert.equal(print(r.program!), print(off.program!));
  // … for as long as the search has taken so far: on a clock where every reading takes a while, it stands sooner
  let now = 0;
  const slow = { now: () => (now += 5) };
  const held = bottomUp({ probe: false, divide: false }).search(t, { prims, grammar: uniformGrammar(prims), budget: { timeMs: 1e9 }, clock: slow, rng: rng(1) });
  assertSolves(held, t, prims);
  assert.ok(held.stats.enumerated < off.stats.enumerated, `${held.stats.enumerated} < ${off.stats.enumerated}`);
});

test('lambdas over records: the ids of the active records are a map over a filter, each lambda reading one field', () => {
  const recs = (xs: [number, boolean][]) => xs.map(([id, active]) => ({ active, id }));
  const t = task('active ids', parseType('list({active: bool, id: int}) -> list(int)'),
    [[[recs([[1, true], [2, false]])], [1]], [[recs([[3, true], [4, true]])], [3, 4]], [[[]], []], [[recs([[5, false]])], []]]);
  const setup = searchSetup(t);
  const r = bottomUp().search(setup.task, { prims: setup.prims, grammar: setup.grammar, budget: { timeMs: 20_000 }, clock: systemClock, rng: rng(1) });
  assert.equal(print(r.program!), '(lambda (map (lambda (.id $0)) (filter (lambda (.active $0)) $0)))');
});

test('list goals split too, once: rotating a list is the end of it appended to the rest', () => {
  const listPrims: PrimitiveSet = new Map(['append', 'take', 'drop', 'reverse', 'length', 'cons', 'car', 'cdr', 'singleton', 'last', '+', '-']
    .map((n) => [n, basePrimitives.get(n)!]));
  const rotate = (xs: number[]) => [...xs.slice(-2), ...xs.slice(0, -2)];
  const inputs = [[1, 2, 3, 4, 5], [9, 8, 7], [4, 0, 4, 1, 6, 2, 5], [3, 3, 1, 2]];
  const t = task('rotate-2', arrow(tlist(tint), tlist(tint)), inputs.map((x) => [[x], rotate(x)] as [unknown[], unknown]), { constants: [{ value: 2, type: tint }] });
  const r = solve(t, listPrims, { probe: false, divide: false });
  assertSolves(r, t, listPrims);
  assert.ok((r.stats.rules['concat.split'] ?? 0) >= 1, JSON.stringify(r.stats.rules));
  assert.equal(print(r.program!), '(lambda (append (reverse (take 2 (reverse $0))) (reverse (drop 2 (reverse $0)))))');
  // it holds on a list it never saw
  assert.ok(checkProgram(r.program!, [{ inputs: [[5, 6, 7, 8, 9, 10]], output: [9, 10, 5, 6, 7, 8] }], listPrims).passed);
});

test('higher-order primitives get small lambdas (map, filter, fold)', () => {
  const listPrims: PrimitiveSet = new Map(['map', 'filter', 'fold', '+', '*', 'gt?', 'is-even', 'cons', 'empty', 'length']
    .map((n) => [n, basePrimitives.get(n)!]));
  const L = (xs: number[]) => xs;
  const cases: [string, Task][] = [
    ['map', task('double-all', arrow(tlist(tint), tlist(tint)), [[[L([1, 2, 3])], [2, 4, 6]], [[L([])], []], [[L([5, -1])], [10, -2]]])],
    ['filter', task('evens', arrow(tlist(tint), tlist(tint)), [[[L([1, 2, 3, 4])], [2, 4]], [[L([7])], []], [[L([6, 6, 1])], [6, 6]]])],
    ['fold', task('sum', arrow(tlist(tint), tint), [[[L([1, 2, 3])], 6], [[L([])], 0], [[L([5, -1])], 4], [[L([10])], 10]])],
  ];
  for (const [hof, t] of cases) {
    const r = solve(t, listPrims);
    assertSolves(r, t, listPrims);
    assert.match(print(r.program!), new RegExp(`\\(${hof} `));
  }
  assert.equal(solve(cases[0]![1], listPrims, { lambdas: false, maxCost: 12 }).program, null);
});

test('CEGIS: a task with many examples is searched on a few and verified on all', () => {
  const words = ['alpha beta', 'gamma delta', 'x y', 'hello world', 'a b', 'one two', 'red green', 'up down', 'left right', 'yes no', 'cat dog', 'sun moon'];
  const t = task('first', arrow(tstr, tstr), words.map((w) => [[w], w.split(' ')[0]!] as [unknown[], unknown]), { constants: [{ value: ' ', type: tstr }] });
  const r = solve(t, strCore, { examples: 3 });
  assertSolves(r, t, strCore);
});


test('oracle: the bank keeps the same programs in the same order as a naive evaluator-based enumeration', () => {
  const t = task('mix', arrow(tstr, tint, tstr), [[['hello world', 2], 'x'], [['a-b', 0], 'y'], [['', 5], 'z']], { constants: [{ value: ' ', type: tstr }] });
  const P = plainProductions(t, strCore, { ints: [0, 1] });
  const maxCost = 6;
  const bank = new Bank(P, P.prods.map(() => 1), t.train.length);
  withMeter({ maxSize: 100_000 }, () => bank.run(() => false, { maxCost, maxBank: 1e6, fuel: 10_000, check: () => null, count: () => {} }));
  const want = referenceBank(P, t, strCore, maxCost);
  let total = 0;
  P.slots.forEach((_, s) => {
    assert.deepEqual(bank.entries(s).map((e) => print(entryExpr(e))), want[s], `slot ${P.slots[s]!.key}`);
    total += want[s]!.length;
  });
  assert.equal(bank.distinct, total);
  assert.ok(total > 200, `only ${total} programs`);
  // the rules' algebra skipped candidates without changing what was kept
  assert.ok(bank.skipped > 100, `${bank.skipped} skipped`);
});

test('oracle: under a small size limit (longer strings fail) the bank keeps the naive enumeration\'s programs too', () => {
  const t = task('short', arrow(tstr, tstr), [[['a-b-c'], 'x'], [['--'], 'y'], [['abcabc'], 'z']], { constants: [{ value: '-', type: tstr }, { value: 'bc', type: tstr }] });
  const P = plainProductions(t, strCore, { ints: [0, 1] });
  const maxCost = 6, maxSize = 8;
  const bank = new Bank(P, P.prods.map(() => 1), t.train.length);
  withMeter({ maxSize }, () => bank.run(() => false, { maxCost, maxBank: 1e6, fuel: 10_000, check: () => null, count: () => {} }));
  const want = referenceBank(P, t, strCore, maxCost, maxSize);
  P.slots.forEach((_, s) => assert.deepEqual(bank.entries(s).map((e) => print(entryExpr(e))), want[s], `slot ${P.slots[s]!.key}`));
  assert.ok(bank.distinct > 200, `${bank.distinct} distinct`);
});

test('oracle: integer rules (commutative, associative, total, decided if) keep the naive enumeration\'s programs too', () => {
  const ints: PrimitiveSet = new Map(['+', '-', '*', 'mod', 'min2', 'max2', 'if', 'gt?', 'eq?'].map((n) => [n, prims.get(n)!]));
  const t = task('ints', arrow(tint, tint, tint), [[[3, 4], 1], [[10, -2], 2], [[0, 7], 3]]);
  const P = plainProductions(t, ints, { ints: [0, 1] });
  const maxCost = 5;
  const bank = new Bank(P, P.prods.map(() => 1), t.train.length);
  withMeter({ maxSize: 100_000 }, () => bank.run(() => false, { maxCost, maxBank: 1e6, fuel: 10_000, check: () => null, count: () => {} }));
  const want = referenceBank(P, t, ints, maxCost);
  P.slots.forEach((_, s) => assert.deepEqual(bank.entries(s).map((e) => print(entryExpr(e))), want[s], `slot ${P.slots[s]!.key}`));
  assert.ok(bank.skipped > 0 && bank.distinct > 200, `${bank.skipped} skipped, ${bank.distinct} distinct`);
});

test('a bank over thousands of examples grows its per-program hash storage to fit', () => {
  const ints: PrimitiveSet = new Map(['+', '*'].map((n) => [n, prims.get(n)!]));
  const t = task('many', arrow(tint, tint), Array.from({ length: 3000 }, (_, i): [unknown[], unknown] => [[i], -1]));
  const P = plainProductions(t, ints, { ints: [0, 1] });
  const bank = new Bank(P, P.prods.map(() => 1), t.train.length);
  withMeter({ maxSize: 100_000 }, () => bank.run(() => false, { maxCost: 3, maxBank: 1e6, fuel: 10_000, check: () => null, count: () => {} }));
  assert.ok(bank.distinct > 3, `${bank.distinct} distinct`);
});
