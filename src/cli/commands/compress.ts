/** `arbor compress FILE`: learns abstractions from a corpus of programs (Stitch-style compression). */
import { readFileSync, writeFileSync } from 'node:fs';
import { print } from '../../lang/print.ts';
import { printAbstractionBody, type LearnedAbstraction } from '../../library/abstraction.ts';
import { rewriteCheck } from '../../library/compress-apply.ts';
import { compress } from '../../library/compress.ts';
import { CorpusError, readCorpus, type Corpus } from '../../library/corpus.ts';
import { systemClock } from '../../util/clock.ts';
import { UsageError, type Command } from '../command.ts';

const USAGE = `usage: arbor compress FILE [--iterations N] [--max-arity A] [--structure-penalty P] [--prefix NAME]
                      [--rewrite-check] [--json] [--out FILE]

Learns up to N abstractions from the programs in FILE and rewrites them with those abstractions. FILE is a JSON
array of program strings (one task each) or a DreamCoder compressor input ({"frontiers": [{"name", "programs":
[{"program"}]}]}: a task costs its cheapest program). Costs are Stitch's: 100 per primitive or variable, 1 per
application or lambda; compression ratio = cost before / (cost after + the abstractions' body costs).

  --iterations N          abstractions to learn (default: the file's info.num_learned, else 10)
  --max-arity A           most arguments per abstraction (default: the file's arity, else 3)
  --structure-penalty P   utility pays P times each abstraction's body cost (default 1)
  --prefix NAME           abstraction names NAME0, NAME1, … (default fn_)
  --rewrite-check         inline the abstractions back into every rewritten program and check it is the original
  --json                  print one JSON object {compressionRatio, abstractions, rewritten, ms, …}
  --out FILE              also write that JSON object to FILE

example: arbor compress corpus.json --iterations 3 --max-arity 2`;

const VALUED = ['iterations', 'max-arity', 'structure-penalty', 'prefix', 'out'] as const;
const BOOLEAN = ['rewrite-check', 'json'] as const;

function parseArgs(argv: readonly string[]): { file: string; options: Map<string, string>; flags: Set<string> } {
  const positional: string[] = [], options = new Map<string, string>(), flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if ((BOOLEAN as readonly string[]).includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (!(VALUED as readonly string[]).includes(name)) throw new UsageError(`unknown option '--${name}' (see arbor compress --help)`);
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    options.set(name, value);
  }
  if (positional.length === 0) throw new UsageError('missing FILE (a JSON corpus of programs)');
  if (positional.length > 1) throw new UsageError(`unexpected argument '${positional[1]}'`);
  return { file: positional[0]!, options, flags };
}

function intOption(options: Map<string, string>, name: string, min: number, fallback: number): number {
  const s = options.get(name);
  if (s === undefined) return fallback;
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${s}'`);
  return n;
}

function readInput(file: string): Corpus {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return readCorpus(text, file);
  } catch (e) {
    if (e instanceof CorpusError) throw new UsageError(e.message);
    throw e;
  }
}

/** JSON form of a learned abstraction. */
function abstractionJson(a: LearnedAbstraction, lambda: 'lam' | 'lambda') {
  return {
    name: a.name, arity: a.arity, uses: a.uses, utility: a.utility,
    body: printAbstractionBody(a, { lambda }), lambda: print(a.lambda, { lambda }),
  };
}

export const command: Command = {
  name: 'compress',
  summary: 'learn abstractions that compress a corpus of programs',
  usage: USAGE,
  async run(argv) {
    const { file, options, flags } = parseArgs(argv);
    const corpus = readInput(file);
    const iterations = intOption(options, 'iterations', 0, corpus.numLearned ?? 10);
    const maxArity = intOption(options, 'max-arity', 0, corpus.arity ?? 3);
    const sp = options.get('structure-penalty');
    const structurePenalty = sp === undefined ? 1 : Number(sp);
    if (!Number.isFinite(structurePenalty) || structurePenalty < 0) throw new UsageError(`--structure-penalty must be a number ≥ 0, got '${sp}'`);
    const prefix = options.get('prefix') ?? 'fn_';
    if (!/^[A-Za-z_][\w]*$/.test(prefix)) throw new UsageError(`--prefix must be an identifier, got '${prefix}'`);
    const lambda = corpus.format === 'dreamcoder' ? 'lambda' : 'lam';

    const tasks = corpus.tasks.map((t) => t.programs);
    const t0 = systemClock.now();
    const report = compress(tasks, { iterations, maxArity, structurePenalty, prefix });
    const ms = systemClock.now() - t0;
    const mismatches = flags.has('rewrite-check') ? rewriteCheck(tasks, report.rewritten, report.abstractions) : null;
    const programCount = tasks.reduce((s, ps) => s + ps.length, 0);

    const json = {
      compressionRatio: report.compressionRatio,
      corpusRatio: report.corpusRatio,
      costBefore: report.costBefore,
      costAfter: report.costAfter,
      bodyCost: report.bodyCost,
      abstractions: report.abstractions.map((a) => abstractionJson(a, lambda)),
      rewritten: report.rewritten.flatMap((ps) => ps.map((p) => print(p, { lambda }))),
      ms: Math.round(ms * 10) / 10,
      stopReason: report.stopReason,
      ...(mismatches ? { rewriteCheck: { programs: programCount, failed: mismatches.length } } : {}),
    };
    const out = options.get('out');
    if (out) {
      try { writeFileSync(out, JSON.stringify(json, null, 2) + '\n'); } catch (e) {
        throw new UsageError(`--out: cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    if (flags.has('json')) console.log(JSON.stringify(json));
    else {
      const rows = json.abstractions.map((a) => [a.name, String(a.arity), String(a.uses), String(a.utility), a.body]);
      const head = ['name', 'arity', 'uses', 'utility', 'body'];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
      console.log(line(head));
      for (const r of rows) console.log(line(r));
      console.log(`compression ratio ${report.compressionRatio.toFixed(3)}x (cost ${report.costBefore} -> ${report.costAfter}` +
        ` + ${report.bodyCost} in abstractions; ${report.corpusRatio.toFixed(3)}x without them), ` +
        `${report.abstractions.length} abstractions in ${ms.toFixed(0)} ms` +
        (report.stopReason === 'exhausted' && report.abstractions.length < iterations ? ' (no further abstraction saves cost)' : ''));
      if (mismatches) console.log(`rewrite check: ${programCount - mismatches.length}/${programCount} programs inline back to their originals`);
    }
    if (mismatches && mismatches.length > 0) {
      const m = mismatches[0]!;
      console.error(`arbor compress: rewrite check failed for ${mismatches.length} programs (first: task ${m.task}, program ${m.program}: ${m.reason})`);
      return 1;
    }
    return 0;
  },
};
