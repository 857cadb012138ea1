// Golden spec files (test/golden/*.spec): each block is `# name`, the program, `==> type T`, and per `args:` line
// the expected `==> value V` or `==> failed: KIND`. `UPDATE_GOLDEN=1 node scripts/test.mjs golden` rewrites the
// expectations from the current implementation (scripts/test.mjs refuses that under CI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../src/lang/parse.ts';
import { inferType } from '../../src/lang/infer.ts';
import { evaluate } from '../../src/lang/evaluate.ts';
import { printType, splitArrow } from '../../src/lang/type.ts';
import { fromJson, toJson } from '../../src/lang/value.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import { refineByJson } from '../../src/cli/commands/run.ts';

const DIR = 'test/golden';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Block { name: string; lines: string[] }

/** Splits a spec file into blocks at `# ` lines; text before the first block is kept as the file's preamble. */
function blocks(text: string): { preamble: string[]; blocks: Block[] } {
  const preamble: string[] = [];
  const out: Block[] = [];
  for (const line of text.replace(/\n+$/, '').split('\n')) {
    if (line.startsWith('# ')) out.push({ name: line.slice(2).trim(), lines: [] });
    else if (out.length) out[out.length - 1]!.lines.push(line);
    else preamble.push(line);
  }
  return { preamble, blocks: out };
}

/** Computes a block's expectations; returns the block's lines with `==>` lines as the implementation gives them. */
function run(block: Block): string[] {
  const programLines: string[] = [];
  let i = 0;
  for (; i < block.lines.length && !block.lines[i]!.startsWith('==>') && !block.lines[i]!.startsWith('args:'); i++)
    programLines.push(block.lines[i]!);
  const source = programLines.filter((l) => !l.startsWith(';')).join('\n');
  const expr = parse(source);
  const out = [...programLines];
  let type: ReturnType<typeof inferType> | null = null;
  try {
    type = inferType(expr, basePrimitives);
    out.push(`==> type ${printType(type)}`);
  } catch (e) {
    out.push(`==> type error: ${(e as Error).message}`);
  }
  for (; i < block.lines.length; i++) {
    const line = block.lines[i]!;
    if (line.startsWith('==>')) continue; // recomputed below
    out.push(line);
    if (!line.startsWith('args:') || !type) continue;
    const jsons = JSON.parse(`[${line.slice(5)}]`) as unknown[];
    const t = refineByJson(type, jsons);
    const args = jsons.map((j, k) => fromJson(j, splitArrow(t).args[k]!));
    const r = evaluate(expr, args, { prims: basePrimitives });
    out.push(r.ok ? `==> value ${JSON.stringify(toJson(r.value, splitArrow(t).ret))}` : `==> failed: ${r.failure.kind}`);
  }
  return out;
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.spec')).sort()) {
  test(`golden ${file}`, () => {
    const path = join(DIR, file);
    const text = readFileSync(path, 'utf8');
    const { preamble, blocks: bs } = blocks(text);
    assert.ok(bs.length > 0, `${path}: no blocks`);
    const rewritten = [...preamble];
    for (const b of bs) {
      const actual = run(b);
      rewritten.push(`# ${b.name}`, ...actual);
      if (!UPDATE) assert.deepEqual(actual, b.lines, `${path}: block '${b.name}'`);
    }
    if (UPDATE) writeFileSync(path, rewritten.join('\n') + '\n');
  });
}
