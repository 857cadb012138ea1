/**
 * Enumeration throughput: distinct programs per CPU-second (one core)  for each engine on fixed grammars.
 * The targets are unreachable, so every engine enumerates for the whole time slice.
 *   node --import tsx bench/enumerate.ts [--seconds S] [--engine bottomup|topdown|gp]
 * Writes bench/results/enumerate.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basePrimitives } from '../src/lang/primitives/index.ts';
import type { PrimitiveSet } from '../src/lang/primitive.ts';
import { arrow, tint, tstr } from '../src/lang/type.ts';
import { bottomUp } from '../src/search/bottomup.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { gp } from '../src/search/gp.ts';
import { uniformGrammar } from '../src/search/grammar.ts';
import { topDown } from '../src/search/topdown.ts';
import { parseSygus } from '../src/task/sygus.ts';
import type { Task } from '../src/task/task.ts';
import { systemClock } from '../src/util/clock.ts';
import { rng } from '../src/util/rng.ts';

const arg = (name: string): string | undefined => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const seconds = Number(arg('seconds') ?? 5);
const only = arg('engine');

/** The SLIA grammar of the SyGuS PBE "bikes" family, over 4 examples with an unreachable output. */
const SLIA = `(set-logic SLIA)
(synth-fun f ((name String)) String
    ((Start String (ntString))
     (ntString String (name " " "." "-" (str.++ ntString ntString) (str.replace ntString ntString ntString)
        (str.at ntString ntInt) (int.to.str ntInt) (ite ntBool ntString ntString) (str.substr ntString ntInt ntInt)))
     (ntInt Int (0 1 2 3 (+ ntInt ntInt) (- ntInt ntInt) (str.len ntString) (str.to.int ntString)
        (str.indexof ntString ntString ntInt)))
     (ntBool Bool (true false (= ntInt ntInt) (str.prefixof ntString ntString) (str.suffixof ntString ntString)
        (str.contains ntString ntString)))))
(constraint (= (f "Nancy FreeHafer 125") "unreachable-1"))
(constraint (= (f "Andrew Cencici-88") "unreachable-2"))
(constraint (= (f "Jan K. Kotas 7") "unreachable-3"))
(constraint (= (f "Mariya Sergienko.1999") "unreachable-4"))
(check-synth)`;

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

const rows: Record<string, unknown>[] = [];
console.log(`enumeration for ${seconds}s per run (load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
console.log(`${'problem'.padEnd(18)} ${'engine'.padEnd(22)} ${'enumerated'.padStart(11)} ${'distinct'.padStart(10)} ${'distinct/s'.padStart(11)} ${'enum/s'.padStart(11)} ${'cpu s'.padStart(6)} stop`);
for (const p of problems) {
  for (const [name, make] of Object.entries(engines)) {
    if (only && !name.startsWith(only)) continue;
    let r;
    const cpu0 = process.cpuUsage();
    try {
      r = make().search(p.task, { prims: p.prims, grammar: uniformGrammar(p.prims), budget: { timeMs: seconds * 1000 }, clock: systemClock, rng: rng(1) });
    } catch (e) {
      console.log(`${p.name.padEnd(18)} ${name.padEnd(22)} error: ${(e as Error).message}`);
      continue;
    }
    const cpu = process.cpuUsage(cpu0);
    // per core: rates use the CPU time this process got, so a busy machine does not understate them
    const s = (cpu.user + cpu.system) / 1e6;
    const row = {
      problem: p.name, engine: name, cpuSeconds: +s.toFixed(3), wallSeconds: +(r.ms / 1000).toFixed(3), enumerated: r.stats.enumerated, distinct: r.stats.distinct,
      distinctPerSec: Math.round(r.stats.distinct / s), enumeratedPerSec: Math.round(r.stats.enumerated / s), stopReason: r.stopReason,
      load: +loadavg()[0]!.toFixed(2),
    };
    rows.push(row);
    console.log(`${p.name.padEnd(18)} ${name.padEnd(22)} ${String(row.enumerated).padStart(11)} ${String(row.distinct).padStart(10)} ${String(row.distinctPerSec).padStart(11)} ${String(row.enumeratedPerSec).padStart(11)} ${s.toFixed(2).padStart(6)} ${r.stopReason}`);
  }
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/enumerate.json', import.meta.url), JSON.stringify(rows, null, 1) + '\n');
