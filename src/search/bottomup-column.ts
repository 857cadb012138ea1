/**
 * One slot's programs in the bottom-up bank, column-wise: rule index, child ids, cost, fail mask and output hashes
 * in typed arrays, the outputs (m values per program) in one flat array, and an open-addressing table over the
 * outputs' hashes that finds a program with given outputs (observational equivalence, settled by a full comparison).
 */
import type { Value } from '../lang/primitive.ts';
import { sameOut } from './bottomup-outputs.ts';

/** One slot's programs, column-wise; ids are positions, in cost order. */
export class Column {
  size = 0;
  /** Room for this many programs in the typed columns (doubled as the slot grows). */
  private cap = 256;
  /** m outputs per program. */
  readonly outs: Value[] = [];
  prod = new Int32Array(this.cap);
  /** `stride` child ids per program. */
  kids: Int32Array;
  cost = new Float64Array(this.cap);
  /** m output hashes per program (outHash), so that a concatenation's follow from its children's. */
  hashes: Int32Array;
  /** The examples a program fails on, as bits (bit i for example i, bit 30 for any from the 30th on; 0: none). */
  fails = new Int32Array(this.cap);
  /** Programs that fail on some example. */
  failing = 0;
  /** The failure-free output vectors the slot can hold: 2^m for bool, else unbounded. */
  readonly vectors: number;
  /** For a bool slot over at most 16 examples: its programs per fail mask (at most boolVectorsFailingOn(m)[mask]). */
  readonly byMask: Int32Array | null;
  /** ends[c]: the number of programs of cost at most c (for completed levels). */
  readonly ends: number[] = [0];
  /** Open addressing over output hashes, pairs (hash, id + 1) side by side (one cache line per probe); 0 = empty. */
  table = new Int32Array(512);
  constructor(readonly stride: number, readonly m: number, bool: boolean) {
    this.kids = new Int32Array(this.cap * Math.max(1, stride));
    this.hashes = new Int32Array(this.cap * Math.max(1, m));
    this.vectors = bool ? 2 ** m : Infinity;
    this.byMask = bool && m <= 16 ? new Int32Array(1 << m) : null;
  }

  /**
   * Where outputs values[0 .. m) with hash h stand in the table: -1 - position when a program has them (its
   * id + 1 stands beside the hash), else the (even) position of the empty pair where they would go.
   */
  probe(values: readonly Value[], h: number): number {
    const { table, outs } = this, m = this.m, mask = table.length - 2;
    for (let p = (h << 1) & mask; ; p = (p + 2) & mask) {
      const t = table[p + 1]!;
      if (t === 0) return p;
      if (table[p] !== h) continue;
      let i = 0;
      const b = (t - 1) * m;
      while (i < m && sameOut(outs[b + i], values[i])) i++;
      if (i === m) return -1 - p;
    }
  }

  /** The id of a program whose outputs are values[0 .. m) (hash h), or -1. */
  find(values: readonly Value[], h: number): number {
    const p = this.probe(values, h);
    // (the id + 1 stands beside the hash, at position -1 - p)
    return p >= 0 ? -1 : this.table[-p]! - 1;
  }

  /** Makes room for program `size` in the typed columns. */
  reserve(): void {
    if (this.size < this.cap) return;
    const cap = (this.cap *= 2);
    const grow = <T extends Int32Array | Float64Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.prod = grow(this.prod, cap);
    this.cost = grow(this.cost, cap);
    this.fails = grow(this.fails, cap);
    this.kids = grow(this.kids, cap * Math.max(1, this.stride));
    this.hashes = grow(this.hashes, cap * Math.max(1, this.m));
  }

  /** Records program `id` with output hash h at table position p (from `probe`). */
  insert(p: number, h: number, id: number): void {
    let t = this.table;
    t[p] = h;
    t[p + 1] = id + 1;
    if (4 * this.size > t.length) {
      const old = t;
      t = this.table = new Int32Array(old.length * 2);
      const mask2 = t.length - 2;
      for (let q = 0; q < old.length; q += 2) {
        if (old[q + 1] === 0) continue;
        let r = (old[q]! << 1) & mask2;
        while (t[r + 1] !== 0) r = (r + 2) & mask2;
        t[r] = old[q]!;
        t[r + 1] = old[q + 1]!;
      }
    }
  }
}

const needs: Int32Array[] = [];
/**
 * need[mask]: the bool output vectors over m examples failing exactly on `mask` (2^(m - |mask|); 0 for failing
 * everywhere, never banked). Built once per m (at most 16).
 */
export function boolVectorsFailingOn(m: number): Int32Array {
  let need = needs[m];
  if (need) return need;
  need = needs[m] = new Int32Array(1 << m);
  for (let mask = 0; mask < need.length; mask++) {
    let bits = 0;
    for (let q = mask; q !== 0; q &= q - 1) bits++;
    need[mask] = bits === m ? 0 : 2 ** (m - bits);
  }
  return need;
}

/** The number of child combinations of slots a[j..] whose costs sum to `left` (over completed levels). */
export function childCombos(cols: readonly Column[], a: readonly number[], j: number, left: number): number {
  const ends = cols[a[j]!]!.ends;
  if (j === a.length - 1) return ends[left]! - ends[left - 1]!;
  let n = 0;
  for (let c = 1; c <= left - (a.length - 1 - j); c++) {
    const here = ends[c]! - ends[c - 1]!;
    if (here > 0) n += here * childCombos(cols, a, j + 1, left - c);
  }
  return n;
}
