// Keeps the dependency rule of docs/architecture.md: imports only point leftwards along the layer order; only
// src/neural imports TensorFlow.js; the pure core (util … learn) reads no clock, no Math.random and does no I/O.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const LAYERS = ['util', 'lang', 'task', 'library', 'search', 'optimize', 'neural', 'automl', 'learn', 'store', 'api', 'cli'] as const;
const PURE = new Set(['util', 'lang', 'task', 'library', 'search', 'optimize', 'neural', 'automl', 'learn']);
const SRC = resolve('src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mts|js|mjs)$/.test(name) ? [p] : [];
  });
}
const layerOf = (file: string): string => relative(SRC, file).split(sep)[0]!;
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s+['"]([^'"]+)['"]/g;

/** Every import specifier of a source file, with its line number. */
function importsOf(src: string): { spec: string; line: number }[] {
  const out: { spec: string; line: number }[] = [];
  for (const m of src.matchAll(IMPORT)) out.push({ spec: (m[1] ?? m[2] ?? m[3])!, line: src.slice(0, m.index).split('\n').length });
  return out;
}
/** Blanks comments, keeping line breaks so line numbers stay true. */
const stripComments = (src: string) =>
  src.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
const all = files(SRC);

test('every top-level folder of src/ is a known layer', () => {
  const unknown = [...new Set(all.map(layerOf))].filter((l) => !(LAYERS as readonly string[]).includes(l) && !l.endsWith('.ts'));
  assert.deepEqual(unknown, [], `folders not in the layer order of docs/architecture.md: ${unknown.join(', ')}`);
});

test('imports only point leftwards: util ← lang ← task ← … ← api ← cli', () => {
  const bad: string[] = [];
  for (const file of all) {
    const from = LAYERS.indexOf(layerOf(file) as (typeof LAYERS)[number]);
    for (const { spec, line } of importsOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SRC + sep)) { bad.push(`${relative('.', file)}:${line} imports ${spec} outside src/`); continue; }
      const to = LAYERS.indexOf(layerOf(target) as (typeof LAYERS)[number]);
      if (to > from) bad.push(`${relative('.', file)}:${line} (${LAYERS[from]}) imports ${spec} (${LAYERS[to]})`);
    }
  }
  assert.deepEqual(bad, []);
});

test('only src/neural imports TensorFlow.js', () => {
  const bad = all.filter((f) => layerOf(f) !== 'neural')
    .flatMap((f) => importsOf(readFileSync(f, 'utf8')).filter((i) => i.spec.startsWith('@tensorflow')).map((i) => `${relative('.', f)}:${i.line} imports ${i.spec}`));
  assert.deepEqual(bad, []);
});

test('the pure core (util … learn) reads no clock or Math.random and does no I/O', () => {
  const bad: string[] = [];
  for (const file of all.filter((f) => PURE.has(layerOf(f)))) {
    const rel = relative(SRC, file).split(sep).join('/');
    const src = readFileSync(file, 'utf8');
    const code = stripComments(src);
    code.split('\n').forEach((text, i) => {
      if (/\bMath\.random\s*\(/.test(text)) bad.push(`${rel}:${i + 1} calls Math.random (pass an Rng)`);
      if ((/\bDate\.now\s*\(/.test(text) || /\bnew Date\s*\(\s*\)/.test(text)) && rel !== 'util/clock.ts') bad.push(`${rel}:${i + 1} reads the clock (pass a Clock)`);
    });
    for (const { spec, line } of importsOf(src))
      if (/^(node:)?(fs|fs\/promises|child_process|net|http|https|dgram)$/.test(spec))
        bad.push(`${rel}:${line} imports ${spec} (I/O belongs in store/, api/, cli/)`);
  }
  assert.deepEqual(bad, []);
});

test('the scanner sees the imports it checks', () => {
  const found = importsOf("import { a } from './x.ts';\nimport type { B } from '../y.ts';\nexport { c } from \"./z.ts\";\nconst m = await import('./w.ts');\nimport './side.ts';");
  assert.deepEqual(found.map((f) => f.spec), ['./x.ts', '../y.ts', './z.ts', './w.ts', './side.ts']);
});
