/**
 * The library of whole-grid transforms that ARC search composes. Each is an Arbor expression template over the
 * grid/object primitives plus a direct implementation (search evaluates impls directly for speed).
 */
import { app, int, bool, lam, prim, str, v, type Expr } from '../../lang/expr.ts';
import * as G from '../../lang/primitives/grid.ts';
import { argBy, slide, components, cropObject, fillBox, flipObjectH, flipObjectV, moveObject, objectGrid, objectProps, outline, paint, shapeKey, type ArcObject } from '../../lang/primitives/objects.ts';
import type { Grid } from '../../lang/primitives/grid.ts';
import { attract, completeMirror, dedupe, denoiseStripes, extendTranslate, fillLattice, pasteTemplate, periodTile, repeatContent } from '../../lang/primitives/grid-extra.ts';

/** A unary grid transform: `wrap(x)` builds the expression applying it to `x`; `run` computes it (may throw). */
export interface Transform {
  readonly name: string;
  readonly wrap: (x: Expr) => Expr;
  readonly run: (g: Grid) => Grid;
  readonly cost: number;
  /** The inverse transform's run, for the backward half of bidirectional search. */
  readonly inverse?: (g: Grid) => Grid;
}

const call = (name: string, ...args: Expr[]): Expr => app(prim(name), ...args);
const t = (name: string, cost: number, wrap: (x: Expr) => Expr, run: (g: Grid) => Grid, inverse?: (g: Grid) => Grid): Transform =>
  ({ name, cost, wrap, run, ...(inverse ? { inverse } : {}) });
const unary = (prim: string, run: (g: Grid) => Grid, inverse?: (g: Grid) => Grid, cost = 1): Transform =>
  t(prim, cost, (x) => call(prim, x), run, inverse);

/** The eight symmetries of the square, with inverses (identity excluded). */
export const dihedral: readonly Transform[] = [
  unary('grid.rot90', G.rot90, G.rot270),
  unary('grid.rot180', G.rot180, G.rot180),
  unary('grid.rot270', G.rot270, G.rot90),
  unary('grid.flip-h', G.flipH, G.flipH),
  unary('grid.flip-v', G.flipV, G.flipV),
  unary('grid.transpose', G.transpose, G.transpose),
  unary('grid.anti-transpose', G.antiTranspose, G.antiTranspose),
];

const objSegmentations: readonly { conn: number; multi: boolean }[] = [
  { conn: 4, multi: false }, { conn: 8, multi: false }, { conn: 8, multi: true }, { conn: 4, multi: true },
];

/** Cached components per grid so that the many object selectors share one segmentation. */
const compCache = new WeakMap<Grid, Map<string, ArcObject[]>>();
export function cachedComponents(g: Grid, conn: number, multi: boolean): ArcObject[] {
  let m = compCache.get(g);
  if (!m) { m = new Map(); compCache.set(g, m); }
  const k = `${conn}${multi}`;
  let os = m.get(k);
  if (!os) { os = components(g, conn, multi); m.set(k, os); }
  return os;
}

/** Selectors picking one object from a list, with the expression naming the choice. */
function selectors(): { name: string; expr: (objs: Expr) => Expr; pick: (os: readonly ArcObject[], g: Grid) => ArcObject; cost: number }[] {
  const out: ReturnType<typeof selectors> = [];
  for (const q of objectProps.filter((q) => ['obj.size', 'obj.area', 'obj.ncolours', 'obj.height', 'obj.width'].includes(q.name)))
    for (const max of [true, false])
      out.push({
        name: `${max ? 'max' : 'min'}-${q.name}`, cost: 2,
        expr: (os) => call(max ? 'obj.argmax' : 'obj.argmin', prim(q.name), os),
        pick: (os) => argBy(os, q.get, max),
      });
  // the object whose colour / shape occurs once among the objects
  const unique = (key: (o: ArcObject) => string) => (os: readonly ArcObject[]) => {
    const n = new Map<string, number>();
    for (const o of os) n.set(key(o), (n.get(key(o)) ?? 0) + 1);
    const u = os.filter((o) => n.get(key(o)) === 1);
    if (u.length !== 1) throw new Error('no unique object');
    return u[0]!;
  };
  out.push({ name: 'unique-colour', cost: 3, expr: (os) => call('obj.unique-by', prim('obj.colour'), os), pick: unique((o) => String(o.colour)) });
  const common = (key: (o: ArcObject) => string) => (os: readonly ArcObject[]) => {
    const n = new Map<string, number>();
    for (const o of os) n.set(key(o), (n.get(key(o)) ?? 0) + 1);
    const best = Math.max(...n.values());
    const winners = [...n].filter(([, c]) => c === best);
    if (winners.length !== 1 || best < 2) throw new Error('no most common object');
    return os.find((o) => key(o) === winners[0]![0])!;
  };
  out.push({ name: 'common-shape', cost: 3, expr: (os) => call('obj.most-common-by', prim('obj.shape'), os), pick: common(shapeKey) });
  out.push({ name: 'unique-shape', cost: 3, expr: (os) => call('obj.unique-by', prim('obj.shape'), os), pick: unique(shapeKey) });
  return out;
}

/** Transforms that pick one object and return its bounding box (with or without its surroundings). */
function objectCrops(): Transform[] {
  const out: Transform[] = [];
  for (const seg of objSegmentations)
    for (const s of selectors()) {
      const objs = (x: Expr) => call('obj.components', x, int(seg.conn), bool(seg.multi));
      const segCost = seg.conn === 4 && !seg.multi ? 0 : 1;
      out.push(t(`crop-${s.name}-${seg.conn}${seg.multi ? 'm' : ''}`, 1 + s.cost + segCost,
        (x) => call('obj.crop', x, s.expr(objs(x))),
        (g) => cropObject(g, s.pick(cachedComponents(g, seg.conn, seg.multi), g))));
      out.push(t(`only-${s.name}-${seg.conn}${seg.multi ? 'm' : ''}`, 2 + s.cost + segCost,
        (x) => call('obj.grid', s.expr(objs(x)), call('grid.background', x)),
        (g) => objectGrid(s.pick(cachedComponents(g, seg.conn, seg.multi), g), G.background(g))));
    }
  return out;
}

/** Every object replaced by f(object) on a blank grid: `(obj.paint blank (obj.map f objects))`. */
function objectMaps(): Transform[] {
  const fns: { name: string; expr: Expr; f: (o: ArcObject) => ArcObject }[] = [
    { name: 'flip-h', expr: prim('obj.flip-h'), f: flipObjectH },
    { name: 'flip-v', expr: prim('obj.flip-v'), f: flipObjectV },
    { name: 'fill-box', expr: prim('obj.fill-box'), f: fillBox },
    { name: 'outline', expr: prim('obj.outline'), f: outline },
    ...([[1, 0], [-1, 0], [0, 1], [0, -1]] as const).map(([dr, dc]) => ({
      name: `move${dr},${dc}`, expr: lam(call('obj.move', v(0), int(dr), int(dc))), f: (o: ArcObject) => moveObject(o, dr, dc) })),
  ];
  const out: Transform[] = [];
  for (const seg of [{ conn: 8, multi: true }, { conn: 4, multi: false }])
    for (const fn of fns)
      out.push(t(`map-${fn.name}-${seg.conn}${seg.multi ? 'm' : ''}`, 3,
        (x) => call('obj.paint', call('grid.filled', call('grid.height', x), call('grid.width', x), call('grid.background', x)),
          call('obj.map', fn.expr, call('obj.components', x, int(seg.conn), bool(seg.multi)))),
        (g) => paint(G.filled(G.height(g), G.width(g), G.background(g)), cachedComponents(g, seg.conn, seg.multi).map(fn.f))));
  // the inside of the largest object's box (a frame's contents)
  for (const seg of [{ conn: 8, multi: true }, { conn: 4, multi: false }])
    out.push(t(`interior-${seg.conn}${seg.multi ? 'm' : ''}`, 4,
      (x) => call('grid.shrink', call('obj.crop', x, call('obj.argmax', prim('obj.area'), call('obj.components', x, int(seg.conn), bool(seg.multi))))),
      (g) => G.shrink(cropObject(g, argBy(cachedComponents(g, seg.conn, seg.multi), (o) => o.height * o.width, true)))));
  return out;
}

/** Whole-grid transforms parametrised by the colours that occur in the task. */
export function transformLibrary(inColours: readonly number[], outColours: readonly number[], outSize?: readonly [number, number]): Transform[] {
  const L: Transform[] = [...dihedral];
  L.push(unary('grid.swap-colours', G.swapColours, G.swapColours, 2));
  if (outSize) {
    const [h, w] = outSize;
    const corners: [string, (g: Grid) => number, (g: Grid) => number, (x: Expr) => Expr, (x: Expr) => Expr][] = [
      ['tl', () => 0, () => 0, () => int(0), () => int(0)],
      ['tr', () => 0, (g) => G.width(g) - w, () => int(0), (x) => call('-', call('grid.width', x), int(w))],
      ['bl', (g) => G.height(g) - h, () => 0, (x) => call('-', call('grid.height', x), int(h)), () => int(0)],
      ['br', (g) => G.height(g) - h, (g) => G.width(g) - w, (x) => call('-', call('grid.height', x), int(h)), (x) => call('-', call('grid.width', x), int(w))],
    ];
    L.push(t('extend-periodic', 4, (x) => call('grid.extend-periodic', x, int(h), int(w)), (g) => G.extendPeriodic(g, h, w)));
    L.push(t('extend-translate', 4, (x) => call('grid.extend-translate', x, int(h), int(w)), (g) => extendTranslate(g, h, w)));
    for (const [name, r, c, re, ce] of corners)
      L.push(t(`corner-${name}`, 3, (x) => call('grid.crop', x, re(x), ce(x), int(h), int(w)), (g) => G.crop(g, r(g), c(g), h, w)));
  }
  L.push(unary('grid.crop-to-content', G.cropToContent));
  L.push(unary('grid.period-tile', periodTile, undefined, 2));
  L.push(unary('grid.dedupe', dedupe, undefined, 2));
  L.push(unary('grid.denoise-stripes', denoiseStripes, undefined, 2));
  L.push(unary('obj.paste-template', pasteTemplate, undefined, 3));
  for (const axis of [0, 1]) L.push(t(`repeat-content-${axis}`, 2, (x) => call('grid.repeat-content', x, int(axis)), (g) => repeatContent(g, axis)));
  L.push(t('crop-least-colour', 3, (x) => call('grid.crop-to-colour', x, call('grid.least-common', x)), (g) => G.cropToColour(g, G.leastCommon(g))));
  for (const k of [2, 3, 4, 5]) {
    L.push(t(`scale-up-${k}`, 2, (x) => call('grid.scale-up', x, int(k)), (g) => G.scaleUp(g, k), (g) => G.scaleDown(g, k)));
    L.push(t(`scale-down-${k}`, 2, (x) => call('grid.scale-down', x, int(k)), (g) => G.scaleDown(g, k)));
  }
  L.push(t('fill-cells', 2, (x) => call('grid.fill-cells', x), G.fillCells));
  L.push(t('cell-colours', 2, (x) => call('grid.cell-colours', x), G.cellColours));
  for (const how of ['odd', 'max', 'min'])
    L.push(t(`pick-cell-${how}`, 2, (x) => call('grid.pick-cell', x, str(how)), (g) => G.pickCell(g, how)));
  for (const k of [2, 3, 4])
    L.push(t(`scale-down-majority-${k}`, 3, (x) => call('grid.scale-down-majority', x, int(k)), (g) => G.scaleDownMajority(g, k)));
  L.push(t('scale-by-colours', 3, (x) => call('grid.scale-by-colours', x),
    (g) => G.scaleUp(g, G.colours(g).filter((k) => k !== G.background(g)).length)));
  for (const [n, m] of [[1, 2], [2, 1], [2, 2]] as const)
    L.push(t(`extend-periodic-${n}x${m}`, 4, (x) => call('grid.extend-periodic', x, call('*', int(n), call('grid.height', x)), call('*', int(m), call('grid.width', x))),
      (g) => G.extendPeriodic(g, n * G.height(g), m * G.width(g))));
  for (const [n, m] of [[1, 2], [2, 1], [2, 2], [3, 3], [1, 3], [3, 1], [4, 4]] as const)
    L.push(t(`tile-${n}x${m}`, 3, (x) => call('grid.tile', x, int(n), int(m)), (g) => G.tile(g, n, m)));
  const mir = (name: string, f: (x: Expr) => Expr, run: (g: Grid) => Grid) => L.push(t(name, 3, f, run));
  mir('mirror-right', (x) => call('grid.concat-h', x, call('grid.flip-h', x)), (g) => G.concatH(g, G.flipH(g)));
  mir('mirror-left', (x) => call('grid.concat-h', call('grid.flip-h', x), x), (g) => G.concatH(G.flipH(g), g));
  mir('mirror-down', (x) => call('grid.concat-v', x, call('grid.flip-v', x)), (g) => G.concatV(g, G.flipV(g)));
  mir('mirror-up', (x) => call('grid.concat-v', call('grid.flip-v', x), x), (g) => G.concatV(G.flipV(g), g));
  for (const d of [0, 1, 2, 3]) L.push(t(`gravity-${d}`, 2, (x) => call('grid.gravity', x, int(d)), (g) => G.gravity(g, d)));
  for (const c of outColours)
    L.push(t(`fill-enclosed-${c}`, 2, (x) => call('grid.fill-enclosed', x, int(c)), (g) => G.fillEnclosed(g, c)));
  for (const c of inColours) {
    L.push(t(`symmetry-${c}`, 2, (x) => call('grid.complete-symmetry', x, int(c)), (g) => G.completeSymmetry(g, c)));
    L.push(t(`periodic-${c}`, 2, (x) => call('grid.fill-periodic', x, int(c)), (g) => G.fillPeriodic(g, c)));
    L.push(t(`mirror-axes-${c}`, 2, (x) => call('grid.complete-mirror', x, int(c)), (g) => completeMirror(g, c)));
    L.push(t(`lattice-${c}`, 3, (x) => call('grid.fill-lattice', x, int(c)), (g) => fillLattice(g, c)));
    L.push(t(`patch-mirror-axes-${c}`, 3, (x) => call('grid.hole-patch', x, call('grid.complete-mirror', x, int(c)), int(c)),
      (g) => G.holePatch(g, completeMirror(g, c), c)));
    L.push(t(`patch-symmetry-${c}`, 3, (x) => call('grid.hole-patch', x, call('grid.complete-symmetry', x, int(c)), int(c)),
      (g) => G.holePatch(g, G.completeSymmetry(g, c), c)));
    L.push(t(`patch-periodic-${c}`, 3, (x) => call('grid.hole-patch', x, call('grid.fill-periodic', x, int(c)), int(c)),
      (g) => G.holePatch(g, G.fillPeriodic(g, c), c)));
    L.push(t(`erase-${c}`, 2, (x) => call('grid.recolour', x, int(c), call('grid.background', x)), (g) => G.recolour(g, c, G.background(g))));
    L.push(t(`keep-${c}`, 3, (x) => call('grid.paint-mask', x, call('grid.mask-not', call('grid.mask-eq', x, int(c))), call('grid.background', x)),
      (g) => G.paintMask(g, G.maskNot(G.maskEq(g, c)), G.background(g))));
  }
  for (const c of [-1, ...inColours]) for (const d of [0, 1, 2, 3])
    L.push(t(`slide-${c}-${d}`, 3, (x) => call('obj.slide', x, int(c), int(d)), (g) => slide(g, c, d)));
  for (const m of inColours) for (const tc of inColours) for (const steps of [0, 1])
    if (m !== tc) L.push(t(`attract-${m}-${tc}-${steps}`, 3, (x) => call('obj.attract', x, int(m), int(tc), int(steps)), (g) => attract(g, m, tc, steps)));
  for (const axis of [0, 1]) for (const n of [2, 3]) for (let i = 0; i < n; i++)
    L.push(t(`part-${axis}-${n}-${i}`, 3, (x) => call('grid.part', x, int(axis), int(n), int(i)), (g) => G.split(g, axis, n)[i]!));
  L.push(...objectCrops(), ...objectMaps());
  return L;
}

/** Expression of a colour-map step: `(grid.map-colours x "table")`. */
export const mapColoursExpr = (x: Expr, table: string): Expr => call('grid.map-colours', x, str(table));
export { call };
