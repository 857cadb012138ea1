import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseSygus, printDefineFun, type SygusGrammar, type SygusSignature } from '../../src/task/sygus.ts';
import { parse } from '../../src/lang/parse.ts';
import { print } from '../../src/lang/print.ts';
import { printType } from '../../src/lang/type.ts';
import { TaskFileError } from '../../src/task/sexp.ts';

const fixture = (name: string) => new URL(`../fixtures/tasks/${name}`, import.meta.url);
const load = (name: string) => parseSygus(readFileSync(fixture(name), 'utf8'), `tasks/${name}`);

test('v1 SLIA: signature, examples, grammar with chain rules inlined', () => {
  const t = load('bikes.sl');
  assert.equal(t.name, 'bikes');
  assert.equal(printType(t.type), 'str -> str');
  assert.equal(t.train.length, 6);
  assert.deepEqual(t.train[0], { inputs: ['Ducati100'], output: 'Ducati' });
  const g = t.extra!.grammar as SygusGrammar;
  assert.equal(g.start, 'Start');
  const start = g.nonterminals.find((n) => n.name === 'Start')!;
  assert.ok(start.productions.some((p) => p.op === 'str.++' && p.args.join() === 'ntString,ntString'));
  assert.ok(start.productions.some((p) => p.op === '$0'));
  const bools = g.nonterminals.find((n) => n.name === 'ntBool')!;
  assert.ok(bools.productions.some((p) => p.op === 'eq?'));
  assert.ok(t.constants!.some((c) => c.value === ' '));
  assert.equal(print(t.extra!.reference as never), '(lambda (str.substr $0 0 (- (str.len $0) 3)))');
});

test('two parameters: the last is $0; define-fun printing round-trips the reference', () => {
  const t = load('12948338.sl');
  assert.equal(printType(t.type), 'str -> str -> int');
  const sig = t.extra!.sygus as SygusSignature;
  assert.equal(printDefineFun(t.extra!.reference as never, sig),
    '(define-fun f ((_arg_0 String) (_arg_1 String)) Int (+ (- 3 (str.len (str.substr _arg_1 (+ 3 3) 3))) 1))');
  assert.equal(printDefineFun(parse('(lambda (lambda (if (eq? 1 2) 0 (- 0 1))))'), sig),
    '(define-fun f ((_arg_0 String) (_arg_1 String)) Int (ite (= 1 2) 0 (- 0 1)))');
});

test('v2 LIA: predeclared nonterminals, (- 1) literals, swapped constraint sides', () => {
  const t = load('v2-lia.sl');
  assert.equal(printType(t.type), 'int -> int -> int');
  assert.deepEqual(t.train.map((e) => [...e.inputs, e.output]), [[1, 2, 4], [3, -1, 5], [2, 3, 7]]);
  const g = t.extra!.grammar as SygusGrammar;
  const start = g.nonterminals.find((n) => n.name === g.start)!;
  assert.deepEqual(start.productions.slice(0, 4).map((p) => p.op), ['$1', '$0', '0', '1']);
  assert.ok(start.productions.some((p) => p.op === 'neg'));
  const times = start.productions.find((p) => p.op === '*')!;
  const lit = g.nonterminals.find((n) => n.name === times.args[1])!;
  assert.deepEqual(lit.productions, [{ op: '2', args: [] }]);
  assert.ok(g.nonterminals.find((n) => n.name === 'B')!.productions.some((p) => p.op === 'lt?'));
  assert.equal(printDefineFun(parse('(lambda (lambda (+ $1 (neg -3))))'), t.extra!.sygus as SygusSignature),
    '(define-fun f ((x Int) (y Int)) Int (+ x (- (- 3))))');
});

test('errors name the file and line', () => {
  assert.throws(() => parseSygus('(set-logic SLIA)\n(synth-fun f ((x String)) String\n  ((Start String (x))))\n(constraint (= (f x) "a"))', 'p.sl'),
    (e: unknown) => e instanceof TaskFileError && /^p\.sl:4: argument 1 is not a constant/.test(e.message));
  assert.throws(() => parseSygus('(synth-fun f ((x String)) String\n ((Start String (x)))', 'q.sl'), /q\.sl:1: unclosed/);
  assert.throws(() => parseSygus('(set-logic SLIA)', 'r.sl'), /r\.sl: no synth-fun/);
});
