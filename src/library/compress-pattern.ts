/**
 * The abstraction search's partial abstractions (./compress-search.ts): a pattern is an abstraction body with holes,
 * with its matches in the corpus and an upper bound on the utility of any completion; the search keeps the open ones
 * in a max-heap by that bound.
 */
import type { CorpusIndex } from './compress-index.ts';
import { chainTokens, type TokenChain, type Tokens } from './compress-match.ts';
import { APP } from './compress-table.ts';

/** Where a hole (or an argument's first occurrence) sits: child moves from the pattern root (0: fn or body, 1: arg). */
export interface Site {
  readonly path: readonly number[];
  /** The path as bits, or -1 when longer than 30 moves. */
  readonly bits: number;
  /** Lambdas of the pattern above it. */
  readonly depth: number;
  /**
   * For an application's argument hole: the nodes there, known when the application was expanded, for the rows of
   * the pattern that expansion made (`rows`, stride `w`, `n` of them). Later patterns' rows are an ordered subset of
   * those, so a merge finds their nodes without walking the (possibly long) path from each match.
   */
  anchor?: { readonly rows: Int32Array; readonly w: number; readonly n: number; readonly nodes: Int32Array };
}

/** A partial abstraction. */
export interface Pattern {
  readonly tokens: TokenChain | null;
  /** Unfilled holes, the next one last. */
  readonly holes: readonly Site[];
  /** First occurrence of each argument, and its number of occurrences. */
  readonly ivars: readonly Site[];
  readonly counts: readonly number[];
  /** Per match i (ascending by node): rows[i * (arity + 1)] is the matched node, then each argument's node there. */
  readonly rows: Int32Array;
  /** Number of matches. */
  readonly n: number;
  /** The node at the next hole for each match, when the expansion that made this pattern knew it (else walked). */
  readonly next: Int32Array | null;
  /** Cost of the body's concrete part (arguments excluded). */
  readonly bodyCost: number;
  /** Upper bound on the utility of any completion (tightened once, when the pattern first reaches the top). */
  bound: number;
  tight: boolean;
  /** Applications the body starts with along its function spine, and whether every token so far is one. */
  readonly spine: number;
  readonly spineOpen: boolean;
  /** Applications in the body (see the search's size stages). */
  readonly apps: number;
}

/** Structure penalty of a body: `P` times its concrete part plus `ivar` per argument occurrence. */
export function bodyPenalty(P: number, ivar: number, bodyCost: number, occurrences: number): number {
  return P * (bodyCost + ivar * occurrences);
}

/**
 * The pattern every search starts from: one hole, matching every reachable corpus node. Its rows and next nodes are
 * the index's `reachable` (computed once per corpus), shared: patterns' rows and next nodes are only ever read.
 */
export function rootPattern(ix: CorpusIndex): Pattern {
  const reachable = ix.reachable;
  return {
    tokens: null, holes: [site([], 0)], ivars: [], counts: [],
    rows: reachable, n: reachable.length, next: reachable, bodyCost: 0, bound: Infinity,
    tight: true, spine: 0, spineOpen: true, apps: 0,
  };
}

/** A site; paths of up to 30 moves are also kept as bits (bit k: move k) for fast walking. */
export function site(path: readonly number[], depth: number): Site {
  let bits = 0;
  if (path.length > 30) bits = -1;
  else for (let k = 0; k < path.length; k++) if (path[k] === 1) bits |= 1 << k;
  return { path, bits, depth };
}

/** Occurrences of arguments in a pattern's body (the library pays `costs.ivar` for each, as Stitch's body cost does). */
export function argOccurrences(p: Pattern): number {
  let o = 0;
  for (const c of p.counts) o += c;
  return o;
}

/** A finished pattern's tokens. */
export function tokensOf(p: Pattern): Tokens {
  return chainTokens(p.tokens, p.ivars.length);
}

/** Applications along a node's function spine. */
export function spineLength(n: number, kind: Uint8Array, ta: Int32Array): number {
  let s = 0;
  while (kind[n] === APP) { s++; n = ta[n]!; }
  return s;
}

/** Adds a pattern to a max-heap by bound. */
export function heapPush(h: Pattern[], p: Pattern): void {
  h.push(p);
  let i = h.length - 1;
  while (i > 0) {
    const up = (i - 1) >> 1;
    if (h[up]!.bound >= p.bound) break;
    h[i] = h[up]!; i = up;
  }
  h[i] = p;
}

/** Removes and returns the pattern of highest bound (the heap must not be empty). */
export function heapPop(h: Pattern[]): Pattern {
  const top = h[0]!;
  const last = h.pop()!;
  if (h.length > 0) {
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && h[r]!.bound > h[l]!.bound ? r : l;
      if (h[c]!.bound <= last.bound) break;
      h[i] = h[c]!; i = c;
    }
    h[i] = last;
  }
  return top;
}
