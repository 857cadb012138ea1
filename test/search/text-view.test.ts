import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../src/lang/evaluate.ts';
import { parse } from '../../src/lang/parse.ts';
import { print } from '../../src/lang/print.ts';
import { arrow, parseType, printType, tchar, tint, tlist } from '../../src/lang/type.ts';
import { valueEquals } from '../../src/lang/value.ts';
import { bottomUp } from '../../src/search/bottomup.ts';
import { uniformGrammar } from '../../src/search/grammar.ts';
import { domainPrimitives } from '../../src/search/portfolio-setup.ts';
import { stringView } from '../../src/search/text-view.ts';
import type { Task } from '../../src/task/task.ts';
import { systemClock } from '../../src/util/clock.ts';
import { rng } from '../../src/util/rng.ts';

const chars = (s: string) => [...s];
const text = domainPrimitives('text');
const textTask = (name: string, pairs: [string, string][], test: [string, string][] = []): Task => ({
  name, type: parseType('list(char) -> list(char)'),
  train: pairs.map(([i, o]) => ({ inputs: [chars(i)], output: chars(o) })),
  test: test.map(([i, o]) => ({ inputs: [chars(i)], output: chars(o) })),
  constants: [{ value: '.', type: tchar }, { value: chars('.'), type: tlist(tchar) }, { value: 1, type: tint }],
});

test('the string view of a text task: strings in and out, string constants, monomorphic primitives and word operators', () => {
  const t = textTask('t', [['a.b', 'b']], [['x.yz', 'yz']]);
  const view = stringView(t, text)!;
  assert.equal(printType(view.task.type), 'str -> str');
  assert.deepEqual(view.task.train, [{ inputs: ['a.b'], output: 'b' }]);
  assert.deepEqual(view.task.test, [{ inputs: ['x.yz'], output: 'yz' }]);
  // the empty string first; the char and the one-char list become one string constant
  assert.deepEqual(view.task.constants!.map((c) => [printType(c.type), c.value]), [['str', ''], ['str', '.'], ['int', 1]]);
  assert.ok(view.prims.has('str.substr') && view.prims.has('if') && !view.prims.has('chars->str'));
  // polymorphic list operators: the ones for words only
  assert.ok(['car', 'cdr', 'last', 'index', 'map', 'length', 'reverse'].every((n) => view.prims.has(n)) && !view.prims.has('fold') && !view.prims.has('cons'));
  // not a text task, or no way to convert: no view
  assert.equal(stringView({ ...t, type: arrow(tlist(tchar), tint) }, text), null);
  assert.equal(stringView(t, new Map([...text].filter(([n]) => n !== 'str->chars'))), null);
});

test('a program of the view reads back as a text program that computes the same outputs on char lists', () => {
  const t = textTask('two', [['ab', 'ba']]);
  const view = stringView({ ...t, type: parseType('list(char) -> list(char) -> list(char)'), train: [{ inputs: [chars('ab'), chars('cd')], output: chars('cdab') }] }, text)!;
  const back = view.back(parse('(lambda (lambda (str.++ $0 $1)))'));
  assert.equal(print(back), '(lambda (lambda (str->chars (str.++ (chars->str $0) (chars->str $1)))))');
  const r = evaluate(back, [chars('ab'), chars('cd')], { prims: text });
  assert.ok(r.ok && valueEquals(r.value, chars('cdab')), JSON.stringify(r));
});

test('bottom-up solves a text task through its string view; the program runs on the original char lists', () => {
  const t = textTask('drop first word', [['Karrie.Covelli.882', 'Covelli.882'], ['Bogle.Jani', 'Jani'], ['H.+7.Cortes', '+7.Cortes'], ['a.b.c.d', 'b.c.d']],
    [['one.two', 'two'], ['x.y.z', 'y.z']]);
  const r = bottomUp().search(t, { prims: text, grammar: uniformGrammar(text), budget: { timeMs: 20_000 }, clock: systemClock, rng: rng(1) });
  assert.equal(r.stopReason, 'solved');
  assert.equal(r.stats.rules['text.stringView'], 1);
  for (const ex of [...t.train, ...t.test]) {
    const out = evaluate(r.program!, ex.inputs, { prims: text });
    assert.ok(out.ok && valueEquals(out.value, ex.output), `${print(r.program!)} on ${JSON.stringify(ex.inputs)}: ${JSON.stringify(out)}`);
  }
});

test('bottom-up maps over the words of a text task through its view, and generalises to other word counts', () => {
  // first letters of words: three train examples, test examples with two and five words
  const t = {
    ...textTask('first letters', [['+118 Chism 428 Acura100', '+C4A'], ['81 Heintz Pannell', '8HP'], ['Andria Richert 652 Penn', 'AR6P']],
      [['O Jeanice', 'OJ'], ['a bc d ef g', 'abdeg']]),
    constants: [{ value: 0, type: tint }, { value: 1, type: tint }],
  };
  const r = bottomUp().search(t, { prims: text, grammar: uniformGrammar(text), budget: { timeMs: 20_000 }, clock: systemClock, rng: rng(1) });
  assert.equal(r.stopReason, 'solved');
  assert.match(print(r.program!), /\(map /);
  for (const ex of [...t.train, ...t.test]) {
    const out = evaluate(r.program!, ex.inputs, { prims: text });
    assert.ok(out.ok && valueEquals(out.value, ex.output), `${print(r.program!)} on ${JSON.stringify(ex.inputs)}: ${JSON.stringify(out)}`);
  }
});
