/**
 * The bottom-up bank: programs per slot and cost level, each stored with its output vector on the train inputs.
 * A new candidate is evaluated by applying its rule's impl to the children's cached outputs (never re-running
 * whole programs), and kept only if no earlier program of its slot has the same outputs (observational
 * equivalence, keyed by the outputs' canonical keys). A failure on one example is the FAIL sentinel there.
 */
import type { Expr } from '../lang/expr.ts';
import type { Value } from '../lang/primitive.ts';
import { meter } from '../lang/runtime.ts';
import { valueEquals, valueKey } from '../lang/value.ts';
import type { StopReason } from './budget.ts';
import { applyRule, FAIL as FAIL_BINDING, type Production, type Productions } from './bottomup-productions.ts';

// module-local copies: under some loaders an imported binding is a getter, too slow for the inner loop
const FAIL = FAIL_BINDING;
const mt = meter;

/** A program in the bank: its rule, children, outputs on the examples and cost. */
export interface Entry {
  readonly prod: Production;
  readonly kids: readonly Entry[];
  readonly outs: readonly Value[];
  readonly cost: number;
  readonly slot: number;
}

/** The expression an entry stands for. */
export function entryExpr(e: Entry): Expr {
  return applyRule(e.prod, e.kids.map(entryExpr));
}

/** Canonical key of one output; strings and numbers skip valueKey's quoting (a slot holds one type). */
export function outKey(o: Value): string {
  switch (typeof o) {
    case 'string': return o;
    case 'number': return o === 0 ? '0' : String(o);
    case 'boolean': return o ? '#t' : '#f';
    case 'symbol': return '\u0000!';
    default: return valueKey(o);
  }
}

const fnIds = new WeakMap<object, number>();
let fnCount = 0;

/** A 32-bit hash of one output, consistent with valueKey (equal values hash equally). */
export function outHash(o: Value): number {
  switch (typeof o) {
    case 'string': {
      let h = 0x9e3779b9 ^ o.length;
      for (let i = 0; i < o.length; i++) h = Math.imul(h ^ o.charCodeAt(i), 0x01000193);
      return h;
    }
    case 'number':
      if ((o | 0) === o) return Math.imul(o ^ 0x5bd1e995, 0x27d4eb2d);
      return outHash(o === 0 ? '0' : String(o)) ^ 0x3c6ef372;
    case 'boolean': return o ? 0x4f1bbcdc : 0x2545f491;
    case 'symbol': return 0x6b43a9b5;
    case 'function': {
      // functions (lambdas for higher-order primitives) are distinct by identity
      let id = fnIds.get(o);
      if (id === undefined) fnIds.set(o, (id = ++fnCount));
      return Math.imul(id, 0x9e3779b1);
    }
    default:
      if (Array.isArray(o)) {
        let h = 0x2f8b6a1d ^ o.length;
        for (let i = 0; i < o.length; i++) h = Math.imul(h ^ outHash(o[i]), 0x01000193);
        return h;
      }
      return outHash(valueKey(o)) ^ 0x1b873593;
  }
}

/** Equality of two output vectors (FAIL equals only FAIL). */
export function sameOuts(a: readonly Value[], b: readonly Value[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null || !valueEquals(x, y)) return false;
  }
  return true;
}

export interface BankLimits {
  readonly maxCost: number;
  readonly maxBank: number;
  /** Fuel for one primitive application. */
  readonly fuel: number;
  /** Called every few thousand candidates; a StopReason ends the run. */
  readonly check: () => StopReason | null;
  /** Counts one candidate evaluation against the budget. */
  readonly count: (n: number) => void;
}

export interface BankHooks {
  /** Slots whose new entries are reported to onNew (the goal and the divide-and-conquer term slot). */
  readonly watch?: ReadonlySet<number>;
  /** A new distinct entry in a watched slot. */
  readonly onNew?: (e: Entry) => void;
  /** After each cost level: a solution found by other means, 'restart', or null to go on. */
  readonly onLevel?: (level: number) => Entry | Expr | 'restart' | null;
  /** Progress, every 2^16 candidates. */
  readonly onProgress?: (enumerated: number) => void;
}

export interface BankRun {
  readonly found: Entry | Expr | null;
  readonly stop: StopReason | 'restart';
  readonly level: number;
}

/** Enumerates programs by increasing cost until one matches `isSolution` or a limit stops it. */
export class Bank {
  /** levels[slot][cost] = entries. */
  readonly levels: Entry[][][];
  /** Per slot: output-vector hash → the entry (or entries, on a hash collision) with those outputs. */
  readonly seen: Map<number, Entry | Entry[]>[];
  enumerated = 0;
  distinct = 0;
  private readonly m: number;

  constructor(readonly P: Productions, readonly costs: readonly number[], m: number) {
    this.levels = P.slots.map(() => []);
    this.seen = P.slots.map(() => new Map());
    this.m = m;
  }

  /** All entries of a slot in cost order. */
  entries(slot: number): Entry[] {
    return this.levels[slot]!.flatMap((l) => l ?? []);
  }

  run(isSolution: (outs: readonly Value[]) => boolean, lim: BankLimits, hooks: BankHooks = {}): BankRun {
    const { P, costs, m, levels, seen } = this;
    const fuel = lim.fuel;
    const goal = P.goal;
    const watch = hooks.watch;
    let sinceCheck = 0;
    let found: Entry | null = null as Entry | null;
    let stop: StopReason | 'restart' | null = null as StopReason | 'restart' | null;
    const kids: Entry[] = [];
    const args: Value[] = [];
    const scratch: Value[] = new Array(m);

    /** Adds a program unless its slot already has one with the same outputs; copies `outs` when kept. */
    const add = (prod: Production, ks: readonly Entry[], outs: Value[], h: number, cost: number, slot: number): void => {
      const s = seen[slot]!;
      const prev = s.get(h);
      if (prev !== undefined) {
        if (Array.isArray(prev)) { for (const q of prev) if (sameOuts(q.outs, outs)) return; }
        else if (sameOuts(prev.outs, outs)) return;
      }
      const e: Entry = { prod, kids: ks === kids ? kids.slice(0, prod.args.length) : ks, outs: outs === scratch ? outs.slice() : outs, cost, slot };
      if (prev === undefined) s.set(h, e);
      else if (Array.isArray(prev)) prev.push(e);
      else s.set(h, [prev, e]);
      (levels[slot]![cost] ??= []).push(e);
      this.distinct++;
      if (this.distinct >= lim.maxBank) stop = 'memoryLimit';
      if (watch?.has(slot)) hooks.onNew!(e);
      if (slot === goal && isSolution(e.outs)) found = e;
    };

    const tick = (): void => {
      lim.count(sinceCheck);
      sinceCheck = 0;
      const r = lim.check();
      if (r) stop = r;
      if ((this.enumerated & 0xffff) < 256) hooks.onProgress?.(this.enumerated);
    };

    /** Evaluates `prod` on the children in `kids` (outputs into scratch) and adds it when new. */
    const tryCandidate = (prod: Production, cost: number): void => {
      this.enumerated++;
      if (++sinceCheck >= 256) tick();
      const impl = prod.impl!;
      const k = prod.args.length;
      const lazy = prod.lazy;
      let h = 0x811c9dc5 | 0;
      let allFail = true;
      const a0 = kids[0]!.outs, a1 = k > 1 ? kids[1]!.outs : a0, a2 = k > 2 ? kids[2]!.outs : a0;
      for (let i = 0; i < m; i++) {
        let r: Value = FAIL;
        try {
          mt.fuel = fuel;
          if (lazy) {
            let bad = false;
            for (let j = 0; j < k; j++) {
              const x = kids[j]!.outs[i];
              if (x === FAIL && !lazy[j]) { bad = true; break; }
              args[j] = lazy[j] ? () => { if (x === FAIL) throw FAIL; return x; } : x;
            }
            if (!bad) r = impl(...args.slice(0, k));
          } else if (k === 1) {
            const a = a0[i];
            if (a !== FAIL) r = impl(a);
          } else if (k === 2) {
            const a = a0[i], b = a1[i];
            if (a !== FAIL && b !== FAIL) r = impl(a, b);
          } else if (k === 3) {
            const a = a0[i], b = a1[i], c = a2[i];
            if (a !== FAIL && b !== FAIL && c !== FAIL) r = impl(a, b, c);
          } else {
            let bad = false;
            for (let j = 0; j < k; j++) { const x = kids[j]!.outs[i]; if (x === FAIL) { bad = true; break; } args[j] = x; }
            if (!bad) r = impl(...args.slice(0, k));
          }
          if (r === undefined || r !== r) r = FAIL;
        } catch {
          r = FAIL;
        }
        if (r !== FAIL) allFail = false;
        scratch[i] = r;
        h = Math.imul(h ^ outHash(r), 0x01000193);
      }
      if (allFail) return;
      add(prod, kids, scratch, h, cost, prod.ret);
    };

    /** Fills kids[j..] with entries whose costs sum to `rest`, calling tryCandidate for each combination. */
    const fill = (prod: Production, j: number, rest: number, cost: number): void => {
      const k = prod.args.length;
      const lv = levels[prod.args[j]!]!;
      if (j === k - 1) {
        const list = lv[rest];
        if (!list) return;
        for (let x = 0; x < list.length && !found && !stop; x++) { kids[j] = list[x]!; tryCandidate(prod, cost); }
        return;
      }
      for (let c = 1; c <= rest - (k - 1 - j); c++) {
        const list = lv[c];
        if (!list) continue;
        for (let x = 0; x < list.length && !found && !stop; x++) { kids[j] = list[x]!; fill(prod, j + 1, rest - c, cost); }
        if (found || stop) return;
      }
    };

    const levels_ = (): BankRun => {
    let level = 0, distinctAtLevel = 0;
    for (level = 1; level <= lim.maxCost; level++) {
      for (let pi = 0; pi < P.prods.length && !found && !stop; pi++) {
        const prod = P.prods[pi]!;
        const c = costs[pi]!;
        if (prod.outs) {
          if (c !== level) continue;
          const outs = prod.outs as Value[];
          if (outs.every((o) => o === FAIL)) continue;
          let h = 0x811c9dc5 | 0;
          for (const o of outs) h = Math.imul(h ^ outHash(o), 0x01000193);
          add(prod, [], outs, h, c, prod.ret);
          continue;
        }
        const rest = level - c;
        if (rest < prod.args.length) continue;
        fill(prod, 0, rest, level);
      }
      if (found || stop) break;
      const r = hooks.onLevel?.(level);
      const grew = this.distinct !== distinctAtLevel;
      distinctAtLevel = this.distinct;
      if (r === 'restart') { stop = 'restart'; break; }
      if (r) { lim.count(sinceCheck); return { found: r, stop: 'solved', level }; }
      // empty levels (below the cheapest rule's cost) pass without a clock read, so a late start still sees leaves
      const lr = grew ? lim.check() : null;
      if (lr) { stop = lr; break; }
    }
    lim.count(sinceCheck);
    if (found) return { found, stop: 'solved', level };
    return { found: null, stop: stop ?? 'exhausted', level: Math.min(level, lim.maxCost) };
    };
    // failures are common and expected here: building their stack traces would dominate the run
    const traceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return levels_();
    } finally {
      Error.stackTraceLimit = traceLimit;
    }
  }
}
