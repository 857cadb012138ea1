/**
 * Output-size prediction, its own small search: named rules mapping an input grid to [height, width], kept when
 * they reproduce every train output's size. solveArc ranks programs whose test outputs disagree with all kept
 * rules below those that agree.
 */
import { background, contentBox, height, width, type Grid } from '../../lang/primitives/grid.ts';
import { components } from '../../lang/primitives/objects.ts';
import type { ArcTask } from '../../task/arc.ts';
import { attempt } from './solution.ts';

export interface SizeRule { readonly name: string; readonly size: (g: Grid) => readonly [number, number] }

function candidates(task: ArcTask): SizeRule[] {
  const rules: SizeRule[] = [];
  const o0 = task.train[0]!.output, i0 = task.train[0]!.input;
  rules.push({ name: 'same', size: (g) => [height(g), width(g)] });
  rules.push({ name: 'transposed', size: (g) => [width(g), height(g)] });
  rules.push({ name: `constant ${height(o0)}x${width(o0)}`, size: () => [height(o0), width(o0)] });
  for (const a of [1, 2, 3, 4, 5]) for (const b of [1, 2, 3, 4, 5]) {
    if (a !== 1 || b !== 1) rules.push({ name: `times ${a}x${b}`, size: (g) => [height(g) * a, width(g) * b] });
    if (a !== 1 || b !== 1) rules.push({ name: `divided ${a}x${b}`, size: (g) => {
      if (height(g) % a || width(g) % b) throw new Error('indivisible');
      return [height(g) / a, width(g) / b];
    } });
  }
  rules.push({ name: 'square of size', size: (g) => [height(g) * height(g), width(g) * width(g)] });
  rules.push({ name: 'content box', size: (g) => { const b = contentBox(g, background(g)); return [b[2], b[3]]; } });
  for (const conn of [4, 8]) for (const pick of ['largest', 'smallest'] as const)
    rules.push({ name: `${pick} object ${conn}`, size: (g) => {
      const os = components(g, conn, true);
      if (!os.length) throw new Error('no objects');
      const o = os.reduce((a, b) => ((pick === 'largest' ? b.size > a.size : b.size < a.size) ? b : a));
      return [o.height, o.width];
    } });
  const dh = height(o0) - height(i0), dw = width(o0) - width(i0);
  rules.push({ name: `plus ${dh},${dw}`, size: (g) => [height(g) + dh, width(g) + dw] });
  return rules;
}

/** The size rules consistent with every train pair. */
export function predictSizes(task: ArcTask): SizeRule[] {
  return candidates(task).filter((r) => task.train.every((p) => {
    const s = attempt(() => r.size(p.input));
    return s !== null && s[0] === height(p.output) && s[1] === width(p.output);
  }));
}
