/**
 * Learned grid rules: an output cell as a function of features of the aligned input cells, mosaics of
 * transformed copies, periodic completion, and whole-grid features that pick a colour.
 */
import { fail, tick } from '../runtime.ts';
import {
  height, width, make, filled, gridEquals, gridKey, rot90, rot180, rot270, flipH, flipV, transpose, antiTranspose,
  crop, histogram, mostCommon, leastCommon, background, colours, contentBox, enclosedMask, maskEq, maskContent,
  split, type Grid
} from './grid-basic.ts';

// ---- cell-wise rules: an output cell as a function of features of the aligned input cells ----

/** Named ways to turn an input grid into aligned views (all of one size); the first view is the primary one. */
export const cellViews: Readonly<Record<string, (g: Grid) => Grid[]>> = {
  id: (g) => [g],
  'split-0-2': (g) => split(g, 0, 2),
  'split-1-2': (g) => split(g, 1, 2),
  'split-0-3': (g) => split(g, 0, 3),
  'split-1-3': (g) => split(g, 1, 3),
};

/** Per-cell features of aligned views: names, and one Int8Array (row-major) per feature; values 0–15. */
export function cellFeatures(views: readonly Grid[]): { names: string[]; data: Int8Array[] } {
  const g = views[0]!, h = height(g), w = width(g), n = h * w, bg = background(g);
  const names: string[] = [], data: Int8Array[] = [];
  const add = (name: string, f: (r: number, c: number) => number) => {
    const a = new Int8Array(n);
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) a[r * w + c] = f(r, c);
    names.push(name); data.push(a);
  };
  const at = (r: number, c: number) => (r < 0 || c < 0 || r >= h || c >= w ? 10 : g[r]![c]!);
  const ray = (r: number, c: number, dr: number, dc: number) => {
    for (let y = r + dr, x = c + dc; y >= 0 && x >= 0 && y < h && x < w; y += dr, x += dc) if (g[y]![x] !== bg) return g[y]![x]!;
    return 10;
  };
  tick(n * 40);
  add('c', (r, c) => g[r]![c]!);
  add('b0', (r, c) => (g[r]![c] !== bg ? 1 : 0));
  for (let i = 1; i < views.length; i++) {
    const v = views[i]!, vb = background(v);
    add(`v${i}`, (r, c) => v[r]![c]!);
    add(`b${i}`, (r, c) => (v[r]![c] !== vb ? 1 : 0));
  }
  add('n', (r, c) => at(r - 1, c)); add('s', (r, c) => at(r + 1, c));
  add('w', (r, c) => at(r, c - 1)); add('e', (r, c) => at(r, c + 1));
  add('nw', (r, c) => at(r - 1, c - 1)); add('ne', (r, c) => at(r - 1, c + 1));
  add('sw', (r, c) => at(r + 1, c - 1)); add('se', (r, c) => at(r + 1, c + 1));
  const nb = (r: number, c: number, d: readonly (readonly [number, number])[]) => d.filter(([dr, dc]) => { const x = at(r + dr, c + dc); return x !== 10 && x !== bg; }).length;
  const D4 = [[1, 0], [-1, 0], [0, 1], [0, -1]] as const, D8 = [...D4, [1, 1], [1, -1], [-1, 1], [-1, -1]] as const;
  add('n4', (r, c) => nb(r, c, D4)); add('n8', (r, c) => nb(r, c, D8));
  add('ru', (r, c) => ray(r, c, -1, 0)); add('rd', (r, c) => ray(r, c, 1, 0));
  add('rl', (r, c) => ray(r, c, 0, -1)); add('rr', (r, c) => ray(r, c, 0, 1));
  add('hpair', (r, c) => { const a = ray(r, c, 0, -1); return a !== 10 && a === ray(r, c, 0, 1) ? a : 11; });
  add('vpair', (r, c) => { const a = ray(r, c, -1, 0); return a !== 10 && a === ray(r, c, 1, 0) ? a : 11; });
  add('dpair', (r, c) => { const a = ray(r, c, -1, -1); return a !== 10 && a === ray(r, c, 1, 1) ? a : 11; });
  add('apair', (r, c) => { const a = ray(r, c, -1, 1); return a !== 10 && a === ray(r, c, 1, -1) ? a : 11; });
  const enc = enclosedMask(g, bg);
  add('encl', (r, c) => enc[r]![c]!);
  const line = (cells: number[]) => { const s = new Set(cells.filter((x) => x !== bg)); return s.size === 0 ? 10 : s.size === 1 ? [...s][0]! : 11; };
  const rows = g.map((row) => line([...row])), cols = Array.from({ length: w }, (_, c) => line(g.map((row) => row[c]!)));
  add('row', (r) => rows[r]!); add('col', (_, c) => cols[c]!);
  add('r2', (r) => r % 2); add('c2', (_, c) => c % 2); add('r3', (r) => r % 3); add('c3', (_, c) => c % 3);
  add('border', (r, c) => (r === 0 || c === 0 || r === h - 1 || c === w - 1 ? 1 : 0));
  add('mh', (r, c) => g[r]![w - 1 - c]!); add('mv', (r, c) => g[h - 1 - r]![c]!);
  add('mt', (r, c) => (h === w ? g[c]![r]! : 10));
  const uniq = (r: number, c: number, d: readonly (readonly [number, number])[]) => {
    let k = 10;
    for (const [dr, dc] of d) { const x = at(r + dr, c + dc); if (x === 10 || x === bg) continue; if (k === 10) k = x; else if (k !== x) return 11; }
    return k;
  };
  add('u4', (r, c) => uniq(r, c, D4)); add('ux', (r, c) => uniq(r, c, D8.slice(4))); add('u8', (r, c) => uniq(r, c, D8));
  // the size of the cell's 4-connected one-colour component, capped at 15, and whether it is the largest
  const comp = new Int32Array(n).fill(-1), compSize: number[] = [];
  for (let i = 0; i < n; i++) {
    if (comp[i] !== -1) continue;
    const id = compSize.length, col = g[Math.floor(i / w)]![i % w]!;
    let size = 0;
    const stack = [i];
    comp[i] = id;
    while (stack.length) {
      const q = stack.pop()!, r = Math.floor(q / w), c = q % w;
      size++;
      for (const [dr, dc] of D4) {
        const y = r + dr, x = c + dc;
        if (y >= 0 && x >= 0 && y < h && x < w && comp[y * w + x] === -1 && g[y]![x] === col) { comp[y * w + x] = id; stack.push(y * w + x); }
      }
    }
    compSize.push(size);
  }
  const fgMax = Math.max(0, ...compSize.filter((_, id) => { const i = comp.indexOf(id); return g[Math.floor(i / w)]![i % w] !== bg; }));
  add('osize', (r, c) => Math.min(15, compSize[comp[r * w + c]!]!));
  add('obig', (r, c) => (g[r]![c] !== bg && compSize[comp[r * w + c]!] === fgMax ? 1 : 0));
  // colour-free flags, so that rules can copy a colour from a feature and still generalise to new colours
  add('hp?', (r, c) => (data[names.indexOf('hpair')]![r * w + c]! === 11 ? 0 : 1));
  add('vp?', (r, c) => (data[names.indexOf('vpair')]![r * w + c]! === 11 ? 0 : 1));
  add('u4?', (r, c) => Math.min(2, [10, 11].indexOf(uniq(r, c, D4)) + 1));
  add('u8?', (r, c) => Math.min(2, [10, 11].indexOf(uniq(r, c, D8)) + 1));
  add('ux?', (r, c) => Math.min(2, [10, 11].indexOf(uniq(r, c, D8.slice(4))) + 1));
  // per colour: does an orthogonal / diagonal neighbour have it?
  for (let k = 0; k < 10; k++) {
    // every colour, the background too, so that all grids have the same feature list
    add(`has4-${k}`, (r, c) => (D4.some(([dr, dc]) => at(r + dr, c + dc) === k) ? 1 : 0));
    add(`hasx-${k}`, (r, c) => (D8.slice(4).some(([dr, dc]) => at(r + dr, c + dc) === k) ? 1 : 0));
  }
  return { names, data };
}

/**
 * Applies a learned cell rule: `features` space-separated names, `table` entries `key:out` separated by commas,
 * where `out` is a colour digit or the name of a feature whose value (a colour) is copied; key `*` is the default.
 */
export function cellRule(g: Grid, view: string, features: string, table: string): number[][] {
  return applyCellRule(g, view, features, table, cellFeatures);
}

/**
 * A cell rule over the features `featurize` computes from the view's grids (cellRule's and grid-cells' cellRuleX's
 * shared body): each cell's key is its `features` values joined by '.', looked up in `table`.
 */
export function applyCellRule(g: Grid, view: string, features: string, table: string,
  featurize: (views: readonly Grid[]) => { names: string[]; data: ArrayLike<number>[] }): number[][] {
  const mk = cellViews[view] ?? fail(`unknown view '${view}'`);
  const views = mk(g), { names, data } = featurize(views);
  const idx = features.split(' ').map((f) => { const i = names.indexOf(f); return i >= 0 ? i : fail(`unknown feature '${f}'`); });
  // an entry's output: -1 - colour for a colour digit, else the index of the feature whose value is copied
  const t = new Map(table.split(',').map((e) => {
    const [k, v] = e.split(':');
    if (/^[0-9]$/.test(v!)) return [k!, -1 - Number(v)] as const;
    const ref = names.indexOf(v!);
    return [k!, ref >= 0 ? ref : fail(`unknown feature '${v}'`)] as const;
  }));
  const v0 = views[0]!;
  return make(height(v0), width(v0), (r, c) => {
    const i = r * width(v0) + c;
    const k = idx.map((j) => data[j]![i]).join('.');
    const e = t.get(k) ?? t.get('*') ?? fail(`no rule for ${features}=${k}`);
    const out = e < 0 ? -1 - e : data[e]![i]!;
    return out < 10 ? out : fail('rule copies a missing colour');
  });
}

// ---- block layouts: the output as a mosaic of transformed copies of the input ----

/** Named ways to fill block (i, j) of a mosaic made from `g`. */
export const blockChoices: Readonly<Record<string, (g: Grid, i: number, j: number) => Grid>> = {
  id: (g) => g, 'rot90': rot90, 'rot180': rot180, 'rot270': rot270, 'flip-h': flipH, 'flip-v': flipV,
  transpose, 'anti-transpose': antiTranspose,
  bg: (g) => filled(height(g), width(g), background(g)),
  frac: (g, i, j) => (g[i]?.[j] !== undefined && g[i]![j] !== background(g) ? g : filled(height(g), width(g), background(g))),
  'frac-inv': (g, i, j) => (g[i]?.[j] !== undefined && g[i]![j] === background(g) ? g : filled(height(g), width(g), background(g))),
  'frac-common': (g, i, j) => (g[i]?.[j] !== undefined && g[i]![j] === mostCommon(g) ? g : filled(height(g), width(g), 0)),
  'frac-rare': (g, i, j) => (g[i]?.[j] !== undefined && g[i]![j] === leastCommon(g) ? g : filled(height(g), width(g), 0)),
  'frac-colour': (g, i, j) => (g[i]?.[j] !== undefined && g[i]![j] !== background(g)
    ? make(height(g), width(g), (r, c) => (g[r]![c] !== background(g) ? g[i]![j]! : g[r]![c]!)) : filled(height(g), width(g), background(g))),
};

/** A mosaic: `layout` lists block choices row by row, rows separated by '/', e.g. "id flip-h / flip-v rot180". */
export function blocks(g: Grid, layout: string): number[][] {
  const rows = layout.split('/').map((r) => r.trim().split(/\s+/));
  const h = height(g), w = width(g);
  const parts = rows.map((row, i) => row.map((name, j) => (blockChoices[name] ?? fail(`unknown block '${name}'`))(g, i, j)));
  return make(h * rows.length, w * rows[0]!.length, (r, c) => parts[Math.floor(r / h)]![Math.floor(c / w)]![r % h]![c % w]!);
}

/** Fills cells of colour `hole` from the smallest 2-D period that every other cell agrees with. */
export function fillPeriodic(g: Grid, hole: number): number[][] {
  const h = height(g), w = width(g);
  const periods: [number, number][] = [];
  for (let py = 1; py <= h; py++) for (let px = 1; px <= w; px++) if (py * px < h * w) periods.push([py, px]);
  periods.sort((a, b) => a[0] * a[1] - b[0] * b[1]);
  for (const [py, px] of periods) {
    const cls = new Int8Array(py * px).fill(-1);
    let ok = true;
    for (let r = 0; r < h && ok; r++) for (let c = 0; c < w; c++) {
      const x = g[r]![c]!;
      if (x === hole) continue;
      const i = (r % py) * px + (c % px);
      if (cls[i] === -1) cls[i] = x; else if (cls[i] !== x) { ok = false; break; }
    }
    tick(h * w);
    if (!ok || cls.includes(-1)) continue;
    return make(h, w, (r, c) => (g[r]![c] === hole ? cls[(r % py) * px + (c % px)]! : g[r]![c]!));
  }
  return fail('no period');
}

/** The part of `filledGrid` under the bounding box of colour `hole` in `g` (the patch a completion filled in). */
export function holePatch(g: Grid, filledGrid: Grid, hole: number): number[][] {
  const m = maskEq(g, hole);
  const [r, c, h, w] = contentBox(m, 0);
  return crop(filledGrid, r, c, h, w);
}

// ---- whole-grid features, for rules that summarise a grid in one colour ----

/** Named features of a whole grid, as short strings. */
export const gridFeatures: Readonly<Record<string, (g: Grid) => string>> = {
  'sym-h': (g) => String(gridEquals(g, flipH(g))),
  'sym-v': (g) => String(gridEquals(g, flipV(g))),
  'sym-any': (g) => String(gridEquals(g, flipH(g)) || gridEquals(g, flipV(g)) || (height(g) === width(g) && gridEquals(g, transpose(g)))),
  ncolours: (g) => String(colours(g).filter((k) => k !== background(g)).length),
  content: (g) => { const m = maskContent(g); const [r, c, h, w] = contentBox(m, 0); return gridKey(crop(m, r, c, h, w)); },
  pattern: (g) => gridKey(maskContent(g)),
  'most-common': (g) => String(mostCommon(g)),
};

/** Looks a grid feature's value up in a table `value=>colour;…`. */
export function classify(g: Grid, feature: string, table: string): number {
  const f = gridFeatures[feature] ?? fail(`unknown grid feature '${feature}'`);
  const t = new Map(table.split(';').map((e) => e.split('=>') as [string, string]));
  const v = t.get(f(g));
  return v === undefined ? fail('no entry for this grid') : Number(v);
}

/** The most common colour other than the background (the background when there is no other). */
export function mainColour(g: Grid): number {
  const h = histogram(g), bg = background(g);
  let best = bg;
  for (let k = 0; k < 10; k++) if (k !== bg && h[k]! > 0 && (best === bg || h[k]! > h[best]!)) best = k;
  return best;
}

/** The grid continued to h×w by its smallest 2-D period (a period of 1 along an axis repeats nothing). */
export function extendPeriodic(g: Grid, h: number, w: number): number[][] {
  const gh = height(g), gw = width(g);
  const fits = (py: number, px: number) => {
    for (let r = 0; r < gh; r++) for (let c = 0; c < gw; c++) if (g[r]![c] !== g[r % py]![c % px]) return false;
    return true;
  };
  for (let py = 1; py <= gh; py++) for (let px = 1; px <= gw; px++) {
    tick(gh * gw);
    if (fits(py, px)) return make(h, w, (r, c) => g[r % py]![c % px]!);
  }
  return fail('no period');
}
