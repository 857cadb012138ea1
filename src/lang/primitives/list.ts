/**
 * The list family. DreamCoder's names keep DreamCoder's types and semantics (`map`, `fold` — a right fold —,
 * `unfold`, `range`, `index`, `length`, `car`, `cdr`, `cons`, `empty`, `empty?`, `zip`, `mapi`, `reduce`,
 * `filter`, `slice`, `sort`, `sum`, `reverse`, `any`, `all`) so its corpora evaluate; the rest follow them.
 * Lists are readonly arrays: impls never mutate an input. Copying n elements costs about n/16 fuel, calling a
 * function per element costs 1 per element (on top of what the function itself spends).
 */
import type { Primitive } from '../primitive.ts';
import { binary, checkSize, fail, tick } from '../runtime.ts';
import { NONE, compareValues, hashKey, some } from '../value.ts';
import { define, type Impl, type PrimitiveExtras } from './define.ts';

/** Declares a list primitive (side-effect free, so export's tree shaking can drop this module's table). */
/* @__NO_SIDE_EFFECTS__ */ function def(name: string, type: string, impl: Impl, doc: string, extras?: PrimitiveExtras): Primitive {
  return define('list', import.meta.url, name, type, impl, doc, extras);
}

type L = readonly unknown[];
type F1 = (x: unknown) => unknown;
type F2 = (x: unknown) => (y: unknown) => unknown;

/** DreamCoder's list primitives (bootstrap and "rich" sets). */
/** concat and flatten share one impl (an arrow, so its source exports standalone under either name). */
const concatLists = (ls: readonly (readonly unknown[])[]) => {
  let n = 0;
  for (const l of ls) n += l.length;
  checkSize(n);
  tick(1 + ls.length + (n >> 4));
  const out: unknown[] = [];
  for (const l of ls) for (const x of l) out.push(x);
  return out;
};

/** True when every element is a number (not NaN), or every one a string: `>` then orders them as compareValues. */
function plainValues(l: L): boolean {
  const t = typeof l[0];
  if (t !== 'number' && t !== 'string') return false;
  for (let i = 0; i < l.length; i++) { const x = l[i]; if (typeof x !== t || x !== x) return false; }
  return true;
}

/** A sorted copy, ascending and stable; short lists of numbers or strings by insertion sort (cheaper there). */
function sortValues(l: L): unknown[] {
  if (l.length > 32 || !plainValues(l)) return [...l].sort(compareValues);
  const out = l.slice();
  for (let i = 1; i < out.length; i++) {
    const x = out[i] as number;
    let j = i - 1;
    for (; j >= 0 && (out[j] as number) > x; j--) out[j + 1] = out[j];
    out[j + 1] = x;
  }
  return out;
}

/** True when no element is an object (the elements are numbers, strings or booleans). */
function scalars(l: L): boolean {
  for (let i = 0; i < l.length; i++) if (typeof l[i] === 'object') return false;
  return true;
}

/**
 * The distinct elements in order of first appearance. Short lists of scalars by a linear scan with SameValueZero
 * (what a Set uses), cheaper there than building a Set.
 */
function uniqueValues(l: L): unknown[] {
  const out: unknown[] = [];
  if (l.length <= 16 && scalars(l)) {
    next: for (const x of l) {
      for (let j = 0; j < out.length; j++) { const y = out[j]; if (y === x || (y !== y && x !== x)) continue next; }
      out.push(x);
    }
    return out;
  }
  const seen = new Set<unknown>();
  for (const x of l) {
    const k = hashKey(x);
    if (!seen.has(k)) { seen.add(k); out.push(x); }
  }
  return out;
}

/** The sum of numbers (integers or reals), a step of fuel per element. */
function sumOf(l: readonly number[]): number {
  tick(l.length);
  let s = 0;
  for (const x of l) s += x;
  return s;
}

export const dreamcoderListCore: readonly Primitive[] = [
  def('empty', 'list(a)', () => [], 'the empty list'),
  def('cons', 'a -> list(a) -> list(a)', (x: unknown, l: L) => {
    const n = l.length;
    checkSize(n + 1);
    tick(1 + (n >> 4));
    const out = new Array(n + 1);
    out[0] = x;
    for (let i = 0; i < n; i++) out[i + 1] = l[i];
    return out;
  }, 'x in front of l'),
  def('car', 'list(a) -> a', (l: L) => {
    if (l.length === 0) fail('car of empty list');
    return l[0];
  }, 'first element; fails on the empty list'),
  def('cdr', 'list(a) -> list(a)', (l: L) => {
    if (l.length === 0) fail('cdr of empty list');
    tick(1 + (l.length >> 4));
    return l.slice(1);
  }, 'all but the first element; fails on the empty list'),
  def('empty?', 'list(a) -> bool', (l: L) => l.length === 0, 'l is empty', { inline: '$0.length === 0' }),
  def('length', 'list(a) -> int', (l: L) => l.length, 'number of elements', { inline: '$0.length' }),
  def('index', 'int -> list(a) -> a', (i: number, l: L) => {
    if (i < 0 || i >= l.length) fail(`index ${i} out of range (length ${l.length})`);
    return l[i];
  }, 'the i-th element (from 0); fails out of range'),
  def('range', 'int -> list(int)', (n: number) => {
    if (n <= 0) return [];
    checkSize(n);
    tick(n);
    const out: number[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }, '[0, 1, …, n-1] (empty when n <= 0)'),
  def('map', '(a -> b) -> list(a) -> list(b)', (f: F1, l: L) => {
    tick(l.length);
    const out = new Array(l.length);
    for (let i = 0; i < l.length; i++) out[i] = f(l[i]);
    return out;
  }, 'f applied to every element'),
  def('fold', 'list(a) -> b -> (a -> b -> b) -> b', (l: L, z: unknown, f: F2) => {
    tick(l.length);
    let acc = z;
    const g = binary(f);
    for (let i = l.length - 1; i >= 0; i--) acc = g(l[i], acc);
    return acc;
  }, 'right fold: (fold [x0, x1, …] z f) = f x0 (f x1 (… z))'),
  def('unfold', 'a -> (a -> bool) -> (a -> b) -> (a -> a) -> list(b)',
    (x: unknown, stop: (a: unknown) => boolean, h: F1, next: F1) => {
      const out: unknown[] = [];
      let s = x;
      while (!stop(s)) {
        tick(1);
        out.push(h(s));
        checkSize(out.length);
        s = next(s);
      }
      return out;
    }, '[h x, h (n x), …] up to the first seed where p holds'),
  def('zip', 'list(a) -> list(b) -> (a -> b -> c) -> list(c)', (a: L, b: L, f: F2) => {
    const n = Math.min(a.length, b.length);
    tick(n);
    const out = new Array(n);
    const g = binary(f);
    for (let i = 0; i < n; i++) out[i] = g(a[i], b[i]);
    return out;
  }, 'f applied pairwise, stopping at the shorter list'),
  def('mapi', '(int -> a -> b) -> list(a) -> list(b)', (f: F2, l: L) => {
    tick(l.length);
    const out = new Array(l.length);
    const g = binary(f);
    for (let i = 0; i < l.length; i++) out[i] = g(i, l[i]);
    return out;
  }, 'f applied to every index and element'),
  def('reduce', '(b -> a -> b) -> b -> list(a) -> b', (f: F2, z: unknown, l: L) => {
    tick(l.length);
    let acc = z;
    const g = binary(f);
    for (let i = 0; i < l.length; i++) acc = g(acc, l[i]);
    return acc;
  }, 'left fold, DreamCoder argument order: (reduce f z [x0, x1]) = f (f z x0) x1'),
  def('filter', '(a -> bool) -> list(a) -> list(a)', (p: (x: unknown) => boolean, l: L) => {
    tick(l.length);
    const out: unknown[] = [];
    for (const x of l) if (p(x)) out.push(x);
    return out;
  }, 'the elements satisfying p'),
  def('slice', 'int -> int -> list(a) -> list(a)', (i: number, j: number, l: L) => {
    tick(1 + (l.length >> 4));
    return l.slice(i, j);
  }, 'elements i..j-1 (Python l[i:j]: negative indices count from the end)'),
  // (32 - clz32(n)) is ceil(log2(n + 1)), the comparisons of a binary insertion, without floating point
  def('sort', 'list(a) -> list(a)', (l: L) => {
    tick(1 + l.length * (32 - Math.clz32(l.length)));
    return sortValues(l);
  }, 'ascending order'),
  def('reverse', 'list(a) -> list(a)', (l: L) => {
    tick(1 + (l.length >> 4));
    return [...l].reverse();
  }, 'the elements in reverse order'),
  def('sum', 'list(int) -> int', sumOf, 'sum of the elements (0 when empty)'),
  def('sum.', 'list(real) -> real', sumOf, 'sum of real elements (0 when empty)'),
  def('any', '(a -> bool) -> list(a) -> bool', (p: (x: unknown) => boolean, l: L) => {
    for (const x of l) {
      tick(1);
      if (p(x)) return true;
    }
    return false;
  }, 'some element satisfies p'),
  def('all', '(a -> bool) -> list(a) -> bool', (p: (x: unknown) => boolean, l: L) => {
    for (const x of l) {
      tick(1);
      if (!p(x)) return false;
    }
    return true;
  }, 'every element satisfies p'),
];

/** Arbor's further list primitives. */
export const listExtras: readonly Primitive[] = [
  def('singleton', 'a -> list(a)', (x: unknown) => [x], 'the one-element list [x]'),
  def('foldl', 'list(a) -> b -> (b -> a -> b) -> b', (l: L, z: unknown, f: F2) => {
    tick(l.length);
    let acc = z;
    const g = binary(f);
    for (let i = 0; i < l.length; i++) acc = g(acc, l[i]);
    return acc;
  }, "left fold in fold's argument order: (foldl [x0, x1] z f) = f (f z x0) x1"),
  def('scan', 'list(a) -> b -> (b -> a -> b) -> list(b)', (l: L, z: unknown, f: F2) => {
    tick(l.length);
    checkSize(l.length);
    let acc = z;
    const g = binary(f), out: unknown[] = [];
    for (let i = 0; i < l.length; i++) out.push((acc = g(acc, l[i])));
    return out;
  }, "foldl's every step: (scan [x0, x1] z f) = [f z x0, f (f z x0) x1] (running sums, running maxima)"),
  def('append', 'list(a) -> list(a) -> list(a)', (a: L, b: L) => {
    const n = a.length, m = b.length;
    checkSize(n + m);
    tick(1 + ((n + m) >> 4));
    const out = new Array(n + m);
    for (let i = 0; i < n; i++) out[i] = a[i];
    for (let i = 0; i < m; i++) out[n + i] = b[i];
    return out;
  }, 'the elements of a, then those of b'),
  def('last', 'list(a) -> a', (l: L) => {
    if (l.length === 0) fail('last of empty list');
    return l[l.length - 1];
  }, 'the last element; fails on the empty list'),
  def('take', 'int -> list(a) -> list(a)', (n: number, l: L) => {
    tick(1 + (l.length >> 4));
    return n <= 0 ? [] : l.slice(0, n);
  }, 'the first n elements (fewer if l is shorter)'),
  def('drop', 'int -> list(a) -> list(a)', (n: number, l: L) => {
    tick(1 + (l.length >> 4));
    return n <= 0 ? [...l] : l.slice(n);
  }, 'all but the first n elements'),
  def('replicate', 'int -> a -> list(a)', (n: number, x: unknown) => {
    if (n <= 0) return [];
    checkSize(n);
    tick(n);
    return new Array(n).fill(x);
  }, 'n copies of x'),
  def('zip-pairs', 'list(a) -> list(b) -> list(pair(a, b))', (a: L, b: L) => {
    const n = Math.min(a.length, b.length);
    tick(n);
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = [a[i], b[i]];
    return out;
  }, 'pairs of corresponding elements, stopping at the shorter list'),
  def('sort-by', '(a -> b) -> list(a) -> list(a)', (key: F1, l: L) => {
    tick(l.length + l.length * (32 - Math.clz32(l.length)));
    const keyed = l.map((x, i) => [key(x), i, x] as const);
    keyed.sort((p, q) => compareValues(p[0], q[0]) || p[1] - q[1]);
    return keyed.map((k) => k[2]);
  }, 'stable ascending order of key x'),
  def('argsort', 'list(a) -> list(int)', (l: L) => {
    tick(1 + l.length * (32 - Math.clz32(l.length)));
    const idx = l.map((_, i) => i);
    idx.sort((i, j) => compareValues(l[i], l[j]) || i - j);
    return idx;
  }, 'the indices that would sort l (stable)'),
  def('unique', 'list(a) -> list(a)', (l: L) => {
    tick(l.length);
    return uniqueValues(l);
  }, 'the distinct elements, in order of first appearance'),
  def('count', '(a -> bool) -> list(a) -> int', (p: (x: unknown) => boolean, l: L) => {
    tick(l.length);
    let n = 0;
    for (const x of l) if (p(x)) n++;
    return n;
  }, 'the number of elements satisfying p'),
  def('product', 'list(int) -> int', (l: readonly number[]) => {
    tick(l.length);
    let s = 1;
    for (const x of l) s *= x;
    return s;
  }, 'product of the elements (1 when empty)'),
  def('maximum', 'list(a) -> a', (l: L) => {
    if (l.length === 0) fail('maximum of empty list');
    tick(l.length);
    let m = l[0];
    for (const x of l) if (compareValues(x, m) > 0) m = x;
    return m;
  }, 'the largest element; fails on the empty list'),
  def('minimum', 'list(a) -> a', (l: L) => {
    if (l.length === 0) fail('minimum of empty list');
    tick(l.length);
    let m = l[0];
    for (const x of l) if (compareValues(x, m) < 0) m = x;
    return m;
  }, 'the smallest element; fails on the empty list'),
  def('find', '(a -> bool) -> list(a) -> maybe(a)', (p: (x: unknown) => boolean, l: L) => {
    for (const x of l) {
      tick(1);
      if (p(x)) return some(x);
    }
    return NONE;
  }, 'the first element satisfying p, if any'),
  def('member?', 'a -> list(a) -> bool', (x: unknown, l: L) => {
    tick(1 + (l.length >> 4));
    const k = hashKey(x);
    for (const y of l) if (hashKey(y) === k) return true;
    return false;
  }, 'x occurs in l'),
  def('index-of', 'a -> list(a) -> int', (x: unknown, l: L) => {
    tick(1 + (l.length >> 4));
    const k = hashKey(x);
    for (let i = 0; i < l.length; i++) if (hashKey(l[i]) === k) return i;
    return -1;
  }, 'position of the first occurrence of x, or -1'),
  def('concat', 'list(list(a)) -> list(a)', concatLists, 'the lists one after another'),
  def('flatten', 'list(list(a)) -> list(a)', concatLists, 'the same as concat (the name Python-derived corpora use)'),
  def('flat-map', '(a -> list(b)) -> list(a) -> list(b)', (f: (x: unknown) => L, l: L) => {
    tick(l.length);
    const out: unknown[] = [];
    for (const x of l) {
      for (const y of f(x)) out.push(y);
      checkSize(out.length);
    }
    return out;
  }, 'f applied to every element, the results concatenated'),
  def('group-by', '(a -> b) -> list(a) -> list(list(a))', (key: F1, l: L) => {
    tick(l.length);
    const groups = new Map<unknown, unknown[]>();
    for (const x of l) {
      const k = hashKey(key(x));
      const g = groups.get(k);
      if (g) g.push(x); else groups.set(k, [x]);
    }
    return [...groups.values()];
  }, 'elements grouped by equal keys, groups in order of first appearance'),
  def('partition', '(a -> bool) -> list(a) -> pair(list(a), list(a))', (p: (x: unknown) => boolean, l: L) => {
    tick(l.length);
    const yes: unknown[] = [], no: unknown[] = [];
    for (const x of l) (p(x) ? yes : no).push(x);
    return [yes, no];
  }, 'the elements satisfying p and those that do not'),
];

export const listPrimitives: readonly Primitive[] = /* @__PURE__ */ dreamcoderListCore.concat(listExtras);
