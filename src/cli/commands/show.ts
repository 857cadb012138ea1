/** `arbor show TASK.json [--program P] [--png FILE]`: draws an ARC task's pairs (and a program's predictions). */
import { asUsage } from '../command.ts';
import { writeText } from '../files.ts';
import { defineCommand } from '../flags.ts';
import { parse, ParseError } from '../../lang/parse.ts';
import { evaluate } from '../../lang/evaluate.ts';
import { basePrimitives } from '../../lang/primitives/index.ts';
import { gridEquals, type Grid } from '../../lang/primitives/grid.ts';
import type { Expr } from '../../lang/expr.ts';
import { ansiGrids, pngGrids, readArcFile } from '../arc-draw.ts';

/** Runs a program on one grid; a string describes a failure. */
function predict(expr: Expr, g: Grid): Grid | string {
  const r = evaluate(expr, [g], { prims: basePrimitives, fuel: 10_000_000, maxSize: 1_000_000 });
  if (!r.ok) return `${r.failure.kind}: ${r.failure.message}`;
  const v = r.value as Grid;
  return Array.isArray(v) && v.every((row) => Array.isArray(row)) ? v : 'the program did not return a grid';
}

export const command = defineCommand({
  name: 'show',
  summary: 'draw an ARC task (and a program\'s predictions) in the terminal or as a PNG',
  args: [{ name: 'TASK.json', about: 'an ARC task file' }],
  flags: {
    program: { type: 'string', meta: 'P', help: "also draw P's output for every input (P is program text, e.g. '(lambda (grid.flip-h $0))')" },
    png: { type: 'string', meta: 'FILE', help: 'write a PNG instead (one row per pair: input, output, prediction)' },
    cell: { type: 'int', meta: 'PX', min: 1, max: 64, default: 16, help: 'pixels per cell in the PNG' },
    'no-colour': { type: 'boolean', alias: 'no-color', help: 'print digits instead of coloured blocks' },
  },
  about: 'Draws each train and test pair of an ARC task side by side with ANSI colours in the ARC palette.',
}, async ({ positional: [file], flags: { program, png, cell, 'no-colour': noColour } }) => {
  const colour = !noColour;
  const task = readArcFile(file!);
  const expr: Expr | null = program === undefined ? null : asUsage(ParseError, () => parse(program), '--program: ');
  const pairs = [...task.train.map((p, i) => ({ label: `train ${i}`, ...p })), ...task.test.map((p, i) => ({ label: `test ${i}`, ...p }))];
  const preds = pairs.map((p) => (expr ? predict(expr, p.input) : null));
  if (png) {
    const rows = pairs.map((p, i) => [p.input, p.output ?? null, ...(expr ? [typeof preds[i] === 'string' ? null : preds[i] as Grid] : [])]);
    writeText(png, pngGrids(rows, cell), '--png');
    console.log(`wrote ${png} (${pairs.length} pairs)`);
    return 0;
  }
  const out: string[] = [`${task.name}: ${task.train.length} train, ${task.test.length} test`];
  pairs.forEach((p, i) => {
    const pr = preds[i];
    const cols: { title: string; grid: Grid | null }[] = [{ title: `${p.label} input`, grid: p.input }, { title: 'output', grid: p.output ?? null }];
    if (expr) {
      const ok = typeof pr !== 'string' && pr && p.output ? (gridEquals(pr, p.output) ? ' ✓' : ' ✗') : '';
      cols.push({ title: typeof pr === 'string' ? `prediction: ${pr}` : `prediction${ok}`, grid: typeof pr === 'string' ? null : pr ?? null });
    }
    out.push('', ...ansiGrids(cols, colour));
  });
  console.log(out.join('\n'));
  return 0;
});
