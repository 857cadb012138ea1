/**
 * Divide and conquer for conditionals (EUSolver, Alur, Radhakrishna, Udupa, TACAS 2017): once the terms found so
 * far together cover every example, learn a decision tree of `if`s whose leaves are terms and whose tests are
 * predicates from the bank. Splits are chosen greedily by how well the best single term covers each side
 * (a cheaper predicate wins ties), with a little backtracking and a bound on the work per attempt.
 */
import type { Value } from '../lang/primitive.ts';

/** A term: a program of the goal type and the examples (1 = correct) it gets right. */
export interface Term { readonly cost: number; readonly covers: Uint8Array }
/** A predicate: a boolean program's outputs (non-booleans, e.g. a failure, make it unusable on that example). */
export interface Pred { readonly cost: number; readonly outs: readonly Value[] }

export type DecisionTree =
  | { readonly kind: 'leaf'; readonly term: number }
  | { readonly kind: 'node'; readonly pred: number; readonly then: DecisionTree; readonly else: DecisionTree };

export interface TreeOptions {
  /** Most recursive calls per attempt (default 400). */
  readonly maxCalls?: number;
  /** Deepest tree (default 8). */
  readonly maxDepth?: number;
  /** Predicates tried per node before giving up on it (default 3). */
  readonly beam?: number;
}

/** Whether the terms' coverage jointly includes every example. */
export function coversAll(terms: readonly Term[], m: number): boolean {
  for (let i = 0; i < m; i++) if (!terms.some((t) => t.covers[i])) return false;
  return true;
}

/** The number of leaves of a tree. */
export const leafCount = (t: DecisionTree): number => (t.kind === 'leaf' ? 1 : leafCount(t.then) + leafCount(t.else));

/**
 * Whether a tree over m examples is a lookup table rather than a program: its leaves average under `perLeaf`
 * examples each (default 3; with two, trees fitted piece by piece won over the rule on list tasks: count-k,
 * keep-mod-k, kth-largest…).
 */
export function isLookupTable(tree: DecisionTree, m: number, perLeaf = 3): boolean {
  return perLeaf * leafCount(tree) > m;
}

/** A decision tree over `examples` (default all), or null when the predicates cannot separate them in budget. */
export function learnTree(terms: readonly Term[], preds: readonly Pred[], m: number, opts: TreeOptions = {}): DecisionTree | null {
  const maxCalls = opts.maxCalls ?? 400, maxDepth = opts.maxDepth ?? 8, beam = opts.beam ?? 3;
  let calls = 0;
  const best = (ex: readonly number[]): number => {
    let b = 0;
    for (const t of terms) {
      let c = 0;
      for (const i of ex) c += t.covers[i]!;
      if (c > b) b = c;
    }
    return b;
  };
  const go = (ex: readonly number[], depth: number): DecisionTree | null => {
    if (++calls > maxCalls) return null;
    let leaf = -1;
    terms.forEach((t, i) => {
      if (ex.every((e) => t.covers[e]) && (leaf < 0 || t.cost < terms[leaf]!.cost)) leaf = i;
    });
    if (leaf >= 0) return { kind: 'leaf', term: leaf };
    if (depth >= maxDepth) return null;
    const scored: { pred: number; score: number; yes: number[]; no: number[] }[] = [];
    preds.forEach((p, pi) => {
      const yes: number[] = [], no: number[] = [];
      for (const e of ex) {
        const o = p.outs[e];
        if (o === true) yes.push(e); else if (o === false) no.push(e); else return;
      }
      if (yes.length === 0 || no.length === 0) return;
      scored.push({ pred: pi, score: best(yes) + best(no), yes, no });
    });
    scored.sort((a, b) => b.score - a.score || preds[a.pred]!.cost - preds[b.pred]!.cost);
    for (const s of scored.slice(0, beam)) {
      const t = go(s.yes, depth + 1);
      if (!t) continue;
      const f = go(s.no, depth + 1);
      if (f) return { kind: 'node', pred: s.pred, then: t, else: f };
    }
    return null;
  };
  return go(Array.from({ length: m }, (_, i) => i), 0);
}

/**
 * The simplest integer c with a < c <= b: 0 if it lies there, else the one with the most trailing zeros, nearest
 * zero (an Occam prior over split constants: between 999 and 1000 it is 1000, between 1981 and 2013 it is 2000).
 */
export function simplestBetween(a: number, b: number): number {
  if (a < 0 && b >= 0) return 0;
  for (let p = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(Math.abs(a), Math.abs(b), 1)))); p >= 1; p /= 10) {
    // the multiple of p in (a, b] nearest zero
    const c = b > 0 ? Math.floor(a / p) * p + p : Math.floor(b / p) * p;
    if (c > a && c <= b) return c;
  }
  return b;
}

/**
 * Split constants for a numeric program with outputs `outs` (integers where it succeeds): between each two
 * neighbouring values it takes, the simplest integer c, so that `x < c` separates the examples below from those
 * above (a decision-tree split on a learned threshold; EUSolver enumerates its predicates, constants included).
 */
export function splitConstants(outs: readonly Value[]): number[] {
  const vs = [...new Set(outs.filter((o): o is number => typeof o === 'number' && Number.isInteger(o)))].sort((x, y) => x - y);
  const out: number[] = [];
  for (let i = 1; i < vs.length; i++) out.push(simplestBetween(vs[i - 1]!, vs[i]!));
  return out;
}
