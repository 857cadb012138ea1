/**
 * The object family: connected components of an ARC grid as frozen records (type `object`), lists of them with
 * sort / filter / map / arg-max by a property, and painting them back.
 */
import { tcon } from '../type.ts';
import { valueKey } from '../value.ts';
import type { Primitive } from '../primitive.ts';
import { fail, tick } from '../runtime.ts';
import { define, type Impl, type PrimitiveExtras } from './define.ts';
import { background, crop, filled, height, make, width, type Grid } from './grid.ts';

export const tobject = /* @__PURE__ */ tcon('object');

/** A connected group of cells. `shape` is the bounding box with -1 where the object has no cell. */
export interface ArcObject {
  readonly cells: readonly (readonly [number, number, number])[]; // [row, col, colour]
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
  /** The object's most common colour. */
  readonly colour: number;
  readonly size: number;
  readonly shape: Grid;
  /** Number of distinct colours. */
  readonly ncolours: number;
}

/** Builds a frozen object from its cells. */
export function makeObject(cells: readonly (readonly [number, number, number])[]): ArcObject {
  if (cells.length === 0) fail('empty object');
  let r0 = Infinity, c0 = Infinity, r1 = -Infinity, c1 = -Infinity;
  const hist = new Array<number>(10).fill(0);
  for (const [r, c, k] of cells) {
    if (r < r0) r0 = r; if (r > r1) r1 = r; if (c < c0) c0 = c; if (c > c1) c1 = c;
    hist[k]!++;
  }
  let colour = 0;
  for (let i = 1; i < 10; i++) if (hist[i]! > hist[colour]!) colour = i;
  const shape = filled(r1 - r0 + 1, c1 - c0 + 1, -1);
  for (const [r, c, k] of cells) shape[r - r0]![c - c0] = k;
  return Object.freeze({
    cells: Object.freeze(cells.map((x) => Object.freeze([...x] as [number, number, number]))),
    top: r0, left: c0, height: r1 - r0 + 1, width: c1 - c0 + 1, colour, size: cells.length,
    shape: Object.freeze(shape.map((row) => Object.freeze(row))), ncolours: hist.filter((n) => n > 0).length,
  });
}

/**
 * Connected components of the non-background cells. `conn` is 4 or 8; with `multi` neighbouring cells of
 * different colours join one object. Ordered by top then left.
 */
export function components(g: Grid, conn: number, multi: boolean, bg = background(g)): ArcObject[] {
  const h = height(g), w = width(g);
  const seen = new Uint8Array(h * w);
  const out: ArcObject[] = [];
  const dirs = conn === 8 ? [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1]] : [[1, 0], [-1, 0], [0, 1], [0, -1]];
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      if (seen[r * w + c] || g[r]![c] === bg) continue;
      const cells: [number, number, number][] = [];
      const stack = [r * w + c];
      seen[r * w + c] = 1;
      while (stack.length) {
        const q = stack.pop()!, y = Math.floor(q / w), x = q % w, k = g[y]![x]!;
        cells.push([y, x, k]);
        tick();
        for (const [dy, dx] of dirs) {
          const yy = y + dy!, xx = x + dx!;
          if (yy < 0 || xx < 0 || yy >= h || xx >= w || seen[yy * w + xx]) continue;
          const kk = g[yy]![xx]!;
          if (kk === bg || (!multi && kk !== k)) continue;
          seen[yy * w + xx] = 1;
          stack.push(yy * w + xx);
        }
      }
      out.push(makeObject(cells));
    }
  return out;
}

/** Objects as grids: the object's bounding box with `bg` where it has no cell. */
export const objectGrid = (o: ArcObject, bg: number): number[][] =>
  make(o.height, o.width, (r, c) => (o.shape[r]![c]! < 0 ? bg : o.shape[r]![c]!));

/** The input grid's content under the object's bounding box (other objects included). */
export const cropObject = (g: Grid, o: ArcObject): number[][] => crop(g, o.top, o.left, o.height, o.width);

/** Paints objects onto a copy of `g` (cells outside the grid are dropped). */
export function paint(g: Grid, objs: readonly ArcObject[]): number[][] {
  const out = g.map((row) => [...row]);
  for (const o of objs)
    for (const [r, c, k] of o.cells) if (r >= 0 && c >= 0 && r < out.length && c < out[0]!.length) out[r]![c] = k;
  return out;
}

export const recolourObject = (o: ArcObject, colour: number): ArcObject => makeObject(o.cells.map(([r, c]) => [r, c, colour] as const));
export const moveObject = (o: ArcObject, dr: number, dc: number): ArcObject => makeObject(o.cells.map(([r, c, k]) => [r + dr, c + dc, k] as const));
export const flipObjectH = (o: ArcObject): ArcObject =>
  makeObject(o.cells.map(([r, c, k]) => [r, o.left + o.width - 1 - (c - o.left), k] as const));
export const flipObjectV = (o: ArcObject): ArcObject =>
  makeObject(o.cells.map(([r, c, k]) => [o.top + o.height - 1 - (r - o.top), c, k] as const));

/** Canonical key of an object's shape, ignoring colour and position. */
export const shapeKey = (o: ArcObject): string => o.shape.map((row) => row.map((x) => (x < 0 ? '.' : '#')).join('')).join('|');

/** True when the object touches the grid's border. */
export const touchesBorder = (o: ArcObject, g: Grid): boolean =>
  o.top === 0 || o.left === 0 || o.top + o.height === height(g) || o.left + o.width === width(g);

/** Properties usable by sort / argmax / filter, as data: name and extractor. */
export const objectProps: readonly { readonly name: string; readonly get: (o: ArcObject) => number }[] = [
  { name: 'obj.size', get: (o) => o.size },
  { name: 'obj.colour', get: (o) => o.colour },
  { name: 'obj.height', get: (o) => o.height },
  { name: 'obj.width', get: (o) => o.width },
  { name: 'obj.top', get: (o) => o.top },
  { name: 'obj.left', get: (o) => o.left },
  { name: 'obj.area', get: (o) => o.height * o.width },
  { name: 'obj.ncolours', get: (o) => o.ncolours },
];

export function argBy(objs: readonly ArcObject[], f: (o: ArcObject) => number, max: boolean): ArcObject {
  if (objs.length === 0) fail('arg-max of no objects');
  let best = objs[0]!, bv = f(best);
  for (const o of objs.slice(1)) { const v = f(o); if (max ? v > bv : v < bv) { best = o; bv = v; } }
  return best;
}

/** Declares an objects primitive (side-effect free, so export's tree shaking can drop this module's table). */
/* @__NO_SIDE_EFFECTS__ */ function def(name: string, type: string, impl: Impl, doc: string, extras?: PrimitiveExtras): Primitive {
  return define('objects', import.meta.url, name, type, impl, doc, extras);
}

/** The object family's primitives. */
export const objectPrimitives: readonly Primitive[] = /* @__PURE__ */ [
  def('obj.components', 'grid -> int -> bool -> list(object)', components, '(obj.components g conn multi) the objects (conn 4 or 8)'),
  def('obj.objects', 'grid -> list(object)', (g: Grid) => components(g, 4, false), 'single-colour 4-connected objects'),
].concat(
  /* @__PURE__ */ objectProps.map((q) => def(q.name, 'object -> int', q.get, `the object's ${q.name.slice(4)}`)), [
  def('obj.cells', 'object -> list(list(int))', (o: ArcObject) => o.cells, '[row, col, colour] of each cell'),
  def('obj.grid', 'object -> int -> grid', objectGrid, '(obj.grid o bg) the object drawn in its bounding box'),
  def('obj.crop', 'grid -> object -> grid', cropObject, 'the grid under the object\'s bounding box'),
  def('obj.paint', 'grid -> list(object) -> grid', paint, 'paint objects onto a grid'),
  def('obj.recolour', 'object -> int -> object', recolourObject, 'the object in one colour'),
  def('obj.move', 'object -> int -> int -> object', moveObject, '(obj.move o dr dc)'),
  def('obj.flip-h', 'object -> object', flipObjectH, 'mirror left-right in place'),
  def('obj.flip-v', 'object -> object', flipObjectV, 'mirror top-bottom in place'),
  def('obj.touches-border', 'object -> grid -> bool', touchesBorder, 'touches the grid edge'),
  def('obj.same-shape', 'object -> object -> bool', (a: ArcObject, b: ArcObject) => shapeKey(a) === shapeKey(b), 'equal shapes'),
  def('obj.sort-by', '(object -> int) -> list(object) -> list(object)', (f: (o: ArcObject) => number, os: readonly ArcObject[]) =>
    [...os].sort((a, b) => f(a) - f(b)), 'stable sort by a property'),
  def('obj.filter', '(object -> bool) -> list(object) -> list(object)', (f: (o: ArcObject) => boolean, os: readonly ArcObject[]) => os.filter(f), 'keep matching objects'),
  def('obj.map', '(object -> object) -> list(object) -> list(object)', (f: (o: ArcObject) => ArcObject, os: readonly ArcObject[]) => os.map(f), 'transform each object'),
  def('obj.argmax', '(object -> int) -> list(object) -> object', (f: (o: ArcObject) => number, os: readonly ArcObject[]) => argBy(os, f, true), 'first object with the largest property'),
  def('obj.argmin', '(object -> int) -> list(object) -> object', (f: (o: ArcObject) => number, os: readonly ArcObject[]) => argBy(os, f, false), 'first object with the smallest property'),
  def('obj.shape', 'object -> grid', (o: ArcObject) => o.shape.map((row) => row.map((x) => (x < 0 ? 0 : 1))), 'the object\'s shape as a 0/1 grid'),
  def('obj.unique-by', '(object -> a) -> list(object) -> object', (f: (o: ArcObject) => unknown, os: readonly ArcObject[]) => {
    const keys = os.map((o) => valueKey(f(o)));
    const u = os.filter((_, i) => keys.indexOf(keys[i]!) === keys.lastIndexOf(keys[i]!));
    return u.length === 1 ? u[0]! : fail('no unique object');
  }, 'the one object whose property value occurs once'),
  def('obj.recolour-by-table', 'grid -> int -> bool -> str -> str -> grid', recolourByTable,
    '(obj.recolour-by-table g conn multi features table) recolour each object by a lookup on its features'),
  def('obj.slide', 'grid -> int -> int -> grid', slide, '(obj.slide g colour dir) objects of a colour (-1: all) slide until blocked'),
  def('obj.fill-box', 'object -> object', fillBox, 'the object\'s bounding box filled with its colour'),
  def('obj.outline', 'object -> object', outline, 'the object\'s cells that touch its outside (4-neighbourhood)'),
  def('obj.most-common-by', '(object -> a) -> list(object) -> object', (f: (o: ArcObject) => unknown, os: readonly ArcObject[]) => {
    const keys = os.map((o) => valueKey(f(o)));
    const n = new Map<string, number>();
    for (const k of keys) n.set(k, (n.get(k) ?? 0) + 1);
    const best = Math.max(0, ...n.values());
    const winners = [...n].filter(([, c]) => c === best);
    return winners.length === 1 && best >= 2 ? os[keys.indexOf(winners[0]![0])]! : fail('no most common object');
  }, 'the first object whose property value is the most frequent'),
  def('obj.count', 'list(object) -> int', (os: readonly ArcObject[]) => os.length, 'number of objects'),
]);

// ---- per-object rules: each object's new colour looked up from a few of its features ----

/** Named object features for learned rules; values are short strings. Computed against all objects of a grid. */
export function objectFeatures(g: Grid, os: readonly ArcObject[]): { names: string[]; rows: string[][] } {
  const sizes = [...new Set(os.map((o) => o.size))].sort((a, b) => a - b);
  const count = (key: (o: ArcObject) => string) => { const m = new Map<string, number>(); for (const o of os) m.set(key(o), (m.get(key(o)) ?? 0) + 1); return m; };
  const shapes = count(shapeKey), cols = count((o) => String(o.colour));
  const bg = background(g);
  const holes = (o: ArcObject) => {
    const local = o.shape.map((row) => row.map((x) => (x < 0 ? bg : x)));
    let n = 0;
    const h = local.length, w = local[0]!.length;
    const seen = local.map((row, r) => row.map((x, c) => (x === bg && (r === 0 || c === 0 || r === h - 1 || c === w - 1) ? 1 : 0)));
    let changed = true;
    while (changed) {
      changed = false;
      for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
        if (seen[r]![c] || local[r]![c] !== bg) continue;
        if ((r > 0 && seen[r - 1]![c]) || (c > 0 && seen[r]![c - 1]) || (r < h - 1 && seen[r + 1]![c]) || (c < w - 1 && seen[r]![c + 1])) { seen[r]![c] = 1; changed = true; }
      }
    }
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) if (local[r]![c] === bg && !seen[r]![c]) n++;
    return n;
  };
  const sym = (o: ArcObject) => String(shapeKey(o) === shapeKey(flipObjectH(o))) + String(shapeKey(o) === shapeKey(flipObjectV(o)));
  const feats: [string, (o: ArcObject) => string][] = [
    ['colour', (o) => String(o.colour)],
    ['size', (o) => String(o.size)],
    ['largest', (o) => String(o.size === sizes[sizes.length - 1])],
    ['smallest', (o) => String(o.size === sizes[0])],
    ['size-rank', (o) => String(sizes.indexOf(o.size))],
    ['size-rank-desc', (o) => String(sizes.length - 1 - sizes.indexOf(o.size))],
    ['shape', shapeKey],
    ['shape-count', (o) => String(Math.min(shapes.get(shapeKey(o))!, 3))],
    ['colour-count', (o) => String(Math.min(cols.get(String(o.colour))!, 3))],
    ['border', (o) => String(touchesBorder(o, g))],
    ['holes', (o) => String(Math.min(holes(o), 5))],
    ['has-hole', (o) => String(holes(o) > 0)],
    ['symmetric', sym],
    ['rect', (o) => String(o.size === o.height * o.width)],
    ['height', (o) => String(o.height)],
    ['width', (o) => String(o.width)],
    ['ncolours', (o) => String(o.ncolours)],
  ];
  tick(os.length * feats.length);
  return { names: feats.map((f) => f[0]), rows: os.map((o) => feats.map((f) => f[1](o))) };
}

/**
 * Recolours each object by a table: `features` space-separated names, `table` entries `v1/v2=>colour` joined by
 * ';', where colour 'k' keeps the object's own colours. Objects without an entry fail the rule.
 */
export function recolourByTable(g: Grid, conn: number, multi: boolean, features: string, table: string): number[][] {
  const os = components(g, conn, multi);
  const { names, rows } = objectFeatures(g, os);
  const idx = features.split(' ').map((f) => { const i = names.indexOf(f); return i >= 0 ? i : fail(`unknown object feature '${f}'`); });
  const t = new Map(table.split(';').map((e) => e.split('=>') as [string, string]));
  const out = g.map((row) => [...row]);
  os.forEach((o, i) => {
    const v = t.get(idx.map((j) => rows[i]![j]).join('/')) ?? fail('no rule for an object');
    if (v !== 'k') for (const [r, c] of o.cells) out[r]![c] = Number(v);
  });
  return out;
}

/**
 * Objects of colour `colour` (8-connected, any colour when `colour` is -1) slide as rigid bodies in direction `dir`
 * (0 down, 1 left, 2 up, 3 right) until they would hit the border or a cell of another colour.
 */
export function slide(g: Grid, colour: number, dir: number): number[][] {
  const bg = background(g);
  const [dr, dc] = ([[1, 0], [0, -1], [-1, 0], [0, 1]] as const)[((dir % 4) + 4) % 4]!;
  const movers = components(g, 8, colour < 0, bg).filter((o) => colour < 0 || o.colour === colour);
  if (movers.length === 0) fail('nothing to slide');
  const out = g.map((row) => [...row]);
  // move the objects nearest the destination side first so followers stack behind them
  const lead = (o: ArcObject) => -(o.top * dr + o.left * dc);
  for (const o of [...movers].sort((a, b) => lead(a) - lead(b))) {
    for (const [r, c] of o.cells) out[r]![c] = bg;
    let k = 0;
    const free = (k: number) => o.cells.every(([r, c]) => {
      const y = r + dr * k, x = c + dc * k;
      return y >= 0 && x >= 0 && y < height(g) && x < width(g) && out[y]![x] === bg;
    });
    while (free(k + 1)) { k++; tick(o.size); }
    for (const [r, c, col] of o.cells) out[r + dr * k]![c + dc * k] = col;
  }
  return out;
}

/** The object's bounding box, filled with its colour (its own cells keep theirs). */
export function fillBox(o: ArcObject): ArcObject {
  const cells: [number, number, number][] = [];
  for (let r = 0; r < o.height; r++) for (let c = 0; c < o.width; c++) {
    const k = o.shape[r]![c]!;
    cells.push([o.top + r, o.left + c, k < 0 ? o.colour : k]);
  }
  return makeObject(cells);
}

/** The object's border cells: those with a 4-neighbour outside the object. */
export function outline(o: ArcObject): ArcObject {
  const inside = (r: number, c: number) => r >= 0 && c >= 0 && r < o.height && c < o.width && o.shape[r]![c]! >= 0;
  return makeObject(o.cells.filter(([r, c]) => {
    const y = r - o.top, x = c - o.left;
    return !(inside(y - 1, x) && inside(y + 1, x) && inside(y, x - 1) && inside(y, x + 1));
  }));
}
