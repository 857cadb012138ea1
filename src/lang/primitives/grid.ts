/**
 * The grid family: ARC grids (readonly number[][] of colours 0–9) and boolean masks (grids of 0/1).
 * Helpers are exported so ARC search can call them directly; each primitive's impl is a thin wrapper.
 */
import { tcon } from '../type.ts';
import type { Primitive } from '../primitive.ts';
import { checkSize, fail, tick } from '../runtime.ts';
import { define, type Impl, type PrimitiveExtras } from './define.ts';

/** A grid of colours, rows first. */
export type Grid = readonly (readonly number[])[];
/** The mask type: a grid of 0/1 cells. */
export const tmask = /* @__PURE__ */ tcon('mask');

export const height = (g: Grid): number => g.length;
export const width = (g: Grid): number => (g.length ? g[0]!.length : 0);

/** A new h×w grid filled by f(r, c); checks size. */
export function make(h: number, w: number, f: (r: number, c: number) => number): number[][] {
  if (h <= 0 || w <= 0 || h > 60 || w > 60) fail(`grid size ${h}x${w} out of range`);
  checkSize(h * w);
  tick(h * w);
  const out: number[][] = new Array(h);
  for (let r = 0; r < h; r++) {
    const row = new Array<number>(w);
    for (let c = 0; c < w; c++) row[c] = f(r, c);
    out[r] = row;
  }
  return out;
}

export const filled = (h: number, w: number, colour: number): number[][] => make(h, w, () => colour);
export const gridEquals = (a: Grid, b: Grid): boolean =>
  a.length === b.length && a.every((row, r) => row.length === b[r]!.length && row.every((x, c) => x === b[r]![c]));
export const gridKey = (g: Grid): string => g.map((r) => r.join('')).join('|');

// ---- geometry ----
export const rot90 = (g: Grid): number[][] => make(width(g), height(g), (r, c) => g[height(g) - 1 - c]![r]!);
export const rot180 = (g: Grid): number[][] => make(height(g), width(g), (r, c) => g[height(g) - 1 - r]![width(g) - 1 - c]!);
export const rot270 = (g: Grid): number[][] => make(width(g), height(g), (r, c) => g[c]![width(g) - 1 - r]!);
export const flipH = (g: Grid): number[][] => make(height(g), width(g), (r, c) => g[r]![width(g) - 1 - c]!);
export const flipV = (g: Grid): number[][] => make(height(g), width(g), (r, c) => g[height(g) - 1 - r]![c]!);
export const transpose = (g: Grid): number[][] => make(width(g), height(g), (r, c) => g[c]![r]!);
export const antiTranspose = (g: Grid): number[][] =>
  make(width(g), height(g), (r, c) => g[height(g) - 1 - c]![width(g) - 1 - r]!);

export function crop(g: Grid, r0: number, c0: number, h: number, w: number): number[][] {
  if (r0 < 0 || c0 < 0 || r0 + h > height(g) || c0 + w > width(g)) fail('crop outside the grid');
  return make(h, w, (r, c) => g[r0 + r]![c0 + c]!);
}

export const scaleUp = (g: Grid, k: number): number[][] =>
  make(height(g) * k, width(g) * k, (r, c) => g[Math.floor(r / k)]![Math.floor(c / k)]!);

/** Shrinks by k, requiring every k×k block to be uniform. */
export function scaleDown(g: Grid, k: number): number[][] {
  if (k < 1 || height(g) % k || width(g) % k) fail('scale-down: size not divisible');
  const out = make(height(g) / k, width(g) / k, (r, c) => g[r * k]![c * k]!);
  for (let r = 0; r < height(g); r++)
    for (let c = 0; c < width(g); c++) if (g[r]![c] !== out[Math.floor(r / k)]![Math.floor(c / k)]) fail('scale-down: blocks not uniform');
  return out;
}

export const tile = (g: Grid, n: number, m: number): number[][] =>
  make(height(g) * n, width(g) * m, (r, c) => g[r % height(g)]![c % width(g)]!);

export function concatH(a: Grid, b: Grid): number[][] {
  if (height(a) !== height(b)) fail('concat-h: heights differ');
  return make(height(a), width(a) + width(b), (r, c) => (c < width(a) ? a[r]![c]! : b[r]![c - width(a)]!));
}
export function concatV(a: Grid, b: Grid): number[][] {
  if (width(a) !== width(b)) fail('concat-v: widths differ');
  return make(height(a) + height(b), width(a), (r, c) => (r < height(a) ? a[r]![c]! : b[r - height(a)]![c]!));
}

/** `top` drawn over `bottom`; cells of colour `clear` in `top` let `bottom` show through. */
export function overlay(top: Grid, bottom: Grid, clear: number): number[][] {
  if (height(top) !== height(bottom) || width(top) !== width(bottom)) fail('overlay: sizes differ');
  return make(height(top), width(top), (r, c) => (top[r]![c] === clear ? bottom[r]![c]! : top[r]![c]!));
}

// ---- colours ----
export function histogram(g: Grid): number[] {
  const h = new Array<number>(10).fill(0);
  for (const row of g) for (const x of row) h[x]!++;
  return h;
}
export function mostCommon(g: Grid): number {
  const h = histogram(g);
  let best = 0;
  for (let i = 1; i < 10; i++) if (h[i]! > h[best]!) best = i;
  return best;
}
export function leastCommon(g: Grid): number {
  const h = histogram(g);
  let best = -1;
  for (let i = 0; i < 10; i++) if (h[i]! > 0 && (best < 0 || h[i]! < h[best]!)) best = i;
  return best;
}
/** Background: black when it covers at least a fifth of the grid, else the most common colour. */
export function background(g: Grid): number {
  const h = histogram(g);
  return h[0]! * 5 >= height(g) * width(g) ? 0 : mostCommon(g);
}
export const colours = (g: Grid): number[] => histogram(g).flatMap((n, i) => (n > 0 ? [i] : []));
export const countColour = (g: Grid, colour: number): number => histogram(g)[colour] ?? 0;

export const recolour = (g: Grid, from: number, to: number): number[][] =>
  make(height(g), width(g), (r, c) => (g[r]![c] === from ? to : g[r]![c]!));

/** Applies a colour map written as ten digits: the image of colour i is digit i. */
export function mapColours(g: Grid, table: string): number[][] {
  if (!/^[0-9]{10}$/.test(table)) fail(`colour map '${table}' must be ten digits`);
  return make(height(g), width(g), (r, c) => table.charCodeAt(g[r]![c]!) - 48);
}

// ---- content, fills, gravity, lines ----
/** [top, left, height, width] of the cells that differ from `bg`; fails on an empty grid. */
export function contentBox(g: Grid, bg: number): [number, number, number, number] {
  let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
  for (let r = 0; r < height(g); r++)
    for (let c = 0; c < width(g); c++)
      if (g[r]![c] !== bg) { if (r < r0) r0 = r; if (r > r1) r1 = r; if (c < c0) c0 = c; if (c > c1) c1 = c; }
  if (r1 < 0) fail('no content');
  return [r0, c0, r1 - r0 + 1, c1 - c0 + 1];
}
/** The bounding box of the cells of one colour. */
export function cropToColour(g: Grid, colour: number): number[][] {
  const m = maskEq(g, colour);
  const [r, c, h, w] = contentBox(m, 0);
  return crop(g, r, c, h, w);
}
/** The grid without its outermost rows and columns. */
export const shrink = (g: Grid): number[][] => crop(g, 1, 1, height(g) - 2, width(g) - 2);
export function cropToContent(g: Grid): number[][] {
  const [r, c, h, w] = contentBox(g, background(g));
  return crop(g, r, c, h, w);
}

/** Fills the 4-connected region of (r, c)'s colour with `colour`. */
export function floodFill(g: Grid, r: number, c: number, colour: number): number[][] {
  if (r < 0 || c < 0 || r >= height(g) || c >= width(g)) fail('flood-fill outside the grid');
  const out = g.map((row) => [...row]);
  const from = out[r]![c]!;
  if (from === colour) return out;
  const stack = [[r, c]];
  while (stack.length) {
    const [y, x] = stack.pop()!;
    if (y! < 0 || x! < 0 || y! >= height(g) || x! >= width(g) || out[y!]![x!] !== from) continue;
    tick();
    out[y!]![x!] = colour;
    stack.push([y! + 1, x!], [y! - 1, x!], [y!, x! + 1], [y!, x! - 1]);
  }
  return out;
}

/** Background cells not 4-connected to the border through background, as a mask. */
export function enclosedMask(g: Grid, bg: number): number[][] {
  const h = height(g), w = width(g);
  const seen = make(h, w, () => 0);
  const stack: number[] = [];
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++)
    if ((r === 0 || c === 0 || r === h - 1 || c === w - 1) && g[r]![c] === bg) stack.push(r * w + c);
  while (stack.length) {
    const p = stack.pop()!, r = Math.floor(p / w), c = p % w;
    if (seen[r]![c]) continue;
    seen[r]![c] = 1;
    tick();
    for (const [dr, dc] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
      const y = r + dr, x = c + dc;
      if (y >= 0 && x >= 0 && y < h && x < w && !seen[y]![x] && g[y]![x] === bg) stack.push(y * w + x);
    }
  }
  return make(h, w, (r, c) => (g[r]![c] === bg && !seen[r]![c] ? 1 : 0));
}
export const fillEnclosed = (g: Grid, colour: number): number[][] => paintMask(g, enclosedMask(g, background(g)), colour);

/** Non-background cells fall towards a side (0 down, 1 left, 2 up, 3 right), keeping their order. */
export function gravity(g: Grid, dir: number): number[][] {
  const bg = background(g);
  const turns = (4 - (((dir % 4) + 4) % 4)) % 4;
  let t: Grid = g;
  for (let i = 0; i < turns; i++) t = rot90(t); // rotate so the direction is "down"
  const h = height(t), w = width(t);
  const out = filled(h, w, bg);
  for (let c = 0; c < w; c++) {
    let y = h - 1;
    for (let r = h - 1; r >= 0; r--) if (t[r]![c] !== bg) out[y--]![c] = t[r]![c]!;
  }
  let back: Grid = out;
  for (let i = 0; i < (4 - turns) % 4; i++) back = rot90(back);
  return back as number[][];
}

/** Draws a straight (horizontal, vertical or diagonal) segment; other directions fail. */
export function drawLine(g: Grid, r0: number, c0: number, r1: number, c1: number, colour: number): number[][] {
  const dr = Math.sign(r1 - r0), dc = Math.sign(c1 - c0);
  const n = Math.max(Math.abs(r1 - r0), Math.abs(c1 - c0));
  if (dr !== 0 && dc !== 0 && Math.abs(r1 - r0) !== Math.abs(c1 - c0)) fail('draw-line: not straight');
  const out = g.map((row) => [...row]);
  for (let i = 0; i <= n; i++) {
    const r = r0 + dr * i, c = c0 + dc * i;
    if (r >= 0 && c >= 0 && r < height(g) && c < width(g)) out[r]![c] = colour;
  }
  return out;
}

/** Fills cells of colour `hole` from their mirror images under the grid's symmetries that agree elsewhere. */
export function completeSymmetry(g: Grid, hole: number): number[][] {
  const h = height(g), w = width(g);
  const maps: ((r: number, c: number) => [number, number])[] = [
    (r, c) => [r, w - 1 - c], (r, c) => [h - 1 - r, c], (r, c) => [h - 1 - r, w - 1 - c],
  ];
  if (h === w) maps.push((r, c) => [c, r], (r, c) => [w - 1 - c, h - 1 - r], (r, c) => [c, h - 1 - r], (r, c) => [w - 1 - c, r]);
  const agree = maps.filter((m) => {
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
      const [y, x] = m(r, c);
      const a = g[r]![c]!, b = g[y]![x]!;
      if (a !== hole && b !== hole && a !== b) return false;
    }
    return true;
  });
  if (agree.length === 0) fail('no symmetry');
  const out = g.map((row) => [...row]);
  for (let pass = 0; pass < 2; pass++)
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
      if (out[r]![c] !== hole) continue;
      for (const m of agree) { const [y, x] = m(r, c); if (out[y]![x] !== hole) { out[r]![c] = out[y]![x]!; break; } }
    }
  tick(h * w * maps.length);
  return out;
}

// ---- masks ----
export const maskEq = (g: Grid, colour: number): number[][] => make(height(g), width(g), (r, c) => (g[r]![c] === colour ? 1 : 0));
export const maskContent = (g: Grid): number[][] => { const bg = background(g); return make(height(g), width(g), (r, c) => (g[r]![c] !== bg ? 1 : 0)); };
function zipMask(a: Grid, b: Grid, f: (x: number, y: number) => boolean): number[][] {
  if (height(a) !== height(b) || width(a) !== width(b)) fail('mask sizes differ');
  return make(height(a), width(a), (r, c) => (f(a[r]![c]!, b[r]![c]!) ? 1 : 0));
}
export const maskAnd = (a: Grid, b: Grid) => zipMask(a, b, (x, y) => !!x && !!y);
export const maskOr = (a: Grid, b: Grid) => zipMask(a, b, (x, y) => !!x || !!y);
export const maskXor = (a: Grid, b: Grid) => zipMask(a, b, (x, y) => !!x !== !!y);
export const maskNot = (a: Grid): number[][] => make(height(a), width(a), (r, c) => (a[r]![c] ? 0 : 1));
export function paintMask(g: Grid, m: Grid, colour: number): number[][] {
  if (height(g) !== height(m) || width(g) !== width(m)) fail('paint-mask: sizes differ');
  return make(height(g), width(g), (r, c) => (m[r]![c] ? colour : g[r]![c]!));
}

/** Splits into `n` equal parts along an axis (0 rows, 1 columns), dropping one-cell separator lines if present. */
export function split(g: Grid, axis: number, n: number): number[][][] {
  const len = axis === 0 ? height(g) : width(g);
  const seps = n - 1;
  const withSep = (len - seps) % n === 0 && len > seps ? (len - seps) / n : -1;
  const plain = len % n === 0 ? len / n : -1;
  const part = withSep > 0 && (plain < 0 || len % n !== 0) ? withSep : plain;
  if (part <= 0) fail('split: size not divisible');
  const step = part === withSep && part !== plain ? part + 1 : part;
  const out: number[][][] = [];
  for (let i = 0; i < n; i++)
    out.push(axis === 0 ? crop(g, i * step, 0, part, width(g)) : crop(g, 0, i * step, height(g), part));
  return out;
}

/** Declares a grid primitive (side-effect free, so export's tree shaking can drop this module's table). */
/* @__NO_SIDE_EFFECTS__ */ function def(name: string, type: string, impl: Impl, doc: string, extras?: PrimitiveExtras): Primitive {
  return define('grid', import.meta.url, name, type, impl, doc, extras);
}

/** The grid family's primitives. */
export const gridPrimitives: readonly Primitive[] = [
  def('grid.height', 'grid -> int', height, 'number of rows'),
  def('grid.width', 'grid -> int', width, 'number of columns'),
  def('grid.filled', 'int -> int -> int -> grid', filled, '(grid.filled h w colour) a uniform grid'),
  def('grid.rot90', 'grid -> grid', rot90, 'rotate a quarter turn clockwise'),
  def('grid.rot180', 'grid -> grid', rot180, 'rotate a half turn'),
  def('grid.rot270', 'grid -> grid', rot270, 'rotate a quarter turn anticlockwise'),
  def('grid.flip-h', 'grid -> grid', flipH, 'mirror left-right'),
  def('grid.flip-v', 'grid -> grid', flipV, 'mirror top-bottom'),
  def('grid.transpose', 'grid -> grid', transpose, 'mirror in the main diagonal'),
  def('grid.anti-transpose', 'grid -> grid', antiTranspose, 'mirror in the anti-diagonal'),
  def('grid.crop', 'grid -> int -> int -> int -> int -> grid', crop, '(grid.crop g top left h w)'),
  def('grid.crop-to-content', 'grid -> grid', cropToContent, 'the bounding box of the non-background cells'),
  def('grid.scale-up', 'grid -> int -> grid', scaleUp, 'each cell becomes a k×k block'),
  def('grid.scale-down', 'grid -> int -> grid', scaleDown, 'inverse of scale-up; fails unless blocks are uniform'),
  def('grid.tile', 'grid -> int -> int -> grid', tile, '(grid.tile g rows cols) repeat the grid'),
  def('grid.concat-h', 'grid -> grid -> grid', concatH, 'side by side'),
  def('grid.concat-v', 'grid -> grid -> grid', concatV, 'one above the other'),
  def('grid.overlay', 'grid -> grid -> int -> grid', overlay, '(grid.overlay top bottom clear) top over bottom'),
  def('grid.background', 'grid -> int', background, 'the background colour (black, else the most common)'),
  def('grid.most-common', 'grid -> int', mostCommon, 'the most common colour'),
  def('grid.least-common', 'grid -> int', leastCommon, 'the least common colour present'),
  def('grid.count', 'grid -> int -> int', countColour, 'number of cells of a colour'),
  def('grid.colours', 'grid -> list(int)', colours, 'the colours present, ascending'),
  def('grid.recolour', 'grid -> int -> int -> grid', recolour, '(grid.recolour g from to)'),
  def('grid.map-colours', 'grid -> str -> grid', mapColours, '(grid.map-colours g "0123456789") colour i becomes digit i'),
  def('grid.content-box', 'grid -> list(int)', (g: Grid) => contentBox(g, background(g)), '[top left h w] of the content'),
  def('grid.flood-fill', 'grid -> int -> int -> int -> grid', floodFill, '(grid.flood-fill g r c colour)'),
  def('grid.fill-enclosed', 'grid -> int -> grid', fillEnclosed, 'paint background cells enclosed by content'),
  def('grid.gravity', 'grid -> int -> grid', gravity, 'content falls: 0 down, 1 left, 2 up, 3 right'),
  def('grid.draw-line', 'grid -> int -> int -> int -> int -> int -> grid', drawLine, '(grid.draw-line g r0 c0 r1 c1 colour)'),
  def('grid.complete-symmetry', 'grid -> int -> grid', completeSymmetry, 'fill cells of a hole colour from their mirror images'),
  def('grid.mask-eq', 'grid -> int -> mask', maskEq, 'cells of a colour'),
  def('grid.mask-content', 'grid -> mask', maskContent, 'non-background cells'),
  def('grid.mask-enclosed', 'grid -> mask', (g: Grid) => enclosedMask(g, background(g)), 'enclosed background cells'),
  def('grid.mask-and', 'mask -> mask -> mask', maskAnd, 'intersection'),
  def('grid.mask-or', 'mask -> mask -> mask', maskOr, 'union'),
  def('grid.mask-xor', 'mask -> mask -> mask', maskXor, 'symmetric difference'),
  def('grid.mask-not', 'mask -> mask', maskNot, 'complement'),
  def('grid.paint-mask', 'grid -> mask -> int -> grid', paintMask, '(grid.paint-mask g m colour)'),
  def('grid.split', 'grid -> int -> int -> list(grid)', split, '(grid.split g axis n) equal parts, separators dropped'),
  def('grid.part', 'grid -> int -> int -> int -> grid', (g: Grid, axis: number, n: number, i: number) => split(g, axis, n)[i] ?? fail('no such part'),
    '(grid.part g axis n i) the i-th of n equal parts'),
  def('grid.cell-rule', 'grid -> str -> str -> str -> grid', cellRule, '(grid.cell-rule g view features table) each cell by a lookup table'),
  def('grid.blocks', 'grid -> str -> grid', blocks, '(grid.blocks g "id flip-h / flip-v rot180") a mosaic of transformed copies'),
  def('grid.fill-periodic', 'grid -> int -> grid', fillPeriodic, 'fill cells of a hole colour from the repeating pattern'),
  def('grid.hole-patch', 'grid -> grid -> int -> grid', holePatch, '(grid.hole-patch g filled hole) crop filled to the hole of g'),
  def('grid.scale-by-colours', 'grid -> grid', (g: Grid) => scaleUp(g, colours(g).filter((k) => k !== background(g)).length),
    'scale up by the number of non-background colours'),
  def('grid.classify', 'grid -> str -> str -> int', classify, '(grid.classify g feature table) a colour looked up from a grid feature'),
  def('grid.main-colour', 'grid -> int', mainColour, 'the most common non-background colour'),
  def('grid.shrink', 'grid -> grid', shrink, 'drop the outermost rows and columns'),
  def('grid.cell-colours', 'grid -> grid', cellColours, 'a grid divided by separator lines, one pixel per cell'),
  def('grid.pick-cell', 'grid -> str -> grid', pickCell, '(grid.pick-cell g "odd"|"max"|"min") one cell of a divided grid'),
  def('grid.scale-down-majority', 'grid -> int -> grid', scaleDownMajority, 'shrink by k, each block its most common colour'),
  def('grid.swap-colours', 'grid -> grid', swapColours, 'swap the two most common colours'),
  def('grid.extend-periodic', 'grid -> int -> int -> grid', extendPeriodic, '(grid.extend-periodic g h w) continue the repeating pattern'),
  def('grid.crop-to-colour', 'grid -> int -> grid', cropToColour, 'the bounding box of the cells of a colour'),
  def('grid.fill-cells', 'grid -> grid', fillCells, 'fill each cell of a divided grid with its main colour'),
  def('grid.same', 'grid -> grid -> bool', gridEquals, 'equal grids'),
];

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
  const mk = cellViews[view] ?? fail(`unknown view '${view}'`);
  const views = mk(g), { names, data } = cellFeatures(views);
  const idx = features.split(' ').map((f) => { const i = names.indexOf(f); return i >= 0 ? i : fail(`unknown feature '${f}'`); });
  const t = new Map(table.split(',').map((e) => {
    const [k, v] = e.split(':');
    const ref = /^[0-9]$/.test(v!) ? -1 : names.indexOf(v!);
    if (ref < 0 && !/^[0-9]$/.test(v!)) fail(`unknown feature '${v}'`);
    return [k!, ref < 0 ? { colour: Number(v) } : { ref }] as const;
  }));
  const v0 = views[0]!;
  return make(height(v0), width(v0), (r, c) => {
    const i = r * width(v0) + c;
    const k = idx.map((j) => data[j]![i]).join('.');
    const e = t.get(k) ?? t.get('*') ?? fail(`no rule for ${features}=${k}`);
    const out = 'ref' in e ? data[(e as { ref: number }).ref]![i]! : (e as { colour: number }).colour;
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

// ---- grids partitioned by separator lines ----

/**
 * The cells of a grid divided by full rows and columns of one separator colour, row by row; fails when there
 * are no separator lines. Each cell is a sub-grid.
 */
export function partitionCells(g: Grid): { cells: number[][][]; rows: number; cols: number; sep: number; rowRuns: [number, number][]; colRuns: [number, number][] } {
  const h = height(g), w = width(g), bg = background(g);
  for (const sep of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((k) => k !== bg).concat([bg])) { // lines of a non-background colour first
    const fullRow = g.map((row) => row.every((x) => x === sep));
    const fullCol = Array.from({ length: w }, (_, c) => g.every((row) => row[c] === sep));
    if (!fullRow.some(Boolean) && !fullCol.some(Boolean)) continue;
    if (fullRow.every(Boolean)) continue;
    const runs = (full: boolean[]) => {
      const out: [number, number][] = [];
      let start = -1;
      full.forEach((f, i) => { if (!f && start < 0) start = i; if (f && start >= 0) { out.push([start, i]); start = -1; } });
      if (start >= 0) out.push([start, full.length]);
      return out;
    };
    const rs = runs(fullRow), cs = runs(fullCol);
    if (rs.length * cs.length < 2) continue;
    const cells = rs.flatMap(([r0, r1]) => cs.map(([c0, c1]) => crop(g, r0, c0, r1 - r0, c1 - c0)));
    tick(h * w);
    return { cells, rows: rs.length, cols: cs.length, sep, rowRuns: rs, colRuns: cs };
  }
  return fail('no separator lines');
}

/** Each cell of a partitioned grid becomes one pixel: its most common colour other than the background. */
export function cellColours(g: Grid): number[][] {
  const { cells, rows, cols, sep } = partitionCells(g);
  const bg = background(g) === sep ? 0 : background(g);
  return make(rows, cols, (r, c) => {
    const h = histogram(cells[r * cols + c]!);
    let best = -1;
    for (let k = 0; k < 10; k++) if (k !== bg && k !== sep && h[k]! > 0 && (best < 0 || h[k]! > h[best]!)) best = k;
    return best < 0 ? bg : best;
  });
}

/** Each cell of a partitioned grid filled with its most common colour other than the background. */
export function fillCells(g: Grid): number[][] {
  const { rowRuns, colRuns } = partitionCells(g);
  const small = cellColours(g);
  const out = g.map((row) => [...row]);
  rowRuns.forEach(([r0, r1], i) => colRuns.forEach(([c0, c1], j) => {
    for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) out[r]![c] = small[i]![j]!;
  }));
  return out;
}

/** The one cell of a partitioned grid that differs from all others (by content), or the fullest / emptiest one. */
export function pickCell(g: Grid, how: string): number[][] {
  const { cells } = partitionCells(g);
  const bg = background(g);
  const count = (x: Grid) => x.reduce((n, row) => n + row.filter((k) => k !== bg).length, 0);
  if (how === 'odd') {
    const keys = cells.map(gridKey);
    const odd = cells.filter((_, i) => keys.indexOf(keys[i]!) === keys.lastIndexOf(keys[i]!));
    return odd.length === 1 ? odd[0]! : fail('no odd cell');
  }
  const ns = cells.map(count);
  const target = how === 'max' ? Math.max(...ns) : Math.min(...ns);
  if (ns.filter((n) => n === target).length !== 1) fail('no unique cell');
  return cells[ns.indexOf(target)]!;
}

/** Shrinks by k taking each k×k block's most common colour (noise-tolerant scale-down). */
export function scaleDownMajority(g: Grid, k: number): number[][] {
  if (k < 2 || height(g) % k || width(g) % k) fail('scale-down: size not divisible');
  return make(height(g) / k, width(g) / k, (r, c) => mostCommon(crop(g, r * k, c * k, k, k)));
}

/** Swaps the grid's two most common colours. */
export function swapColours(g: Grid): number[][] {
  const h = histogram(g);
  const order = [...h.keys()].filter((k) => h[k]! > 0).sort((a, b) => h[b]! - h[a]! || a - b);
  if (order.length < 2) fail('fewer than two colours');
  const [a, b] = order as [number, number];
  return make(height(g), width(g), (r, c) => (g[r]![c] === a ? b : g[r]![c] === b ? a : g[r]![c]!));
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
