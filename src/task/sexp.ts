/** S-expressions with source lines, the concrete syntax of SyGuS-IF files. */

export type Sexp =
  | { readonly kind: 'list'; readonly items: readonly Sexp[]; readonly line: number }
  | { readonly kind: 'atom'; readonly text: string; readonly line: number }
  | { readonly kind: 'string'; readonly value: string; readonly line: number };

/** A syntax or content error in a file, naming the file and the line. */
export class TaskFileError extends Error {
  constructor(readonly file: string, readonly line: number | null, readonly reason: string) {
    super(line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
    this.name = 'TaskFileError';
  }
}

/**
 * Parses each task of a file that holds several. A bad one throws, unless `onBad` is given: then it is reported
 * there and the others are still read.
 */
export function eachTask<T>(items: readonly unknown[], parse: (item: unknown, index: number) => T, onBad?: (e: TaskFileError) => void): T[] {
  const out: T[] = [];
  items.forEach((item, i) => {
    try {
      out.push(parse(item, i));
    } catch (e) {
      if (onBad && e instanceof TaskFileError) onBad(e);
      else throw e;
    }
  });
  return out;
}

/** Reads every top-level s-expression; `;` starts a comment; strings use `""` (v2) or `\"` (v1) for a quote. */
export function parseSexps(src: string, file: string): Sexp[] {
  let i = 0, line = 1;
  const stack: { items: Sexp[]; line: number }[] = [{ items: [], line: 1 }];
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === ';') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '(') { stack.push({ items: [], line }); i++; continue; }
    if (c === ')') {
      if (stack.length === 1) throw new TaskFileError(file, line, "unexpected ')'");
      const top = stack.pop()!;
      stack[stack.length - 1]!.items.push({ kind: 'list', items: top.items, line: top.line });
      i++;
      continue;
    }
    if (c === '"') {
      const start = line;
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new TaskFileError(file, start, 'unterminated string literal');
        const d = src[i]!;
        if (d === '"') {
          if (src[i + 1] === '"') { s += '"'; i += 2; continue; }
          i++;
          break;
        }
        if (d === '\\' && src[i + 1] === '"') { s += '"'; i += 2; continue; }
        if (d === '\n') line++;
        s += d;
        i++;
      }
      stack[stack.length - 1]!.items.push({ kind: 'string', value: s, line: start });
      continue;
    }
    const start = i;
    while (i < src.length && !/[\s()";]/.test(src[i]!)) i++;
    stack[stack.length - 1]!.items.push({ kind: 'atom', text: src.slice(start, i), line });
  }
  if (stack.length > 1) throw new TaskFileError(file, stack[stack.length - 1]!.line, "unclosed '('");
  return stack[0]!.items;
}

/** Prints an s-expression on one line. */
export function printSexp(s: Sexp): string {
  switch (s.kind) {
    case 'atom': return s.text;
    case 'string': return sygusString(s.value);
    case 'list': return `(${s.items.map(printSexp).join(' ')})`;
  }
}

/** A SyGuS string literal (v2 escaping: a quote is doubled). */
export const sygusString = (v: string): string => `"${v.replace(/"/g, '""')}"`;
