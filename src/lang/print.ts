/** Prints programs in the syntax `parse` reads; parse(print(e)) equals e. */
import type { Expr, Literal } from './expr.ts';
import { printType } from './type.ts';

export interface PrintOptions {
  /** Spelling of lambda: 'lambda' (DreamCoder, default) or 'lam' (Stitch). */
  readonly lambda?: 'lambda' | 'lam';
}

export function printLiteral(l: Literal): string {
  switch (l.type) {
    case 'int': return String(l.value);
    case 'real': {
      if (l.text !== undefined) return l.text;
      const s = String(l.value);
      return /^-?\d+$/.test(s) ? `${s}.0` : s; // keep reals distinguishable from ints
    }
    case 'str': return JSON.stringify(l.value);
    case 'char': {
      const c = l.value;
      if (c === "'" || c === '\\') return `'\\${c}'`;
      if (c === '\n') return "'\\n'";
      if (c === '\t') return "'\\t'";
      if (c === '\r') return "'\\r'";
      return `'${c}'`;
    }
    case 'bool': return l.value ? 'true' : 'false';
  }
}

export function print(e: Expr, opts: PrintOptions = {}): string {
  const lamWord = opts.lambda ?? 'lambda';
  const go = (e: Expr): string => {
    switch (e.kind) {
      case 'prim': return e.name;
      case 'var': return `$${e.index}`;
      case 'lit': return printLiteral(e.lit);
      case 'lam': return `(${lamWord} ${go(e.body)})`;
      case 'inv': return `#${go(e.body)}`;
      case 'hole': return `?${printType(e.type).replace(/\s+/g, '')}`;
      case 'app': {
        const args: Expr[] = [e.arg];
        let head = e.fn;
        while (head.kind === 'app' && !head.group) { args.push(head.arg); head = head.fn; }
        args.reverse();
        return `(${go(head)} ${args.map(go).join(' ')})`;
      }
    }
  };
  return go(e);
}
