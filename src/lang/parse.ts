/**
 * Parses Arbor / DreamCoder / Stitch program syntax:
 *   (lambda BODY) | (lam BODY) | $N | (f a b …) | name | 12 | -0.5 | "text" | 'c' | true | false | #(…) | ?type
 * Errors are ParseError with a 1-based line and column.
 */
import { app, bool, char, hole, int, inv, lam, prim, real, str, v, type Expr } from './expr.ts';
import { parseType } from './type.ts';

export class ParseError extends Error {
  constructor(readonly reason: string, readonly line: number, readonly column: number) {
    super(`${reason} at line ${line}, column ${column}`);
    this.name = 'ParseError';
  }
}

type Token = { text: string; kind: 'open' | 'close' | 'hash' | 'string' | 'char' | 'atom'; pos: number; value?: string };

const NUMBER = /^-?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)$/;

function tokenize(src: string, where: (pos: number) => ParseError): Token[] {
  const toks: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') { i++; continue; }
    if (c === ';') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '(') { toks.push({ text: c, kind: 'open', pos: i++ }); continue; }
    if (c === ')') { toks.push({ text: c, kind: 'close', pos: i++ }); continue; }
    if (c === '#' && src[i + 1] === '(') { toks.push({ text: '#', kind: 'hash', pos: i++ }); continue; }
    if (c === '"') {
      const start = i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      if (i >= src.length) throw where(start);
      i++;
      const text = src.slice(start, i);
      let value: string;
      try { value = JSON.parse(text) as string; } catch { throw where(start); }
      toks.push({ text, kind: 'string', pos: start, value });
      continue;
    }
    if (c === "'") {
      const start = i;
      const m = /^'(\\u[0-9a-fA-F]{4}|\\.|[^\\])'/u.exec(src.slice(i));
      if (m) {
        const inner = m[1]!;
        const value = inner.startsWith('\\u') ? String.fromCharCode(parseInt(inner.slice(2), 16))
          : inner.startsWith('\\') ? ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[inner[1]!] ?? inner[1]! : inner;
        toks.push({ text: m[0], kind: 'char', pos: start, value });
        i += m[0].length;
        continue;
      }
    }
    const start = i;
    while (i < src.length && !/[\s()]/.test(src[i]!)) i++;
    toks.push({ text: src.slice(start, i), kind: 'atom', pos: start });
  }
  return toks;
}

/** Parses one program. */
export function parse(src: string): Expr {
  const where = (pos: number, reason = 'unterminated literal'): ParseError => {
    const before = src.slice(0, pos);
    const line = before.split('\n').length;
    return new ParseError(reason, line, pos - before.lastIndexOf('\n'));
  };
  const toks = tokenize(src, (p) => where(p));
  let k = 0;
  const peek = (): Token | undefined => toks[k];
  const failAt = (t: Token | undefined, reason: string): never => { throw where(t ? t.pos : src.length, reason); };

  const expr = (): Expr => {
    const t = toks[k++];
    if (!t) return failAt(t, 'unexpected end of program');
    switch (t.kind) {
      case 'close': return failAt(t, "unexpected ')'");
      case 'string': return str(t.value!);
      case 'char': return char(t.value!);
      case 'hash': {
        const body = expr();
        return inv(body);
      }
      case 'atom': return atom(t);
      case 'open': {
        const h = peek();
        if (!h) return failAt(h, "unclosed '('");
        if (h.kind === 'close') return failAt(h, 'empty application ()');
        if (h.kind === 'atom' && (h.text === 'lambda' || h.text === 'lam')) {
          k++;
          if (peek()?.kind === 'close') return failAt(peek(), 'lambda without a body');
          const body = expr();
          close(t);
          return lam(body);
        }
        const headIsGroup = h.kind === 'open';
        let e = expr();
        const args: Expr[] = [];
        while (peek() && peek()!.kind !== 'close') args.push(expr());
        close(t);
        if (args.length === 0) return e; // (f) is f: DreamCoder prints some constants parenthesized
        if (headIsGroup && e.kind === 'app') e = { ...e, group: true };
        return app(e, ...args);
      }
    }
  };
  const close = (open: Token) => {
    const c = toks[k++];
    if (!c) failAt(open, "unclosed '('");
    else if (c.kind !== 'close') failAt(c, "expected ')'");
  };
  const atom = (t: Token): Expr => {
    const s = t.text;
    if (s.startsWith('$')) {
      if (!/^\$\d+$/.test(s)) return failAt(t, `bad variable '${s}'`);
      return v(Number(s.slice(1)));
    }
    if (NUMBER.test(s)) {
      const n = Number(s);
      if (/^-?\d+$/.test(s) && Number.isSafeInteger(n)) return int(n);
      return String(n) === s ? real(n) : real(n, s);
    }
    if (s === 'true' || s === 'false') return bool(s === 'true');
    if (s.startsWith('?')) {
      try { return hole(parseType(s.slice(1) || 'a')); } catch { return failAt(t, `bad hole type '${s}'`); }
    }
    if (s === 'lambda' || s === 'lam') return failAt(t, `'${s}' must open a parenthesized form`);
    return prim(s);
  };

  const e = expr();
  if (k < toks.length) failAt(toks[k], 'unexpected text after the program');
  return e;
}
