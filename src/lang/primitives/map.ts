/**
 * Hash maps and sets (immutable MapValue / SetValue keyed by hashKey). Operations return new values; lists
 * read out of a map or set come in ascending key order, so equal maps give equal lists.
 */
import type { Primitive } from '../primitive.ts';
import { checkSize, tick } from '../runtime.ts';
import { MapValue, SetValue, compareValues, hashKey } from '../value.ts';
import { define, type Impl, type PrimitiveExtras } from './define.ts';

/** Declares a map primitive (side-effect free, so export's tree shaking can drop this module's table). */
/* @__NO_SIDE_EFFECTS__ */ function def(name: string, type: string, impl: Impl, doc: string, extras?: PrimitiveExtras): Primitive {
  return define('map', import.meta.url, name, type, impl, doc, extras);
}

type Entries = ReadonlyMap<unknown, readonly [unknown, unknown]>;
type L = readonly unknown[];

export const mapPrimitives: readonly Primitive[] = [
  def('map.empty', 'map(k, v)', () => new MapValue(), 'the empty map'),
  def('map.insert', 'k -> v -> map(k, v) -> map(k, v)', (k: unknown, v: unknown, m: MapValue) => {
    checkSize(m.size + 1);
    tick(1 + (m.size >> 4));
    const e = new Map(m.entries as Entries);
    e.set(hashKey(k), [k, v]);
    return new MapValue(e);
  }, 'the map with k bound to v (replacing any earlier binding)'),
  def('map.insert-with', '(v -> v -> v) -> k -> v -> map(k, v) -> map(k, v)',
    (f: (a: unknown) => (b: unknown) => unknown, k: unknown, v: unknown, m: MapValue) => {
      checkSize(m.size + 1);
      tick(1 + (m.size >> 4));
      const e = new Map(m.entries as Entries);
      const hk = hashKey(k);
      const old = e.get(hk);
      e.set(hk, [k, old ? f(v)(old[1]) : v]);
      return new MapValue(e);
    }, '(map.insert-with f k v m): binds k to (f v old) if k is bound, else to v'),
  def('map.remove', 'k -> map(k, v) -> map(k, v)', (k: unknown, m: MapValue) => {
    tick(1 + (m.size >> 4));
    const e = new Map(m.entries as Entries);
    e.delete(hashKey(k));
    return new MapValue(e);
  }, 'the map without a binding for k'),
  def('map.lookup', 'v -> k -> map(k, v) -> v', (d: unknown, k: unknown, m: MapValue) => {
    const e = m.entries.get(hashKey(k));
    return e ? e[1] : d;
  }, '(map.lookup default k m): the value bound to k, or the default'),
  def('map.member', 'k -> map(k, v) -> bool', (k: unknown, m: MapValue) => m.entries.has(hashKey(k)), 'k is bound in m'),
  def('map.size', 'map(k, v) -> int', (m: MapValue) => m.size, 'number of bindings'),
  def('map.keys', 'map(k, v) -> list(k)', (m: MapValue) => {
    tick(1 + m.size);
    return [...m.entries.values()].map((e) => e[0]).sort(compareValues);
  }, 'the keys, ascending'),
  def('map.values', 'map(k, v) -> list(v)', (m: MapValue) => {
    tick(1 + m.size);
    return [...m.entries.values()].sort((a, b) => compareValues(a[0], b[0])).map((e) => e[1]);
  }, 'the values, in ascending order of their keys'),
  def('map.entries', 'map(k, v) -> list(pair(k, v))', (m: MapValue) => {
    tick(1 + m.size);
    return [...m.entries.values()].sort((a, b) => compareValues(a[0], b[0])).map((e) => [e[0], e[1]]);
  }, 'the (key, value) pairs, ascending by key'),
  def('map.from-list', 'list(pair(k, v)) -> map(k, v)', (ps: readonly (readonly [unknown, unknown])[]) => {
    checkSize(ps.length);
    tick(1 + ps.length);
    const e = new Map<unknown, readonly [unknown, unknown]>();
    for (const [k, v] of ps) e.set(hashKey(k), [k, v]);
    return new MapValue(e);
  }, 'a map from (key, value) pairs; later pairs win'),
  def('map.group-by', '(a -> k) -> list(a) -> map(k, list(a))', (key: (x: unknown) => unknown, l: L) => {
    checkSize(l.length);
    tick(1 + l.length);
    const e = new Map<unknown, [unknown, unknown[]]>();
    for (const x of l) {
      const k = key(x);
      const hk = hashKey(k);
      const g = e.get(hk);
      if (g) g[1].push(x); else e.set(hk, [k, [x]]);
    }
    return new MapValue(e);
  }, 'the elements grouped under their keys, each group in list order'),
  def('map.count-by', '(a -> k) -> list(a) -> map(k, int)', (key: (x: unknown) => unknown, l: L) => {
    checkSize(l.length);
    tick(1 + l.length);
    const e = new Map<unknown, [unknown, number]>();
    for (const x of l) {
      const k = key(x);
      const hk = hashKey(k);
      const g = e.get(hk);
      if (g) g[1]++; else e.set(hk, [k, 1]);
    }
    return new MapValue(e);
  }, 'how many elements have each key'),

  def('set.empty', 'set(a)', () => new SetValue(), 'the empty set'),
  def('set.insert', 'a -> set(a) -> set(a)', (x: unknown, s: SetValue) => {
    checkSize(s.size + 1);
    tick(1 + (s.size >> 4));
    const e = new Map(s.entries);
    e.set(hashKey(x), x);
    return new SetValue(e);
  }, 'the set with x added'),
  def('set.remove', 'a -> set(a) -> set(a)', (x: unknown, s: SetValue) => {
    tick(1 + (s.size >> 4));
    const e = new Map(s.entries);
    e.delete(hashKey(x));
    return new SetValue(e);
  }, 'the set without x'),
  def('set.member', 'a -> set(a) -> bool', (x: unknown, s: SetValue) => s.entries.has(hashKey(x)), 'x is in s'),
  def('set.size', 'set(a) -> int', (s: SetValue) => s.size, 'number of elements'),
  def('set.from-list', 'list(a) -> set(a)', (l: L) => {
    checkSize(l.length);
    tick(1 + l.length);
    const e = new Map<unknown, unknown>();
    for (const x of l) e.set(hashKey(x), x);
    return new SetValue(e);
  }, 'the set of the elements'),
  def('set.to-list', 'set(a) -> list(a)', (s: SetValue) => {
    tick(1 + s.size);
    return [...s.entries.values()].sort(compareValues);
  }, 'the elements, ascending'),
  def('set.union', 'set(a) -> set(a) -> set(a)', (a: SetValue, b: SetValue) => {
    checkSize(a.size + b.size);
    tick(1 + a.size + b.size);
    const e = new Map(a.entries);
    for (const [k, x] of b.entries) e.set(k, x);
    return new SetValue(e);
  }, 'elements in either set'),
  def('set.intersection', 'set(a) -> set(a) -> set(a)', (a: SetValue, b: SetValue) => {
    tick(1 + a.size);
    const e = new Map<unknown, unknown>();
    for (const [k, x] of a.entries) if (b.entries.has(k)) e.set(k, x);
    return new SetValue(e);
  }, 'elements in both sets'),
  def('set.difference', 'set(a) -> set(a) -> set(a)', (a: SetValue, b: SetValue) => {
    tick(1 + a.size);
    const e = new Map<unknown, unknown>();
    for (const [k, x] of a.entries) if (!b.entries.has(k)) e.set(k, x);
    return new SetValue(e);
  }, 'elements of the first set not in the second'),
];
