/**
 * How much does keeping a bottom-up program cost, by the representation of its string outputs? The grammar is
 * `str.++` alone over the 4 examples of bench/enumerate.ts (every candidate after `(a ++ b) ++ c` skipping is new),
 * enumerated to N kept programs three ways, each in its own process, rounds alternating:
 *   bank   the real bottom-up bank (V8 strings: a cons string per concatenation), src/search/bottomup.ts
 *   arena  a sketch: each output's characters copied into one Uint8Array (offset, length, hash)
 *   rope   a sketch: each output a node in typed arrays (left, right, length, hash); leaves' characters in the arena
 * The sketches are the bank's algorithm without its fuel, watchers and algebra (levels; a vector-hash table settled by
 * comparing characters). See docs/bottomup-throughput.md.
 *   node --import tsx bench/output-representation.ts [--programs N] [--rounds R]
 * Writes bench/results/output-representation.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { concatHash, mixHashes, outHash } from '../src/search/bottomup-outputs.ts';

const arg = (name: string): string | undefined => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const N = Number(arg('programs') ?? 2_000_000);
const rounds = Number(arg('rounds') ?? 3);
const mode = arg('mode');
const EXAMPLES = ['Nancy FreeHafer 125', 'Andrew Cencici-88', 'Jan K. Kotas 7', 'Mariya Sergienko.1999'];
const CONSTANTS = [' ', '.', '-'];

interface Row { mode: string; kept: number; cpuSeconds: number; usPerKept: number }

/** The real bank on the str.++ grammar. */
async function bank(): Promise<Row> {
  const { basePrimitives } = await import('../src/lang/primitives/index.ts');
  const { arrow, tstr } = await import('../src/lang/type.ts');
  const { bottomUp } = await import('../src/search/bottomup.ts');
  const { uniformGrammar } = await import('../src/search/grammar.ts');
  const { rng } = await import('../src/util/rng.ts');
  const { systemClock } = await import('../src/util/clock.ts');
  const prims = new Map([['str.++', basePrimitives.get('str.++')!]]);
  const task = {
    name: 'concat', type: arrow(tstr, tstr), test: [], train: EXAMPLES.map((i) => ({ inputs: [i], output: `unreachable ${i}` })),
    constants: CONSTANTS.map((value) => ({ value, type: tstr })),
  };
  const c0 = process.cpuUsage();
  const r = bottomUp({ probe: false, divide: false, concat: false, harvest: false, maxCost: 1000, maxBank: N })
    .search(task, { prims, grammar: uniformGrammar(prims), budget: { timeMs: 600_000 }, clock: systemClock, rng: rng(1) });
  const c = process.cpuUsage(c0), cpu = (c.user + c.system) / 1e6;
  return { mode: 'bank', kept: r.stats.distinct, cpuSeconds: cpu, usPerKept: 1e6 * cpu / r.stats.distinct };
}

/** The sketch: outputs as copied characters (rope = false) or as nodes (rope = true), in typed arrays. */
function sketch(rope: boolean): Row {
  const m = 4, MAXLEN = 100_000;
  let arena = new Uint8Array(1 << 24), tail = 0, cap = 1 << 16, size = 0;
  // per output (program id * m + example): left/right parts (-1: a leaf), arena offset, length, hash
  let L: Int32Array = new Int32Array(cap * m), R: Int32Array = new Int32Array(cap * m), off: Int32Array = new Int32Array(cap * m);
  let len: Int32Array = new Int32Array(cap * m), hs: Int32Array = new Int32Array(cap * m);
  let isCat = new Uint8Array(cap), table = new Int32Array(1 << 17);
  // the candidate
  const sL = new Int32Array(m), sR = new Int32Array(m), sOff = new Int32Array(m), sLen = new Int32Array(m), sH = new Int32Array(m);
  const grow = (): void => {
    cap *= 2;
    const g = (a: Int32Array): Int32Array => { const b = new Int32Array(cap * m); b.set(a); return b; };
    L = g(L); R = g(R); off = g(off); len = g(len); hs = g(hs);
    const ic = new Uint8Array(cap); ic.set(isCat); isCat = ic;
  };
  const ensure = (n: number): void => {
    if (tail + n <= arena.length) return;
    const b = new Uint8Array(Math.max(arena.length * 2, tail + n)); b.set(arena.subarray(0, tail)); arena = b;
  };
  const charAt = (o: number, k: number): number => {
    for (;;) {
      const l = L[o]!;
      if (l < 0) return arena[off[o]! + k]!;
      const ll = len[l]!;
      if (k < ll) o = l; else { k -= ll; o = R[o]!; }
    }
  };
  const same = (id: number): boolean => {
    for (let i = 0; i < m; i++) {
      const n = sLen[i]!, o = id * m + i;
      if (len[o] !== n) return false;
      if (rope && sL[i]! >= 0) {
        const a = sL[i]!, b = sR[i]!, la = len[a]!;
        for (let k = 0; k < n; k++) if (charAt(o, k) !== (k < la ? charAt(a, k) : charAt(b, k - la))) return false;
      } else for (let k = 0; k < n; k++) if (charAt(o, k) !== arena[sOff[i]! + k]) return false;
    }
    return true;
  };
  /** Keeps the candidate unless a kept program has its outputs; `newTail` covers its characters in the arena. */
  const settle = (cat: number, newTail: number): void => {
    // the bank's vector hash and its per-output string hashes (bottomup-outputs.ts)
    const h = mixHashes(sH, m);
    const mask = table.length - 2;
    let p = (h << 1) & mask;
    for (; ; p = (p + 2) & mask) {
      const t = table[p + 1]!;
      if (t === 0) break;
      if (table[p] === h && same(t - 1)) return;
    }
    if (size === cap) grow();
    for (let i = 0; i < m; i++) { const o = size * m + i; L[o] = sL[i]!; R[o] = sR[i]!; off[o] = sOff[i]!; len[o] = sLen[i]!; hs[o] = sH[i]!; }
    isCat[size] = cat;
    table[p] = h;
    table[p + 1] = ++size;
    tail = newTail;
    if (4 * size > table.length) {
      const old = table;
      table = new Int32Array(old.length * 2);
      const mk = table.length - 2;
      for (let q = 0; q < old.length; q += 2) {
        if (old[q + 1] === 0) continue;
        let r = (old[q]! << 1) & mk;
        while (table[r + 1] !== 0) r = (r + 2) & mk;
        table[r] = old[q]!; table[r + 1] = old[q + 1]!;
      }
    }
  };
  const c0 = process.cpuUsage();
  for (const leaf of [EXAMPLES, ...CONSTANTS.map((c) => EXAMPLES.map(() => c))]) {
    let t = tail;
    for (let i = 0; i < m; i++) {
      const s = leaf[i]!;
      ensure(t + s.length - tail);
      for (let k = 0; k < s.length; k++) arena[t + k] = s.charCodeAt(k);
      sL[i] = -1; sR[i] = -1; sOff[i] = t; sLen[i] = s.length; sH[i] = outHash(s);
      t += s.length;
    }
    settle(0, t);
  }
  const ends = [0, size];
  outer: for (let c = 2; ; c++) {
    for (let c0 = 1; c0 <= c - 2; c0++) {
      const c1 = c - 1 - c0;
      if (c1 >= ends.length || c0 >= ends.length) continue;
      for (let x = ends[c0 - 1]!; x < ends[c0]!; x++) {
        if (isCat[x]) continue; // (a ++ b) ++ y: the same as a ++ (b ++ y)
        for (let y = ends[c1 - 1]!; y < ends[c1]!; y++) {
          let t = tail;
          if (!rope) {
            let need = 0;
            for (let i = 0; i < m; i++) need += len[x * m + i]! + len[y * m + i]!;
            ensure(need);
          }
          for (let i = 0; i < m; i++) {
            const ox = x * m + i, oy = y * m + i, lx = len[ox]!, ly = len[oy]!;
            sLen[i] = Math.min(lx + ly, MAXLEN);
            sH[i] = concatHash(hs[ox]!, hs[oy]!, ly);
            if (rope) { sL[i] = ox; sR[i] = oy; sOff[i] = 0; continue; }
            sL[i] = -1; sR[i] = -1; sOff[i] = t;
            arena.copyWithin(t, off[ox]!, off[ox]! + lx);
            arena.copyWithin(t + lx, off[oy]!, off[oy]! + ly);
            t += lx + ly;
          }
          settle(1, t);
          if (size >= N) break outer;
        }
      }
    }
    ends.push(size);
  }
  const c = process.cpuUsage(c0), cpu = (c.user + c.system) / 1e6;
  return { mode: rope ? 'rope' : 'arena', kept: size, cpuSeconds: cpu, usPerKept: 1e6 * cpu / size };
}

if (mode) {
  console.log(JSON.stringify(mode === 'bank' ? await bank() : sketch(mode === 'rope')));
} else {
  const script = fileURLToPath(import.meta.url);
  const run = (m: string): Row => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script, '--mode', m, '--programs', String(N)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!) as Row;
  const load0 = loadavg()[0]!;
  const rows: Row[] = [];
  for (let r = 0; r < rounds; r++) for (const m of r % 2 ? ['rope', 'arena', 'bank'] : ['bank', 'arena', 'rope']) rows.push(run(m));
  const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]!; };
  console.log(`str.++ grammar, ${N.toLocaleString('en-US')} kept programs, ${rounds} alternating rounds (load ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)})`);
  const summary = ['bank', 'arena', 'rope'].map((m) => {
    const us = rows.filter((x) => x.mode === m).map((x) => x.usPerKept);
    return { mode: m, medianUsPerKept: +median(us).toFixed(3), range: [+Math.min(...us).toFixed(3), +Math.max(...us).toFixed(3)] };
  });
  const bankUs = summary[0]!.medianUsPerKept;
  for (const s of summary) console.log(`${s.mode.padEnd(6)} ${s.medianUsPerKept.toFixed(3)} µs per kept program (${s.range.join('–')})  ${(bankUs / s.medianUsPerKept).toFixed(2)}× the bank`);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/output-representation.json', import.meta.url), JSON.stringify({ programs: N, rounds, summary, rows }, null, 1) + '\n');
}
