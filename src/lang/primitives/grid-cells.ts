/**
 * Extended per-cell features for learned cell rules: the base features of `cellFeatures` plus diagonal rays,
 * the nearest coloured cell, agreement among rays, the cell's object (size, main colour, bounding box) and the
 * 3×3 majority. `cellRuleX` applies a rule over these features exactly as `cellRule` does over the base ones.
 */
import { tick } from '../runtime.ts';
import { applyCellRule, background, cellFeatures, height, width, type Grid } from './grid.ts';
import { components } from './objects.ts';

const D8 = [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1]] as const;

/** Base features plus the extended ones: names, and one Int8Array (row-major) per feature; values 0–15. */
export function cellFeaturesX(views: readonly Grid[]): { names: string[]; data: Int8Array[] } {
  const { names, data } = cellFeatures(views);
  const g = views[0]!, h = height(g), w = width(g), n = h * w, bg = background(g);
  const add = (name: string, f: (r: number, c: number) => number) => {
    const a = new Int8Array(n);
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) a[r * w + c] = f(r, c);
    names.push(name); data.push(a);
  };
  tick(n * 30);
  // first coloured cell along each of the 8 rays (10: none) and its distance
  const hit = D8.map(() => new Int8Array(n)), dist = D8.map(() => new Int8Array(n));
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) D8.forEach(([dr, dc], d) => {
    let k = 10, s = 0;
    for (let y = r + dr, x = c + dc; y >= 0 && x >= 0 && y < h && x < w; y += dr, x += dc) { s++; if (g[y]![x] !== bg) { k = g[y]![x]!; break; } }
    hit[d]![r * w + c] = k; dist[d]![r * w + c] = k === 10 ? 127 : s;
  });
  ['rse', 'rsw', 'rne', 'rnw'].forEach((name, i) => add(name, (r, c) => hit[4 + i]![r * w + c]!));
  // the parity of the distance to the first coloured cell up / down / left / right (2: none), for alternations
  ['pd', 'pu', 'pr', 'pl'].forEach((name, i) => add(name, (r, c) => (hit[i]![r * w + c] === 10 ? 2 : dist[i]![r * w + c]! % 2)));
  // the one colour the rays of a kind see (10: none, 11: several)
  const agree = (ds: readonly number[]) => (r: number, c: number) => {
    let k = 10;
    for (const d of ds) { const x = hit[d]![r * w + c]!; if (x === 10) continue; if (k === 10) k = x; else if (k !== x) return 11; }
    return k;
  };
  add('o-any', agree([0, 1, 2, 3])); add('d-any', agree([4, 5, 6, 7])); add('r-any', agree([0, 1, 2, 3, 4, 5, 6, 7]));
  // the colour of the strictly nearest coloured cell along the 4 orthogonal rays (11: a tie of colours)
  const nearest = (ds: readonly number[]) => (r: number, c: number) => {
    let best = 127, k = 10;
    for (const d of ds) {
      const s = dist[d]![r * w + c]!, x = hit[d]![r * w + c]!;
      if (s < best) { best = s; k = x; } else if (s === best && x !== k) k = 11;
    }
    return k;
  };
  add('near', nearest([0, 1, 2, 3])); add('near-v', nearest([0, 1])); add('near-h', nearest([2, 3]));
  // the cell's 8-connected object (any colours): its main colour, whether it is the largest, its size (capped)
  const objs = components(g, 8, true, bg);
  const objOf = new Int32Array(n).fill(-1);
  objs.forEach((o, i) => { for (const [r, c] of o.cells) objOf[r * w + c] = i; });
  const maxSize = Math.max(0, ...objs.map((o) => o.size));
  add('ocol', (r, c) => { const i = objOf[r * w + c]!; return i < 0 ? 10 : objs[i]!.colour; });
  add('omax', (r, c) => { const i = objOf[r * w + c]!; return i < 0 ? 2 : objs[i]!.size === maxSize ? 1 : 0; });
  add('osize8', (r, c) => { const i = objOf[r * w + c]!; return i < 0 ? 0 : Math.min(15, objs[i]!.size); });
  // for a cell outside objects, the size of the largest one-colour 4-connected object among its 8 neighbours
  const objs4 = components(g, 4, false, bg), of4 = new Int32Array(n).fill(-1);
  objs4.forEach((o, i) => { for (const [r, c] of o.cells) of4[r * w + c] = i; });
  add('adj-size', (r, c) => {
    if (of4[r * w + c] !== -1) return 0;
    let m = 0;
    for (const [dr, dc] of D8) {
      const y = r + dr, x = c + dc;
      if (y >= 0 && x >= 0 && y < h && x < w && of4[y * w + x]! >= 0) m = Math.max(m, objs4[of4[y * w + x]!]!.size);
    }
    return Math.min(m, 15);
  });
  // inside some object's bounding box without being part of it: that object's colour (11: several boxes)
  const box = new Int8Array(n).fill(10);
  for (const o of objs) for (let r = o.top; r < o.top + o.height; r++) for (let c = o.left; c < o.left + o.width; c++) {
    const i = r * w + c;
    if (objOf[i] === -1) box[i] = box[i] === 10 ? o.colour : box[i] === o.colour ? box[i]! : 11;
  }
  add('inbox', (r, c) => box[r * w + c]!);
  // the colours at the ends of the cell's row and column (keys drawn along an edge)
  add('edge-l', (r) => g[r]![0]!); add('edge-r', (r) => g[r]![w - 1]!); add('edge-t', (_, c) => g[0]![c]!); add('edge-b', (_, c) => g[h - 1]![c]!);
  // parities counted from the right and bottom edges (the base features count from the left and top)
  add('c2r', (_, c) => (w - 1 - c) % 2); add('r2b', (r) => (h - 1 - r) % 2);
  // whether the cell's row / column has no coloured cell (1: row, 2: column, 3: both)
  const rowEmpty = g.map((row) => row.every((x) => x === bg)), colEmpty = Array.from({ length: w }, (_, c) => g.every((row) => row[c] === bg));
  add('empty-rc', (r, c) => (rowEmpty[r] ? 1 : 0) + (colEmpty[c] ? 2 : 0));
  // the majority colour of the 3×3 neighbourhood (ties: the cell's own colour)
  add('maj3', (r, c) => {
    const cnt = new Array<number>(10).fill(0);
    for (let y = r - 1; y <= r + 1; y++) for (let x = c - 1; x <= c + 1; x++) if (y >= 0 && x >= 0 && y < h && x < w) cnt[g[y]![x]!]!++;
    const best = Math.max(...cnt), winners = cnt.flatMap((k, i) => (k === best ? [i] : []));
    return winners.length === 1 ? winners[0]! : g[r]![c]!;
  });
  return { names, data };
}

/** Extended features that hold a colour, so that a rule may copy its output from them. */
export const colourFeaturesX: readonly string[] = ['rse', 'rsw', 'rne', 'rnw', 'o-any', 'd-any', 'r-any', 'near', 'near-v', 'near-h', 'ocol', 'inbox', 'maj3', 'edge-l', 'edge-r', 'edge-t', 'edge-b'];

/**
 * Applies a learned cell rule over the extended features: `features` space-separated names, `table` entries
 * `key:out` separated by commas, where `out` is a colour digit or a feature whose value is copied; key `*` is
 * the default.
 */
export function cellRuleX(g: Grid, view: string, features: string, table: string): number[][] {
  return applyCellRule(g, view, features, table, cellFeaturesX);
}
