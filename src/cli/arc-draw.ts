/** Drawing ARC grids: ANSI 256-colour terminal blocks and PNG images (pngjs), both in the standard ARC palette. */
import { PNG } from 'pngjs';
import type { Grid } from '../lang/primitives/grid.ts';
import { ArcTaskError, parseArcText, type ArcTask } from '../task/arc.ts';
import { asUsage } from './command.ts';
import { readText } from './files.ts';

/** The ARC palette as RGB: black, blue, red, green, yellow, grey, magenta, orange, sky, maroon. */
export const ARC_RGB: readonly (readonly [number, number, number])[] = [
  [0, 0, 0], [0, 116, 217], [255, 65, 54], [46, 204, 64], [255, 220, 0],
  [170, 170, 170], [240, 18, 190], [255, 133, 27], [127, 219, 255], [135, 12, 37],
];
/** Nearest xterm-256 colours to the ARC palette. */
export const ARC_ANSI: readonly number[] = [16, 26, 203, 41, 220, 248, 201, 208, 117, 88];

/** Reads and validates an ARC task file; bad files become one-line UsageErrors naming the file and field. */
export function readArcFile(file: string): ArcTask {
  const text = readText(file);
  return asUsage(ArcTaskError, () => parseArcText(text, file));
}

/** Terminal lines for grids drawn side by side under their titles. */
export function ansiGrids(grids: readonly { title: string; grid: Grid | null }[], colour = true): string[] {
  const cellW = 2;
  const widths = grids.map((x) => Math.max(x.title.length, (x.grid?.[0]?.length ?? 0) * cellW));
  const h = Math.max(...grids.map((x) => x.grid?.length ?? 0));
  const lines = [grids.map((x, i) => x.title.padEnd(widths[i]!)).join('   ')];
  for (let r = 0; r < h; r++)
    lines.push(grids.map((x, i) => {
      const row = x.grid?.[r];
      if (!row) return ' '.repeat(widths[i]!);
      const s = row.map((k) => (colour ? `\x1b[48;5;${ARC_ANSI[k] ?? 0}m  \x1b[0m` : `${k} `)).join('');
      return s + ' '.repeat(widths[i]! - row.length * cellW);
    }).join('   '));
  return lines;
}

/**
 * A PNG of rows of grids (one row per pair: input, output, prediction…), `cell` pixels per cell, one-pixel grey
 * lines between cells and a white margin between grids. Returns the encoded file.
 */
export function pngGrids(rows: readonly (readonly (Grid | null)[])[], cell = 16): Buffer {
  const gap = cell;
  const colW = (j: number) => Math.max(1, ...rows.map((r) => r[j]?.[0]?.length ?? 0));
  const ncols = Math.max(...rows.map((r) => r.length));
  const cw = Array.from({ length: ncols }, (_, j) => colW(j) * (cell + 1) + 1);
  const rh = rows.map((r) => Math.max(1, ...r.map((g) => g?.length ?? 0)) * (cell + 1) + 1);
  const W = gap + cw.reduce((a, b) => a + b + gap, 0), H = gap + rh.reduce((a, b) => a + b + gap, 0);
  const png = new PNG({ width: W, height: H });
  png.data.fill(255);
  const set = (x: number, y: number, [r, g, b]: readonly [number, number, number]) => {
    const i = (y * W + x) * 4;
    png.data[i] = r; png.data[i + 1] = g; png.data[i + 2] = b; png.data[i + 3] = 255;
  };
  let y0 = gap;
  rows.forEach((row, ri) => {
    let x0 = gap;
    row.forEach((g, j) => {
      if (g) {
        const gh = g.length, gw = g[0]!.length;
        for (let y = 0; y <= gh * (cell + 1); y++)
          for (let x = 0; x <= gw * (cell + 1); x++) {
            const onLine = y % (cell + 1) === 0 || x % (cell + 1) === 0;
            const k = onLine ? null : g[Math.floor(y / (cell + 1))]![Math.floor(x / (cell + 1))]!;
            set(x0 + x, y0 + y, k === null ? [85, 85, 85] : ARC_RGB[k] ?? [0, 0, 0]);
          }
      }
      x0 += cw[j]! + gap;
    });
    y0 += rh[ri]! + gap;
  });
  return PNG.sync.write(png);
}
