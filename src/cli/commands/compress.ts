/** `arbor compress FILE`: learns abstractions from a corpus of programs (Stitch-style compression). */
import { print } from '../../lang/print.ts';
import { printAbstractionBody, type LearnedAbstraction } from '../../library/abstraction.ts';
import { rewriteCheck } from '../../library/compress-apply.ts';
import { compress } from '../../library/compress.ts';
import { CorpusError, readCorpus } from '../../library/corpus.ts';
import { systemClock } from '../../util/clock.ts';
import { asUsage } from '../command.ts';
import { readText, writeText } from '../files.ts';
import { defineCommand } from '../flags.ts';
import { table } from '../table.ts';

/** JSON form of a learned abstraction. */
function abstractionJson(a: LearnedAbstraction, lambda: 'lam' | 'lambda') {
  return {
    name: a.name, arity: a.arity, uses: a.uses, utility: a.utility,
    body: printAbstractionBody(a, { lambda }), lambda: print(a.lambda, { lambda }),
  };
}

const spec = {
  name: 'compress',
  summary: 'learn abstractions that compress a corpus of programs',
  args: [{ name: 'FILE', about: 'a JSON corpus of programs' }],
  flags: {
    iterations: { type: 'int', meta: 'N', min: 0, help: "abstractions to learn (default: the file's info.num_learned, else 10)" },
    'max-arity': { type: 'int', meta: 'A', min: 0, help: "most arguments per abstraction (default: the file's arity, else 3)" },
    'structure-penalty': { type: 'number', meta: 'P', min: 0, default: 1, help: "utility pays P times each abstraction's body cost" },
    beam: { type: 'int', meta: 'W', min: 1, default: 1, help: 'keep W corpora after each step and return the best library (1: greedy, as Stitch; takes up to ~W times as long)' },
    prefix: { type: 'string', meta: 'NAME', default: 'fn_', pattern: /^[A-Za-z_][\w]*$/, expect: 'an identifier', help: 'abstraction names NAME0, NAME1, …' },
    'rewrite-check': { type: 'boolean', help: 'inline the abstractions back into every rewritten program and check it is the original' },
    json: { type: 'boolean', help: 'print one JSON object {compressionRatio, abstractions, rewritten, ms, …}' },
    out: { type: 'string', meta: 'FILE', help: 'also write that JSON object to FILE' },
  },
  about: `Learns up to N abstractions from the programs in FILE and rewrites them with those abstractions. FILE is a JSON
array of program strings (one task each) or a DreamCoder compressor input ({"frontiers": [{"name", "programs":
[{"program"}]}]}: a task costs its cheapest program). Costs are Stitch's: 100 per primitive or variable, 1 per
application or lambda; compression ratio = cost before / (cost after + the abstractions' body costs). Each step takes
the abstraction of highest utility (Stitch's greedy run); with --beam W it keeps the W best corpora after each step
instead, so a choice that pays off only later can win (never worse than greedy).`,
  footer: 'example: arbor compress corpus.json --iterations 3 --max-arity 2 --beam 3',
} as const;

export const command = defineCommand(spec, async ({ positional, flags }) => {
  const corpus = asUsage(CorpusError, () => readCorpus(readText(positional[0]!), positional[0]!));
  const iterations = flags.iterations ?? corpus.numLearned ?? 10;
  const maxArity = flags['max-arity'] ?? corpus.arity ?? 3;
  const structurePenalty = flags['structure-penalty'], prefix = flags.prefix, beam = flags.beam;
  const lambda = corpus.format === 'dreamcoder' ? 'lambda' : 'lam';

  const tasks = corpus.tasks.map((t) => t.programs);
  const t0 = systemClock.now();
  const report = compress(tasks, { iterations, maxArity, structurePenalty, prefix, beam });
  const ms = systemClock.now() - t0;
  const mismatches = flags['rewrite-check'] ? rewriteCheck(tasks, report.rewritten, report.abstractions) : null;
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
  if (flags.out) writeText(flags.out, JSON.stringify(json, null, 2) + '\n', '--out');
  if (flags.json) console.log(JSON.stringify(json));
  else {
    console.log(table([['name', 'arity', 'uses', 'utility', 'body'],
      ...json.abstractions.map((a) => [a.name, String(a.arity), String(a.uses), String(a.utility), a.body])]));
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
});
