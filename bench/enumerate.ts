/**
 * Enumeration throughput: distinct programs per CPU-second (one core) for each engine on fixed grammars.
 * The targets are meant to be unreachable, so every engine enumerates for the whole time slice (bottom-up's plain
 * mode harvests substrings of the outputs and does solve slia-plain-4ex; its row then covers the run until solved).
 * Time slices are CPU time, so a busy machine does not shorten them. `enumerated` counts evaluated candidates;
 * `skipped` the ones bottom-up never evaluated because their rule's declared algebra proves them equal to an
 * earlier candidate (lang/primitive.ts `Algebra`).
 *   node --import tsx bench/enumerate.ts [--seconds S] [--engine bottomup|topdown|gp] [--problem NAME]
 * Writes bench/results/enumerate.json. Side by side with another revision (its src/ exported under tmp/), runs
 * alternating in separate processes, medians and ratios printed:
 *   node --import tsx bench/enumerate.ts --baseline REV|DIR [--rounds N] [--seconds S] [--engine E] [--problem NAME]
 * (a DIR under this checkout holding a src/ is taken as it is: e.g. this checkout's src/ with a few files as they were).
 * (`--src DIR` loads the engines from DIR/src instead of this checkout; the side-by-side mode uses it.)
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PrimitiveSet } from '../src/lang/primitive.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import type { Task } from '../src/task/task.ts';
import type { Clock } from '../src/util/clock.ts';
import { bikesSygus } from '../test/fixtures/search/bikes.ts';

const arg = (name: string): string | undefined => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const seconds = Number(arg('seconds') ?? 5);
const only = arg('engine');
const exact = process.argv.includes('--exact');
const onlyProblem = arg('problem');
const json = process.argv.includes('--json');
const baseline = arg('baseline');
const rounds = Number(arg('rounds') ?? 2);

// the code under test: this checkout's src/, or another one's (--src)
const root = arg('src') ? pathToFileURL(resolve(arg('src')!) + '/') : new URL('../', import.meta.url);
const load = <T>(path: string): Promise<T> => import(new URL(path, root).href) as Promise<T>;
const { basePrimitives } = await load<typeof import('../src/lang/primitives/index.ts')>('src/lang/primitives/index.ts');
const { arrow, tint, tstr } = await load<typeof import('../src/lang/type.ts')>('src/lang/type.ts');
const { bottomUp } = await load<typeof import('../src/search/bottomup.ts')>('src/search/bottomup.ts');
const { gp } = await load<typeof import('../src/search/gp.ts')>('src/search/gp.ts');
const { uniformGrammar } = await load<typeof import('../src/search/grammar.ts')>('src/search/grammar.ts');
const { topDown } = await load<typeof import('../src/search/topdown.ts')>('src/search/topdown.ts');
const { parseSygus } = await load<typeof import('../src/task/sygus.ts')>('src/task/sygus.ts');
const { rng } = await load<typeof import('../src/util/rng.ts')>('src/util/rng.ts');

/**
 * Process CPU time, so each run gets its time slice of CPU however busy the machine is. Reading it is a system
 * call, so it is read at most once per wall-clock millisecond and extrapolated with wall time in between.
 */
const cpuClock: Clock = (() => {
  let wall = -Infinity, cpu = 0;
  return {
    now: () => {
      const w = performance.now();
      if (w - wall < 1) return cpu + (w - wall);
      const c = process.cpuUsage();
      wall = w;
      cpu = (c.user + c.system) / 1000;
      return cpu;
    },
  };
})();

/** The SLIA grammar of the SyGuS PBE "bikes" family, over 4 examples with an unreachable output. */
const SLIA = bikesSygus({
  strings: [' ', '.', '-'], ints: [0, 1, 2, 3],
  examples: [['Nancy FreeHafer 125', 'unreachable-1'], ['Andrew Cencici-88', 'unreachable-2'], ['Jan K. Kotas 7', 'unreachable-3'], ['Mariya Sergienko.1999', 'unreachable-4']],
});

const strNames = ['str.++', 'str.len', 'str.substr', 'str.indexof', 'str.at', 'str.replace', 'int.to.str', 'str.to.int', '+', '-', 'if',
  'str.prefixof', 'str.suffixof', 'str.contains', 'eq?'];
const strPrims: PrimitiveSet = new Map(strNames.map((n) => [n, basePrimitives.get(n)!]));

const grammarTask = parseSygus(SLIA, 'bench-slia.sl');
const plainTask: Task = {
  name: 'slia-plain-4', type: arrow(tstr, tstr), test: [],
  train: grammarTask.train,
  constants: [' ', '.', '-'].map((value) => ({ value, type: tstr })),
};
const intTask: Task = {
  name: 'int-plain-4', type: arrow(tint, tint, tint), test: [],
  train: [[[3, 4], -99991], [[10, -2], 99989], [[0, 7], 77777], [[5, 5], -31337]].map(([inputs, output]) => ({ inputs: inputs as number[], output })),
};

const engines: Record<string, () => SearchEngine> = {
  bottomup: () => bottomUp({ probe: false, divide: false, maxCost: 1000 }),
  'bottomup+probe+divide': () => bottomUp({ maxCost: 1000 }),
  topdown: () => topDown(),
  gp: () => gp({ population: 500, generations: 1_000_000, simplify: false }),
};
const intPrims: PrimitiveSet = new Map(['+', '-', '*', 'mod', 'max2', 'min2', 'if', 'gt?', 'eq?'].map((n) => [n, basePrimitives.get(n)!]));
const problems: { name: string; task: Task; prims: PrimitiveSet }[] = [
  { name: 'slia-grammar-4ex', task: grammarTask, prims: basePrimitives },
  { name: 'slia-plain-4ex', task: plainTask, prims: strPrims },
  { name: 'int-plain-4ex', task: intTask, prims: intPrims },
];

interface Row {
  problem: string; engine: string; cpuSeconds: number; wallSeconds: number; enumerated: number; distinct: number;
  /** Candidates bottom-up skipped unevaluated (their rule's declared algebra proves them equal to an earlier one). */
  skipped: number;
  distinctPerSec: number; enumeratedPerSec: number; stopReason: string; load: number;
}
const selected = (problem: string, engine: string): boolean =>
  (!onlyProblem || problem === onlyProblem) && (!only || (exact ? engine === only : engine.startsWith(only)));
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** One engine on one problem for `seconds` of CPU time. */
function measure(p: (typeof problems)[number], name: string): Row | string {
  let r;
  const cpu0 = process.cpuUsage(), wall0 = performance.now();
  try {
    r = engines[name]!().search(p.task, { prims: p.prims, grammar: uniformGrammar(p.prims), budget: { timeMs: seconds * 1000 }, clock: cpuClock, rng: rng(1) });
  } catch (e) {
    return (e as Error).message;
  }
  const cpu = process.cpuUsage(cpu0);
  // per core: rates use the CPU time this process got, so a busy machine does not understate them
  const s = (cpu.user + cpu.system) / 1e6;
  return {
    problem: p.name, engine: name, cpuSeconds: +s.toFixed(3), wallSeconds: +((performance.now() - wall0) / 1000).toFixed(3),
    enumerated: r.stats.enumerated, distinct: r.stats.distinct, skipped: r.stats.rules['algebra.skipped'] ?? 0, distinctPerSec: Math.round(r.stats.distinct / s),
    enumeratedPerSec: Math.round(r.stats.enumerated / s), stopReason: r.stopReason, load: +loadavg()[0]!.toFixed(2),
  };
}

/** Runs this script for one (problem, engine) in a fresh process, on this checkout's src/ or `src`. */
function child(problem: string, engine: string, src: string | null): Row {
  const script = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, '--problem', problem, '--engine', engine, '--exact', '--json',
    '--seconds', String(seconds), ...(src ? ['--src', src] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop()!) as Row;
}

/** Side by side with revision `rev`: alternating runs in separate processes, medians, ratios (this / baseline). */
function sideBySide(rev: string): void {
  // a directory holding a src/ is used as it is (e.g. this checkout with some files as they were)
  const given = existsSync(`${rev}/src`);
  const sha = given ? rev : execFileSync('git', ['rev-parse', '--short', rev], { encoding: 'utf8' }).trim();
  // under the checkout's tmp/, so that the exported sources resolve this checkout's node_modules
  const dir = given ? `${resolve(rev)}/` : fileURLToPath(new URL(`../tmp/bench-baseline-${sha}/`, import.meta.url));
  if (!existsSync(`${dir}src`)) {
    mkdirSync(dir, { recursive: true });
    execSync(`git archive ${sha} src | tar -x -C '${dir}'`);
  }
  const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
  console.log(`side by side: ${sha} (baseline) vs this checkout, ${rounds} alternating round(s) of ${seconds} CPU-s each (load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
  console.log(`${'problem'.padEnd(18)} ${'engine'.padEnd(22)} ${'distinct/s base'.padStart(16)} ${'this'.padStart(10)} ${'ratio'.padStart(6)}  ${'enum/s base'.padStart(12)} ${'this'.padStart(10)} ${'ratio'.padStart(6)}  stop (base / this)`);
  for (const p of problems) {
    for (const name of Object.keys(engines)) {
      if (!selected(p.name, name)) continue;
      const base: Row[] = [], cur: Row[] = [];
      for (let i = 0; i < rounds; i++) {
        // alternate which side goes first, so a drift in machine load falls on both
        if (i % 2 === 0) { base.push(child(p.name, name, dir)); cur.push(child(p.name, name, null)); }
        else { cur.push(child(p.name, name, null)); base.push(child(p.name, name, dir)); }
      }
      const bd = median(base.map((r) => r.distinctPerSec)), cd = median(cur.map((r) => r.distinctPerSec));
      const be = median(base.map((r) => r.enumeratedPerSec)), ce = median(cur.map((r) => r.enumeratedPerSec));
      console.log(`${p.name.padEnd(18)} ${name.padEnd(22)} ${fmt(bd).padStart(16)} ${fmt(cd).padStart(10)} ${(cd / bd).toFixed(2).padStart(6)}  ${fmt(be).padStart(12)} ${fmt(ce).padStart(10)} ${(ce / be).toFixed(2).padStart(6)}  ${base.map((r) => r.stopReason).join(',')} / ${cur.map((r) => r.stopReason).join(',')}`);
    }
  }
  console.log(`load average after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
}

if (baseline) sideBySide(baseline);
else if (json) {
  for (const p of problems) for (const name of Object.keys(engines)) if (selected(p.name, name)) console.log(JSON.stringify(measure(p, name)));
} else {
  const rows: Row[] = [];
  console.log(`enumeration for ${seconds} CPU-s per run (load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
  console.log(`${'problem'.padEnd(18)} ${'engine'.padEnd(22)} ${'enumerated'.padStart(11)} ${'skipped'.padStart(11)} ${'distinct'.padStart(10)} ${'distinct/s'.padStart(11)} ${'enum/s'.padStart(11)} ${'cpu s'.padStart(6)} stop`);
  for (const p of problems) {
    for (const name of Object.keys(engines)) {
      if (!selected(p.name, name)) continue;
      const row = measure(p, name);
      if (typeof row === 'string') { console.log(`${p.name.padEnd(18)} ${name.padEnd(22)} error: ${row}`); continue; }
      rows.push(row);
      console.log(`${p.name.padEnd(18)} ${name.padEnd(22)} ${String(row.enumerated).padStart(11)} ${String(row.skipped).padStart(11)} ${String(row.distinct).padStart(10)} ${String(row.distinctPerSec).padStart(11)} ${String(row.enumeratedPerSec).padStart(11)} ${row.cpuSeconds.toFixed(2).padStart(6)} ${row.stopReason}`);
    }
  }
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/enumerate.json', import.meta.url), JSON.stringify(rows, null, 1) + '\n');
}
