// Exported modules give the same outputs as the evaluator (on generated programs and random inputs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from '../../src/lang/parse.ts';
import { print } from '../../src/lang/print.ts';
import { evaluate } from '../../src/lang/evaluate.ts';
import { exportModule, jsName } from '../../src/lang/export.ts';
import { generateProgram, randomValue } from '../../src/lang/generate.ts';
import { extendSet, type Primitive } from '../../src/lang/primitive.ts';
import { parseType, splitArrow } from '../../src/lang/type.ts';
import { valueEquals } from '../../src/lang/value.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import { rng } from '../../src/util/rng.ts';

const dir = mkdtempSync(join(tmpdir(), 'arbor-export-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
async function load(src: string): Promise<{ default: (...a: unknown[]) => unknown; meter: { fuel: number; maxSize: number } }> {
  const file = join(dir, `m${counter++}.mjs`);
  writeFileSync(file, src);
  return import(pathToFileURL(file).href);
}

test('jsName makes readable identifiers', () => {
  assert.equal(jsName('str.++'), 'str_plusplus');
  assert.equal(jsName('empty?'), 'empty_p');
  assert.equal(jsName('+'), 'plus');
  assert.equal(jsName('0'), 'n0');
});

test('an exported program is a plain function of its arguments', async () => {
  const src = exportModule(parse('(lambda (lambda (map (lambda (+ $0 $1)) (range $1))))'), basePrimitives, { name: 'addRange' });
  assert.match(src, /export default function addRange\(x0, x1\)/);
  assert.doesNotMatch(src, /^import /m);
  const m = await load(src);
  assert.deepEqual(m.default(3, 10), [10, 11, 12]);
});

test('partially applied programs, inlined and library abstractions export', async () => {
  const twice: Primitive = { name: 'twice', type: parseType('(a -> a) -> a -> a'), impl: () => 0, family: 'library', body: parse('(lambda (lambda ($1 ($1 $0))))') };
  const prims = extendSet(basePrimitives, [twice]);
  const e = parse('(map (#(lambda (lambda (+ $0 $1))) 1))');
  assert.deepEqual((await load(exportModule(e, prims))).default([1, 2]), [2, 3]);
  const f = parse('(lambda (twice (lambda (* $0 3)) $0))');
  const src = exportModule(f, prims);
  assert.match(src, /library abstraction twice/);
  assert.equal((await load(src)).default(2), 18);
});

test('exported modules agree with the evaluator on 300 generated programs', async () => {
  const types = ['list(int) -> int', 'int -> int -> int', 'list(int) -> list(int)', 'str -> str', 'list(int) -> bool',
    'str -> int -> str', 'list(char) -> list(char)'].map((s) => parseType(s));
  const r = rng(99);
  let checked = 0, agreed = 0;
  for (let i = 0; i < 300; i++) {
    const type = types[i % types.length]!;
    const e = generateProgram(type, { prims: basePrimitives, rng: r, maxDepth: 3,
      exclude: (p) => p.pure === false || p.family === 'grid' || p.family === 'objects' });
    if (!e) continue;
    const m = await load(exportModule(e, basePrimitives));
    for (let k = 0; k < 3; k++) {
      const args = splitArrow(type).args.map((t) => randomValue(t, r));
      const expected = evaluate(e, args, { prims: basePrimitives, fuel: 5_000, maxSize: 10_000 });
      m.meter.fuel = 5_000;
      m.meter.maxSize = 10_000;
      let actual: { ok: true; value: unknown } | { ok: false; kind: string };
      try { actual = { ok: true, value: m.default(...args) }; } catch (err) {
        const kind = (err as { kind?: string }).kind ?? (err instanceof RangeError && /call stack/.test(err.message) ? 'fuel' : 'runtime');
        actual = { ok: false, kind };
      }
      checked++;
      const same = expected.ok ? actual.ok && valueEquals(actual.value, expected.value) : !actual.ok && actual.kind === expected.failure.kind;
      assert.ok(same, `${print(e)} on ${JSON.stringify(args)}: evaluator ${JSON.stringify(expected)}, export ${JSON.stringify(actual)}`);
      if (expected.ok) agreed++;
    }
  }
  assert.ok(checked >= 800 && agreed > 100, `checked ${checked}, ${agreed} successful`);
});
