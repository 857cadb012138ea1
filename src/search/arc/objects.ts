/**
 * Per-object transformations: one object→object function learned from all objects of all train pairs.
 * Each input object's cells must become one colour in the output (its own colour: kept; the background:
 * deleted; another: recoloured) while the rest of the grid stays; the new colour is looked up from one or two
 * object features (size rank, shape, holes, …) in a table consistent with every object of every pair.
 */
import { app, bool, int, prim, str, v } from '../../lang/expr.ts';
import { height, width } from '../../lang/primitives/grid.ts';
import { components, objectFeatures, recolourByTable } from '../../lang/primitives/objects.ts';
import { attempt, type Strategy, type StrategyContext } from './solution.ts';

const SEGMENTATIONS = [{ conn: 4, multi: false }, { conn: 8, multi: false }, { conn: 8, multi: true }, { conn: 4, multi: true }] as const;

export function objectStrategy(): Strategy {
  return {
    name: 'objects',
    run(ctx: StrategyContext) {
      const { task, meter } = ctx;
      if (task.train.some((p) => height(p.input) !== height(p.output) || width(p.input) !== width(p.output))) return;
      for (const seg of SEGMENTATIONS) {
        if (meter.check()) return;
        // targets: per train object, 'k' (unchanged) or the uniform new colour
        const samples: { feats: string[]; target: string }[] = [];
        let names: string[] = [];
        let ok = true;
        for (const p of task.train) {
          const os = components(p.input, seg.conn, seg.multi);
          if (os.length === 0 || os.length > 60) { ok = false; break; }
          const covered = p.input.map((row) => row.map(() => false));
          const f = objectFeatures(p.input, os);
          names = f.names;
          os.forEach((o, i) => {
            const outs = new Set(o.cells.map(([r, c]) => p.output[r]![c]!));
            const same = o.cells.every(([r, c, k]) => p.output[r]![c] === k);
            for (const [r, c] of o.cells) covered[r]![c] = true;
            if (same) samples.push({ feats: f.rows[i]!, target: 'k' });
            else if (outs.size === 1) samples.push({ feats: f.rows[i]!, target: String([...outs][0]) });
            else ok = false;
          });
          if (!ok) break;
          for (let r = 0; r < height(p.input); r++) for (let c = 0; c < width(p.input); c++)
            if (!covered[r]![c] && p.input[r]![c] !== p.output[r]![c]) ok = false;
        }
        if (!ok || samples.every((s) => s.target === 'k')) continue;
        const testFeats = task.test.map((p) => { const os = components(p.input, seg.conn, seg.multi); return objectFeatures(p.input, os).rows; });
        const subsets: number[][] = [];
        for (let a = 0; a < names.length; a++) { subsets.push([a]); for (let b = a + 1; b < names.length; b++) subsets.push([a, b]); }
        const kept: { fs: number[]; table: Map<string, string> }[] = [];
        for (const fs of subsets) {
          const table = new Map<string, string>();
          let consistent = true;
          for (const s of samples) {
            const k = fs.map((i) => s.feats[i]).join('/');
            const t = table.get(k);
            if (t === undefined) table.set(k, s.target); else if (t !== s.target) { consistent = false; break; }
          }
          if (!consistent) continue;
          if (!testFeats.every((rows) => rows.every((row) => table.has(fs.map((i) => row[i]).join('/'))))) continue;
          kept.push({ fs, table });
        }
        kept.sort((a, b) => a.fs.length - b.fs.length || a.table.size - b.table.size);
        for (const k of kept.slice(0, 4)) {
          const features = k.fs.map((i) => names[i]).join(' ');
          const table = [...k.table].map(([a, b]) => `${a}=>${b}`).join(';');
          ctx.add({
            body: app(prim('obj.recolour-by-table'), v(0), int(seg.conn), bool(seg.multi), str(features), str(table)),
            cost: 5 + 2 * k.fs.length + k.table.size / 3,
            strategy: 'objects',
            predict: (g) => recolourByTable(g, seg.conn, seg.multi, features, table),
          });
        }
        void attempt;
      }
    },
  };
}
