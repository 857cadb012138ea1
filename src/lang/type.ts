/**
 * Type: Arbor's types, a readonly sum of type variables and constructors with arguments.
 * Arrows are the constructor '->' with two arguments. Syntax: `list(int) -> int`, `a -> list(a)`, `pair(a, b)`.
 * Records (JSON objects with fixed fields) are `{age: int, name: str}`: a constructor named by its sorted field
 * names, with the field types as its arguments, so unification compares records field by field.
 */
export type Type =
  | { readonly kind: 'tvar'; readonly id: number }
  | { readonly kind: 'tcon'; readonly name: string; readonly args: readonly Type[] };

export const tvar = (id: number): Type => ({ kind: 'tvar', id });
export const tcon = (name: string, ...args: Type[]): Type => ({ kind: 'tcon', name, args });

export const tint = tcon('int');
export const treal = tcon('real');
export const tbool = tcon('bool');
export const tchar = tcon('char');
export const tstr = tcon('str');
export const tgraph = tcon('graph');
export const tgrid = tcon('grid');
export const ttensor = tcon('tensor');
export const timage = tcon('image');
export const tlist = (a: Type): Type => tcon('list', a);
export const tpair = (a: Type, b: Type): Type => tcon('pair', a, b);
export const tmaybe = (a: Type): Type => tcon('maybe', a);
export const tmap = (k: Type, v: Type): Type => tcon('map', k, v);
export const tset = (a: Type): Type => tcon('set', a);

/** The record type with these fields (in any order; they are kept sorted by name). */
export function trecord(fields: readonly (readonly [string, Type])[]): Type {
  const sorted = [...fields].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return tcon(`{${JSON.stringify(sorted.map(([k]) => k))}}`, ...sorted.map(([, t]) => t));
}

/** Field names by record constructor name (read on every value a record type converts, so parsed once). */
const fieldsOf = new Map<string, readonly string[]>();

/** A record type's field names, in the order of its arguments; null for any other type. */
export function recordFields(t: Type): readonly string[] | null {
  if (t.kind !== 'tcon' || !t.name.startsWith('{[')) return null;
  let fields = fieldsOf.get(t.name);
  if (!fields) fieldsOf.set(t.name, (fields = JSON.parse(t.name.slice(1, -1)) as string[]));
  return fields;
}

/** A field name as type syntax shows it: bare when it is an identifier, else quoted as JSON. */
const fieldName = (k: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : JSON.stringify(k));

/** Right-associated arrow: arrow(a, b, c) = a -> (b -> c). */
export function arrow(...ts: Type[]): Type {
  if (ts.length === 0) throw new Error('arrow: needs at least one type');
  let t = ts[ts.length - 1]!;
  for (let i = ts.length - 2; i >= 0; i--) t = tcon('->', ts[i]!, t);
  return t;
}

export const isArrow = (t: Type): t is { kind: 'tcon'; name: '->'; args: readonly [Type, Type] } =>
  t.kind === 'tcon' && t.name === '->';

/** Argument types and final return type of a (curried) function type. */
export function splitArrow(t: Type): { args: Type[]; ret: Type } {
  const args: Type[] = [];
  while (isArrow(t)) { args.push(t.args[0]); t = t.args[1]; }
  return { args, ret: t };
}

/** Number of arguments a value of this type takes before returning a non-function. */
export const arity = (t: Type): number => splitArrow(t).args.length;

export function typeEquals(a: Type, b: Type): boolean {
  if (a.kind === 'tvar') return b.kind === 'tvar' && a.id === b.id;
  if (b.kind !== 'tcon' || a.name !== b.name || a.args.length !== b.args.length) return false;
  return a.args.every((x, i) => typeEquals(x, b.args[i]!));
}

/** Ids of the type variables in `t`, in order of first appearance. */
export function typeVars(t: Type, out: number[] = []): number[] {
  if (t.kind === 'tvar') { if (!out.includes(t.id)) out.push(t.id); }
  else for (const a of t.args) typeVars(a, out);
  return out;
}

/** Variables print as a, b, … (t0, t1, … after z); renumbered in order of appearance so printing is canonical. */
export function printType(t: Type): string {
  const names = new Map<number, string>();
  for (const id of typeVars(t)) {
    const i = names.size;
    names.set(id, i < 26 ? String.fromCharCode(97 + i) : `t${i}`);
  }
  const go = (t: Type, inArrowLeft: boolean): string => {
    if (t.kind === 'tvar') return names.get(t.id)!;
    if (t.name === '->') {
      const s = `${go(t.args[0]!, true)} -> ${go(t.args[1]!, false)}`;
      return inArrowLeft ? `(${s})` : s;
    }
    const fields = recordFields(t);
    if (fields) return `{${fields.map((k, i) => `${fieldName(k)}: ${go(t.args[i]!, false)}`).join(', ')}}`;
    return t.args.length === 0 ? t.name : `${t.name}(${t.args.map((a) => go(a, false)).join(', ')})`;
  };
  return go(t, false);
}

/** Thrown by parseType with the column (1-based) of the problem. */
export class TypeSyntaxError extends Error {
  constructor(message: string, readonly column: number) {
    super(`${message} at column ${column}`);
    this.name = 'TypeSyntaxError';
  }
}

/**
 * Parses type syntax. Lower-case single letters and t0, t1, … are type variables; other names are constructors.
 * Variables get ids 0, 1, … in order of first appearance, unless `vars` maps names to ids already.
 */
export function parseType(src: string, vars: Map<string, number> = new Map()): Type {
  let pos = 0;
  const ws = () => { while (pos < src.length && /\s/.test(src[pos]!)) pos++; };
  const fail = (msg: string): never => { throw new TypeSyntaxError(msg, pos + 1); };
  const ident = (): string => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(pos));
    if (!m) fail(src[pos] === undefined ? 'unexpected end of type' : `unexpected '${src[pos]}' in type`);
    pos += m![0].length;
    return m![0];
  };
  const field = (): string => {
    ws();
    if (src[pos] !== '"') return ident();
    const m = /^"(?:[^"\\]|\\.)*"/.exec(src.slice(pos));
    if (!m) fail('unterminated field name');
    pos += m![0].length;
    return JSON.parse(m![0]) as string;
  };
  const record = (): Type => {
    pos++; // '{'
    const fields: [string, Type][] = [];
    ws();
    while (src[pos] !== '}') {
      if (fields.length > 0) { if (src[pos] !== ',') fail("expected ',' or '}' in record type"); pos++; }
      const k = field();
      if (fields.some(([f]) => f === k)) fail(`field '${k}' twice in record type`);
      ws();
      if (src[pos] !== ':') fail(`expected ':' after field '${k}'`);
      pos++;
      fields.push([k, arrowType()]);
      ws();
    }
    pos++;
    return trecord(fields);
  };
  const atom = (): Type => {
    ws();
    if (src[pos] === '{') return record();
    if (src[pos] === '(') {
      pos++;
      const t = arrowType();
      ws();
      if (src[pos] !== ')') fail("expected ')'");
      pos++;
      return t;
    }
    const name = ident();
    if (/^([a-z]|t[0-9]+)$/.test(name)) {
      if (!vars.has(name)) vars.set(name, vars.size);
      return tvar(vars.get(name)!);
    }
    ws();
    if (src[pos] !== '(') return tcon(name);
    pos++;
    const args: Type[] = [arrowType()];
    ws();
    while (src[pos] === ',') { pos++; args.push(arrowType()); ws(); }
    if (src[pos] !== ')') fail("expected ',' or ')' in type arguments");
    pos++;
    return tcon(name, ...args);
  };
  const arrowType = (): Type => {
    const left = atom();
    ws();
    if (src.startsWith('->', pos)) { pos += 2; return tcon('->', left, arrowType()); }
    return left;
  };
  const t = arrowType();
  ws();
  if (pos < src.length) fail(`unexpected '${src[pos]}' after type`);
  return t;
}
