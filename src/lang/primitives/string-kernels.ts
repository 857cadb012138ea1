/**
 * The SLIA string operators over string records (lang/string-records.ts): each kernel does what its impl in
 * string.ts does, with the same fuel and size checks, on ids instead of JS strings, and mirrors the impl's algebra.
 * test/lang/string-kernels.test.ts checks every kernel against its impl on random strings.
 */
import { checkSize as checkSizeBinding, tick as tickBinding } from '../runtime.ts';
import type { RecordKernel, Records, StringRecords, StrId } from '../string-records.ts';

// module-local copies: under some loaders an imported binding is a getter, too slow for a kernel
const tick = tickBinding, checkSize = checkSizeBinding;

/** The fuel one pass over a string of length n takes (string.ts `scan`). */
const scan = (n: number): void => tick(1 + (n >> 4));

/** ECMAScript ToIntegerOrInfinity, as slice and indexOf read a position. */
const toInt = (x: number): number => (x !== x ? 0 : Math.trunc(x));

/** A slice bound as String.prototype.slice reads it. */
const bound = (x: number, n: number): number => {
  const v = toInt(x);
  return v < 0 ? Math.max(n + v, 0) : Math.min(v, n);
};

/** Kernel factories, by operator (string.ts attaches each to its primitive). */
export const kernels = {
  concat: (r: StringRecords): RecordKernel => ({
    impl: (s: StrId, t: StrId) => {
      const ls = r.len(s), lt = r.len(t);
      checkSize(ls + lt);
      tick(1 + ((ls + lt) >> 4));
      return r.concat(s, t);
    },
  }),
  len: (r: StringRecords): RecordKernel => ({ impl: (s: StrId) => r.len(s) }),
  at: (r: StringRecords): RecordKernel => {
    const empty = r.of('');
    return {
      impl: (s: StrId, i: number) => {
        if (!(i >= 0 && i < r.len(s))) return empty;
        if (!Number.isInteger(i)) return undefined; // s[1.5] is undefined: a failure
        r.begin();
        r.push(s, i, i + 1);
        return r.end();
      },
      decided: (_k, [s]) => (r.len(s as StrId) === 0 ? 'fixed' : null),
    };
  },
  substr: (r: StringRecords): RecordKernel => {
    const empty = r.of('');
    return {
      impl: (s: StrId, i: number, n: number) => {
        const ls = r.len(s);
        if (i < 0 || n <= 0 || i >= ls) return empty;
        tick(1 + (n >> 4));
        const a = bound(i, ls), b = bound(Math.min(ls, i + n), ls);
        if (a >= b) return empty;
        r.begin();
        r.push(s, a, b);
        return r.end();
      },
      decided: (k, [s, i]) => {
        const ls = r.len(s as StrId);
        return ls === 0 || (k === 2 && ((i as number) < 0 || (i as number) >= ls)) ? 'fixed' : null;
      },
    };
  },
  indexof: (r: StringRecords): RecordKernel => ({
    impl: (s: StrId, t: StrId, i: number) => {
      const ls = r.len(s);
      if (i < 0 || i > ls) return -1;
      scan(ls);
      return r.indexOf(s, t, Math.min(Math.max(toInt(i), 0), ls));
    },
    decided: (k, [s, t]) => (k === 2 && r.len(t as StrId) !== 0 && (scan(r.len(s as StrId)), r.indexOf(s as StrId, t as StrId, 0) < 0) ? 'fixed' : null),
  }),
  replace: (r: StringRecords): RecordKernel => ({
    impl: (s: StrId, t: StrId, u: StrId) => {
      const ls = r.len(s), lt = r.len(t), lu = r.len(u);
      scan(ls);
      const k = r.indexOf(s, t, 0);
      if (k < 0) return s;
      checkSize(ls - lt + lu);
      r.begin();
      r.push(s, 0, k);
      r.push(u, 0, lu);
      r.push(s, k + lt, ls);
      return r.end();
    },
    decided: (k, [s, t]) => (k === 2 && (scan(r.len(s as StrId)), r.indexOf(s as StrId, t as StrId, 0) < 0) ? 0 : null),
  }),
  replaceAll: (r: StringRecords): RecordKernel => ({
    impl: (s: StrId, t: StrId, u: StrId) => {
      const ls = r.len(s), lt = r.len(t), lu = r.len(u);
      scan(ls);
      if (lt === 0) return s;
      let from = 0, n = 0;
      r.begin();
      for (let k = r.indexOf(s, t, 0); k >= 0; k = r.indexOf(s, t, from)) {
        r.push(s, from, k);
        r.push(u, 0, lu);
        n += k - from + lu;
        from = k + lt;
      }
      r.push(s, from, ls);
      checkSize(n + ls - from);
      return r.end();
    },
  }),
  contains: (r: StringRecords): RecordKernel => ({
    impl: (s: StrId, t: StrId) => {
      scan(r.len(s));
      return r.indexOf(s, t, 0) >= 0;
    },
    totalAfter: (_k, [s]) => (scan(r.len(s as StrId)), true),
  }),
  prefixof: (r: StringRecords): RecordKernel => ({
    impl: (t: StrId, s: StrId) => r.len(t) <= r.len(s) && r.occursAt(s, t, 0),
    decided: (_k, [t]) => (r.len(t as StrId) === 0 ? 'fixed' : null),
  }),
  suffixof: (r: StringRecords): RecordKernel => ({
    impl: (t: StrId, s: StrId) => r.len(t) <= r.len(s) && r.occursAt(s, t, r.len(s) - r.len(t)),
    decided: (_k, [t]) => (r.len(t as StrId) === 0 ? 'fixed' : null),
  }),
  toInt: (r: StringRecords): RecordKernel => ({
    impl: (s: StrId) => {
      const n = r.len(s);
      if (n === 0) return -1;
      let v = 0;
      for (let i = 0; i < n; i++) {
        const c = r.code(s, i);
        if (c < 48 || c > 57) return -1;
        v = v * 10 + (c - 48);
      }
      // past 15 digits the sum may round differently from Number's parse
      return n <= 15 ? v : Number(r.text(s));
    },
  }),
  fromInt: (r: StringRecords): RecordKernel => {
    const empty = r.of('');
    return { impl: (n: number) => (n >= 0 ? r.of(String(n)) : empty) };
  },
  toCode: (r: StringRecords): RecordKernel => ({ impl: (s: StrId) => (r.len(s) === 1 ? r.code(s, 0) : -1) }),
  fromCode: (r: StringRecords): RecordKernel => {
    const empty = r.of('');
    return { impl: (n: number) => (n >= 0 && n <= 0xffff ? r.of(String.fromCharCode(n)) : empty) };
  },
  less: (r: StringRecords): RecordKernel => ({ impl: (s: StrId, t: StrId) => compare(r, s, t) < 0 }),
  lessEq: (r: StringRecords): RecordKernel => ({ impl: (s: StrId, t: StrId) => compare(r, s, t) <= 0 }),
  /** Equality of two strings (core's polymorphic `equal?` at str). */
  equal: (r: StringRecords): RecordKernel => ({
    impl: (s: StrId, t: StrId) => {
      tick(1);
      return r.equal(s, t);
    },
  }),
  isDigit: (r: StringRecords): RecordKernel => ({
    impl: (s: StrId) => r.len(s) === 1 && r.code(s, 0) >= 48 && r.code(s, 0) <= 57,
  }),
} satisfies Record<string, Records>;

/** Code-unit order of two strings, as `<` on JS strings: negative, 0 or positive. */
function compare(r: StringRecords, s: StrId, t: StrId): number {
  if (r.equal(s, t)) return 0;
  const ls = r.len(s), lt = r.len(t), n = Math.min(ls, lt);
  for (let i = 0; i < n; i++) {
    const d = r.code(s, i) - r.code(t, i);
    if (d !== 0) return d;
  }
  return ls - lt;
}
