/**
 * Learning curves: one point per iteration (tasks solved, search time per task, library size, programs found),
 * rendered as a text table, a CSV and a hand-written SVG plot. Pure: the shell writes the files.
 */

/** What one iteration did. */
export interface CurvePoint {
  readonly iteration: number;
  readonly tasks: number;
  /** Tasks with a non-empty frontier after this iteration's wake (cumulative). */
  readonly solved: number;
  /** Tasks first solved in this iteration's wake. */
  readonly newlySolved: number;
  /** Tasks searched in this wake (the unsolved ones, or all). */
  readonly searched: number;
  /** Mean and median search ms per searched task, and median over the ones this wake solved (null if none). */
  readonly meanSearchMs: number;
  readonly medianSearchMs: number;
  readonly medianSolvedMs: number | null;
  /** Median candidate evaluations over the tasks this wake solved (null if none). */
  readonly medianSolvedEvals: number | null;
  /** Library size (abstractions and neural modules) after the abstraction phase, and how many it added. */
  readonly librarySize: number;
  readonly abstractionsAdded: number;
  /** Programs the wake found (all frontiers' new programs). */
  readonly programsFound: number;
  readonly fantasies: number;
  readonly dreamLoss: number | null;
}

export function median(xs: readonly number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const COLUMNS: readonly (keyof CurvePoint)[] = ['iteration', 'tasks', 'solved', 'newlySolved', 'searched', 'meanSearchMs', 'medianSearchMs',
  'medianSolvedMs', 'medianSolvedEvals', 'librarySize', 'abstractionsAdded', 'programsFound', 'fantasies', 'dreamLoss'];

const cell = (v: unknown): string => v === null || v === undefined ? '' : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(v < 10 ? 3 : 0) : String(v);

/** The curves as an aligned text table. */
export function curveTable(points: readonly CurvePoint[]): string {
  const head = ['iter', 'tasks', 'solved', 'new', 'searched', 'mean ms', 'median ms', 'med solved ms', 'med solved evals', 'library', 'added', 'programs', 'fantasies', 'dream loss'];
  const rows = points.map((p) => COLUMNS.map((c) => cell(p[c])));
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((x, i) => x.padStart(w[i]!)).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

const csvCell = (v: unknown): string => v === null || v === undefined ? '' : typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v);

/** The curves as CSV (header row, one row per iteration). */
export function curveCsv(points: readonly CurvePoint[]): string {
  return [COLUMNS.join(','), ...points.map((p) => COLUMNS.map((c) => csvCell(p[c])).join(','))].join('\n') + '\n';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Two panels side by side: solved tasks and library size per iteration (left), median search ms (right). */
export function curveSvg(points: readonly CurvePoint[], title = 'arbor learn'): string {
  const W = 360, H = 240, pad = 44, gap = 40;
  const panel = (x0: number, label: string, series: { name: string; color: string; ys: (number | null)[] }[]) => {
    const n = Math.max(1, points.length - 1);
    const all = series.flatMap((s) => s.ys.filter((y): y is number => y !== null));
    const ymax = Math.max(1, ...all) * 1.1;
    const px = (i: number) => x0 + pad + ((W - pad - 10) * i) / n;
    const bottom = H - pad; // the frame spans y = 10 … bottom
    const py = (y: number) => bottom - ((bottom - 20) * y) / ymax;
    const out: string[] = [
      `<rect x="${x0 + pad}" y="10" width="${W - pad - 10}" height="${bottom - 10}" fill="none" stroke="#999"/>`,
      `<text x="${x0 + W / 2}" y="${H - 6}" text-anchor="middle" font-size="11">iteration</text>`,
      `<text x="${x0 + 12}" y="${H / 2}" font-size="11" transform="rotate(-90 ${x0 + 12} ${H / 2})" text-anchor="middle">${esc(label)}</text>`,
      `<text x="${x0 + pad - 4}" y="${py(0) + 4}" text-anchor="end" font-size="10">0</text>`,
      `<text x="${x0 + pad - 4}" y="${py(ymax / 1.1) + 4}" text-anchor="end" font-size="10">${cell(ymax / 1.1)}</text>`,
    ];
    points.forEach((p, i) => out.push(`<text x="${px(i)}" y="${bottom + 14}" text-anchor="middle" font-size="10">${p.iteration}</text>`));
    series.forEach((s, k) => {
      const pts = s.ys.map((y, i) => (y === null ? null : `${px(i).toFixed(1)},${py(y).toFixed(1)}`)).filter(Boolean);
      out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.join(' ')}"/>`);
      s.ys.forEach((y, i) => { if (y !== null) out.push(`<circle cx="${px(i).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${s.color}"/>`); });
      out.push(`<text x="${x0 + pad + 8}" y="${26 + 14 * k}" font-size="11" fill="${s.color}">${esc(s.name)}</text>`);
    });
    return out.join('\n');
  };
  const left = panel(0, 'count', [
    { name: 'tasks solved', color: '#1f77b4', ys: points.map((p) => p.solved) },
    { name: 'library size', color: '#2ca02c', ys: points.map((p) => p.librarySize) },
  ]);
  const right = panel(W + gap, 'ms per task', [
    { name: 'median search ms', color: '#d62728', ys: points.map((p) => p.medianSearchMs) },
    { name: 'median ms (solved)', color: '#9467bd', ys: points.map((p) => p.medianSolvedMs) },
  ]);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W + gap}" height="${H + 24}" font-family="sans-serif">
<text x="${W + gap / 2}" y="${H + 18}" text-anchor="middle" font-size="12">${esc(title)}</text>
${left}
${right}
</svg>
`;
}
