/**
 * The bottom-up bank: programs per slot in cost order, stored column-wise: rule index, child ids, cost, and the
 * output vector on the train inputs (m values per program in one flat array). A candidate is evaluated by calling
 * its rule's impl on the children's stored outputs (no Expr, no compilation, no per-program closure) and kept only
 * if its slot has no program with the same outputs (observational equivalence: a 32-bit hash of the outputs in an
 * open-addressing table, settled by a full comparison). A failure on one example is the FAIL sentinel there.
 * `Entry` objects and expressions are built on demand, for the few programs a caller keeps.
 */
import type { Algebra, Value } from '../lang/primitive.ts';
import { meter } from '../lang/runtime.ts';
import { tbool, typeEquals } from '../lang/type.ts';
import type { StopReason } from './budget.ts';
import { applyCandidate } from './bottomup-apply.ts';
import type { BankHooks, BankLimits, BankRun } from './bottomup-bank-run.ts';
import { boolVectorsFailingOn, childCombos, Column } from './bottomup-column.ts';
import { EntryMaker, type Entry } from './bottomup-entry.ts';
import { concatHash, mixHashes, outHash } from './bottomup-outputs.ts';
import { FAIL as FAIL_BINDING, type Productions } from './bottomup-productions.ts';
import { ruleFacts } from './bottomup-rule-facts.ts';

export type { BankHooks, BankLimits, BankRun } from './bottomup-bank-run.ts';
export { entryExpr, type Entry } from './bottomup-entry.ts';

// module-local copies: under some loaders an imported binding is a getter, too slow for the inner loop
const FAIL = FAIL_BINDING;
const mt = meter;

// what a rule's algebra says about a group of candidates (see `group` in Bank.run)
const NORMAL = 0, SKIP = 1, ONCE = 2, ROUTE = 3;
const FAIL_HASH = outHash(FAIL_BINDING);

/** Enumerates programs by increasing cost until one matches `isSolution` or a limit stops it. */
export class Bank {
  enumerated = 0;
  distinct = 0;
  /** Candidates skipped unevaluated: their rule's algebra proves them equivalent to an earlier candidate. */
  skipped = 0;
  private readonly cols: Column[];
  private readonly made: EntryMaker;
  /** The output hashes of a vector `find` looks up (reused across calls). */
  private readonly findHashes: Int32Array;

  constructor(readonly P: Productions, readonly costs: readonly number[], readonly m: number) {
    this.cols = P.slots.map((t, s) => new Column(Math.max(0, ...P.prods.filter((p) => p.ret === s).map((p) => p.args.length)), m, typeEquals(t.type, tbool)));
    this.made = new EntryMaker(P.prods, this.cols);
    this.findHashes = new Int32Array(m);
  }

  /** Programs in a slot. */
  size(slot: number): number { return this.cols[slot]!.size; }

  /** A slot's outputs, flat: program `id` on example i is at `id * m + i`. */
  outputs(slot: number): readonly Value[] { return this.cols[slot]!.outs; }

  /** The program `id` of a slot as an Entry. */
  entry(slot: number, id: number): Entry { return this.made.entry(slot, id); }

  /** A slot's programs in cost order (at most `limit`). */
  entries(slot: number, limit = Infinity): Entry[] {
    const n = Math.min(limit, this.size(slot));
    return Array.from({ length: n }, (_, id) => this.entry(slot, id));
  }

  /** The program of a slot with exactly these outputs, or null. */
  find(slot: number, outs: readonly Value[]): Entry | null {
    const hs = this.findHashes;
    for (let i = 0; i < this.m; i++) hs[i] = outHash(outs[i]);
    const id = this.cols[slot]!.find(outs, mixHashes(hs, this.m));
    return id < 0 ? null : this.entry(slot, id);
  }

  run(isSolution: (outs: readonly Value[]) => boolean, lim: BankLimits, hooks: BankHooks = {}): BankRun {
    const { P, costs, m, cols } = this;
    const fuel = lim.fuel, goal = P.goal, watch = hooks.watch, onNew = hooks.onNew;
    const prods = P.prods;
    const { selfArgs, concats, commutes, assoc, decides, totals, totalAfters, failsAt1 } = ruleFacts(P);
    let sinceCheck = 0;
    let found = -1;
    let stop: StopReason | 'restart' | null = null as StopReason | 'restart' | null;
    let halt = false;
    const scratch: Value[] = new Array(m).fill(FAIL);
    /** The outputs' hashes of the candidate in scratch. */
    const sh = new Int32Array(m);
    const args: Value[] = [];
    const kid = [0, 0, 0];
    /** Argument columns' outputs of the current rule. */
    let A0: Value[] = [], A1: Value[] = [], A2: Value[] = [];
    /** The current rule is string concatenation (its outputs' hashes follow from H0, H1: its children's). */
    let concat = false, H0: Int32Array = new Int32Array(0), H1 = H0;
    /** A second-argument value the current rule fails on (Algebra.failsAt), else FAIL. */
    let failB: Value = FAIL;

    /** Adds scratch (outputs with hash h) as a program of `slot` unless the slot already has them. */
    const add = (slot: number, pi: number, k: number, cost: number, h: number): void => {
      const c = cols[slot]!;
      const p = c.probe(scratch, h);
      if (p < 0) return;
      const id = c.size;
      c.reserve();
      c.size++;
      let f = 0;
      const H = c.hashes, hb = id * m;
      for (let i = 0; i < m; i++) { const o = scratch[i]; c.outs.push(o); H[hb + i] = sh[i]!; if (o === FAIL) f |= 1 << (i < 30 ? i : 30); }
      c.prod[id] = pi;
      const st = c.stride, K = c.kids, kb = id * st;
      for (let j = 0; j < st; j++) K[kb + j] = j < k ? kid[j]! : 0;
      c.cost[id] = cost;
      c.fails[id] = f;
      if (f !== 0) c.failing++;
      if (c.byMask !== null) c.byMask[f]++;
      c.insert(p, h, id);
      if (++this.distinct >= lim.maxBank) { stop = 'memoryLimit'; halt = true; }
      if (watch !== undefined && watch.has(slot)) onNew!(slot, id);
      if (slot === goal && found < 0 && isSolution(scratch)) { found = id; halt = true; }
    };

    /** Counts the candidates since the last flush. */
    const flush = (): void => {
      this.enumerated += sinceCheck;
      lim.count(sinceCheck);
      sinceCheck = 0;
    };
    const tick = (): void => {
      flush();
      const r = lim.check();
      if (r) { stop = r; halt = true; }
      if ((this.enumerated & 0xffff) < 256) hooks.onProgress?.(this.enumerated);
    };

    // the rule being enumerated (set by `enumerate`)
    let impl: (...a: any[]) => Value = () => FAIL, lazy: readonly boolean[] | null = null, self: readonly number[] = [];
    let rulePi = 0, ruleCost = 0, ruleRet = 0, ruleArgs: readonly number[] = [];
    /** The current rule's slot held every failure-free output vector when its enumeration began. */
    let full = false;

    /** After the outputs of a candidate (children in `kid`) are in scratch: adds it unless it is a duplicate. */
    const settle = (): void => {
      // the rule's slot holds every failure-free output vector (bool): only a result failing somewhere can be new
      if (full) {
        let i = 0;
        while (i < m && scratch[i] !== FAIL) i++;
        if (i === m) return;
      }
      // a result equal to one of its own slot's children is already banked: skip hashing it
      for (let s = 0; s < self.length; s++) {
        const j = self[s]!, col = j === 0 ? A0 : j === 1 ? A1 : j === 2 ? A2 : cols[ruleArgs[j]!]!.outs, b = kid[j]! * m;
        let i = 0;
        while (i < m && scratch[i] === col[b + i]) i++;
        if (i === m) return;
      }
      if (concat) {
        // string concatenation: each output's hash follows from the children's, without reading its characters
        const b0 = kid[0]! * m, b1 = kid[1]! * m;
        for (let i = 0; i < m; i++) {
          const o = scratch[i];
          sh[i] = o === FAIL ? FAIL_HASH : concatHash(H0[b0 + i]!, H1[b1 + i]!, (A1[b1 + i] as string).length);
        }
      } else for (let i = 0; i < m; i++) sh[i] = outHash(scratch[i]);
      add(ruleRet, rulePi, ruleArgs.length, ruleCost, mixHashes(sh, m));
    };

    // one evaluator per arity: the impl called on the children's stored outputs, example by example
    const cand1 = (x: number): void => {
      if (++sinceCheck >= 256) tick();
      const b0 = x * m;
      let any = false;
      for (let i = 0; i < m; i++) {
        const a = A0[b0 + i];
        let r: Value = FAIL;
        if (a !== FAIL) {
          mt.fuel = fuel;
          try { r = impl(a); if (r === undefined || r !== r) r = FAIL; else any = true; } catch { r = FAIL; }
        }
        scratch[i] = r;
      }
      if (any) { kid[0] = x; settle(); }
    };
    const cand2 = (x: number, y: number): void => {
      if (++sinceCheck >= 256) tick();
      const b0 = x * m, b1 = y * m;
      let any = false;
      for (let i = 0; i < m; i++) {
        const a = A0[b0 + i], b = A1[b1 + i];
        let r: Value = FAIL;
        // (b === failB: a second argument the rule declares failing, e.g. a zero divisor; no throw needed)
        if (a !== FAIL && b !== FAIL && b !== failB) {
          mt.fuel = fuel;
          try { r = impl(a, b); if (r === undefined || r !== r) r = FAIL; else any = true; } catch { r = FAIL; }
        }
        scratch[i] = r;
      }
      if (any) { kid[0] = x; kid[1] = y; settle(); }
    };
    const cand3 = (x: number, y: number, z: number): void => {
      if (++sinceCheck >= 256) tick();
      const b0 = x * m, b1 = y * m, b2 = z * m;
      let any = false;
      for (let i = 0; i < m; i++) {
        const a = A0[b0 + i], b = A1[b1 + i], c = A2[b2 + i];
        let r: Value = FAIL;
        if (a !== FAIL && b !== FAIL && c !== FAIL) {
          mt.fuel = fuel;
          try { r = impl(a, b, c); if (r === undefined || r !== r) r = FAIL; else any = true; } catch { r = FAIL; }
        }
        scratch[i] = r;
      }
      if (any) { kid[0] = x; kid[1] = y; kid[2] = z; settle(); }
    };
    /** Lazy rules and rules of four or more arguments (children already in `kid`). */
    const candAny = (): void => {
      if (++sinceCheck >= 256) tick();
      let any = false;
      for (let i = 0; i < m; i++) {
        let r: Value;
        mt.fuel = fuel;
        try {
          r = applyCandidate(impl, lazy, ruleArgs, cols, kid, i, m, args);
          if (r === undefined || r !== r) r = FAIL;
        } catch {
          r = FAIL;
        }
        if (r !== FAIL) any = true;
        scratch[i] = r;
      }
      if (any) settle();
    };
    const candidate = (x: number, y: number, z: number): void => {
      if (lazy !== null || ruleArgs.length > 3) { kid[0] = x; kid[1] = y; kid[2] = z; candAny(); }
      else if (ruleArgs.length === 1) cand1(x);
      else if (ruleArgs.length === 2) cand2(x, y);
      else cand3(x, y, z);
    };

    const range = (slot: number, c: number): number => cols[slot]!.ends[c - 1]!;
    const rangeEnd = (slot: number, c: number): number => cols[slot]!.ends[c]!;

    // Algebra (lang/primitive.ts) skips candidates provably equivalent to one enumerated earlier in this order
    // (c0, x, c1, y, z), so the bank keeps the very programs it would keep without it.
    let decide: ((k: number, args: readonly Value[]) => number | 'fixed' | null) | null = null;
    /** For a saturated total rule: whether a candidate whose children fail on `mask` can be new; else null. */
    let open: ((mask: number) => boolean) | null = null;
    /**
     * A saturated total rule (its bool slot holds all 2^m failure-free output vectors, Column.vectors, so candidates
     * whose children fail nowhere are all duplicates): a candidate fails exactly where one of its children fails (the
     * union of their fail masks), and is bool elsewhere; it can be new only when that mask is not empty and the slot
     * does not yet hold every vector failing there (2^(m - |mask|) of them).
     */
    const saturated = (a: readonly number[], rest: number): void => {
      if (a.every((sl) => cols[sl]!.failing === 0)) { this.skipped += childCombos(cols, a, 0, rest); return; }
      const byMask = cols[ruleRet]!.byMask, need = byMask === null ? null : boolVectorsFailingOn(m);
      open = (mask: number): boolean => mask !== 0 && (byMask === null || byMask[mask]! < need![mask]!);
      fill(0, rest, 0);
      open = null;
    };
    /**
     * Every combination of the current rule's children kid[j..k) whose costs sum to `left`, in cost order of the
     * first child, then the next…, `mask` the union of the chosen ones' fail masks: rules of four or more arguments,
     * and saturated total rules (a candidate whose mask is not `open` is skipped).
     */
    const fill = (j: number, left: number, mask: number): void => {
      const s = ruleArgs[j]!, F = cols[s]!.fails, last = ruleArgs.length - 1;
      if (j === last) {
        for (let x = range(s, left), e = rangeEnd(s, left); x < e && !halt; x++) {
          if (open !== null && !open(mask | F[x]!)) { this.skipped++; continue; }
          kid[j] = x;
          candidate(kid[0]!, kid[1]!, kid[2]!);
        }
        return;
      }
      for (let c = 1; c <= left - (last - j) && !halt; c++)
        for (let x = range(s, c), e = rangeEnd(s, c); x < e && !halt; x++) { kid[j] = x; fill(j + 1, left - c, mask | F[x]!); }
    };
    const pre1: Value[] = [FAIL], pre2: Value[] = [FAIL, FAIL];
    /** The current rule's Algebra.totalAfter (binary rules), else null. */
    let totalAfter: Algebra['totalAfter'] | null = null;
    /** Whether the current (binary) rule cannot fail on any example once its first child is x (false if x fails somewhere). */
    const totalFrom = (x: number): boolean => {
      for (let i = 0; i < m; i++) {
        const v = A0[x * m + i];
        if (v === FAIL) return false;
        pre1[0] = v;
        mt.fuel = fuel;
        try { if (!totalAfter!(1, pre1)) return false; } catch { return false; }
      }
      return true;
    };
    /** For a ROUTE group, per example: the argument whose output is the result there, or -1 for a failure. */
    const route = new Int32Array(m);
    /**
     * What the rule's `decided` says once children kid[0..k) are chosen, for the candidates whose remaining strict
     * children fail nowhere: SKIP (each has the outputs of one of its children of the rule's own slot, a banked
     * program), ONCE (all have one output vector: the first is evaluated), ROUTE (on each example the result is
     * one argument's output, `route`: no call to the impl) or NORMAL (evaluate each).
     */
    const group = (k: number): number => {
      const pre = k === 1 ? pre1 : pre2;
      let eq = -1, later = false, routed = true;
      for (let i = 0; i < m; i++) {
        let failed = false;
        for (let p = 0; p < k; p++) {
          const v = (p === 0 ? A0 : A1)[kid[p]! * m + i];
          if (v === FAIL) { if (lazy !== null && lazy[p]) return NORMAL; failed = true; }
          pre[p] = v;
        }
        // a failing strict child fails the application whatever the rest are
        let r: number | 'fixed' | null = 'fixed';
        if (!failed) {
          mt.fuel = fuel;
          try { r = decide!(k, pre); } catch { return NORMAL; }
        }
        if (r === null) return NORMAL;
        if (r === 'fixed') { eq = -2; if (failed) route[i] = -1; else routed = false; }
        else {
          if (r >= k) later = true;
          eq = eq === -1 || eq === r ? r : -2;
          route[i] = r;
        }
      }
      if (eq >= 0 && ruleArgs[eq] === ruleRet) return SKIP;
      return !later ? ONCE : routed ? ROUTE : NORMAL;
    };
    /** A candidate of a ROUTE group (children in `kid`, the remaining strict ones failing nowhere). */
    const routed = (): void => {
      if (++sinceCheck >= 256) tick();
      let any = false;
      for (let i = 0; i < m; i++) {
        const j = route[i]!;
        const r = j < 0 ? FAIL : (j === 0 ? A0 : j === 1 ? A1 : A2)[kid[j]! * m + i];
        if (r !== FAIL) any = true;
        scratch[i] = r;
      }
      if (any) settle();
    };
    /**
     * The candidates of a group other than NORMAL that differ only in their last child, ids s..e at position j
     * (1 or 2; the children before it in kid): those whose last child fails somewhere (F, when `fail`) are
     * evaluated; the rest are skipped (SKIP), the first of them evaluated and the others skipped (ONCE), or routed (ROUTE).
     */
    const lastChild = (g: number, j: number, s: number, e: number, F: Int32Array, fail: boolean): void => {
      if (g === SKIP && !fail) { this.skipped += e - s; return; }
      const x = kid[0]!, y = kid[1]!;
      let once = g === ONCE;
      for (let c = s; c < e && !halt; c++) {
        if (fail && F[c] !== 0) { if (j === 1) candidate(x, c, 0); else candidate(x, y, c); }
        else if (g === ROUTE) {
          kid[0] = x;
          if (j === 1) kid[1] = c; else { kid[1] = y; kid[2] = c; }
          routed();
        } else if (once) { once = false; if (j === 1) candidate(x, c, 0); else candidate(x, y, c); }
        else this.skipped++;
      }
    };

    /** Every combination of children whose costs sum to `rest`, in cost order of the first child, then the next… */
    const enumerate = (pi: number, rest: number, cost: number): void => {
      const prod = prods[pi]!;
      const a = prod.args, k = a.length;
      impl = prod.impl!;
      lazy = prod.lazy;
      self = selfArgs[pi]!;
      rulePi = pi;
      ruleCost = cost;
      ruleRet = prod.ret;
      ruleArgs = a;
      decide = decides[pi]!;
      concat = concats[pi]!;
      totalAfter = totalAfters[pi]!;
      failB = failsAt1[pi]!;
      if (concat) { H0 = cols[a[0]!]!.hashes; H1 = cols[a[1]!]!.hashes; }
      A0 = cols[a[0]!]!.outs;
      A1 = k > 1 ? cols[a[1]!]!.outs : A0;
      A2 = k > 2 ? cols[a[2]!]!.outs : A0;
      const strict = lazy === null;
      full = cols[ruleRet]!.size - cols[ruleRet]!.failing >= cols[ruleRet]!.vectors;
      if (totals[pi] && full) { saturated(a, rest); return; }
      // whether a remaining child may fail somewhere (such candidates are always evaluated)
      const mayFail = (j: number): boolean => (lazy === null || !lazy[j]) && cols[a[j]!]!.failing > 0;
      if (k === 1) {
        const s0 = range(a[0]!, rest), e0 = rangeEnd(a[0]!, rest);
        if (strict) for (let x = s0; x < e0 && !halt; x++) cand1(x);
        else for (let x = s0; x < e0 && !halt; x++) candidate(x, 0, 0);
      } else if (k === 2) {
        const com = commutes[pi]!, asc = assoc[pi]!, P0 = cols[a[0]!]!.prod;
        const F1 = cols[a[1]!]!.fails, fail1 = mayFail(1);
        for (let c0 = 1; c0 < rest && !halt; c0++) {
          const s1 = range(a[1]!, rest - c0), e1 = rangeEnd(a[1]!, rest - c0);
          if (s1 === e1) continue;
          for (let x = range(a[0]!, c0), e0 = rangeEnd(a[0]!, c0); x < e0 && !halt; x++) {
            let y0 = s1;
            // (x, y) with y < x: the same as (y, x), enumerated earlier
            if (com && y0 < x) { y0 = Math.min(x, e1); this.skipped += y0 - s1; }
            // (f(u, v), y): the same as (u, f(v, y)), enumerated earlier (its first child is cheaper)
            if (asc && P0[x] === pi) { this.skipped += e1 - y0; continue; }
            // a slot holding every failure-free vector, and a first child after which the rule cannot fail: only
            // candidates with a failing second child can be new
            if (full && totalAfter !== null && totalFrom(x)) { kid[0] = x; lastChild(SKIP, 1, y0, e1, F1, fail1); continue; }
            let g = NORMAL;
            if (decide !== null) { kid[0] = x; g = group(1); }
            if (g === NORMAL) {
              if (strict) for (let y = y0; y < e1 && !halt; y++) cand2(x, y);
              else for (let y = y0; y < e1 && !halt; y++) candidate(x, y, 0);
            } else lastChild(g, 1, y0, e1, F1, fail1);
          }
        }
      } else if (k === 3) {
        const F1 = cols[a[1]!]!.fails, F2 = cols[a[2]!]!.fails, fail1 = mayFail(1), fail2 = mayFail(2);
        for (let c0 = 1; c0 < rest - 1 && !halt; c0++) {
          for (let x = range(a[0]!, c0), e0 = rangeEnd(a[0]!, c0); x < e0 && !halt; x++) {
            let g1 = NORMAL;
            if (decide !== null) { kid[0] = x; g1 = group(1); }
            if (g1 === SKIP && !fail1 && !fail2) { this.skipped += childCombos(cols, a, 1, rest - c0); continue; }
            let once1 = g1 === ONCE;
            // a route that never takes the last child: candidates differing only there have one output vector
            let lastFree = g1 === ROUTE;
            for (let i = 0; i < m && lastFree; i++) if (route[i] === 2) lastFree = false;
            for (let c1 = 1; c0 + c1 < rest && !halt; c1++) {
              const c2 = rest - c0 - c1;
              const s2 = range(a[2]!, c2), e2 = rangeEnd(a[2]!, c2);
              if (s2 === e2) continue;
              for (let y = range(a[1]!, c1), e1 = rangeEnd(a[1]!, c1); y < e1 && !halt; y++) {
                if (g1 !== NORMAL) {
                  // one group over every (y, z)
                  const yf = fail1 && F1[y] !== 0;
                  let onceY = true;
                  for (let z = s2; z < e2 && !halt; z++) {
                    const zf = yf || (fail2 && F2[z] !== 0);
                    if (g1 === ROUTE && !zf) {
                      if (lastFree && !onceY) { this.skipped++; continue; }
                      onceY = false;
                      kid[0] = x; kid[1] = y; kid[2] = z;
                      routed();
                    }
                    else if (zf || once1) {
                      if (!zf) once1 = false;
                      candidate(x, y, z);
                    } else this.skipped++;
                  }
                  continue;
                }
                let g = NORMAL;
                if (decide !== null) { kid[0] = x; kid[1] = y; g = group(2); }
                if (g === NORMAL) {
                  if (strict) for (let z = s2; z < e2 && !halt; z++) cand3(x, y, z);
                  else for (let z = s2; z < e2 && !halt; z++) candidate(x, y, z);
                } else lastChild(g, 2, s2, e2, F2, fail2);
              }
            }
          }
        }
      } else fill(0, rest, 0);
    };

    const levels = (): BankRun => {
      let level = 0, distinctAtLevel = 0;
      for (level = 1; level <= lim.maxCost; level++) {
        for (let pi = 0; pi < prods.length && !halt; pi++) {
          const prod = prods[pi]!;
          const c = costs[pi]!;
          if (prod.outs) {
            if (c !== level) continue;
            let any = false;
            for (let i = 0; i < m; i++) { const o = prod.outs[i]; scratch[i] = o; sh[i] = outHash(o); if (o !== FAIL) any = true; }
            if (any) add(prod.ret, pi, 0, c, mixHashes(sh, m));
            continue;
          }
          const rest = level - c;
          if (rest < prod.args.length) continue;
          enumerate(pi, rest, level);
        }
        for (const col of cols) col.ends[level] = col.size;
        if (halt) break;
        const r = hooks.onLevel?.(level);
        const grew = this.distinct !== distinctAtLevel;
        distinctAtLevel = this.distinct;
        if (r === 'restart') { stop = 'restart'; break; }
        if (r) { flush(); return { found: r, stop: 'solved', level }; }
        // empty levels (below the cheapest rule's cost) pass without a clock read, so a late start still sees leaves
        const lr = grew ? lim.check() : null;
        if (lr) { stop = lr; break; }
      }
      flush();
      if (found >= 0) return { found: this.entry(goal, found), stop: 'solved', level };
      return { found: null, stop: stop ?? 'exhausted', level: Math.min(level, lim.maxCost) };
    };
    // failures are common and expected here: building their stack traces would dominate the run
    const traceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return levels();
    } finally {
      Error.stackTraceLimit = traceLimit;
    }
  }
}
