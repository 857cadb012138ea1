/**
 * Grids divided into blocks by full separator lines: the layout, named per-block features, and two learned
 * block rules: a summary grid with one cell per block, and a grid whose blocks are kept, filled or cleared.
 */
import { fail, tick } from '../runtime.ts';
import { background, gridKey, height, make, width, type Grid } from './grid.ts';

/** Blocks between separator lines: the separator colour and the [start, length] runs of block rows / columns. */
export interface BlockLayout {
  readonly sep: number;
  readonly rows: readonly (readonly [number, number])[];
  readonly cols: readonly (readonly [number, number])[];
}

const runs = (len: number, isSep: (i: number) => boolean): [number, number][] => {
  const out: [number, number][] = [];
  for (let i = 0; i < len;) {
    if (isSep(i)) { i++; continue; }
    const s = i;
    while (i < len && !isSep(i)) i++;
    out.push([s, i - s]);
  }
  return out;
};

/**
 * The separator colour with the most full rows and columns (at least one, not the whole grid), and its blocks;
 * the background colour only when no other colour makes lines.
 */
export function blockLayout(g: Grid): BlockLayout {
  const h = height(g), w = width(g), bg = background(g);
  let best: BlockLayout | null = null, bestLines = 0;
  tick(h * w);
  for (const k of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((x) => x !== bg).concat([bg])) {
    if (k === bg && best) break;
    const fullRow = (r: number) => g[r]!.every((x) => x === k), fullCol = (c: number) => g.every((row) => row[c] === k);
    let lines = 0;
    for (let r = 0; r < h; r++) if (fullRow(r)) lines++;
    for (let c = 0; c < w; c++) if (fullCol(c)) lines++;
    if (lines === 0 || lines <= bestLines) continue;
    const rows = runs(h, fullRow), cols = runs(w, fullCol);
    if (rows.length * cols.length < 2) continue;
    best = { sep: k, rows, cols };
    bestLines = lines;
  }
  return best ?? fail('no separator lines');
}

/** The blocks' cells, row-major over the layout. */
export function blockGrids(g: Grid, L: BlockLayout): Grid[] {
  return L.rows.flatMap(([r0, bh]) => L.cols.map(([c0, bw]) => make(bh, bw, (r, c) => g[r0 + r]![c0 + c]!)));
}

/** Named block features (short strings), computed against all blocks of the grid. */
export function blockFeatures(g: Grid, L: BlockLayout): { names: string[]; rows: string[][]; main: number[]; template: number } {
  const blocks = blockGrids(g, L);
  // the blocks' background: their most common colour overall
  const hist = new Array<number>(10).fill(0);
  for (const b of blocks) for (const row of b) for (const x of row) hist[x]!++;
  const bg = hist.indexOf(Math.max(...hist));
  const counts = blocks.map((b) => b.reduce((s, row) => s + row.filter((x) => x !== bg).length, 0));
  const main = blocks.map((b) => {
    const hc = new Array<number>(10).fill(0);
    for (const row of b) for (const x of row) if (x !== bg) hc[x]!++;
    const m = Math.max(...hc);
    return m === 0 ? bg : hc.indexOf(m);
  });
  const patterns = blocks.map((b) => gridKey(b.map((row) => row.map((x) => (x === bg ? 0 : 1)))));
  const patCount = new Map<string, number>();
  for (const p of patterns) patCount.set(p, (patCount.get(p) ?? 0) + 1);
  const maxC = Math.max(...counts), minC = Math.min(...counts), nc = L.cols.length, nr = L.rows.length;
  const edge = (i: number, n: number) => (i === 0 ? 'first' : i === n - 1 ? 'last' : n % 2 === 1 && i === (n - 1) / 2 ? 'centre' : 'mid');
  const feats: [string, (i: number) => string][] = [
    ['count', (i) => String(Math.min(counts[i]!, 15))],
    ['colour', (i) => String(main[i])],
    ['is-max', (i) => String(counts[i] === maxC)],
    ['is-min', (i) => String(counts[i] === minC)],
    ['empty', (i) => String(counts[i] === 0)],
    ['pattern', (i) => patterns[i]!],
    ['unique-pattern', (i) => String(patCount.get(patterns[i]!) === 1)],
    ['pos', (i) => `${edge(Math.floor(i / nc), nr)}.${edge(i % nc, nc)}`],
  ];
  tick(blocks.length * feats.length);
  // the template: the one block with the most coloured cells (-1 on a tie)
  const template = counts.filter((x) => x === maxC).length === 1 ? counts.indexOf(maxC) : -1;
  return { names: feats.map((f) => f[0]), rows: blocks.map((_, i) => feats.map((f) => f[1](i))), main, template };
}

const lookup = (g: Grid, features: string, table: string) => {
  const L = blockLayout(g), F = blockFeatures(g, L);
  const idx = features.split(' ').map((f) => { const i = F.names.indexOf(f); return i >= 0 ? i : fail(`unknown block feature '${f}'`); });
  const t = new Map(table.split(';').map((e) => e.split('=>') as [string, string]));
  const values = F.rows.map((row) => t.get(idx.map((j) => row[j]).join('/')) ?? t.get('*') ?? fail('no rule for a block'));
  return { L, values, main: F.main, template: F.template };
};

/**
 * One cell per block: `table` maps the block's `features` values (joined by '/') to a colour digit or 'c' (the
 * block's main colour); entries `values=>out` joined by ';'.
 */
export function blocksSummary(g: Grid, features: string, table: string): number[][] {
  const { L, values, main } = lookup(g, features, table);
  const nc = L.cols.length;
  return make(L.rows.length, nc, (r, c) => { const v = values[r * nc + c]!; return v === 'c' ? main[r * nc + c]! : Number(v); });
}

/**
 * Each block kept ('k'), filled with a colour digit, filled with its main colour ('c'), or overwritten by the
 * template block ('p': the one with the most coloured cells), by a table as in blocksSummary; separator lines stay.
 */
export function blocksFill(g: Grid, features: string, table: string): number[][] {
  const { L, values, main, template } = lookup(g, features, table);
  const out = g.map((row) => [...row]);
  const blocks = values.includes('p') ? blockGrids(g, L) : [];
  L.rows.forEach(([r0, bh], bi) => L.cols.forEach(([c0, bw], bj) => {
    const i = bi * L.cols.length + bj, v = values[i]!;
    if (v === 'k') return;
    if (v === 'p') {
      const t = template < 0 ? fail('no template block') : blocks[template]!;
      if (height(t) !== bh || width(t) !== bw) fail('template block of another size');
      for (let r = 0; r < bh; r++) for (let c = 0; c < bw; c++) out[r0 + r]![c0 + c] = t[r]![c]!;
      return;
    }
    const k = v === 'c' ? main[i]! : Number(v);
    for (let r = r0; r < r0 + bh; r++) for (let c = c0; c < c0 + bw; c++) out[r]![c] = k;
  }));
  return out;
}
