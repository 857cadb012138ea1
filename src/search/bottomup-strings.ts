/**
 * The bottom-up bank's strings as records, outside the JS heap. A record is a leaf (UTF-16 code units in one
 * growing arena) or a concatenation node (two records), with its length and hash (bottomup-outputs.ts strHash, so
 * a node's follows from its parts'). A node's code units are written out (into a second arena) the first time a
 * kernel reads them, and kept. Records are not deduplicated: equal strings may have different ids, and `equal`
 * compares hashes, then code units.
 * The records a candidate program builds are temporary: `commit` keeps everything built since the last commit (a
 * program kept), `rollback` drops it (a duplicate), so duplicates leave nothing behind.
 */
import type { StringRecords, StrId } from '../lang/string-records.ts';
import { basePow as basePowBinding } from './bottomup-outputs.ts';

// a module-local copy: under some loaders an imported binding is a getter
const basePow = basePowBinding;
const BASE = 0x01000193;

type Units = Uint16Array<ArrayBuffer>;

/** A growing array with room for `need` elements, the first `keep` copied. */
function grown<T extends Units | Int32Array<ArrayBuffer>>(a: T, need: number, keep: number): T {
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a.subarray(0, keep));
  return b;
}

/** A store of string records (implements the kernels' StringRecords). */
export class StrStore implements StringRecords {
  /** Leaves' code units, each at [off, off + len). */
  private chars: Units = new Uint16Array(1 << 16);
  private top = 0;
  /** Nodes' code units once read, each at [flat, flat + len). Never rolled back (only kept nodes are written here). */
  private flats: Units = new Uint16Array(1 << 12);
  private flatTop = 0;
  /** Where a temporary node is written out to be read back (`text`). */
  private scratch: Units = new Uint16Array(256);
  /** Per record: a leaf's offset in `chars`, -1 for a node. */
  private off = new Int32Array(1024);
  private lens = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  /** A node's parts. */
  private left = new Int32Array(1024);
  private right = new Int32Array(1024);
  /** A node's offset in `flats` once written out, else -1. */
  private flat = new Int32Array(1024);
  /** Records in the store (the kept ones first). */
  size = 0;
  private keptSize = 0;
  private keptTop = 0;
  /** The leaf being built: its end in the arena and its hash so far. */
  private at = 0;
  private h = 0;

  /** Keeps every record built since the last commit. */
  commit(): void {
    this.keptSize = this.size;
    this.keptTop = this.top;
  }

  /** Drops every record built since the last commit. */
  rollback(): void {
    this.size = this.keptSize;
    this.top = this.keptTop;
  }

  len(s: StrId): number { return this.lens[s]!; }
  hash(s: StrId): number { return this.hashes[s]!; }

  code(s: StrId, i: number): number {
    const b = this.base(s);
    return this.units(s)[b + i]!;
  }

  indexOf(s: StrId, t: StrId, from: number): number {
    const ls = this.lens[s]!, lt = this.lens[t]!;
    if (lt === 0) return from;
    if (lt > ls) return -1;
    const os = this.base(s), ot = this.base(t), A = this.units(s), B = this.units(t);
    const first = B[ot]!;
    for (let p = from, last = ls - lt; p <= last; p++) {
      if (A[os + p] !== first) continue;
      let i = 1;
      while (i < lt && A[os + p + i] === B[ot + i]) i++;
      if (i === lt) return p;
    }
    return -1;
  }

  occursAt(s: StrId, t: StrId, at: number): boolean {
    const lt = this.lens[t]!;
    if (lt === 0) return true;
    const os = this.base(s) + at, ot = this.base(t), A = this.units(s), B = this.units(t);
    for (let i = 0; i < lt; i++) if (A[os + i] !== B[ot + i]) return false;
    return true;
  }

  begin(): void {
    this.at = this.top;
    this.h = 0;
  }

  push(s: StrId, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    if (this.at + n > this.chars.length) this.chars = grown(this.chars, this.at + n, this.at);
    const src = this.base(s) + from, S = this.units(s), c = this.chars, at = this.at;
    let h = this.h;
    if (n === this.lens[s]) {
      // a whole string: its hash is known
      for (let i = 0; i < n; i++) c[at + i] = S[src + i]!;
      h = (Math.imul(h, basePow(n)) + this.hashes[s]!) | 0;
    } else for (let i = 0; i < n; i++) { const x = S[src + i]!; c[at + i] = x; h = (Math.imul(h, BASE) + x) | 0; }
    this.at = at + n;
    this.h = h;
  }

  end(): StrId {
    const id = this.record(this.at - this.top, this.h);
    this.off[id] = this.top;
    this.top = this.at;
    return id;
  }

  concat(s: StrId, t: StrId): StrId {
    const lt = this.lens[t]!;
    if (lt === 0) return s;
    if (this.lens[s] === 0) return t;
    const id = this.record(this.lens[s]! + lt, (Math.imul(this.hashes[s]!, basePow(lt)) + this.hashes[t]!) | 0);
    this.off[id] = -1;
    this.left[id] = s;
    this.right[id] = t;
    return id;
  }

  equal(s: StrId, t: StrId): boolean {
    if (s === t) return true;
    if (this.lens[s] !== this.lens[t] || this.hashes[s] !== this.hashes[t]) return false;
    // a temporary node is compared part by part, against the other's code units
    if (this.off[s]! < 0 && s >= this.keptSize) { const x = s; s = t; t = x; }
    if (this.off[t]! < 0 && t >= this.keptSize) {
      if (this.off[s]! < 0 && s >= this.keptSize) return this.text(s) === this.text(t);
      const b = this.base(s);
      return this.matches(this.units(s), b, t);
    }
    const os = this.base(s), ot = this.base(t), A = this.units(s), B = this.units(t), n = this.lens[s]!;
    for (let i = 0; i < n; i++) if (A[os + i] !== B[ot + i]) return false;
    return true;
  }

  /** Whether record t's code units are A[at…) (t's parts, kept or temporary, read in place). */
  private matches(A: Units, at: number, t: StrId): boolean {
    for (;;) {
      if (this.off[t]! >= 0 || this.flat[t]! >= 0) {
        const o = this.base(t), B = this.units(t), n = this.lens[t]!;
        for (let i = 0; i < n; i++) if (A[at + i] !== B[o + i]) return false;
        return true;
      }
      const l = this.left[t]!;
      if (!this.matches(A, at, l)) return false;
      at += this.lens[l]!;
      t = this.right[t]!;
    }
  }

  of(s: string): StrId {
    this.begin();
    const n = s.length;
    if (this.at + n > this.chars.length) this.chars = grown(this.chars, this.at + n, this.at);
    const c = this.chars, at = this.at;
    let h = 0;
    for (let i = 0; i < n; i++) { const x = s.charCodeAt(i); c[at + i] = x; h = (Math.imul(h, BASE) + x) | 0; }
    this.at = at + n;
    this.h = h;
    return this.end();
  }

  text(s: StrId): string {
    const n = this.lens[s]!;
    let A: Units, o: number;
    if (this.off[s]! >= 0 || s < this.keptSize) { o = this.base(s); A = this.units(s); }
    else {
      // a temporary node: written out into scratch
      if (this.scratch.length < n) this.scratch = new Uint16Array(2 * n);
      this.writeOut(this.scratch, 0, s);
      A = this.scratch;
      o = 0;
    }
    let out = '';
    // fromCharCode takes arguments: in chunks, so that a long string does not overflow the stack
    for (let i = 0; i < n; i += 4096) out += String.fromCharCode.apply(null, A.subarray(o + i, o + Math.min(n, i + 4096)) as unknown as number[]);
    return out;
  }

  /** A new record of length n and hash h (its other fields are the caller's to set). */
  private record(n: number, h: number): StrId {
    const id = this.size++;
    if (id === this.off.length) {
      const cap = 2 * id;
      this.off = grown(this.off, cap, id);
      this.lens = grown(this.lens, cap, id);
      this.hashes = grown(this.hashes, cap, id);
      this.left = grown(this.left, cap, id);
      this.right = grown(this.right, cap, id);
      this.flat = grown(this.flat, cap, id);
    }
    this.lens[id] = n;
    this.hashes[id] = h;
    this.flat[id] = -1;
    return id;
  }

  /** Where record s's code units start in `units(s)`: a kept node's are written out the first time. */
  private base(s: StrId): number {
    const o = this.off[s]!;
    if (o >= 0) return o;
    const f = this.flat[s]!;
    return f >= 0 ? f : this.flatten(s);
  }

  /** The array holding record s's code units (after `base`). */
  private units(s: StrId): Units { return this.off[s]! >= 0 ? this.chars : this.flats; }

  /** Writes a kept node's code units into `flats`, for good. */
  private flatten(s: StrId): number {
    const n = this.lens[s]!, at = this.flatTop;
    if (at + n > this.flats.length) this.flats = grown(this.flats, at + n, at);
    this.flatTop = at + n;
    this.writeOut(this.flats, at, s);
    this.flat[s] = at;
    return at;
  }

  /** Writes record s's code units at dst[at…) (dst has room). */
  private writeOut(dst: Units, at: number, s: StrId): void {
    for (;;) {
      const o = this.off[s]!, n = this.lens[s]!;
      if (o >= 0 || this.flat[s]! >= 0) {
        const src = o >= 0 ? this.chars : this.flats, b = o >= 0 ? o : this.flat[s]!;
        dst.set(src.subarray(b, b + n), at);
        return;
      }
      // a node: its left part, then its right one (a loop, not recursion, on the right)
      const l = this.left[s]!;
      this.writeOut(dst, at, l);
      at += this.lens[l]!;
      s = this.right[s]!;
    }
  }
}
