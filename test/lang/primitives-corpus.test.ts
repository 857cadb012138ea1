// DreamCoder list and text corpus programs (a sample copied from the dreamcoder-benchmark frontiers) type-check at
// their task's type and reproduce the task's examples, through the compiled evaluator and the reference interpreter.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from '../../src/lang/parse.ts';
import { checkType } from '../../src/lang/infer.ts';
import { parseType } from '../../src/lang/type.ts';
import { extendSet } from '../../src/lang/primitive.ts';
import { evaluate } from '../../src/lang/evaluate.ts';
import { interpret } from '../../src/lang/interpret.ts';
import { valueEquals } from '../../src/lang/value.ts';
import { basePrimitives, dreamcoderListPrimitives, dreamcoderTextPrimitives, stringConstant } from '../../src/lang/primitives/index.ts';

interface Entry {
  domain: 'list' | 'text';
  task: string;
  type: string;
  program: string;
  STRING?: string;
  examples: { inputs: unknown[]; output: unknown }[];
}
const corpus: Entry[] = JSON.parse(readFileSync(new URL('../fixtures/primitives/dreamcoder-corpus.json', import.meta.url), 'utf8'));
// Text examples are strings; DreamCoder's text programs work on list(char).
const chars = (x: unknown) => (typeof x === 'string' ? [...x] : x);

for (const domain of ['list', 'text'] as const) {
  describe(`DreamCoder ${domain} corpus`, () => {
    const entries = corpus.filter((e) => e.domain === domain);
    const grammar = domain === 'list' ? dreamcoderListPrimitives : dreamcoderTextPrimitives;

    it('the sample is big enough to mean something', () => assert.ok(entries.length >= 40, String(entries.length)));

    it("programs use only the domain's primitives and type-check at their task's type", () => {
      for (const e of entries) {
        const prims = e.STRING === undefined ? grammar : extendSet(grammar, [stringConstant(e.STRING)]);
        assert.doesNotThrow(() => checkType(parse(e.program), parseType(e.type), prims), `${e.task}: ${e.program}`);
      }
    });

    for (const [name, run] of [['compiled', evaluate], ['interpreted', interpret]] as const)
      it(`programs reproduce their task's examples (${name})`, () => {
        let checked = 0;
        for (const e of entries) {
          const prims = e.STRING === undefined ? basePrimitives : extendSet(basePrimitives, [stringConstant(e.STRING)]);
          const expr = parse(e.program);
          for (const x of e.examples) {
            const r = run(expr, x.inputs.map(chars), { prims, fuel: 1_000_000 });
            assert.ok(r.ok, `${e.task}: ${e.program} failed: ${JSON.stringify(r)}`);
            assert.ok(valueEquals(r.value, chars(x.output)), `${e.task}: ${e.program} on ${JSON.stringify(x.inputs)} gave ${JSON.stringify(r.value)}`);
            checked++;
          }
        }
        assert.ok(checked >= 150, String(checked));
      });
  });
}

describe('evaluated edge cases', () => {
  const run = (src: string, ...args: unknown[]) => evaluate(parse(src), args, { prims: basePrimitives, fuel: 10_000, maxSize: 1000 });
  it('fold is a right fold through the evaluator', () => {
    assert.deepEqual(run('(lambda (fold $0 empty (lambda (lambda (cons $1 $0)))))', [1, 2, 3]), { ok: true, value: [1, 2, 3] });
  });
  it('failures are typed', () => {
    assert.equal((run('(car empty)') as { failure: { kind: string } }).failure.kind, 'runtime');
    assert.equal((run('(/ 1 0)') as { failure: { kind: string } }).failure.kind, 'runtime');
    assert.equal((run('(range 100000)') as { failure: { kind: string } }).failure.kind, 'size');
    assert.equal((run('(while (lambda true) (lambda $0) 0)') as { failure: { kind: string } }).failure.kind, 'fuel');
    assert.equal((run('(fix1 0 (lambda (lambda ($1 $0))))') as { failure: { kind: string } }).failure.kind, 'fuel');
    assert.equal((run('(remember "k" 1)') as { failure: { kind: string } }).failure.kind, 'memory');
    assert.equal((run('STRING') as { failure: { kind: string } }).failure.kind, 'runtime');
  });
  it('if and and/or are lazy through the evaluator', () => {
    assert.deepEqual(run('(if true 1 (car empty))'), { ok: true, value: 1 });
    assert.deepEqual(run('(and false (empty? (cdr empty)))'), { ok: true, value: false });
  });
});
