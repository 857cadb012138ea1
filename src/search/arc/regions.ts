/**
 * Region fills: every 4-connected region of background cells is kept or filled with one colour, looked up from
 * one or two region features (size, box, squareness, border contact, the colour around it) in a table
 * consistent with every region of every train pair; all other cells stay.
 */
import { app, prim, str, v } from '../../lang/expr.ts';
import { background, height, width, type Grid } from '../../lang/primitives/grid.ts';
import { fillRegions, regionFeatureNames, regions } from '../../lang/primitives/grid-regions.ts';
import { attempt, fitsTrain, type Strategy, type StrategyContext } from './solution.ts';
import { learnTables, type Sample } from './tables.ts';

/** Per region of a train pair, the fills that explain it; null when a region or another cell does not fit. */
function regionSamples(g: Grid, out: Grid): Sample[] | null {
  if (height(out) !== height(g) || width(out) !== width(g)) return null;
  const bg = background(g), around = regionFeatureNames.indexOf('around');
  for (let r = 0; r < height(g); r++) for (let c = 0; c < width(g); c++) if (g[r]![c] !== bg && out[r]![c] !== g[r]![c]) return null;
  const samples: Sample[] = [];
  for (const reg of regions(g)) {
    const k = out[reg.cells[0]![0]]![reg.cells[0]![1]]!;
    if (reg.cells.some(([r, c]) => out[r]![c] !== k)) return null;
    samples.push({ feats: reg.feats, ok: new Set(k === bg ? ['k', String(k)] : [String(k), ...(reg.feats[around] === String(k) ? ['a'] : [])]) });
  }
  return samples;
}

export function regionsStrategy(): Strategy {
  return {
    name: 'regions',
    run(ctx: StrategyContext) {
      const { task } = ctx;
      const per = task.train.map((p) => attempt(() => regionSamples(p.input, p.output)));
      if (per.some((s) => !s)) return;
      const samples = per.flat() as Sample[];
      if (samples.every((s) => s.ok.has('k'))) return;
      const testKeys = task.test.map((p) => attempt(() => regions(p.input).map((r) => r.feats)));
      if (testKeys.some((k) => !k)) return;
      const seen = new Set<string>();
      for (const copy of [null, 'a'])
        for (const [fs, table] of learnTables(regionFeatureNames, samples, testKeys.flat() as string[][], copy).slice(0, 4)) {
          const features = fs.map((i) => regionFeatureNames[i]).join(' ');
          const tab = [...table].map(([a, b]) => `${a}=>${b}`).join(';');
          if (seen.has(features + tab)) continue;
          seen.add(features + tab);
          const predict = (g: Grid) => fillRegions(g, features, tab);
          if (!fitsTrain(task, predict)) continue;
          ctx.add({
            body: app(prim('grid.fill-regions'), v(0), str(features), str(tab)),
            cost: 5 + 2 * fs.length + table.size / 3 + (copy ? 0.5 : 0),
            strategy: 'regions',
            predict,
          });
        }
    },
  };
}
