/**
 * The bottom-up bank's strings as records, outside the JS heap: UTF-16 code units in one growing arena, a record
 * per distinct string (offset, length, hash) and a hash table over them, so that equal strings get one id
 * (hash-consing). A bank in record mode keeps ids in its string slots: no object per output for the garbage
 * collector to copy and mark, and an output vector compares as integers. Kernels (lang/string-records.ts) build a
 * new string at the arena's end and `end` either keeps it or finds it already stored.
 */
import type { StringRecords, StrId } from '../lang/string-records.ts';
import { basePow as basePowBinding } from './bottomup-outputs.ts';

// a module-local copy: under some loaders an imported binding is a getter
const basePow = basePowBinding;

const BASE = 0x01000193;

/** A table position for a string hash (its bits mixed, so that the low ones index well). */
function home(h: number, mask: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return ((h ^ (h >>> 13)) << 1) & mask;
}

/** A hash-consed store of strings (implements the kernels' StringRecords). */
export class StrStore implements StringRecords {
  /** Code units of every string, each record's at [off, off + len). */
  private chars = new Uint16Array(1 << 16);
  /** Code units in use (a string being built sits beyond). */
  private top = 0;
  private off = new Int32Array(1024);
  private lens = new Int32Array(1024);
  /** Each string's hash (bottomup-outputs.ts strHash: sum of c_i * BASE^(n-1-i)). */
  private hashes = new Int32Array(1024);
  /** Distinct strings stored. */
  size = 0;
  /** Open addressing over the hashes: pairs (hash, id + 1), 0 = empty. */
  private table = new Int32Array(4096);
  /** The string being built: its end in the arena and its hash so far. */
  private at = 0;
  private h = 0;

  len(s: StrId): number { return this.lens[s]!; }
  code(s: StrId, i: number): number { return this.chars[this.off[s]! + i]!; }
  hash(s: StrId): number { return this.hashes[s]!; }

  indexOf(s: StrId, t: StrId, from: number): number {
    const c = this.chars, ls = this.lens[s]!, lt = this.lens[t]!, os = this.off[s]!, ot = this.off[t]!;
    if (lt === 0) return from;
    const first = c[ot]!;
    for (let p = from, last = ls - lt; p <= last; p++) {
      if (c[os + p] !== first) continue;
      let i = 1;
      while (i < lt && c[os + p + i] === c[ot + i]) i++;
      if (i === lt) return p;
    }
    return -1;
  }

  occursAt(s: StrId, t: StrId, at: number): boolean {
    const c = this.chars, lt = this.lens[t]!, os = this.off[s]! + at, ot = this.off[t]!;
    for (let i = 0; i < lt; i++) if (c[os + i] !== c[ot + i]) return false;
    return true;
  }

  begin(): void {
    this.at = this.top;
    this.h = 0;
  }

  push(s: StrId, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    if (this.at + n > this.chars.length) this.grow(this.at + n);
    const c = this.chars, src = this.off[s]! + from;
    let at = this.at, h = this.h;
    if (from === 0 && to === this.lens[s]) {
      // a whole string: its hash is known
      for (let i = 0; i < n; i++) c[at + i] = c[src + i]!;
      h = (Math.imul(h, basePow(n)) + this.hashes[s]!) | 0;
    } else for (let i = 0; i < n; i++) { const x = c[src + i]!; c[at + i] = x; h = (Math.imul(h, BASE) + x) | 0; }
    this.at = at + n;
    this.h = h;
  }

  end(): StrId {
    const start = this.top, n = this.at - start, h = this.h, c = this.chars;
    const t = this.table, mask = t.length - 2;
    let p = home(h, mask);
    for (; ; p = (p + 2) & mask) {
      const e = t[p + 1]!;
      if (e === 0) break;
      if (t[p] !== h) continue;
      const id = e - 1;
      if (this.lens[id] !== n) continue;
      const o = this.off[id]!;
      let i = 0;
      while (i < n && c[o + i] === c[start + i]) i++;
      if (i === n) return id;
    }
    // new: the built code units become its record
    const id = this.size++;
    if (id === this.off.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
      this.off = grow(this.off);
      this.lens = grow(this.lens);
      this.hashes = grow(this.hashes);
    }
    this.off[id] = start;
    this.lens[id] = n;
    this.hashes[id] = h;
    this.top = this.at;
    t[p] = h;
    t[p + 1] = id + 1;
    if (4 * this.size > t.length) this.rehash();
    return id;
  }

  of(s: string): StrId {
    this.begin();
    const n = s.length;
    if (this.at + n > this.chars.length) this.grow(this.at + n);
    const c = this.chars, at = this.at;
    let h = 0;
    for (let i = 0; i < n; i++) { const x = s.charCodeAt(i); c[at + i] = x; h = (Math.imul(h, BASE) + x) | 0; }
    this.at = at + n;
    this.h = h;
    return this.end();
  }

  /** The id of a JS string when stored, else -1 (nothing is added). */
  find(s: string): StrId {
    let h = 0;
    const n = s.length;
    for (let i = 0; i < n; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
    const t = this.table, mask = t.length - 2, c = this.chars;
    for (let p = home(h, mask); ; p = (p + 2) & mask) {
      const e = t[p + 1]!;
      if (e === 0) return -1;
      if (t[p] !== h || this.lens[e - 1] !== n) continue;
      const o = this.off[e - 1]!;
      let i = 0;
      while (i < n && c[o + i] === s.charCodeAt(i)) i++;
      if (i === n) return e - 1;
    }
  }

  text(s: StrId): string {
    const o = this.off[s]!, n = this.lens[s]!;
    let out = '';
    // fromCharCode takes arguments: in chunks, so that a long string does not overflow the stack
    for (let i = 0; i < n; i += 4096) out += String.fromCharCode.apply(null, this.chars.subarray(o + i, o + Math.min(n, i + 4096)) as unknown as number[]);
    return out;
  }

  /** Room for `need` code units (the string being built included). */
  private grow(need: number): void {
    let n = this.chars.length * 2;
    while (n < need) n *= 2;
    const c = new Uint16Array(n);
    c.set(this.chars.subarray(0, this.at));
    this.chars = c;
  }

  private rehash(): void {
    const old = this.table, t = (this.table = new Int32Array(old.length * 2)), mask = t.length - 2;
    for (let q = 0; q < old.length; q += 2) {
      if (old[q + 1] === 0) continue;
      let r = home(old[q]!, mask);
      while (t[r + 1] !== 0) r = (r + 2) & mask;
      t[r] = old[q]!;
      t[r + 1] = old[q + 1]!;
    }
  }
}
