/**
 * Constant harvesting: literals a task's examples suggest, offered to the search as extra productions.
 * Strings: substrings the outputs share that the inputs lack (inserted text), the text every output ends or starts
 * with, delimiters every input but one has, and for yes/no tasks a mark whose presence tells the answers apart and
 * the text every yes (or no) starts or ends with.
 * Integers: values every output contains, and a constant output−input difference.
 */
import type { Value } from '../lang/primitive.ts';
import { isRecord } from '../lang/value.ts';
import { tchar, tint, tlist, tstr, type Type } from '../lang/type.ts';
import type { Task } from './task.ts';

export interface Constant {
  readonly value: Value;
  readonly type: Type;
}

export interface HarvestOptions {
  readonly maxStrings?: number;
  readonly maxInts?: number;
  readonly maxLength?: number;
}

const isCharList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'string' && c.length === 1);

/**
 * The example's strings (str values, and list(char) values joined), with whether they were char lists: the values
 * themselves, and those inside lists of other things and inside records (the fields of JSON objects).
 */
function strings(vs: readonly unknown[], out: { s: string; chars: boolean }[] = []): { s: string; chars: boolean }[] {
  for (const v of vs) {
    if (typeof v === 'string') out.push({ s: v, chars: false });
    else if (isCharList(v)) out.push({ s: v.join(''), chars: true });
    else if (Array.isArray(v)) strings(v, out);
    else if (isRecord(v)) strings(Object.values(v), out);
  }
  return out;
}

function ints(v: unknown, out: Set<number>): void {
  if (typeof v === 'number' && Number.isInteger(v)) out.add(v);
  else if (Array.isArray(v)) for (const x of v) ints(x, out);
  else if (isRecord(v)) for (const x of Object.values(v)) ints(x, out);
}

/**
 * How each output is made from its one string input, read left to right: the longest piece of two characters or
 * more copied from the input at each point, else an inserted character. When every example copies pieces at the same
 * offsets and lengths and inserts the same text between them, the offsets and lengths (integers) and the inserted
 * runs (strings: "-" in an SSN, rather than "-4", which merely recurs); null otherwise.
 */
function copiedPieces(ex: Task['train']): { ints: number[]; inserts: string[] } | null {
  let shape: string | null = null;
  let first: { pieces: [number, number][]; inserts: string[] } | null = null;
  for (const e of ex) {
    const [s] = e.inputs, o = e.output;
    if (e.inputs.length !== 1 || typeof s !== 'string' || typeof o !== 'string') return null;
    const pieces: [number, number][] = [];
    const inserts: string[] = [];
    let run = '';
    for (let p = 0; p < o.length;) {
      let best: [number, number] | null = null;
      for (let k = Math.min(o.length - p, s.length); k >= 2 && !best; k--) {
        const piece = o.slice(p, p + k), at = s.indexOf(piece);
        if (at >= 0 && s.indexOf(piece, at + 1) < 0) best = [at, k];
      }
      if (best) {
        if (run) inserts.push(run);
        run = '';
        pieces.push(best);
        p += best[1];
      } else run += o[p++];
    }
    if (run) inserts.push(run);
    const key = JSON.stringify([pieces, inserts]);
    if (shape !== null && key !== shape) return null;
    shape = key;
    first ??= { pieces, inserts };
  }
  if (ex.length < 2 || !first || first.pieces.length === 0) return null;
  return { ints: [...new Set(first.pieces.flatMap(([at, k]) => [at, k, at + k]))], inserts: [...new Set(first.inserts)] };
}

/**
 * The longest suffix and prefix all `texts` share (two texts at least), each when `telling` says it tells them apart
 * from something (`has`: whether a string ends, or starts, with it).
 */
function commonAffixes(texts: readonly string[], telling: (has: (s: string) => boolean) => boolean): string[] {
  if (texts.length < 2) return [];
  const shared = (at: (s: string, k: number) => string): number => {
    let k = 0;
    while (texts.every((o) => k < o.length && at(o, k) === at(texts[0]!, k))) k++;
    return k;
  };
  const t = texts[0]!, suffix = t.slice(t.length - shared((s, k) => s[s.length - 1 - k]!)), prefix = t.slice(0, shared((s, k) => s[k]!));
  return [...(suffix && telling((s) => s.endsWith(suffix)) ? [suffix] : []), ...(prefix && telling((s) => s.startsWith(prefix)) ? [prefix] : [])];
}

/** Most recurring whole outputs offered as constants. */
const MAX_LABELS = 6;
/** Longest whole output offered as a label. */
const MAX_LABEL_LENGTH = 64;

/** Harvests constants from the train examples (never from test examples). */
export function harvestConstants(task: Task, opts: HarvestOptions = {}): Constant[] {
  const maxStrings = opts.maxStrings ?? 6, maxInts = opts.maxInts ?? 3, maxLen = opts.maxLength ?? 8;
  const ex = task.train;
  const n = ex.length;
  const out: Constant[] = [];
  if (n === 0) return out;

  // ---- strings ----
  const perEx = ex.map((e) => ({ ins: strings(e.inputs), outs: strings([e.output]) }));
  const charMode = perEx.some((p) => p.outs.some((o) => o.chars) || p.ins.some((i) => i.chars));
  const counts = new Map<string, number>();
  perEx.forEach(({ ins, outs }) => {
    const seen = new Set<string>();
    for (const o of outs)
      for (let i = 0; i < o.s.length; i++)
        for (let l = 1; l <= maxLen && i + l <= o.s.length; l++) {
          const sub = o.s.slice(i, i + l);
          if (seen.has(sub) || ins.some((x) => x.s.includes(sub))) continue;
          seen.add(sub);
          counts.set(sub, (counts.get(sub) ?? 0) + 1);
        }
  });
  const need = n === 1 ? 1 : Math.max(2, Math.ceil(n / 2));
  let found = [...counts].filter(([, c]) => c >= need);
  // drop a substring when a longer one with the same count contains it (keep the maximal insertions)
  found = found.filter(([s, c]) => !found.some(([t, d]) => t.length > s.length && d === c && t.includes(s)));
  const delims = new Map<string, number>();
  perEx.forEach(({ ins }) => {
    const seen = new Set<string>();
    for (const x of ins) for (const ch of x.s) if (!/[\p{L}\p{N}]/u.test(ch) && !seen.has(ch)) {
      seen.add(ch);
      delims.set(ch, (delims.get(ch) ?? 0) + 1);
    }
  });
  // a delimiter every input but one has ("One" among "Hello World" and "Arbor Grows Programs" has no space); not
  // fewer, or random strings offer every punctuation mark they happen to hold
  for (const [ch, c] of delims) if (c >= Math.max(n - 1, Math.min(n, 2)) && !counts.has(ch)) found.push([ch, c]);
  // the text every output ends (or starts) with, when some input does not: "769" that "ensure suffix 769" appends,
  // though two of its inputs already end with it, so it is no inserted substring
  if (perEx.every((p) => p.outs.length === 1))
    for (const affix of commonAffixes(perEx.map((p) => p.outs[0]!.s), (has) => perEx.some((p) => !p.ins.some((x) => has(x.s)))))
      if (!found.some(([s]) => s === affix)) found.push([affix, n]);
  // a yes/no task: a mark whose presence in the input tells the answers apart ("@" in an email address), and the
  // text every yes (or every no) starts or ends with when no other input does ("a" that the words kept start with)
  if (n >= 3 && ex.every((e) => typeof e.output === 'boolean') && ex.some((e) => e.output) && ex.some((e) => !e.output)) {
    for (const ch of delims.keys()) {
      const tells = (want: boolean) => perEx.every(({ ins }, i) => ins.some((x) => x.s.includes(ch)) === (ex[i]!.output === want));
      if ((tells(true) || tells(false)) && !found.some(([s]) => s === ch)) found.push([ch, n]);
    }
    const inputsOf = (want: boolean) => perEx.filter((_, i) => ex[i]!.output === want).flatMap((p) => p.ins.map((x) => x.s));
    for (const want of [true, false]) {
      const others = inputsOf(!want);
      for (const affix of commonAffixes(inputsOf(want), (has) => others.every((s) => !has(s)))) if (!found.some(([s]) => s === affix)) found.push([affix, n]);
    }
  }
  found.sort((a, b) => b[1] * Math.min(b[0].length, 4) - a[1] * Math.min(a[0].length, 4) || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1));
  // whole outputs that recur (class labels: "small", "large") come first, however few examples share them
  const whole = new Map<string, number>();
  for (const { ins, outs } of perEx)
    for (const o of outs) if (o.s.length > 0 && o.s.length <= MAX_LABEL_LENGTH && !ins.some((x) => x.s.includes(o.s))) whole.set(o.s, (whole.get(o.s) ?? 0) + 1);
  // a short label recurs at least twice; a longer one (a sentence: "Student has a B grade.") at least three times
  const labels = [...whole].filter(([s, c]) => c >= (s.length <= maxLen ? 2 : 3)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_LABELS);
  const isLabel = new Set(labels.map(([s]) => s));
  // a fixed format's inserted runs come before substrings that merely recur
  const pieces = copiedPieces(ex);
  const inserted = (pieces?.inserts ?? []).filter((x) => !isLabel.has(x)).map((x): [string, number] => [x, n]);
  found = [...labels, ...inserted, ...found.filter(([s]) => !isLabel.has(s) && !inserted.some(([x]) => x === s))];
  for (const [s] of found.slice(0, maxStrings + labels.length)) {
    if (charMode) {
      // list(char) tasks also reach string functions (through chars->str), so offer each form
      if (s.length === 1) out.push({ value: s, type: tchar });
      out.push({ value: [...s], type: tlist(tchar) });
    }
    out.push({ value: s, type: tstr });
  }

  // ---- integers ----
  const intCount = new Map<number, number>();
  for (const e of ex) {
    const s = new Set<number>();
    ints(e.output, s);
    for (const k of s) intCount.set(k, (intCount.get(k) ?? 0) + 1);
  }
  const intsFound: number[] = [];
  for (const [k, c] of intCount) if (c === n && n > 1 && Math.abs(k) > 1 && Math.abs(k) < 1000) intsFound.push(k);
  // a constant difference between an int output and an int input, or between list elements at equal positions
  const diffs = new Set<number>();
  for (let j = 0; j < (ex[0]!.inputs.length); j++) {
    let d: number | null | undefined;
    for (const e of ex) {
      const a = e.inputs[j], b = e.output;
      let dd: number | null = null;
      if (typeof a === 'number' && typeof b === 'number') dd = b - a;
      else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.length > 0 && typeof a[0] === 'number') {
        dd = (b[0] as number) - (a[0] as number);
        if (!a.every((x, i) => (b[i] as number) - (x as number) === dd)) dd = null;
      } else if (Array.isArray(a) && Array.isArray(b) && a.length === 0 && b.length === 0) continue;
      if (dd === null || (d !== undefined && d !== dd)) { d = null; break; }
      d = dd;
    }
    if (typeof d === 'number' && Number.isInteger(d) && Math.abs(d) > 1) diffs.add(Math.abs(d));
  }
  for (const d of diffs) if (!intsFound.includes(d)) intsFound.unshift(d);
  // a constant output length, or a constant difference between the output's length and an input's (take 4, drop 4),
  // for an input whose length varies (so the constant says something the input does not)
  const lengthOf = (v: Value): number => (typeof v === 'string' || Array.isArray(v) ? v.length : NaN);
  const common = (xs: readonly number[]): number | null => (xs.every((x) => x === xs[0]) ? xs[0]! : null); // (NaN: null)
  const outLens = ex.map((e) => lengthOf(e.output));
  for (let j = 0; j < ex[0]!.inputs.length && n > 1; j++) {
    const inLens = ex.map((e) => lengthOf(e.inputs[j]));
    if (inLens.some(Number.isNaN) || common(inLens) !== null) continue;
    const same = common(outLens), d = common(outLens.map((b, i) => b - inLens[i]!));
    for (const k of [same, d === null ? null : Math.abs(d)]) if (k !== null && k > 1 && !intsFound.includes(k)) intsFound.push(k);
  }
  // the positions of the pieces a fixed-format output copies from its input ("5551234567" -> "(555) 123-4567": from 0,
  // 3 and 6, three and four long), when every example copies the same pieces
  const copied = (pieces?.ints ?? []).filter((k) => k > 1);
  intsFound.splice(0, 0, ...copied.filter((k) => !intsFound.includes(k)));
  for (const k of intsFound.slice(0, maxInts)) out.push({ value: k, type: tint });
  return out;
}
