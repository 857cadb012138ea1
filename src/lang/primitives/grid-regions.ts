/**
 * Background regions: the 4-connected components of the background colour, with named features (size, box,
 * squareness, whether they touch the border, the colour around them), and a learned rule that fills each
 * region with a colour from a table over those features.
 */
import { fail, tick } from '../runtime.ts';
import { background, height, width, type Grid } from './grid.ts';

/** One background region: its cells and named feature values. */
export interface Region { readonly cells: readonly (readonly [number, number])[]; readonly feats: readonly string[] }

const D4 = [[1, 0], [-1, 0], [0, 1], [0, -1]] as const;

/** Feature names of `regions`, in the order of Region.feats. */
export const regionFeatureNames: readonly string[] = ['size', 'height', 'width', 'rect', 'square', 'border', 'around', 'h2', 'w2', 'largest', 'smallest'];

/** The background's 4-connected regions of `g`, at most 200 of them. */
export function regions(g: Grid): Region[] {
  const h = height(g), w = width(g), bg = background(g);
  const seen = new Int32Array(h * w).fill(-1);
  const raw: { cells: [number, number][]; border: boolean; around: Set<number> }[] = [];
  tick(h * w);
  for (let i = 0; i < h * w; i++) {
    const r0 = Math.floor(i / w), c0 = i % w;
    if (seen[i] !== -1 || g[r0]![c0] !== bg) continue;
    const id = raw.length, cells: [number, number][] = [], around = new Set<number>();
    let border = false;
    const stack = [i];
    seen[i] = id;
    while (stack.length) {
      const q = stack.pop()!, r = Math.floor(q / w), c = q % w;
      cells.push([r, c]);
      for (const [dr, dc] of D4) {
        const y = r + dr, x = c + dc;
        if (y < 0 || x < 0 || y >= h || x >= w) { border = true; continue; }
        if (g[y]![x] !== bg) { around.add(g[y]![x]!); continue; }
        if (seen[y * w + x] === -1) { seen[y * w + x] = id; stack.push(y * w + x); }
      }
    }
    raw.push({ cells, border, around });
    if (raw.length > 200) fail('too many regions');
  }
  const sizes = raw.map((x) => x.cells.length);
  const maxS = Math.max(...sizes), minS = Math.min(...sizes);
  return raw.map(({ cells, border, around }) => {
    const rs = cells.map((x) => x[0]), cs = cells.map((x) => x[1]);
    const rh = Math.max(...rs) - Math.min(...rs) + 1, rw = Math.max(...cs) - Math.min(...cs) + 1;
    const rect = rh * rw === cells.length;
    return { cells, feats: [String(Math.min(cells.length, 30)), String(rh), String(rw), String(rect), String(rect && rh === rw),
      String(border), around.size === 1 ? String([...around][0]) : 'mixed', String(rh % 2), String(rw % 2),
      String(cells.length === maxS), String(cells.length === minS)] };
  });
}

/**
 * Fills each background region by a table over its `features` (space-separated names): entries `values=>out`
 * joined by ';', values joined by '/', out a colour digit, 'k' (keep) or 'a' (the colour around it). Regions
 * without an entry fail the rule.
 */
export function fillRegions(g: Grid, features: string, table: string): number[][] {
  const idx = features.split(' ').map((f) => { const i = regionFeatureNames.indexOf(f); return i >= 0 ? i : fail(`unknown region feature '${f}'`); });
  const t = new Map(table.split(';').map((e) => e.split('=>') as [string, string]));
  const out = g.map((row) => [...row]);
  for (const reg of regions(g)) {
    const v = t.get(idx.map((j) => reg.feats[j]).join('/')) ?? t.get('*') ?? fail('no rule for a region');
    if (v === 'k') continue;
    const around = reg.feats[regionFeatureNames.indexOf('around')]!;
    const k = v === 'a' ? (around === 'mixed' ? fail('no single colour around') : Number(around)) : Number(v);
    for (const [r, c] of reg.cells) out[r]![c] = k;
  }
  return out;
}
