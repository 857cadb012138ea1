// Compression benchmark (issue 4): Stitch-style compression on the 171 DreamCoder-benchmark corpora
// (processed/without-apps, as many abstractions as DreamCoder found: info.num_learned of the matching benches/ file,
// arity ≤ 3) and the 8 cogsci corpora (10 abstractions, arity ≤ 3), each in its own process so peak memory is its
// own; plus held-out compression (learn on 200 cogsci programs, rewrite the other 50 with rewriteWith).
// Reports compression ratio, ms per abstraction, peak RSS; writes bench/results/compress.json.
// Usage: node --import tsx bench/compress.ts [--only SUBSTR] [--skip-dreamcoder] [--skip-cogsci] [--skip-heldout]
//                                           [--jobs N] [--timeout SECONDS] [--time-limit CPU-SECONDS]
//                                           [--heldout nuts-bolts,furniture] [--beam W]
// --beam W runs compress's beam search (W corpora kept per step; default 1, Stitch's greedy run); its rows are kept
// beside the greedy ones in the results.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rewriteCheck, rewriteWith } from '../src/library/compress-apply.ts';
import { compress } from '../src/library/compress.ts';
import { readCorpus } from '../src/library/corpus.ts';

const DATA = process.env.ARBOR_DATA ? `${process.env.ARBOR_DATA.replace(/\/$/, '')}/` : fileURLToPath(new URL('../../shared/data/', import.meta.url));
const LL = `${DATA}library-learning/dreamcoder-benchmark/`;
const RESULTS = 'bench/results/compress.json';

/** Published Stitch figures (POPL 2023) for the cogsci corpora: compression ratio and seconds for 10 abstractions. */
const STITCH_COGSCI: Record<string, { ratio: number; seconds: number }> = {
  'nuts-bolts': { ratio: 11.8, seconds: 0.25 },
  furniture: { ratio: 4.9, seconds: 2.2 },
  castle: { ratio: 2.6, seconds: 47 },
};
const STITCH_DC_MS_PER_ABSTRACTION = [5, 18];

interface Job { kind: 'dreamcoder' | 'cogsci' | 'heldout'; name: string; file: string; iterations: number; arity: number; timeLimitS?: number; beam?: number }
/** A row's identity in the results: beam rows are kept apart from greedy ones. */
const rowKey = (r: Job): string => `${r.kind}/${r.name}${(r.beam ?? 1) > 1 ? ` beam=${r.beam}` : ''}`;
interface Row extends Job {
  ok: boolean; error?: string;
  programs?: number; learned?: number; compressionRatio?: number; corpusRatio?: number;
  ms?: number; cpuMs?: number; msPerAbstraction?: number; maxRssMB?: number; baseRssMB?: number; rewriteCheckFailed?: number;
  heldOutRatio?: number; heldOutPrograms?: number; stopReason?: string;
}

// ---- child: run one job and print one JSON line --------------------------------------------------------------
async function child(job: Job): Promise<void> {
  const baseRss = process.resourceUsage().maxRSS / 1024;
  const corpus = readCorpus(readFileSync(job.file, 'utf8'), job.file);
  let tasks = corpus.tasks.map((t) => t.programs);
  let heldOut: typeof tasks = [];
  if (job.kind === 'heldout') { heldOut = tasks.slice(200); tasks = tasks.slice(0, 200); }
  const c0 = process.cpuUsage(), t0 = performance.now();
  // The limit is on this process's CPU time: on a shared machine wall time mostly measures the other processes.
  const cpuClock = { now: () => process.cpuUsage().user / 1000 };
  const limit = job.timeLimitS ? { clock: cpuClock, timeLimitMs: job.timeLimitS * 1000 } : {};
  const r = compress(tasks, { iterations: job.iterations, maxArity: job.arity, beam: job.beam ?? 1, ...limit });
  const ms = performance.now() - t0, cpu = process.cpuUsage(c0);
  const row: Row = {
    ...job, ok: true, programs: tasks.reduce((s, ps) => s + ps.length, 0), learned: r.abstractions.length,
    compressionRatio: r.compressionRatio, corpusRatio: r.corpusRatio, ms, cpuMs: (cpu.user + cpu.system) / 1000,
    msPerAbstraction: r.abstractions.length ? ms / r.abstractions.length : 0,
    maxRssMB: process.resourceUsage().maxRSS / 1024, baseRssMB: baseRss,
    rewriteCheckFailed: rewriteCheck(tasks, r.rewritten, r.abstractions).length, stopReason: r.stopReason,
  };
  if (job.kind === 'heldout') {
    const h = rewriteWith(r.abstractions, heldOut);
    row.heldOutRatio = h.costBefore / h.costAfter;
    row.heldOutPrograms = heldOut.length;
  }
  process.stdout.write(JSON.stringify(row) + '\n');
}

// ---- parent ---------------------------------------------------------------------------------------------------
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const has = (name: string) => process.argv.includes(`--${name}`);

/** A corpus's identity across the two formats: program count and its invention-free programs, spelled alike. */
function corpusKey(programs: string[]): string {
  const norm = (p: string) => p.replace(/\blambda\b/g, 'lam').replace(/(\d)\.(?=[\s)])/g, '$1');
  const plain = programs.filter((p) => !p.includes('#') && !p.includes('prev_dc_inv')).map(norm).sort();
  return `${programs.length}|${plain.join('\n')}`;
}

/** processed/without-apps file -> info.num_learned of the benches/ file holding the same programs. */
function numLearnedByFile(): Map<string, number> {
  const byKey = new Map<string, number>();
  for (const run of readdirSync(`${LL}benches`)) {
    for (const f of readdirSync(`${LL}benches/${run}`).filter((x) => x.endsWith('.json'))) {
      const d = JSON.parse(readFileSync(`${LL}benches/${run}/${f}`, 'utf8'));
      const programs: string[] = d.frontiers.flatMap((fr: { programs: { program: string }[] }) => fr.programs.map((p) => p.program));
      byKey.set(corpusKey(programs), d.info.num_learned);
    }
  }
  const out = new Map<string, number>();
  for (const f of readdirSync(`${LL}processed/without-apps`)) {
    const n = byKey.get(corpusKey(JSON.parse(readFileSync(`${LL}processed/without-apps/${f}`, 'utf8'))));
    if (n === undefined) throw new Error(`bench/compress: no benches/ file has the programs of processed/without-apps/${f}`);
    out.set(f, n);
  }
  return out;
}

function runChild(job: Job, timeoutS: number): Promise<Row> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', '--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutS * 1000);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop();
      if (code === 0 && line) resolve(JSON.parse(line) as Row);
      else resolve({ ...job, ok: false, error: signal === 'SIGKILL' ? `timeout after ${timeoutS}s` : err.trim().split('\n').slice(-3).join(' | ') });
    });
  });
}

async function parent(): Promise<void> {
  const only = arg('only'), jobsN = Number(arg('jobs') ?? 1), timeoutS = Number(arg('timeout') ?? 1800);
  const timeLimitS = arg('time-limit') ? Number(arg('time-limit')) : undefined; // per corpus: stop learning, keep what was learned
  const beam = Number(arg('beam') ?? 1);
  if (!(Number.isInteger(beam) && beam >= 1)) throw new Error(`bench/compress: --beam must be a positive integer, got ${arg('beam')}`);
  const jobs: Job[] = [];
  if (!has('skip-dreamcoder')) {
    const learned = numLearnedByFile();
    const files = [...learned.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const f of files) jobs.push({ kind: 'dreamcoder', name: f.replace(/\.json$/, ''), file: `${LL}processed/without-apps/${f}`, iterations: learned.get(f)!, arity: 3 });
  }
  const cogsci = readdirSync(`${LL}cogsci`).filter((f) => f.endsWith('.json')).sort();
  if (!has('skip-cogsci')) for (const f of cogsci) jobs.push({ kind: 'cogsci', name: f.replace(/\.json$/, ''), file: `${LL}cogsci/${f}`, iterations: 10, arity: 3 });
  const heldOutNames = (arg('heldout') ?? 'nuts-bolts,furniture').split(',');
  if (!has('skip-heldout')) for (const f of cogsci.filter((x) => heldOutNames.includes(x.replace(/\.json$/, '')))) jobs.push({ kind: 'heldout', name: f.replace(/\.json$/, ''), file: `${LL}cogsci/${f}`, iterations: 10, arity: 3 });
  const selected = (only ? jobs.filter((j) => j.name.includes(only)) : jobs).map((j) => ({ ...j, ...(timeLimitS ? { timeLimitS } : {}), ...(beam > 1 ? { beam } : {}) }));

  const rows: Row[] = [];
  let next = 0;
  const worker = async () => {
    while (next < selected.length) {
      const i = next++;
      const r = await runChild(selected[i]!, timeoutS);
      rows.push(r);
      const tag = rowKey(r).padEnd(48);
      if (!r.ok) console.log(`${tag} FAILED: ${r.error}`);
      else console.log(`${tag} ${String(r.learned).padStart(2)} abs  ratio ${r.compressionRatio!.toFixed(3).padStart(7)}  (no bodies ${r.corpusRatio!.toFixed(3).padStart(7)})  ` +
        `${r.ms!.toFixed(0).padStart(7)} ms  ${r.msPerAbstraction!.toFixed(1).padStart(7)} ms/abs  cpu ${r.cpuMs!.toFixed(0).padStart(7)} ms  ` +
        `rss ${r.maxRssMB!.toFixed(0).padStart(5)} MB` + (r.heldOutRatio ? `  held-out ${r.heldOutRatio.toFixed(3)}x on ${r.heldOutPrograms}` : '') +
        (r.rewriteCheckFailed ? `  REWRITE-CHECK FAILED ${r.rewriteCheckFailed}` : '') +
        (r.stopReason === 'timeLimit' ? `  (time limit: ${r.learned} of ${r.iterations})` : ''));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobsN) }, worker));
  // Rows of corpora not run this time are kept from the previous results (so parts can be re-run on their own).
  if (existsSync(RESULTS)) {
    const ran = new Set(rows.map(rowKey));
    const old = (JSON.parse(readFileSync(RESULTS, 'utf8')) as { rows: Row[] }).rows.filter((r) => !ran.has(rowKey(r)));
    rows.push(...old);
  }

  const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[s.length >> 1]! : NaN; };
  const dc = rows.filter((r) => r.kind === 'dreamcoder' && r.ok && r.learned && (r.beam ?? 1) === 1);
  const summary: Record<string, unknown> = {};
  if (dc.length) {
    const domains = [...new Set(dc.map((r) => r.name.replace(/_bench_\d+$/, '')))];
    summary.dreamcoder = {
      corpora: rows.filter((r) => r.kind === 'dreamcoder').length, failed: rows.filter((r) => r.kind === 'dreamcoder' && !r.ok).length,
      medianMsPerAbstraction: median(dc.map((r) => r.msPerAbstraction!)), maxMsPerAbstraction: Math.max(...dc.map((r) => r.msPerAbstraction!)),
      // CPU time is the fairer figure on a shared machine (wall time includes waiting for other processes).
      medianCpuMsPerAbstraction: median(dc.map((r) => r.cpuMs! / r.learned!)), maxCpuMsPerAbstraction: Math.max(...dc.map((r) => r.cpuMs! / r.learned!)),
      medianMaxRssMB: median(dc.map((r) => r.maxRssMB!)), maxRssMB: Math.max(...dc.map((r) => r.maxRssMB!)),
      stitchMsPerAbstraction: STITCH_DC_MS_PER_ABSTRACTION,
      byDomain: Object.fromEntries(domains.map((d) => {
        const rs = dc.filter((r) => r.name.startsWith(d));
        return [d, {
          corpora: rs.length, medianRatio: median(rs.map((r) => r.compressionRatio!)), medianCorpusRatio: median(rs.map((r) => r.corpusRatio!)),
          medianMsPerAbstraction: median(rs.map((r) => r.msPerAbstraction!)), medianCpuMsPerAbstraction: median(rs.map((r) => r.cpuMs! / r.learned!)),
          maxCpuMsPerAbstraction: Math.max(...rs.map((r) => r.cpuMs! / r.learned!)),
        }];
      })),
    };
  }
  summary.cogsci = rows.filter((r) => r.kind === 'cogsci' && r.ok).map((r) => ({
    name: r.name, beam: r.beam ?? 1, compressionRatio: r.compressionRatio, corpusRatio: r.corpusRatio, seconds: r.ms! / 1000, cpuSeconds: r.cpuMs! / 1000, maxRssMB: r.maxRssMB,
    ...(STITCH_COGSCI[r.name] ? {
      stitch: STITCH_COGSCI[r.name],
      ratioVsStitch: r.compressionRatio! / STITCH_COGSCI[r.name]!.ratio, corpusRatioVsStitch: r.corpusRatio! / STITCH_COGSCI[r.name]!.ratio,
      timeVsStitch: r.ms! / 1000 / STITCH_COGSCI[r.name]!.seconds, cpuTimeVsStitch: r.cpuMs! / 1000 / STITCH_COGSCI[r.name]!.seconds,
    } : {}),
  }));
  summary.heldOut = rows.filter((r) => r.kind === 'heldout' && r.ok).map((r) => ({ name: r.name, beam: r.beam ?? 1, trainRatio: r.corpusRatio, heldOutRatio: r.heldOutRatio }));
  summary.failed = rows.filter((r) => !r.ok).map((r) => `${rowKey(r)}: ${r.error}`);
  console.log('\nsummary', JSON.stringify(summary, null, 1));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(RESULTS, JSON.stringify({
    bench: 'compress', date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length,
    loadavg: (await import('node:os')).loadavg(), summary, rows,
  }, null, 1) + '\n');
}

if (has('child')) await child(JSON.parse(process.argv[process.argv.indexOf('--child') + 1]!) as Job);
else await parent();
