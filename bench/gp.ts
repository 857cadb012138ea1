/**
 * GP success rates: Koza's quartic and even-5-parity over 30 seeds at population 500 × 40 generations.
 *   node --import tsx bench/gp.ts [--seeds N] [--problem quartic|parity]
 * Writes bench/results/gp.json (one row per problem, with per-seed outcomes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { PrimitiveSet } from '../src/lang/primitive.ts';
import { size } from '../src/lang/expr.ts';
import { print } from '../src/lang/print.ts';
import { gp } from '../src/search/gp.ts';
import { boolOps, kozaArith, parityTask, quarticTask } from '../src/search/gp-problems.ts';
import { uniformGrammar } from '../src/search/grammar.ts';
import type { Task } from '../src/task/task.ts';
import { systemClock } from '../src/util/clock.ts';
import { rng } from '../src/util/rng.ts';

const arg = (name: string): string | undefined => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const seeds = Number(arg('seeds') ?? 30);
const only = arg('problem');
const problems: { name: string; task: Task; prims: PrimitiveSet }[] = [
  { name: 'quartic', task: quarticTask(), prims: kozaArith },
  { name: 'parity5', task: parityTask(5), prims: boolOps },
];

const rows: Record<string, unknown>[] = [];
console.log(`population 500 × 40 generations, ${seeds} seeds (load average ${loadavg()[0]!.toFixed(1)})`);
console.log(`${'problem'.padEnd(10)} ${'solved'.padStart(8)} ${'rate'.padStart(6)} ${'mean s'.padStart(8)} ${'cpu s'.padStart(7)} ${'mean gens'.padStart(10)} ${'mean size'.padStart(10)}`);
for (const p of problems) {
  if (only && p.name !== only) continue;
  const runs: { seed: number; solved: boolean; wallMs: number; cpuMs: number; generations: number; size: number | null; program: string | null }[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const cpu0 = process.cpuUsage();
    const r = gp({ population: 500, generations: 40 }).search(p.task, {
      prims: p.prims, grammar: uniformGrammar(p.prims), budget: {}, clock: systemClock, rng: rng(seed),
    });
    const cpu = process.cpuUsage(cpu0);
    const text = r.program ? print(r.program) : null;
    runs.push({
      seed, solved: r.stopReason === 'solved', wallMs: Math.round(r.ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      generations: Number(r.stats.generations ?? 0), size: r.program ? size(r.program) : null, program: text,
    });
  }
  const solved = runs.filter((r) => r.solved);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const row = {
    problem: p.name, seeds, population: 500, generations: 40, solved: solved.length, successRate: solved.length / seeds,
    meanWallSeconds: +(mean(runs.map((r) => r.wallMs)) / 1000).toFixed(3), meanCpuSeconds: +(mean(runs.map((r) => r.cpuMs)) / 1000).toFixed(3),
    meanGenerationsSolved: +mean(solved.map((r) => r.generations)).toFixed(2), meanSizeSolved: +mean(solved.map((r) => r.size!)).toFixed(1),
    load: +loadavg()[0]!.toFixed(2), runs,
  };
  rows.push(row);
  console.log(`${p.name.padEnd(10)} ${`${solved.length}/${seeds}`.padStart(8)} ${row.successRate.toFixed(2).padStart(6)} ${row.meanWallSeconds.toFixed(2).padStart(8)} ${row.meanCpuSeconds.toFixed(2).padStart(7)} ${row.meanGenerationsSolved.toFixed(1).padStart(10)} ${row.meanSizeSolved.toFixed(1).padStart(10)}`);
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/gp.json', import.meta.url), JSON.stringify(rows, null, 1) + '\n');
