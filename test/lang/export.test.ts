// Exported modules give the same outputs as the evaluator (on generated programs and random inputs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { primitiveNames, type Expr } from '../../src/lang/expr.ts';
import { parse } from '../../src/lang/parse.ts';
import { print } from '../../src/lang/print.ts';
import { evaluate } from '../../src/lang/evaluate.ts';
import { exportModule, jsName } from '../../src/api/export.ts';
import { generateProgram, randomValue } from '../../src/lang/generate.ts';
import { extendSet, type Primitive } from '../../src/lang/primitive.ts';
import { parseType, splitArrow } from '../../src/lang/type.ts';
import { valueEquals } from '../../src/lang/value.ts';
import { basePrimitives, stringConstant } from '../../src/lang/primitives/index.ts';
import { background } from '../../src/lang/primitives/grid.ts';
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
  assert.match(src, /^export default function addRange\(x0, x1\) \{$/m);
  assert.doesNotMatch(src, /^import /m);
  // readable: impls keep their lines and a comment with the primitive's type and doc
  assert.match(src, /^\/\*! map: \(a -> b\) -> list\(a\) -> list\(b\) — f applied to every element \*\/\n(var|const) map = \(f, l\) => \{$/m);
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

/** A random ARC-like grid: 2–6 rows and columns, mostly background (0) with a few coloured patches. */
function randomGrid(r: ReturnType<typeof rng>): number[][] {
  const h = 2 + r.int(5), w = 2 + r.int(5), colours = [1 + r.int(9), 1 + r.int(9)];
  return Array.from({ length: h }, () => Array.from({ length: w }, () => (r.int(3) === 0 ? colours[r.int(2)]! : 0)));
}

/** Checks exported modules against the evaluator on generated programs of `types`; returns the programs checked. */
async function agreeOn(typeNames: readonly string[], programs: number, seed: number): Promise<{ checked: number; agreed: number; exprs: Expr[] }> {
  const types = typeNames.map((s) => parseType(s));
  const r = rng(seed);
  let checked = 0, agreed = 0;
  const exprs: Expr[] = [];
  for (let i = 0; i < programs; i++) {
    const type = types[i % types.length]!;
    const e = generateProgram(type, { prims: basePrimitives, rng: r, maxDepth: 3, exclude: (p) => p.pure === false });
    if (!e) continue;
    exprs.push(e);
    const m = await load(exportModule(e, basePrimitives));
    for (let k = 0; k < 3; k++) {
      const args = splitArrow(type).args.map((t) => (t.kind === 'tcon' && t.name === 'grid' ? randomGrid(r) : randomValue(t, r)));
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
  return { checked, agreed, exprs };
}

test('exported modules agree with the evaluator on 300 generated programs', async () => {
  const { checked, agreed } = await agreeOn(['list(int) -> int', 'int -> int -> int', 'list(int) -> list(int)', 'str -> str',
    'list(int) -> bool', 'str -> int -> str', 'list(char) -> list(char)'], 300, 99);
  assert.ok(checked >= 800 && agreed > 100, `checked ${checked}, ${agreed} successful`);
});

test('grid and object programs export too (impls that call their modules\' helpers)', async () => {
  const { checked, agreed, exprs } = await agreeOn(['grid -> grid', 'grid -> int', 'grid -> list(int)'], 150, 7);
  const families = new Set(exprs.flatMap((e) => [...primitiveNames(e)].map((n) => basePrimitives.get(n)!.family)));
  assert.ok(families.has('grid') && families.has('objects'), `families used: ${[...families].join(', ')}`);
  assert.ok(checked >= 300 && agreed > 50, `checked ${checked}, ${agreed} successful`);
});

test('a program using a task constant and inlined constants exports', async () => {
  const prims = extendSet(basePrimitives, [stringConstant('ab c')]);
  const m = await load(exportModule(parse('(lambda (cons LPAREN (append STRING (cons SPACE $0))))'), prims));
  assert.deepEqual(m.default(['x']), ['(', 'a', 'b', ' ', 'c', ' ', 'x']);
  const unbound = await load(exportModule(parse('(lambda (if (empty? $0) $0 STRING))'), basePrimitives));
  assert.deepEqual(unbound.default([]), []);
  assert.throws(() => unbound.default(['a']), /STRING: no string constant/);
});

test('an impl that is a function its module imports is bundled from where it is defined', async () => {
  // objects.ts imports `background` from grid.ts; background's own helpers (histogram, …) are not in objects.ts
  const bg: Primitive = { name: 'bg-of', type: parseType('grid -> int'), impl: background, family: 'test',
    module: new URL('../../src/lang/primitives/objects.ts', import.meta.url).href };
  const m = await load(exportModule(parse('(lambda (bg-of $0))'), extendSet(basePrimitives, [bg])));
  assert.equal(m.default([[3, 3], [3, 1]]), 3);
});
