/**
 * Grids and their basic operations: size and construction, geometry (rotations, mirrors, crops, scaling,
 * tiling), colours, content boxes, fills and lines, masks, equal parts. The grid family's primitives (grid.ts)
 * are thin wrappers over these; ARC search calls them directly.
 */
import { tcon } from '../type.ts';
import { checkSize, fail, tick } from '../runtime.ts';

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

// ---- colour-wise transforms ----

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
