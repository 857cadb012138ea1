/**
 * Strings as records: how a search that keeps its string values outside the JS heap (the bottom-up bank, as ids
 * into a store of UTF-16 code units) runs the string primitives. A primitive declares its `records` kernel beside
 * its impl: the same function over ids, with the same fuel and size checks, and its algebra over ids too. Equal
 * strings may have different ids: compare them with `equal`.
 */
import type { Algebra, Value } from './primitive.ts';

/** A string, as an id into a StringRecords store. */
export type StrId = number;

/** What a kernel may do with string records: read them, and build new ones piece by piece. */
export interface StringRecords {
  /** Length in UTF-16 code units. */
  len(s: StrId): number;
  /** The code unit at position i (0 <= i < len). */
  code(s: StrId, i: number): number;
  /** The first position >= from (0 <= from <= len(s)) where t occurs in s, or -1 (String.prototype.indexOf). */
  indexOf(s: StrId, t: StrId, from: number): number;
  /** Whether t occurs in s at position at (t fits there). */
  occursAt(s: StrId, t: StrId, at: number): boolean;
  /** Whether s and t are the same string. */
  equal(s: StrId, t: StrId): boolean;
  /** s followed by t (without copying either). */
  concat(s: StrId, t: StrId): StrId;
  /** Starts a new string (one at a time: begin, push…, end). */
  begin(): void;
  /** Appends s's code units [from, to) to the string being built. */
  push(s: StrId, from: number, to: number): void;
  /** Ends the string being built: its id. */
  end(): StrId;
  /** A JS string as a record. */
  of(s: string): StrId;
  /** The JS string of an id. */
  text(s: StrId): string;
}

/** A primitive over string records: its impl (strings as ids, else the values the impl takes) and algebra. */
export interface RecordKernel {
  readonly impl: (...args: any[]) => Value;
  readonly decided?: Algebra['decided'];
  readonly totalAfter?: Algebra['totalAfter'];
}

/**
 * How a primitive runs on string records: 'opaque' when its impl and algebra only pass string arguments on, never
 * looking into them (`if`), so it runs on ids as it is; else a kernel made for a store.
 */
export type Records = 'opaque' | ((r: StringRecords) => RecordKernel);
