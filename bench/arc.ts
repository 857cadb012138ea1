/**
 * ARC benchmark: runs solveArc on every task of a folder (default: the 400 ARC-AGI-1 training tasks) in
 * child processes, and reports tasks solved within 2 and 3 attempts, CPU seconds per task and peak memory.
 *
 *   node --import tsx bench/arc.ts [--timeout SEC] [--jobs N] [--limit N] [--dir DIR] [--submission FILE] [--only a,b]
 *                                  [--clock cpu|wall] [--out FILE]
 *
 * The per-task limit counts the child's CPU seconds (`--clock cpu`, default), so that other load on a shared
 * machine does not change which tasks are solved; `--clock wall` uses elapsed time as `arbor solve` does.
 * Writes bench/results/arc.json, or FILE with --out (a summary row plus one row per task). `wrong1` counts the tasks
 * whose first attempt exists but is wrong for some test input (answers a solver gave that it should not have).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArcText } from '../src/task/arc.ts';
import { solveArc } from '../src/search/arc/solve.ts';
import { systemClock } from '../src/util/clock.ts';
import type { Grid } from '../src/lang/primitives/grid.ts';

interface Row {
  task: string; solved2: boolean; solved3: boolean; wrong1?: boolean; cpuS: number; ms: number; program: string | null;
  attempts: Grid[][]; rssMb: number; error?: string;
}

if (process.argv.includes('--child')) {
  // child: solve the files the parent sends, one at a time
  // the time limit counts this process's CPU time by default, so other load on the machine does not eat it
  const cpuClock = { now: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } };
  process.on('message', (msg: { file: string; timeoutMs: number; clock: string }) => {
    const cpu0 = process.cpuUsage();
    let row: Row;
    try {
      const task = parseArcText(readFileSync(msg.file, 'utf8'), msg.file);
      const r = solveArc(task, { timeoutMs: msg.timeoutMs, attempts: 3, clock: msg.clock === 'wall' ? systemClock : cpuClock });
      const ok = (n: number) => task.test.every((p, i) => r.attempts[i]!.slice(0, n).some((g) => JSON.stringify(g) === JSON.stringify(p.output)));
      const cpu = process.cpuUsage(cpu0);
      const wrong1 = task.test.some((p, i) => r.attempts[i]![0] !== undefined && JSON.stringify(r.attempts[i]![0]) !== JSON.stringify(p.output));
      row = { task: task.name, solved2: ok(2), solved3: ok(3), wrong1, cpuS: (cpu.user + cpu.system) / 1e6, ms: r.ms, program: r.program,
        attempts: r.attempts, rssMb: process.resourceUsage().maxRSS / 1024 };
    } catch (e) {
      row = { task: msg.file, solved2: false, solved3: false, cpuS: 0, ms: 0, program: null, attempts: [], rssMb: 0, error: (e as Error).message };
    }
    process.send!(row);
  });
} else {
  const arg = (name: string, dflt: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1]! : dflt; };
  const timeoutS = Number(arg('--timeout', '5')), jobs = Number(arg('--jobs', '2')), limit = Number(arg('--limit', '100000'));
  const dataRoot = process.env.ARBOR_DATA ?? fileURLToPath(new URL('../../shared/data/', import.meta.url));
  const dir = arg('--dir', `${dataRoot}/arc-agi-1/training`).replace(/\/?$/, '/');
  const only = arg('--only', '').split(',').filter(Boolean);
  const submission = arg('--submission', '');
  const clock = arg('--clock', 'cpu');
  const outFile = arg('--out', '');
  if (clock !== 'cpu' && clock !== 'wall') { console.error('--clock must be cpu or wall'); process.exit(2); }
  let files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (only.length) files = files.filter((f) => only.some((o) => f.startsWith(o)));
  files = files.slice(0, limit);
  const rows: Row[] = [];
  const t0 = performance.now();
  let next = 0;
  const self = fileURLToPath(import.meta.url);
  const runWorker = () => new Promise<void>((resolve) => {
    let child: ChildProcess | null = null, timer: NodeJS.Timeout | null = null, current = '';
    const spawn = () => {
      child = fork(self, ['--child'], { execArgv: ['--import', 'tsx', '--max-old-space-size=4096'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', (row: Row) => { if (timer) clearTimeout(timer); rows.push(row); progress(row); send(); });
      child.on('exit', () => {
        if (timer) clearTimeout(timer);
        if (current) { rows.push({ task: current.replace(/\.json$/, ''), solved2: false, solved3: false, cpuS: timeoutS * 3, ms: timeoutS * 3000, program: null, attempts: [], rssMb: 0, error: 'killed' }); current = ''; spawn(); send(); }
      });
    };
    const send = () => {
      if (next >= files.length) { current = ''; child!.kill(); resolve(); return; }
      current = files[next++]!;
      child!.send({ file: dir + current, timeoutMs: timeoutS * 1000, clock });
      timer = setTimeout(() => child!.kill('SIGKILL'), timeoutS * 20000 + 60000); // a hard stop if the cooperative limit fails
    };
    spawn();
    send();
  });
  const progress = (r: Row) => {
    if (process.env.VERBOSE || r.solved3) console.log(`${r.solved2 ? 'OK ' : r.solved3 ? 'ok3' : '-- '} ${r.task} ${r.cpuS.toFixed(1)}s ${r.program ?? ''}`.slice(0, 200));
  };
  await Promise.all(Array.from({ length: jobs }, runWorker));
  rows.sort((a, b) => a.task.localeCompare(b.task));
  const cpu = rows.map((r) => r.cpuS).sort((a, b) => a - b);
  const q = (f: number) => cpu[Math.min(cpu.length - 1, Math.floor(f * cpu.length))] ?? 0;
  const summary = {
    tasks: rows.length, solved2: rows.filter((r) => r.solved2).length, solved3: rows.filter((r) => r.solved3).length,
    wrong1: rows.filter((r) => r.wrong1).length,
    medianCpuS: q(0.5), p90CpuS: q(0.9), peakRssMb: Math.max(0, ...rows.map((r) => r.rssMb)), timeoutS, jobs, clock,
    wallS: (performance.now() - t0) / 1000,
  };
  console.log('| tasks | solved@2 | solved@3 | wrong 1st | median CPU s | p90 CPU s | peak RSS MB | wall s |');
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(`| ${summary.tasks} | ${summary.solved2} (${(100 * summary.solved2 / summary.tasks).toFixed(1)}%) | ${summary.solved3} (${(100 * summary.solved3 / summary.tasks).toFixed(1)}%) | ${summary.wrong1} | ${summary.medianCpuS.toFixed(2)} | ${summary.p90CpuS.toFixed(2)} | ${summary.peakRssMb.toFixed(0)} | ${summary.wallS.toFixed(0)} |`);
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  writeFileSync(outFile || new URL('results/arc.json', import.meta.url),
    JSON.stringify([{ summary }, ...rows.map(({ attempts: _a, ...r }) => r)], null, 1) + '\n');
  if (submission) {
    const sub: Record<string, { attempt_1: Grid; attempt_2: Grid }[]> = {};
    for (const r of rows) {
      if (r.error) continue;
      sub[r.task] = r.attempts.map((as) => ({ attempt_1: as[0] ?? [[0]], attempt_2: as[1] ?? as[0] ?? [[0]] }));
    }
    writeFileSync(submission, JSON.stringify(sub) + '\n');
    console.log(`submission written to ${submission}`);
  }
}
