/**
 * More grid operations for ARC search: symmetry completion about mirror axes anywhere in the grid (not only its
 * centre), periodic completion on skewed lattices (diagonal stripes), and picking one object by any of its
 * learned-rule features.
 */
import { arrow, tbool, tgrid, tint, tstr } from '../type.ts';
import type { Primitive } from '../primitive.ts';
import { fail, tick } from '../runtime.ts';
import { background, crop, height, make, width, type Grid } from './grid.ts';
import { components, objectFeatures, type ArcObject } from './objects.ts';
import { cellRuleX } from './grid-cells.ts';
import { blocksFill, blocksSummary } from './grid-blocks.ts';
import { fillRegions } from './grid-regions.ts';

// ---- symmetry about any axis ----

/** A symmetry of the plane as a cell map; `k` is the axis offset (the sum of mirrored coordinates). */
type CellMap = (r: number, c: number) => readonly [number, number];
const symmetryFamilies: readonly { readonly name: string; readonly map: (k: number) => CellMap; readonly range: (h: number, w: number) => number }[] = [
  { name: 'h', map: (k) => (r, c) => [r, k - c], range: (_h, w) => 2 * w - 1 },
  { name: 'v', map: (k) => (r, c) => [k - r, c], range: (h) => 2 * h - 1 },
  { name: 'diag', map: (k) => (r, c) => [c + k - 30, r - (k - 30)], range: () => 61 },
  { name: 'anti', map: (k) => (r, c) => [k - c, k - r], range: (h, w) => h + w - 1 },
];

/**
 * Fills the cells of colour `hole` from their mirror images: for each kind of mirror (left-right, top-bottom,
 * diagonal, anti-diagonal) the axis that pairs the most known cells without any disagreement is used, if it
 * pairs at least half of the known cells. Fails when no mirror qualifies or a hole stays unfilled.
 */
export function completeMirror(g: Grid, hole: number): number[][] {
  const h = height(g), w = width(g);
  let known = 0;
  for (const row of g) for (const x of row) if (x !== hole) known++;
  const maps: CellMap[] = [];
  for (const fam of symmetryFamilies) {
    let best: CellMap | null = null, bestPairs = 0;
    for (let k = 0; k < fam.range(h, w); k++) {
      const m = fam.map(k);
      let pairs = 0, ok = true;
      tick(h * w);
      for (let r = 0; r < h && ok; r++) for (let c = 0; c < w; c++) {
        const a = g[r]![c]!;
        if (a === hole) continue;
        const [y, x] = m(r, c);
        if (y < 0 || x < 0 || y >= h || x >= w) continue;
        const b = g[y]![x]!;
        if (b === hole) continue;
        if (a !== b) { ok = false; break; }
        pairs++;
      }
      if (ok && pairs > bestPairs) { best = m; bestPairs = pairs; }
    }
    if (best && bestPairs * 2 >= known) maps.push(best);
  }
  if (maps.length === 0) fail('no mirror axis');
  const out = g.map((row) => [...row]);
  // compositions of the mirrors reach cells no single mirror does: repeat until nothing changes
  for (let changed = true; changed;) {
    changed = false;
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
      if (out[r]![c] !== hole) continue;
      for (const m of maps) {
        const [y, x] = m(r, c);
        if (y < 0 || x < 0 || y >= h || x >= w || out[y]![x] === hole) continue;
        out[r]![c] = out[y]![x]!;
        changed = true;
        break;
      }
    }
  }
  if (out.some((row) => row.includes(hole))) fail('holes left unfilled');
  return out;
}

// ---- periodic completion on a skewed lattice ----

/**
 * Fills cells of colour `hole` from a lattice period: cell (r, c) belongs to class ((r + s·⌊c/px⌋) mod py, c mod px).
 * The smallest lattice (fewest classes, then least skew) consistent with every known cell and with every class
 * known is used; skew s = 0 is the ordinary rectangular period.
 */
export function fillLattice(g: Grid, hole: number): number[][] {
  const h = height(g), w = width(g);
  const lattices: [number, number, number][] = [];
  for (let py = 1; py <= h; py++) for (let px = 1; px <= w; px++) {
    if (py * px * 2 > h * w) continue;
    for (let s = 0; s < py; s++) if (s === 0 || py * px <= 64) lattices.push([py, px, s]);
  }
  lattices.sort((a, b) => a[0] * a[1] - b[0] * b[1] || a[2] - b[2]);
  for (const [py, px, s] of lattices) {
    const cls = new Int8Array(py * px).fill(-1);
    const key = (r: number, c: number) => ((r + s * Math.floor(c / px)) % py) * px + (c % px);
    let ok = true;
    tick(h * w);
    for (let r = 0; r < h && ok; r++) for (let c = 0; c < w; c++) {
      const x = g[r]![c]!;
      if (x === hole) continue;
      const i = key(r, c);
      if (cls[i] === -1) cls[i] = x; else if (cls[i] !== x) { ok = false; break; }
    }
    if (!ok || cls.includes(-1)) continue;
    return make(h, w, (r, c) => (g[r]![c] === hole ? cls[key(r, c)]! : g[r]![c]!));
  }
  return fail('no lattice');
}

/** The grid's smallest repeating tile (fewest cells, then fewest rows): g[r][c] = tile[r mod py][c mod px]. */
export function periodTile(g: Grid): number[][] {
  const h = height(g), w = width(g);
  const periods: [number, number][] = [];
  for (let py = 1; py <= h; py++) for (let px = 1; px <= w; px++) periods.push([py, px]);
  periods.sort((a, b) => a[0] * a[1] - b[0] * b[1] || a[0] - b[0]);
  for (const [py, px] of periods) {
    tick(h * w);
    let ok = true;
    for (let r = 0; r < h && ok; r++) for (let c = 0; c < w; c++) if (g[r]![c] !== g[r % py]![c % px]) { ok = false; break; }
    if (ok) return crop(g, 0, 0, py, px);
  }
  return fail('unreachable');
}

/**
 * Around every cell of colour `colour`, paints a fixed pattern: `pattern` entries `dr,dc:k` joined by ';' (the
 * offset from the cell and the colour painted there; offsets off the grid are skipped). Cells are read from the
 * input, so stamps never trigger further stamps.
 */
export function stamp(g: Grid, colour: number, pattern: string): number[][] {
  const entries = pattern.split(';').map((e) => { const [o, k] = e.split(':'); const [dr, dc] = o!.split(',').map(Number); return [dr!, dc!, Number(k)] as const; });
  if (entries.some(([dr, dc, k]) => !Number.isInteger(dr) || !Number.isInteger(dc) || !(k >= 0 && k <= 9))) fail(`bad stamp pattern '${pattern}'`);
  const h = height(g), w = width(g), out = g.map((row) => [...row]);
  let n = 0;
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
    if (g[r]![c] !== colour) continue;
    n++;
    for (const [dr, dc, k] of entries) { const y = r + dr, x = c + dc; if (y >= 0 && x >= 0 && y < h && x < w) out[y]![x] = k; }
  }
  tick(n * entries.length + h * w);
  return n ? out : fail('no cell to stamp around');
}

/**
 * The grid grown to h×w by continuing its pattern along the shortest translation (down and/or right) that maps
 * the grid onto itself with at least two coloured cells matched; cells the continuation does not reach are
 * background.
 */
export function extendTranslate(g: Grid, h: number, w: number): number[][] {
  const H = height(g), W = width(g), bg = background(g);
  if (h < H || w < W || (h === H && w === W)) fail('nothing to extend');
  const moves: [number, number][] = [];
  for (let dy = 0; dy < H; dy++) for (let dx = -(W - 1); dx < W; dx++)
    if ((dy > 0 || dx > 0) && (h > H || dy === 0)) moves.push([dy, dx]);
  moves.sort((a, b) => a[0] * a[0] + a[1] * a[1] - (b[0] * b[0] + b[1] * b[1]));
  for (const [dy, dx] of moves) {
    let ok = true, matched = 0;
    tick(H * W);
    for (let r = dy; r < H && ok; r++) for (let c = Math.max(0, dx); c < Math.min(W, W + dx); c++) {
      const a = g[r]![c]!, b = g[r - dy]![c - dx]!;
      if (a !== b) { ok = false; break; }
      if (a !== bg) matched++;
    }
    if (!ok || matched < 2) continue;
    const out = make(h, w, (r, c) => (r < H && c < W ? g[r]![c]! : bg));
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
      if (r < H && c < W) continue;
      const y = r - dy, x = c - dx;
      if (y >= 0 && x >= 0 && x < w && (y < r || x < c)) out[r]![c] = out[y]![x]!;
    }
    return out;
  }
  return fail('no translation');
}

/**
 * Noisy stripes cleaned: every row (or every column, whichever direction the stripes run, i.e. the one whose
 * lines are more uniform) filled with its most common colour.
 */
export function denoiseStripes(g: Grid): number[][] {
  const h = height(g), w = width(g);
  const majority = (cells: readonly number[]): [number, number] => {
    const n = new Array<number>(10).fill(0);
    for (const x of cells) n[x]!++;
    const m = Math.max(...n);
    return [n.indexOf(m), m];
  };
  const rows = g.map((row) => majority(row)), cols = Array.from({ length: w }, (_, c) => majority(g.map((row) => row[c]!)));
  tick(2 * h * w);
  const rowScore = rows.reduce((s, x) => s + x[1], 0) / (h * w), colScore = cols.reduce((s, x) => s + x[1], 0) / (h * w);
  return rowScore >= colScore ? make(h, w, (r) => rows[r]![0]) : make(h, w, (_, c) => cols[c]![0]);
}

/**
 * The one multi-coloured object (8-connected) is a template: every other object whose bounding box has the
 * template's size is overwritten by a copy of it.
 */
export function pasteTemplate(g: Grid): number[][] {
  const os = components(g, 8, true, background(g));
  const multi = os.filter((o) => o.ncolours > 1);
  if (multi.length !== 1) fail('no single template');
  const t = multi[0]!, out = g.map((row) => [...row]);
  let n = 0;
  for (const o of os) {
    if (o === t || o.height !== t.height || o.width !== t.width) continue;
    n++;
    for (let r = 0; r < t.height; r++) for (let c = 0; c < t.width; c++) out[o.top + r]![o.left + c] = g[t.top + r]![t.left + c]!;
  }
  tick(n * t.height * t.width + os.length);
  return n ? out : fail('nothing to paste onto');
}

/** The band of rows (axis 0) or columns (axis 1) that holds all coloured cells, repeated across the whole grid. */
export function repeatContent(g: Grid, axis: number): number[][] {
  const h = height(g), w = width(g), bg = background(g);
  const has = axis === 0 ? (i: number) => g[i]!.some((x) => x !== bg) : (i: number) => g.some((row) => row[i] !== bg);
  const n = axis === 0 ? h : w;
  let a = 0, b = n - 1;
  while (a < n && !has(a)) a++;
  while (b >= 0 && !has(b)) b--;
  if (a > b) fail('no content');
  const len = b - a + 1, src = (i: number) => a + ((((i - a) % len) + len) % len);
  return make(h, w, (r, c) => (axis === 0 ? g[src(r)]![c]! : g[r]![src(c)]!));
}

/** The grid with runs of equal consecutive rows, then of equal consecutive columns, collapsed to one. */
export function dedupe(g: Grid): number[][] {
  const rows = g.filter((row, r) => r === 0 || row.some((x, c) => x !== g[r - 1]![c]));
  const w = width(g);
  const keep: number[] = [];
  for (let c = 0; c < w; c++) if (c === 0 || rows.some((row) => row[c] !== row[c - 1])) keep.push(c);
  tick(height(g) * w);
  return make(rows.length, keep.length, (r, c) => rows[r]![keep[c]!]!);
}

// ---- objects moving toward others ----

/**
 * Every object of colour `mover` (8-connected) moves toward the cells of colour `target`: straight when their
 * row or column spans overlap, diagonally otherwise; `steps` 0 means until it touches the target (or is
 * blocked), else that many steps. Fails when a colour is missing.
 */
export function attract(g: Grid, mover: number, target: number, steps: number): number[][] {
  const h = height(g), w = width(g), bg = background(g);
  const tcells: [number, number][] = [];
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) if (g[r]![c] === target) tcells.push([r, c]);
  const movers = components(g, 8, false, bg).filter((o) => o.colour === mover);
  if (tcells.length === 0 || movers.length === 0 || mover === target) fail('nothing to attract');
  const t0 = Math.min(...tcells.map((x) => x[0])), t1 = Math.max(...tcells.map((x) => x[0]));
  const l0 = Math.min(...tcells.map((x) => x[1])), l1 = Math.max(...tcells.map((x) => x[1]));
  const out = g.map((row) => [...row]);
  for (const o of movers) {
    const rowsOverlap = o.top <= t1 && o.top + o.height - 1 >= t0, colsOverlap = o.left <= l1 && o.left + o.width - 1 >= l0;
    const dr = rowsOverlap ? 0 : o.top > t1 ? -1 : 1, dc = colsOverlap ? 0 : o.left > l1 ? -1 : 1;
    if (dr === 0 && dc === 0) continue;
    const diag = dr !== 0 && dc !== 0;
    for (const [r, c] of o.cells) out[r]![c] = bg;
    const free = (k: number) => o.cells.every(([r, c]) => {
      const y = r + dr * k, x = c + dc * k;
      return y >= 0 && x >= 0 && y < h && x < w && out[y]![x] === bg;
    });
    const touching = (k: number) => o.cells.some(([r, c]) => {
      const y = r + dr * k, x = c + dc * k;
      for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) {
        if ((a === 0 && b === 0) || (!diag && a !== 0 && b !== 0)) continue;
        if (g[y + a]?.[x + b] === target) return true;
      }
      return false;
    });
    let k = 0;
    while ((steps === 0 ? !touching(k) : k < steps) && free(k + 1)) { k++; tick(o.size); }
    for (const [r, c, col] of o.cells) out[r + dr * k]![c + dc * k] = col;
  }
  return out;
}

// ---- one object picked by a feature ----

/** Object features that are numbers (so that max and min make sense). */
const NUMERIC = new Set(['size', 'size-rank', 'holes', 'height', 'width', 'ncolours', 'minor', 'colours-count']);

/** Extra per-object numbers beyond objectFeatures: cells not of the object's main colour. */
const minorCells = (o: ArcObject): number => o.cells.filter(([, , k]) => k !== o.colour).length;

/**
 * The object (of `obj.components g conn multi`) chosen by feature `feature`: `how` is 'unique' (the one object
 * whose value occurs once), 'max' or 'min' (the one object with the largest / smallest value). Fails on ties.
 */
export function selectObject(g: Grid, conn: number, multi: boolean, feature: string, how: string): ArcObject {
  const os = components(g, conn, multi);
  if (os.length < 2) fail('fewer than two objects');
  const values: string[] = feature === 'minor' ? os.map((o) => String(minorCells(o))) : (() => {
    const { names, rows } = objectFeatures(g, os);
    const i = names.indexOf(feature);
    if (i < 0) fail(`unknown object feature '${feature}'`);
    return rows.map((row) => row[i]!);
  })();
  let pick: number[];
  if (how === 'unique') {
    pick = values.flatMap((x, i) => (values.indexOf(x) === values.lastIndexOf(x) ? [i] : []));
  } else if (how === 'max' || how === 'min') {
    if (!NUMERIC.has(feature)) fail(`feature '${feature}' is not a number`);
    const nums = values.map(Number), best = how === 'max' ? Math.max(...nums) : Math.min(...nums);
    pick = nums.flatMap((x, i) => (x === best ? [i] : []));
  } else return fail(`unknown selection '${how}'`);
  return pick.length === 1 ? os[pick[0]!]! : fail('no single object');
}

/** The bounding-box crop of the selected object. */
export const selectCrop = (g: Grid, conn: number, multi: boolean, feature: string, how: string): number[][] => {
  const o = selectObject(g, conn, multi, feature, how);
  return crop(g, o.top, o.left, o.height, o.width);
};

const G = tgrid, I = tint;
const p = (name: string, type: ReturnType<typeof arrow>, impl: (...a: any[]) => unknown, doc: string): Primitive =>
  ({ name, type, impl, family: 'grid-extra', doc, module: import.meta.url });

/** The grid-extra family's primitives. */
export const gridExtraPrimitives: readonly Primitive[] = [
  p('grid.complete-mirror', arrow(G, I, G), completeMirror, '(grid.complete-mirror g hole) fill hole cells from mirror images about the best axes'),
  p('grid.fill-lattice', arrow(G, I, G), fillLattice, '(grid.fill-lattice g hole) fill hole cells from the smallest (skewed) lattice period'),
  p('grid.period-tile', arrow(G, G), periodTile, 'the smallest tile whose repetition is the grid'),
  p('grid.cell-rule-x', arrow(G, tstr, tstr, tstr, G), cellRuleX,
    '(grid.cell-rule-x g view features table) each cell from a table over extended cell features (see grid.cell-rule)'),
  p('grid.blocks-summary', arrow(G, tstr, tstr, G), blocksSummary,
    '(grid.blocks-summary g features table) one cell per block between separator lines, by a table over block features'),
  p('grid.blocks-fill', arrow(G, tstr, tstr, G), blocksFill,
    '(grid.blocks-fill g features table) each block between separator lines kept, filled or cleared by a table'),
  p('obj.attract', arrow(G, I, I, I, G), attract,
    '(obj.attract g mover target steps) objects of colour mover move toward colour target (steps 0: until touching)'),
  p('grid.fill-regions', arrow(G, tstr, tstr, G), fillRegions,
    '(grid.fill-regions g features table) each background region kept or filled by a table over region features'),
  p('grid.repeat-content', arrow(G, I, G), repeatContent, '(grid.repeat-content g axis) the band of rows (0) / columns (1) with content, repeated'),
  p('grid.stamp', arrow(G, I, tstr, G), stamp, '(grid.stamp g colour pattern) paint a fixed pattern around every cell of a colour'),
  p('grid.extend-translate', arrow(G, I, I, G), extendTranslate, '(grid.extend-translate g h w) the pattern continued along its shortest self-translation to h×w'),
  p('grid.denoise-stripes', arrow(G, G), denoiseStripes, 'rows or columns (whichever are more uniform) filled with their most common colour'),
  p('obj.paste-template', arrow(G, G), pasteTemplate, 'the one multi-coloured object copied over every object of its box size'),
  p('grid.dedupe', arrow(G, G), dedupe, 'collapse runs of equal consecutive rows and columns'),
  p('obj.select-crop', arrow(G, I, tbool, tstr, tstr, G), selectCrop,
    '(obj.select-crop g conn multi feature how) crop of the object whose feature is unique / max / min'),
];
