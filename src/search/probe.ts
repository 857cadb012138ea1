/**
 * Probe (Barke, Peleg, Polikarpova, OOPSLA 2020): just-in-time learning of the grammar's weights from partial
 * solutions. A program that satisfies a new subset of the examples raises the probability of every rule it uses:
 * p'(R) ∝ p(R)^(1 − fit(R)), fit(R) the largest fraction of examples solved by a partial solution using R;
 * enumeration then restarts with costs round(−log2 p').
 */
import type { Production, Productions } from './bottomup-productions.ts';
import type { Entry } from './bottomup-bank.ts';

/** Rule probabilities normalized among the rules of each slot, from the grammar's weights (log-scores). */
export function ruleProbabilities(P: Productions): number[] {
  const z = new Map<number, number>();
  for (const p of P.prods) z.set(p.ret, (z.get(p.ret) ?? 0) + Math.exp(p.weight));
  return P.prods.map((p) => Math.exp(p.weight) / z.get(p.ret)!);
}

/** Integer costs for the enumerator: round(−log2 p), at least 1. */
export function ruleCosts(probs: readonly number[]): number[] {
  return probs.map((p) => Math.max(1, Math.round(-Math.log2(p))));
}

/** The production rules a program uses. */
export function rulesOf(e: Entry, out: Set<Production> = new Set()): Set<Production> {
  out.add(e.prod);
  for (const k of e.kids) rulesOf(k, out);
  return out;
}

/** Tracks partial solutions and re-weights the grammar from them. */
export interface ProbeState {
  /** Record a goal-slot program with the examples it satisfies (as a '0'/'1' mask). Returns true if the subset is new. */
  observe(e: Entry, mask: string): boolean;
  /** Whether new partial solutions arrived since the last update. */
  readonly pending: boolean;
  /** New probabilities from the fits seen so far; clears `pending`. */
  update(): number[];
}

export function probeState(P: Productions, base: readonly number[]): ProbeState {
  const seen = new Set<string>();
  const fit = new Map<Production, number>();
  let pending = false;
  return {
    observe(e, mask) {
      if (seen.has(mask)) return false;
      seen.add(mask);
      let ones = 0;
      for (let i = 0; i < mask.length; i++) if (mask.charCodeAt(i) === 49) ones++;
      const f = ones / mask.length;
      for (const r of rulesOf(e)) if ((fit.get(r) ?? 0) < f) { fit.set(r, f); pending = true; }
      return true;
    },
    get pending() { return pending; },
    update() {
      pending = false;
      const raw = P.prods.map((p, i) => Math.pow(base[i]!, 1 - (fit.get(p) ?? 0)));
      const z = new Map<number, number>();
      P.prods.forEach((p, i) => z.set(p.ret, (z.get(p.ret) ?? 0) + raw[i]!));
      return P.prods.map((p, i) => raw[i]! / z.get(p.ret)!);
    },
  };
}
