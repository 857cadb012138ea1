import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { prim, int } from '../../src/lang/expr.ts';
import { checkType } from '../../src/lang/infer.ts';
import { print } from '../../src/lang/print.ts';
import { parse } from '../../src/lang/parse.ts';
import { extendSet } from '../../src/lang/primitive.ts';
import { dreamcoderListPrimitives } from '../../src/lang/primitives/index.ts';
import { parseType, tint } from '../../src/lang/type.ts';
import { Enumerator, production } from '../../src/search/topdown-enumerate.ts';
import { topDown } from '../../src/search/topdown.ts';
import { searchSetup } from '../../src/search/portfolio-setup.ts';
import { checkProgram } from '../../src/search/select.ts';
import { parseSygus } from '../../src/task/sygus.ts';
import { systemClock } from '../../src/util/clock.ts';
import { rng } from '../../src/util/rng.ts';
import type { Task } from '../../src/task/task.ts';

const prods = [...dreamcoderListPrimitives.values()].map((p) => production(prim(p.name), p.type, -1));
prods.push(production(int(0), tint, -1), production(int(1), tint, -1));

function enumerateAll(request: string, hi: number, step = 1.5): { text: string; cost: number; window: number }[] {
  const en = new Enumerator({ productions: prods, variableLogp: 0, maxDepth: 12 });
  const req = parseType(request);
  const out: { text: string; cost: number; window: number }[] = [];
  for (let lo = 0, w = 0; lo < hi; lo += step, w++)
    en.enumerate([], req, lo, lo + step, 0, { prunedByCost: false }, (e, cost) => out.push({ text: print(e), cost, window: w }));
  return out;
}

test('enumeration is ordered by cost windows and never repeats a program', () => {
  const progs = enumerateAll('list(int) -> int', 10.5);
  assert.ok(progs.length > 100);
  for (const p of progs) assert.ok(p.cost >= p.window * 1.5 - 1e-9 && p.cost < (p.window + 1) * 1.5 + 1e-9, `${p.text} ${p.cost}`);
  assert.equal(new Set(progs.map((p) => p.text)).size, progs.length);
});

test('every enumerated program type-checks at the requested type (property)', () => {
  const types = ['int -> int', 'list(int) -> int', 'list(int) -> list(int)', 'list(int) -> bool', 'int -> list(int)', 'list(int) -> list(bool)'];
  fc.assert(fc.property(fc.constantFrom(...types), (t) => {
    for (const p of enumerateAll(t, 9)) checkType(parse(p.text), parseType(t), extendSet(dreamcoderListPrimitives, []));
  }), { seed: 42, numRuns: 12 });
});

test('solves tasks that need a harvested constant and a lambda', () => {
  const t: Task = {
    name: 'add-3', type: parseType('list(int) -> list(int)'),
    train: [{ inputs: [[1, 2]], output: [4, 5] }, { inputs: [[]], output: [] }, { inputs: [[0, 7, 7]], output: [3, 10, 10] }], test: [],
  };
  const s = searchSetup(t);
  const r = topDown().search(s.task, { prims: s.prims, grammar: s.grammar, budget: { timeMs: 30_000 }, clock: systemClock, rng: rng(1) });
  assert.equal(r.stopReason, 'solved');
  assert.ok(checkProgram(r.program!, t.train, s.prims).passed);
  assert.match(print(r.program!), /3/);
});

test('enumerates a SyGuS grammar when the task has one', () => {
  const t = parseSygus(readFileSync(new URL('../fixtures/tasks/v2-lia.sl', import.meta.url), 'utf8'), 'v2-lia.sl');
  const s = searchSetup(t);
  const r = topDown().search(s.task, { prims: s.prims, grammar: s.grammar, budget: { timeMs: 30_000 }, clock: systemClock, rng: rng(1) });
  assert.equal(r.stopReason, 'solved');
  assert.equal(print(r.program!), '(lambda (lambda (+ $0 (* $1 2))))');
});
