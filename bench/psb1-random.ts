/**
 * PSB1 problems that ship with edge cases only (../shared/data/psb1: "generate the missing random cases"), with
 * random cases generated here from each problem's README and the PSB1 paper's input ranges, by a reference
 * implementation written from the problem statement: train = the edge cases plus random ones up to the usual train
 * size, test = 500 random cases. The portfolio (`--engine auto`) solves each at `--timeout` seconds.
 *   ARBOR_DATA=../shared/data node --import tsx bench/psb1-random.ts [--timeout 10] [--jobs 2] [--only a,b]
 * Writes bench/results/psb1-random.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { print } from '../src/lang/print.ts';
import { parseType } from '../src/lang/type.ts';
import { solveTask, WorkerPool } from '../src/search/portfolio.ts';
import { autoEngines } from '../src/search/portfolio-setup.ts';
import type { Example, Task } from '../src/task/task.ts';
import { systemClock } from '../src/util/clock.ts';
import { rng, type Rng } from '../src/util/rng.ts';

const arg = (name: string, def: string): string => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1]! : def; };
const timeout = Number(arg('timeout', '10')), jobs = Number(arg('jobs', '2')), only = arg('only', '');
const DATA = process.env.ARBOR_DATA ?? new URL('../../shared/data', import.meta.url).pathname;

const int = (r: Rng, lo: number, hi: number): number => lo + r.int(hi - lo + 1);
const ints = (r: Rng, n: number, lo: number, hi: number): number[] => Array.from({ length: n }, () => int(r, lo, hi));
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const text = (r: Rng, n: number, chars: readonly string[] = PRINTABLE): string => Array.from({ length: n }, () => chars[r.int(chars.length)]).join('');

/** A problem: its type, train size, an input generator and the reference function. */
interface Problem { type: string; train: number; gen: (r: Rng) => unknown[]; f: (...a: any[]) => unknown }

const problems: Record<string, Problem> = {
  smallest: { type: 'int -> int -> int -> int -> int', train: 100, gen: (r) => ints(r, 4, -100, 100), f: (...a: number[]) => Math.min(...a) },
  'negative-to-zero': { type: 'list(int) -> list(int)', train: 200, gen: (r) => [ints(r, int(r, 0, 50), -1000, 1000)], f: (v: number[]) => v.map((x) => Math.max(0, x)) },
  'count-odds': { type: 'list(int) -> int', train: 200, gen: (r) => [ints(r, int(r, 0, 50), -1000, 1000)], f: (v: number[]) => v.filter((x) => x % 2 !== 0).length },
  'vectors-summed': {
    type: 'list(int) -> list(int) -> list(int)', train: 150,
    gen: (r) => { const n = int(r, 0, 50); return [ints(r, n, -1000, 1000), ints(r, n, -1000, 1000)]; }, f: (a: number[], b: number[]) => a.map((x, i) => x + b[i]!),
  },
  'mirror-image': {
    type: 'list(int) -> list(int) -> bool', train: 100,
    gen: (r) => { const a = ints(r, int(r, 0, 50), -1000, 1000); const k = r.int(3); return [a, k === 0 ? [...a].reverse() : k === 1 ? ints(r, a.length, -1000, 1000) : [...a].reverse().map((x, i) => (i === 0 ? x + 1 : x))]; },
    f: (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[b.length - 1 - i]),
  },
  'last-index-of-zero': {
    type: 'list(int) -> int', train: 150,
    gen: (r) => { const v = ints(r, int(r, 1, 50), -50, 50); v[r.int(v.length)] = 0; return [v]; }, f: (v: number[]) => v.lastIndexOf(0),
  },
  'compare-string-lengths': {
    type: 'str -> str -> str -> bool', train: 100,
    gen: (r) => { const s = () => text(r, int(r, 0, 49)); const k = r.int(3); if (k === 0) { const x = s(); return [x, x, x]; } const v = [s(), s(), s()]; return k === 1 ? v.sort((a, b) => a.length - b.length) : v; },
    f: (a: string, b: string, c: string) => a.length < b.length && b.length < c.length,
  },
  'string-lengths-backwards': {
    type: 'list(str) -> str', train: 100, gen: (r) => [Array.from({ length: int(r, 0, 50) }, () => text(r, int(r, 0, 50)))],
    f: (v: string[]) => [...v].reverse().map((s) => String(s.length)).join('\n'),
  },
  'for-loop-index': {
    type: 'int -> int -> int -> str', train: 100,
    gen: (r) => { const start = int(r, -500, 500); return [start, start + int(r, 1, 1000) * (1 + r.int(1)), int(r, 1, 10)]; },
    f: (s: number, e: number, k: number) => { const out: number[] = []; for (let i = s; i < e; i += k) out.push(i); return out.join('\n'); },
  },
  'double-letters': {
    type: 'str -> str', train: 100, gen: (r) => [text(r, int(r, 0, 20))],
    f: (s: string) => [...s].map((c) => (/[a-zA-Z]/.test(c) ? c + c : c === '!' ? '!!!' : c)).join(''),
  },
  median: { type: 'int -> int -> int -> int', train: 100, gen: (r) => ints(r, 3, -100, 100), f: (...a: number[]) => [...a].sort((x, y) => x - y)[1] },
  'number-io': {
    type: 'int -> real -> real', train: 25, gen: (r) => [int(r, -100, 100), Math.round((r.next() * 200 - 100) * 1e4) / 1e4], f: (a: number, b: number) => a + b,
  },
  grade: {
    type: 'int -> int -> int -> int -> int -> str', train: 200,
    gen: (r) => { const t = new Set<number>(); while (t.size < 4) t.add(int(r, 0, 100)); return [...[...t].sort((x, y) => y - x), int(r, 0, 100)]; },
    f: (a: number, b: number, c: number, d: number, s: number) => `Student has a ${s >= a ? 'A' : s >= b ? 'B' : s >= c ? 'C' : s >= d ? 'D' : 'F'} grade.`,
  },
};

/** The problem's edge cases (JSON Lines, input1… output1), as examples of the right shape. */
function edges(name: string): Example[] {
  let lines: string[];
  try { lines = readFileSync(`${DATA}/psb1/${name}/${name}-edge.json`, 'utf8').split('\n').filter((l) => l.trim()); } catch { return []; }
  return lines.map((l) => {
    const o = JSON.parse(l) as Record<string, unknown>;
    const inputs = Object.keys(o).filter((k) => k.startsWith('input')).sort().map((k) => o[k]);
    return { inputs, output: o.output1 };
  });
}

function taskFor(name: string, p: Problem, seed: number): Task {
  const r = rng(seed);
  const random = (n: number): Example[] => Array.from({ length: n }, () => { const inputs = p.gen(r); return { inputs, output: p.f(...inputs) }; });
  const edge = edges(name).slice(0, p.train);
  const real = /real/.test(p.type);
  return {
    name, type: parseType(p.type), train: [...edge, ...random(p.train - edge.length)], test: random(500),
    // real outputs compare with the PSB1 loader's tolerance
    ...(real ? { loss: { kind: 'tolerance' as const, epsilon: 1e-4 } } : {}),
  };
}

const names = Object.keys(problems).filter((n) => !only || only.split(',').includes(n));
const pool = new WorkerPool(jobs * 2);
pool.warm();
console.log(`PSB1 with generated random cases, portfolio at ${timeout} s, ${jobs} at a time (load ${loadavg()[0]!.toFixed(1)})`);
const rows: { task: string; solved: boolean; perfect: boolean; test: string; ms: number; engine: string | null; program: string | null }[] = [];
let next = 0;
await Promise.all(Array.from({ length: jobs }, async () => {
  while (next < names.length) {
    const name = names[next++]!;
    const t = taskFor(name, problems[name]!, 1);
    const r = await solveTask(t, { engines: autoEngines(t), timeoutMs: timeout * 1000, clock: systemClock, pool });
    const test = r.test ? `${r.test.correct}/${r.test.total}` : '-';
    const row = { task: name, solved: !!r.program, perfect: !!r.test && r.test.correct === r.test.total, test, ms: Math.round(r.ms), engine: r.engine ?? null, program: r.program ? print(r.program) : null };
    rows.push(row);
    console.log(`${name.padEnd(26)} ${row.solved ? 'solved' : '      '} test ${test.padStart(9)} ${String(row.ms).padStart(6)} ms  ${row.program ?? ''}`);
  }
}));
await pool.close();
console.log(`solved ${rows.filter((r) => r.solved).length}/${rows.length}, every test case right ${rows.filter((r) => r.perfect).length}/${rows.length}`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/psb1-random.json', import.meta.url), JSON.stringify({ timeout, jobs, date: new Date().toISOString(), rows }, null, 1) + '\n');
