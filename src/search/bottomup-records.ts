/**
 * Record mode of the bottom-up bank: its string slots hold ids into a StrStore (bottomup-strings.ts) instead of JS
 * strings, and the rules touching them run their primitives' kernels (lang/string-records.ts). What changes is the
 * rules' impls and algebra, the leaves' outputs, how a string output hashes and compares (the store's hash and
 * `equal`: equal strings may have different ids), and how outputs are read back (decode) or made (encode). It
 * applies when every rule touching a string slot declares how it runs on records.
 */
import type { Value } from '../lang/primitive.ts';
import type { RecordKernel } from '../lang/string-records.ts';
import { tstr, typeEquals } from '../lang/type.ts';
import { FAIL, type Production, type Productions } from './bottomup-productions.ts';
import { ruleFacts, type RuleFacts } from './bottomup-rule-facts.ts';
import { StrStore } from './bottomup-strings.ts';

/** A bank's record mode: the store, what each rule runs, the leaves' outputs and the rules' facts over ids. */
export interface RecordMode {
  readonly store: StrStore;
  /** Per slot: it holds strings (as ids). */
  readonly isStr: readonly boolean[];
  /** Per rule: the function the bank calls (a kernel's impl, or the primitive's impl where no string is read). */
  readonly impls: readonly (((...a: any[]) => Value) | null)[];
  /** Per rule: a leaf's outputs with its strings as ids, or null. */
  readonly leafOuts: readonly (readonly Value[] | null)[];
  readonly facts: RuleFacts;
  /** An output of a slot as a value. */
  decode(slot: number, v: Value): Value;
  /** A value as a slot holds it (a string as a record, kept). */
  encode(slot: number, v: Value): Value;
  /** Equality of two outputs of a string slot (FAIL equals only FAIL). */
  same(x: Value, y: Value): boolean;
}

/** Record mode for a set of productions, or null when it has no string slot or a rule touching one has no kernel. */
export function recordMode(P: Productions): RecordMode | null {
  const isStr = P.slots.map((s) => typeEquals(s.type, tstr));
  if (!isStr.some(Boolean)) return null;
  const touches = (p: Production): boolean => isStr[p.ret]! || p.args.some((a) => isStr[a]);
  for (const p of P.prods) {
    if (p.outs ? isStr[p.ret] && p.outs.some((o) => o !== FAIL && typeof o !== 'string') : touches(p) && !p.records) return null;
  }
  const store = new StrStore();
  const kernels: (RecordKernel | null)[] = P.prods.map((p) => (!p.outs && touches(p) && typeof p.records === 'function' ? p.records(store) : null));
  // (what the kernels made for themselves, such as an empty string, is kept)
  store.commit();
  const base = ruleFacts(P);
  const facts: RuleFacts = {
    ...base,
    // a concatenation's hash follows from its children's string hashes; ids hash as numbers
    concats: base.concats.map((c, i) => c && !touches(P.prods[i]!)),
    // an algebra that reads strings is the kernel's (an 'opaque' rule's reads none)
    decides: base.decides.map((d, i) => (d && kernels[i] ? kernels[i]!.decided ?? null : d)),
    totalAfters: base.totalAfters.map((d, i) => (d && kernels[i] ? kernels[i]!.totalAfter ?? null : d)),
    failsAt1: base.failsAt1.map((v, i) => (kernels[i] && typeof v === 'string' ? FAIL : v)),
  };
  const encode = (slot: number, v: Value): Value => {
    if (!isStr[slot] || typeof v !== 'string') return v;
    const id = store.of(v);
    store.commit();
    return id;
  };
  return {
    store, isStr, facts,
    impls: P.prods.map((p, i) => kernels[i]?.impl ?? p.impl),
    leafOuts: P.prods.map((p) => (p.outs ? p.outs.map((o) => encode(p.ret, o)) : null)),
    decode: (slot, v) => (isStr[slot] && typeof v === 'number' ? store.text(v) : v),
    encode,
    same: (x, y) => x === y || (x !== FAIL && y !== FAIL && store.equal(x as number, y as number)),
  };
}
