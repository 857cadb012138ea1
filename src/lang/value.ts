/**
 * Runtime value representations and the operations every family needs on all values: equality, ordering,
 * a canonical key (hashing, observational equivalence), size, and type-directed JSON conversion.
 *
 * int, real: number · bool: boolean · char: one-character string · str: string · list(a): readonly array ·
 * pair(a,b): readonly [a, b] · maybe(a): {tag:'none'} | {tag:'some', value} · map(k,v): MapValue ·
 * set(a): SetValue · graph: GraphValue · grid: readonly number[][] · image: readonly number[][] (reals) ·
 * tensor: TensorValue · a record {age: int, name: str}: a plain object with exactly those fields (as JSON has it,
 * and as an exported program receives it).
 */
import type { Type } from './type.ts';
import { printType, recordFields } from './type.ts';

export type Maybe = { readonly tag: 'none' } | { readonly tag: 'some'; readonly value: unknown };
export const NONE: Maybe = { tag: 'none' };
export const some = (value: unknown): Maybe => ({ tag: 'some', value });

/** An immutable hash map; entries keyed by the key's canonical key. Insertion returns a new MapValue. */
export class MapValue {
  constructor(readonly entries: ReadonlyMap<unknown, readonly [unknown, unknown]> = new Map()) {}
  get size(): number { return this.entries.size; }
}

/** An immutable set; elements keyed by canonical key. */
export class SetValue {
  constructor(readonly entries: ReadonlyMap<unknown, unknown> = new Map()) {}
  get size(): number { return this.entries.size; }
}

/** A directed graph over integer nodes; `adj` lists each node's successors in insertion order. */
export class GraphValue {
  constructor(readonly nodes: readonly number[], readonly adj: ReadonlyMap<number, readonly number[]>) {}
}

/** A dense float tensor (row-major). */
export class TensorValue {
  constructor(readonly shape: readonly number[], readonly data: Float32Array) {}
}

/** Is `v` a Maybe (exactly `{tag: 'none'}` or `{tag: 'some', value}`), as opposed to a record? */
function isMaybe(v: object): v is Maybe {
  const m = v as { tag?: unknown }, n = Object.keys(v).length;
  return (m.tag === 'none' && n === 1) || (m.tag === 'some' && n === 2 && 'value' in v);
}

/** Is `v` a record (a plain object that is not a Maybe)? */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype && !isMaybe(v);

/** The key under which a value is stored in a MapValue/SetValue: primitives as themselves, others by valueKey. */
export function hashKey(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? valueKey(v) : v;
}

/** A canonical string for any value: equal values have equal keys. */
export function valueKey(v: unknown): string {
  switch (typeof v) {
    case 'number': return Object.is(v, -0) ? '0' : String(v);
    case 'string': return JSON.stringify(v);
    case 'boolean': return v ? '#t' : '#f';
    case 'function': return '<fn>';
    case 'undefined': return '<undef>';
  }
  if (v === null) return '<null>';
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + valueKey(v[i]);
    return s + ']';
  }
  if (v instanceof MapValue) {
    const ks = [...v.entries.values()].map(([k, x]) => `${valueKey(k)}:${valueKey(x)}`).sort();
    return `{${ks.join(',')}}`;
  }
  if (v instanceof SetValue) return `#{${[...v.entries.values()].map(valueKey).sort().join(',')}}`;
  if (v instanceof GraphValue)
    return `G(${v.nodes.join(',')};${[...v.adj].map(([n, s]) => `${n}>${s.join('.')}`).join(',')})`;
  if (v instanceof TensorValue) return `T(${v.shape.join('x')};${Array.from(v.data).join(',')})`;
  const o = v as object;
  if (isMaybe(o)) return o.tag === 'none' ? 'none' : `some(${valueKey(o.value)})`;
  // a record: its fields in name order
  const r = o as Record<string, unknown>;
  return `R{${Object.keys(r).sort().map((k) => `${JSON.stringify(k)}:${valueKey(r[k])}`).join(',')}}`;
}

/** Structural equality on all values. */
export function valueEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valueEquals(a[i], b[i])) return false;
    return true;
  }
  return valueKey(a) === valueKey(b);
}

/** A total order on values of one type (numbers, strings, booleans, then lists lexicographically). */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return (a ? 1 : 0) - (b ? 1 : 0);
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) { const c = compareValues(a[i], b[i]); if (c !== 0) return c; }
    return a.length - b.length;
  }
  if (isRecord(a) && isRecord(b)) {
    // records of one type: field by field, in field-name order
    for (const k of Object.keys(a).sort()) { const c = compareValues(a[k], b[k]); if (c !== 0) return c; }
    return 0;
  }
  const ka = valueKey(a), kb = valueKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Approximate size of a value in cells (for the size limit and for tests). */
export function valueSize(v: unknown): number {
  if (Array.isArray(v)) { let n = 1; for (const x of v) n += valueSize(x); return n; }
  if (typeof v === 'string') return 1 + (v.length >> 3);
  if (v instanceof MapValue || v instanceof SetValue) return 1 + 2 * v.size;
  if (v instanceof TensorValue) return 1 + v.data.length;
  if (isRecord(v)) {
    let n = 1;
    for (const x of Object.values(v)) n += valueSize(x);
    return n;
  }
  return 1;
}

/** Thrown when a JSON value does not fit a type; `path` names the offending field ($, $[2], $.value…). */
export class ValueTypeError extends Error {
  constructor(message: string, readonly path: string) {
    super(`${path}: ${message}`);
    this.name = 'ValueTypeError';
  }
}

/**
 * Converts JSON into a value of type `t`. Strings serve for str and (one character) for char; a list(char) may
 * also be given as a string. pair: [a, b]; maybe: null or the value; map: an object (str keys) or [[k, v], …];
 * set: an array; graph: {"nodes": [...], "edges": [[a, b], …]} or an edge array; tensor: nested arrays;
 * a record: an object with exactly the record's fields.
 */
export function fromJson(json: unknown, t: Type, path = '$'): unknown {
  const bad = (what: string): never => {
    throw new ValueTypeError(`expected ${what} (type ${printType(t)}), got ${JSON.stringify(json)?.slice(0, 60)}`, path);
  };
  if (t.kind === 'tvar') return json; // unconstrained: take it as it comes
  const fields = recordFields(t);
  if (fields) return recordFromJson(json, fields, t, path);
  const [a, b] = t.args as [Type, Type];
  switch (t.name) {
    case 'int': return typeof json === 'number' && Number.isInteger(json) ? json : bad('an integer');
    case 'real': return typeof json === 'number' ? json : bad('a number');
    case 'bool': return typeof json === 'boolean' ? json : bad('true or false');
    case 'str': return typeof json === 'string' ? json : bad('a string');
    case 'char': return typeof json === 'string' && [...json].length === 1 ? json : bad('a one-character string');
    case 'list':
      if (typeof json === 'string' && a.kind === 'tcon' && a.name === 'char') return [...json];
      return Array.isArray(json) ? json.map((x, i) => fromJson(x, a, `${path}[${i}]`)) : bad('an array');
    case 'pair':
      return Array.isArray(json) && json.length === 2
        ? [fromJson(json[0], a, `${path}[0]`), fromJson(json[1], b, `${path}[1]`)] : bad('a pair [a, b]');
    case 'maybe': return json === null ? NONE : some(fromJson(json, a, path));
    case 'map': {
      const pairs: [unknown, unknown][] = Array.isArray(json)
        ? json.map((e, i) => (Array.isArray(e) && e.length === 2 ? [e[0], e[1]] as [unknown, unknown] : bad(`[key, value] at ${i}`)))
        : typeof json === 'object' && json !== null ? Object.entries(json) : bad('an object or [[key, value], …]');
      const m = new Map<unknown, readonly [unknown, unknown]>();
      pairs.forEach(([k, x], i) => {
        const kk = fromJson(k, a, `${path}[${i}][0]`);
        m.set(hashKey(kk), [kk, fromJson(x, b, `${path}[${i}][1]`)]);
      });
      return new MapValue(m);
    }
    case 'set': {
      if (!Array.isArray(json)) bad('an array');
      const m = new Map<unknown, unknown>();
      (json as unknown[]).forEach((x, i) => { const e = fromJson(x, a, `${path}[${i}]`); m.set(hashKey(e), e); });
      return new SetValue(m);
    }
    case 'graph': {
      const o = json as { nodes?: unknown; edges?: unknown };
      const edges = Array.isArray(json) ? json : o && typeof o === 'object' ? o.edges ?? [] : bad('a graph');
      const nodes = new Set<number>(Array.isArray(o?.nodes) ? (o.nodes as number[]) : []);
      const adj = new Map<number, number[]>();
      for (const n of nodes) adj.set(n, []);
      (edges as unknown[]).forEach((e, i) => {
        if (!Array.isArray(e) || e.length !== 2 || !Number.isInteger(e[0]) || !Number.isInteger(e[1])) bad(`an edge [a, b] at ${i}`);
        const [x, y] = e as [number, number];
        for (const n of [x, y]) if (!adj.has(n)) { adj.set(n, []); nodes.add(n); }
        adj.get(x)!.push(y);
      });
      return new GraphValue([...nodes], adj);
    }
    case 'grid': case 'image': {
      if (!Array.isArray(json) || !json.every((r) => Array.isArray(r) && r.every((c) => typeof c === 'number')))
        bad('a 2-D array of numbers');
      return json;
    }
    case 'tensor': {
      const shape: number[] = [];
      let x: unknown = json;
      while (Array.isArray(x)) { shape.push(x.length); x = x[0]; }
      const flat = (json as unknown[]).flat(Infinity) as unknown[];
      if (!flat.every((c) => typeof c === 'number')) bad('nested arrays of numbers');
      return new TensorValue(shape, Float32Array.from(flat as number[]));
    }
    case '->': return bad('data (functions cannot be given as JSON)');
    default: return json;
  }
}

/** A record from a JSON object with exactly `fields` (of the record type `t`), each converted by its type. */
function recordFromJson(json: unknown, fields: readonly string[], t: Type & { kind: 'tcon' }, path: string): Record<string, unknown> {
  const bad = (what: string): never => { throw new ValueTypeError(`${what} (type ${printType(t)})`, path); };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) bad(`expected an object, got ${JSON.stringify(json)?.slice(0, 60)}`);
  const o = json as Record<string, unknown>;
  const missing = fields.filter((k) => !Object.hasOwn(o, k)), extra = Object.keys(o).filter((k) => !fields.includes(k));
  if (missing.length) bad(`missing field${missing.length > 1 ? 's' : ''} ${missing.map((k) => JSON.stringify(k)).join(', ')}`);
  if (extra.length) bad(`unexpected field${extra.length > 1 ? 's' : ''} ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
  const out: Record<string, unknown> = {};
  fields.forEach((k, i) => { out[k] = fromJson(o[k], t.args[i]!, `${path}.${k}`); });
  return out;
}

/** Converts a value of type `t` to JSON (the inverse of fromJson; list(char) becomes a string). */
export function toJson(v: unknown, t: Type): unknown {
  if (t.kind === 'tvar') return untypedJson(v);
  const fields = recordFields(t);
  if (fields) return Object.fromEntries(fields.map((k, i) => [k, toJson((v as Record<string, unknown>)[k], t.args[i]!)]));
  const [a, b] = t.args as [Type, Type];
  switch (t.name) {
    case 'list':
      if (a.kind === 'tcon' && a.name === 'char' && Array.isArray(v)) return v.join('');
      return (v as unknown[]).map((x) => toJson(x, a));
    case 'pair': return [toJson((v as unknown[])[0], a), toJson((v as unknown[])[1], b)];
    case 'maybe': return (v as Maybe).tag === 'none' ? null : toJson((v as { value: unknown }).value, a);
    case 'map': {
      const es = [...(v as MapValue).entries.values()];
      if (a.kind === 'tcon' && a.name === 'str') return Object.fromEntries(es.map(([k, x]) => [k, toJson(x, b)]));
      return es.map(([k, x]) => [toJson(k, a), toJson(x, b)]);
    }
    case 'set': return [...(v as SetValue).entries.values()].map((x) => toJson(x, a));
    default: return untypedJson(v);
  }
}

/** Best-effort JSON for a value whose type is unknown. */
export function untypedJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(untypedJson);
  if (v instanceof MapValue) return [...v.entries.values()].map(([k, x]) => [untypedJson(k), untypedJson(x)]);
  if (v instanceof SetValue) return [...v.entries.values()].map(untypedJson);
  if (v instanceof GraphValue) return { nodes: v.nodes, edges: [...v.adj].flatMap(([n, s]) => s.map((m) => [n, m])) };
  if (v instanceof TensorValue) return { shape: v.shape, data: Array.from(v.data) };
  if (typeof v === 'function') return '<function>';
  if (v && typeof v === 'object' && isMaybe(v)) return v.tag === 'none' ? null : untypedJson(v.value);
  if (isRecord(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, untypedJson(x)]));
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}
