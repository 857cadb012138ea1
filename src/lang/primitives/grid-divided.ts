/** Grids divided into cells by full rows and columns of a separator colour (ARC's framed layouts). */
import { fail, tick } from '../runtime.ts';
import { height, width, make, gridKey, crop, histogram, background, type Grid } from './grid-basic.ts';

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
