/**
 * Block rules for grids divided by separator lines: the output has one cell per block (a summary), or is the
 * input with each block kept, filled or cleared. The choice per block is looked up from one or two block
 * features in a table consistent with every block of every train pair; test blocks must all have entries.
 */
import { app, prim, str, v } from '../../lang/expr.ts';
import { height, width, type Grid } from '../../lang/primitives/grid.ts';
import { blockFeatures, blockGrids, blockLayout, blocksFill, blocksSummary, type BlockLayout } from '../../lang/primitives/grid-blocks.ts';
import { attempt, fitsTrain, type Strategy, type StrategyContext } from './solution.ts';
import { learnTables, type Sample } from './tables.ts';


/** Per block of a train pair, the outputs that explain it; null when some block has none. */
function summarySamples(g: Grid, out: Grid, L: BlockLayout): Sample[] | null {
  if (height(out) !== L.rows.length || width(out) !== L.cols.length) return null;
  const F = blockFeatures(g, L), nc = L.cols.length;
  return F.rows.map((feats, i) => {
    const k = out[Math.floor(i / nc)]![i % nc]!;
    return { feats, ok: new Set([String(k), ...(k === F.main[i] ? ['c'] : [])]) };
  });
}

function fillSamples(g: Grid, out: Grid, L: BlockLayout): Sample[] | null {
  if (height(out) !== height(g) || width(out) !== width(g)) return null;
  const F = blockFeatures(g, L), before = blockGrids(g, L), after = blockGrids(out, L);
  const samples: Sample[] = [];
  for (let i = 0; i < before.length; i++) {
    const a = before[i]!, b = after[i]!, ok = new Set<string>();
    if (a.every((row, r) => row.every((x, c) => x === b[r]![c]))) ok.add('k');
    const k = b[0]![0]!;
    if (b.every((row) => row.every((x) => x === k))) { ok.add(String(k)); if (k === F.main[i]) ok.add('c'); }
    const t = F.template >= 0 ? before[F.template]! : null;
    if (t && height(t) === height(b) && width(t) === width(b) && b.every((row, r) => row.every((x, c) => x === t[r]![c]))) ok.add('p');
    if (ok.size === 0) return null;
    samples.push({ feats: F.rows[i]!, ok });
  }
  return samples;
}

export function blocksStrategy(): Strategy {
  return {
    name: 'blocks',
    run(ctx: StrategyContext) {
      const { task } = ctx;
      const layouts = task.train.map((p) => attempt(() => blockLayout(p.input)));
      const testLayouts = task.test.map((p) => attempt(() => blockLayout(p.input)));
      if (layouts.some((L) => !L) || testLayouts.some((L) => !L)) return;
      const modes = [
        { prim: 'grid.blocks-summary', samples: summarySamples, run: blocksSummary },
        { prim: 'grid.blocks-fill', samples: fillSamples, run: blocksFill },
      ];
      for (const mode of modes) {
        const per = task.train.map((p, i) => attempt(() => mode.samples(p.input, p.output, layouts[i]!)));
        if (per.some((s) => !s)) continue;
        const samples = per.flat() as Sample[];
        const names = blockFeatures(task.train[0]!.input, layouts[0]!).names;
        const testKeys = task.test.flatMap((p, i) => blockFeatures(p.input, testLayouts[i]!).rows);
        const seen = new Set<string>();
        for (const preferColour of [false, true])
          for (const [fs, table] of learnTables(names, samples, testKeys, preferColour ? 'c' : null).slice(0, 4)) {
            const features = fs.map((i) => names[i]).join(' ');
            const tab = [...table].map(([a, b]) => `${a}=>${b}`).join(';');
            if (seen.has(features + tab)) continue;
            seen.add(features + tab);
            const predict = (g: Grid) => mode.run(g, features, tab);
            if (!fitsTrain(task, predict)) continue; // e.g. a fill that the separator lines contradict
            ctx.add({
              body: app(prim(mode.prim), v(0), str(features), str(tab)),
              cost: 5 + 2 * fs.length + table.size / 3 + (preferColour ? 0.5 : 0),
              strategy: 'blocks',
              predict,
            });
          }
      }
    },
  };
}
