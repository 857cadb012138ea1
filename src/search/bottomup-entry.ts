/**
 * Bank programs as objects, built on demand for the few programs a caller keeps (the bank itself stores columns):
 * `Entry`, with its children made when first asked for, and the expression it stands for.
 */
import type { Expr } from '../lang/expr.ts';
import type { Value } from '../lang/primitive.ts';
import type { Column } from './bottomup-column.ts';
import { applyRule, type Production } from './bottomup-productions.ts';

/** A program in the bank (built on demand): its rule, children, outputs on the examples and cost. */
export interface Entry {
  readonly prod: Production;
  readonly kids: readonly Entry[];
  readonly outs: readonly Value[];
  readonly cost: number;
  readonly slot: number;
  /** Position in its slot (cost order). */
  readonly id: number;
}

/** The expression an entry stands for. */
export function entryExpr(e: Entry): Expr {
  return applyRule(e.prod, e.kids.map(entryExpr));
}

/** Makes the entries of a bank's columns, one object per program, kept once made. */
export class EntryMaker {
  private readonly made: Map<number, Entry>[];
  constructor(private readonly prods: readonly Production[], private readonly cols: readonly Column[]) {
    this.made = cols.map(() => new Map());
  }

  /** The program `id` of a slot as an Entry. */
  entry(slot: number, id: number): Entry {
    const made = this.made[slot]!;
    let e = made.get(id);
    if (e) return e;
    const c = this.cols[slot]!, m = c.m;
    e = new BankEntry(this, slot, id, this.prods[c.prod[id]!]!, c.cost[id]!, c.outs.slice(id * m, id * m + m));
    made.set(id, e);
    return e;
  }

  /** The children of program `id` of a slot. */
  kidsOf(slot: number, id: number): Entry[] {
    const c = this.cols[slot]!;
    return this.prods[c.prod[id]!]!.args.map((s, j) => this.entry(s, c.kids[id * c.stride + j]!));
  }
}

class BankEntry implements Entry {
  private k: Entry[] | null = null;
  constructor(private readonly maker: EntryMaker, readonly slot: number, readonly id: number, readonly prod: Production,
    readonly cost: number, readonly outs: readonly Value[]) {}
  get kids(): readonly Entry[] { return (this.k ??= this.maker.kidsOf(this.slot, this.id)); }
}
