/**
 * The grid family: ARC grids (readonly number[][] of colours 0–9) and boolean masks (grids of 0/1). The
 * operations live in grid-basic.ts (geometry, colours, fills, masks), grid-rules.ts (learned cell rules, mosaics,
 * periodic fills, features) and grid-divided.ts (grids divided by separator lines); this module declares the
 * primitives and re-exports them all.
 */
import type { Primitive } from '../primitive.ts';
import { fail } from '../runtime.ts';
import { define, type Impl, type PrimitiveExtras } from './define.ts';
import {
  height, width, filled, gridEquals, rot90, rot180, rot270, flipH, flipV, transpose, antiTranspose, crop, scaleUp,
  scaleDown, tile, concatH, concatV, overlay, mostCommon, leastCommon, background, colours, countColour, recolour,
  mapColours, contentBox, cropToColour, shrink, cropToContent, floodFill, enclosedMask, fillEnclosed, gravity,
  drawLine, completeSymmetry, maskEq, maskContent, maskAnd, maskOr, maskXor, maskNot, paintMask, split,
  scaleDownMajority, swapColours, type Grid
} from './grid-basic.ts';
import { cellRule, blocks, fillPeriodic, holePatch, classify, mainColour, extendPeriodic } from './grid-rules.ts';
import { cellColours, fillCells, pickCell } from './grid-divided.ts';

export * from './grid-basic.ts';
export * from './grid-rules.ts';
export * from './grid-divided.ts';

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
