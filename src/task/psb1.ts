/**
 * PSB1 problems (Helmuth & Spector 2015): a folder `<p>/` with `<p>-edge.json` and optionally `<p>-random.json`,
 * JSON Lines of `{"input1": …, "output1": …}`. Train = the edge cases + the first random cases up to the README's
 * "Train cases (N)"; test = the remaining random cases. Real outputs compare with a tolerance.
 */
import { arrow, tpair, type Type } from '../lang/type.ts';
import { fromJson, ValueTypeError } from '../lang/value.ts';
import { inferValueType, TypeInferenceError } from './infer-type.ts';
import { TaskFileError } from './sexp.ts';
import type { Example, Task } from './task.ts';

/** The files of one PSB1 problem, as text (the shell reads them). */
export interface Psb1Files {
  readonly name: string;
  readonly edge: { readonly file: string; readonly text: string };
  readonly random?: { readonly file: string; readonly text: string };
  readonly readme?: string;
}

/** Tolerance for real-valued outputs (PSB1 prints floats to 5 decimals). */
const REAL_TOLERANCE = 1e-4;

function jsonLines(file: string, text: string): { row: Record<string, unknown>; line: number }[] {
  const out: { row: Record<string, unknown>; line: number }[] = [];
  text.split('\n').forEach((l, i) => {
    if (!l.trim()) return;
    let row: unknown;
    try { row = JSON.parse(l); } catch (e) { throw new TaskFileError(file, i + 1, `not JSON: ${(e as Error).message}`); }
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw new TaskFileError(file, i + 1, 'expected an object {"input1": …, "output1": …}');
    out.push({ row: row as Record<string, unknown>, line: i + 1 });
  });
  return out;
}

/** The README's usual number of train cases, or null. */
export function psb1TrainSize(readme: string | undefined): number | null {
  const m = readme && /Train cases \((\d[\d,]*)\)/.exec(readme);
  return m ? Number(m[1]!.replace(/,/g, '')) : null;
}

export function parsePsb1(files: Psb1Files): Task {
  const edge = jsonLines(files.edge.file, files.edge.text);
  const random = files.random ? jsonLines(files.random.file, files.random.text) : [];
  if (edge.length === 0) throw new TaskFileError(files.edge.file, null, 'no cases');
  const keys = Object.keys(edge[0]!.row);
  const ins = keys.filter((k) => /^in/.test(k)).sort(), outs = keys.filter((k) => /^out/.test(k)).sort();
  if (outs.length === 0) throw new TaskFileError(files.edge.file, edge[0]!.line, 'no output1 field');
  const rows = [...edge.map((r) => ({ ...r, file: files.edge.file })), ...random.map((r) => ({ ...r, file: files.random!.file }))];
  for (const r of rows)
    for (const k of [...ins, ...outs]) if (!(k in r.row)) throw new TaskFileError(r.file, r.line, `missing field ${k}`);
  const typeOf = (k: string): Type => {
    try {
      return inferValueType(rows.map((r) => r.row[k]), rows.map((r) => `${r.file}:${r.line} ${k}`), `${k} of every case`);
    } catch (e) {
      if (e instanceof TypeInferenceError) throw new TaskFileError(files.edge.file, null, `field ${e.field}: ${e.reason}`);
      throw e;
    }
  };
  const inTypes = ins.map(typeOf), outTypes = outs.map(typeOf);
  const out = outTypes.length === 1 ? outTypes[0]! : outTypes.reduceRight((acc, t) => tpair(t, acc));
  const toExample = (r: (typeof rows)[number]): Example => {
    try {
      const os = outs.map((k, j) => fromJson(r.row[k], outTypes[j]!, k));
      return {
        inputs: ins.map((k, j) => fromJson(r.row[k], inTypes[j]!, k)),
        output: os.length === 1 ? os[0] : os.reduceRight((acc, o) => [o, acc]),
      };
    } catch (e) {
      if (e instanceof ValueTypeError) throw new TaskFileError(r.file, r.line, `field ${e.message}`);
      throw e;
    }
  };
  const n = psb1TrainSize(files.readme) ?? edge.length + Math.min(random.length, 100);
  const nRandom = Math.max(0, Math.min(random.length, n - edge.length));
  const exs = rows.map(toExample);
  const hasReal = outTypes.some((t) => t.kind === 'tcon' && t.name === 'real');
  return {
    name: files.name,
    type: ins.length === 0 ? out : arrow(...inTypes, out),
    train: exs.slice(0, edge.length + nRandom),
    test: exs.slice(edge.length + nRandom),
    source: { file: files.edge.file, format: 'psb1' },
    ...(hasReal ? { loss: { kind: 'tolerance' as const, epsilon: REAL_TOLERANCE } } : {}),
  };
}
