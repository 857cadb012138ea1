// Corpora check: every program of the DreamCoder benchmark (processed/without-apps, 171 files) and the 8 cogsci
// CAD corpora must parse and print back identically. For the list and text domains, the programs of the
// benches/*/*.json frontiers (earlier inventions inlined as #(…)) must also type-check at their task's requested
// type and evaluate on the examples of the DreamCoder task of the same name (shared/data/lists) when there is one.
// For the domains Arbor does not implement (logo, towers, physics, origami) it lists the missing primitives.
// Run: node --import tsx bench/corpora.ts   → bench/results/corpora.json   (data: $ARBOR_DATA or ../shared/data)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { primitiveNames, type Expr } from '../src/lang/expr.ts';
import { parse } from '../src/lang/parse.ts';
import { print } from '../src/lang/print.ts';
import { checkType } from '../src/lang/infer.ts';
import { evaluate } from '../src/lang/evaluate.ts';
import { typeFromJson } from '../src/lang/type-json.ts';
import { splitArrow, type Type } from '../src/lang/type.ts';
import { fromJson, toJson, valueEquals } from '../src/lang/value.ts';
import { extendSet, type PrimitiveSet } from '../src/lang/primitive.ts';
import { basePrimitives, stringConstant } from '../src/lang/primitives/index.ts';

const DATA = process.env.ARBOR_DATA ?? fileURLToPath(new URL('../../shared/data/', import.meta.url));
const BENCH = join(DATA, 'library-learning/dreamcoder-benchmark');
if (!existsSync(BENCH)) { console.error(`corpora: no data at ${BENCH} (set ARBOR_DATA)`); process.exit(2); }
const prims = basePrimitives;

// ---- round trip: processed/without-apps and cogsci ----
interface RoundTrip { files: number; programs: number; parsed: number; identical: number; failures: string[] }
const roundTrip: Record<string, RoundTrip> = {};
const missing: Record<string, Map<string, number>> = {};
const domainOf = (file: string) => file.replace(/_.*/, '');

function check(domain: string, src: string, rt: RoundTrip): Expr | null {
  rt.programs++;
  let e: Expr;
  try { e = parse(src); } catch (err) {
    if (rt.failures.length < 5) rt.failures.push(`parse: ${src.slice(0, 80)}: ${(err as Error).message}`);
    return null;
  }
  rt.parsed++;
  const back = print(e, { lambda: /\(lambda[\s)]/.test(src) ? 'lambda' : 'lam' });
  if (back === src) rt.identical++;
  else if (rt.failures.length < 5) rt.failures.push(`print: ${src.slice(0, 80)} → ${back.slice(0, 80)}`);
  const m = (missing[domain] ??= new Map());
  const names = new Set<string>();
  const walk = (x: Expr) => { for (const n of primitiveNames(x)) names.add(n); };
  walk(e);
  for (const n of names) if (!prims.has(n) && !/^prev_dc_inv_\d+$/.test(n)) m.set(n, (m.get(n) ?? 0) + 1);
  return e;
}

const processed = join(BENCH, 'processed/without-apps');
for (const file of readdirSync(processed).filter((f) => f.endsWith('.json')).sort()) {
  const domain = domainOf(file);
  const rt = (roundTrip[domain] ??= { files: 0, programs: 0, parsed: 0, identical: 0, failures: [] });
  rt.files++;
  for (const src of JSON.parse(readFileSync(join(processed, file), 'utf8')) as string[]) check(domain, src, rt);
}
for (const file of readdirSync(join(BENCH, 'cogsci')).filter((f) => f.endsWith('.json')).sort()) {
  const domain = `cogsci/${file.replace(/\.json$/, '')}`;
  const rt = (roundTrip[domain] ??= { files: 0, programs: 0, parsed: 0, identical: 0, failures: [] });
  rt.files++;
  for (const src of JSON.parse(readFileSync(join(BENCH, 'cogsci', file), 'utf8')) as string[]) check('cogsci', src, rt);
}

// ---- list and text: type-check and evaluate the benches frontiers ----
type Example = { inputs: unknown[]; output: unknown };
const tasks = new Map<string, Example[]>();
for (const t of JSON.parse(readFileSync(join(DATA, 'lists/dreamcoder_list_tasks.json'), 'utf8')) as { name: string; examples: { i: unknown; o: unknown }[] }[])
  tasks.set(t.name, t.examples.map((x) => ({ inputs: [x.i], output: x.o })));
for (const t of JSON.parse(readFileSync(join(DATA, 'lists/dreamcoder_text_train_tasks.json'), 'utf8')) as { name: string; examples: { inputs: unknown[]; output: unknown }[]; stringConstants?: string[] }[]) {
  tasks.set(t.name, t.examples.map((x) => ({ inputs: x.inputs, output: x.output })));
}

interface Semantic {
  benchFiles: number; programs: number; parsed: number; typeChecked: number; withTask: number;
  ranOnAllExamples: number; correctOnAllExamples: number; failureKinds: Record<string, number>; failureMessages: Record<string, number>; typeErrors: string[]; wrong: string[];
}
const semantic: Record<string, Semantic> = {};
const benches = join(BENCH, 'benches');
for (const run of readdirSync(benches).sort()) {
  const domain = domainOf(run);
  const benchFiles = readdirSync(join(benches, run)).filter((f) => f.endsWith('.json')).sort();
  if (domain !== 'list' && domain !== 'text') {
    // other domains: only collect the primitives their frontiers need
    for (const f of benchFiles) {
      const b = JSON.parse(readFileSync(join(benches, run, f), 'utf8')) as { frontiers: { programs: { program: string }[] }[] };
      const rt = (roundTrip[`benches/${domain}`] ??= { files: 0, programs: 0, parsed: 0, identical: 0, failures: [] });
      rt.files++;
      for (const fr of b.frontiers) for (const p of fr.programs) check(domain, p.program, rt);
    }
    continue;
  }
  const s = (semantic[domain] ??= { benchFiles: 0, programs: 0, parsed: 0, typeChecked: 0, withTask: 0, ranOnAllExamples: 0,
    correctOnAllExamples: 0, failureKinds: {}, failureMessages: {}, typeErrors: [], wrong: [] });
  for (const f of benchFiles) {
    s.benchFiles++;
    const b = JSON.parse(readFileSync(join(benches, run, f), 'utf8')) as { frontiers: { name: string; request: unknown; programs: { program: string }[] }[] };
    const rt = (roundTrip[`benches/${domain}`] ??= { files: 0, programs: 0, parsed: 0, identical: 0, failures: [] });
    rt.files++;
    for (const fr of b.frontiers) {
      const request: Type = typeFromJson(fr.request);
      const examples = tasks.get(fr.name);
      const consts = examples ? guessConstantStrings(examples) : [];
      // STRING is bound per task (DreamCoder tries each guessed constant); without a guess it stays unbound
      const primSets: PrimitiveSet[] = consts.length ? consts.map((c) => extendSet(prims, [stringConstant(c)])) : [prims];
      const taskPrims = primSets[0]!;
      for (const p of fr.programs) {
        s.programs++;
        const e = check(domain, p.program, rt);
        if (!e) continue;
        s.parsed++;
        try { checkType(e, request, taskPrims); s.typeChecked++; } catch (err) {
          if (s.typeErrors.length < 8) s.typeErrors.push(`${fr.name}: ${p.program.slice(0, 100)}: ${(err as Error).message.slice(0, 160)}`);
          continue;
        }
        if (!examples) continue;
        s.withTask++;
        const { args: argTypes, ret } = splitArrow(request);
        const usesString = primitiveNames(e).has('STRING');
        const candidates = usesString ? primSets : [taskPrims];
        const outcome = candidates.map((ps) => examples.map((x) => evaluate(e, x.inputs.map((v, i) => fromJson(v, argTypes[i]!)), { prims: ps, fuel: 1_000_000 })));
        const best = outcome.find((rs) => rs.every((r, i) => r.ok && valueEquals(r.value, fromJson(examples[i]!.output, ret))))
          ?? outcome.find((rs) => rs.every((r) => r.ok)) ?? outcome[0]!;
        let ran = true, correct = true;
        for (const [k, x] of examples.entries()) {
          const r = best[k]!;
          if (!r.ok) {
            ran = false; correct = false;
            s.failureKinds[r.failure.kind] = (s.failureKinds[r.failure.kind] ?? 0) + 1;
            const msg = `${r.failure.kind}: ${r.failure.message}`;
            s.failureMessages[msg] = (s.failureMessages[msg] ?? 0) + 1;
            break;
          }
          if (!valueEquals(r.value, fromJson(x.output, ret))) {
            correct = false;
            if (s.wrong.length < 5) s.wrong.push(`${fr.name}: ${p.program.slice(0, 100)} on ${JSON.stringify(x.inputs)} gave ${JSON.stringify(toJson(r.value, ret))}, expected ${JSON.stringify(x.output)}`);
          }
        }
        if (ran) s.ranOnAllExamples++;
        if (correct) s.correctOnAllExamples++;
      }
    }
  }
}

/**
 * DreamCoder's guess for a text task's string constants: longest common substrings (longer than 2) of pairs of
 * example outputs, kept when at least two pairs agree (dreamcoder/domains/text/main.py, guessConstantStrings).
 */
function guessConstantStrings(examples: readonly Example[]): string[] {
  const outs = examples.map((x) => x.output).filter((o): o is string => typeof o === 'string').slice(0, 10);
  const counts = new Map<string, number>();
  for (let n = 0; n < outs.length; n++)
    for (let m = n + 1; m < outs.length; m++) {
      const l = longestCommonSubstring(outs[n]!, outs[m]!);
      if (l.length > 2) counts.set(l, (counts.get(l) ?? 0) + 1);
    }
  return [...counts].filter(([, c]) => c >= 2).map(([g]) => g);
}

function longestCommonSubstring(a: string, b: string): string {
  let best = '';
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best.length) best = a.slice(i, i + k);
    }
  return best;
}

// ---- report ----
console.log('round trip (parse, then print back identically)');
console.log('corpus                          files  programs   parsed  identical');
for (const [k, r] of Object.entries(roundTrip))
  console.log(`${k.padEnd(30)} ${String(r.files).padStart(6)} ${String(r.programs).padStart(9)} ${String(r.parsed).padStart(8)} ${String(r.identical).padStart(10)}`);
console.log('\nlist and text frontiers (benches/*/*.json): type-check at the requested type, evaluate on the task examples');
for (const [k, s] of Object.entries(semantic))
  console.log(`${k}: ${s.programs} programs, ${s.parsed} parsed, ${s.typeChecked} type-check, ${s.withTask} with a task, ${s.ranOnAllExamples} run on all examples, ${s.correctOnAllExamples} correct on all; failures ${JSON.stringify(s.failureMessages)}`);
const missingOut = Object.fromEntries(Object.entries(missing).map(([d, m]) => [d, Object.fromEntries([...m].sort((a, b) => b[1] - a[1]))]));
console.log('\nprimitives used but not in basePrimitives (programs using each):');
for (const [d, m] of Object.entries(missingOut)) console.log(`  ${d}: ${Object.keys(m).length ? Object.entries(m).map(([n, c]) => `${n}(${c})`).join(' ') : 'none'}`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/corpora.json', JSON.stringify({ bench: 'corpora', roundTrip, semantic, missingPrimitives: missingOut }, null, 2) + '\n');
