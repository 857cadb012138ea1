/**
 * Output = one object of the input, cropped to its bounding box, chosen by any object feature: the one object
 * whose value is unique among the objects, or the one with the largest / smallest value. The crop may then
 * pass through one symmetry of the square and an inferred colour map. Every choice must fit all train pairs.
 */
import { app, bool, int, prim, str, v, type Expr } from '../../lang/expr.ts';
import { crop, gridEquals, mapColours, type Grid } from '../../lang/primitives/grid.ts';
import { selectCrop } from '../../lang/primitives/grid-extra.ts';
import { components, objectFeatures } from '../../lang/primitives/objects.ts';
import { attempt, inferColourMap, type Strategy, type StrategyContext } from './solution.ts';
import { dihedral, mapColoursExpr, type Transform } from './transforms.ts';

const SEGMENTATIONS = [{ conn: 4, multi: false }, { conn: 8, multi: false }, { conn: 8, multi: true }, { conn: 4, multi: true }] as const;
const NUMERIC = ['size', 'size-rank', 'holes', 'height', 'width', 'ncolours', 'minor'];
const CATEGORICAL = ['colour', 'shape', 'holes', 'has-hole', 'symmetric', 'rect', 'border', 'ncolours', 'size', 'height', 'width'];

/** The crops of every object of `g`, with each feature's values (features by name). */
function objectTable(g: Grid, conn: number, multi: boolean): { crops: Grid[]; values: Map<string, string[]> } | null {
  const os = components(g, conn, multi);
  if (os.length < 2 || os.length > 40) return null;
  const { names, rows } = objectFeatures(g, os);
  const values = new Map<string, string[]>(names.map((n, i) => [n, rows.map((row) => row[i]!)]));
  values.set('minor', os.map((o) => String(o.cells.filter(([, , k]) => k !== o.colour).length)));
  return { crops: os.map((o) => crop(g, o.top, o.left, o.height, o.width)), values };
}

/** Index of the one object chosen by `how` on these values, or -1. */
function choose(values: readonly string[], how: string): number {
  let pick: number[];
  if (how === 'unique') pick = values.flatMap((x, i) => (values.indexOf(x) === values.lastIndexOf(x) ? [i] : []));
  else {
    const nums = values.map(Number), best = how === 'max' ? Math.max(...nums) : Math.min(...nums);
    pick = nums.flatMap((x, i) => (x === best ? [i] : []));
  }
  return pick.length === 1 ? pick[0]! : -1;
}

export function selectStrategy(): Strategy {
  return {
    name: 'select',
    run(ctx: StrategyContext) {
      const { task, meter } = ctx;
      const targets = task.train.map((p) => p.output);
      const identity: Transform = { name: 'id', cost: 0, wrap: (x) => x, run: (g) => g };
      for (const seg of SEGMENTATIONS) {
        if (meter.check()) return;
        const tables = task.train.map((p) => objectTable(p.input, seg.conn, seg.multi));
        if (tables.some((t) => t === null)) continue;
        const choices = [...CATEGORICAL.map((f) => [f, 'unique'] as const),
          ...NUMERIC.flatMap((f) => [[f, 'max'] as const, [f, 'min'] as const])];
        for (const [feature, how] of choices) {
          meter.evals++;
          const picked = tables.map((t) => { const i = choose(t!.values.get(feature)!, how); return i < 0 ? null : t!.crops[i]!; });
          if (picked.some((x) => x === null)) continue;
          const segCost = seg.conn === 4 && !seg.multi ? 0 : 1;
          const base = (x: Expr): Expr => app(prim('obj.select-crop'), x, int(seg.conn), bool(seg.multi), str(feature), str(how));
          const run = (g: Grid) => selectCrop(g, seg.conn, seg.multi, feature, how);
          for (const t of [identity, ...dihedral]) {
            const outs = picked.map((g) => attempt(() => t.run(g!)));
            if (outs.some((o) => o === null)) continue;
            const cost = 5 + segCost + (how === 'unique' ? 0 : 1) + t.cost;
            if (outs.every((o, i) => gridEquals(o!, targets[i]!))) {
              ctx.add({ body: t.wrap(base(v(0))), cost, strategy: 'select', predict: (g) => t.run(run(g)) });
              continue;
            }
            const table = inferColourMap(outs as Grid[], targets);
            if (table) ctx.add({ body: mapColoursExpr(t.wrap(base(v(0))), table), cost: cost + 2, strategy: 'select', predict: (g) => mapColours(t.run(run(g)), table) });
          }
        }
      }
    },
  };
}
