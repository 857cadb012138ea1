/**
 * The named prunings of the abstraction search (./compress-search.ts): rules that discard a candidate pattern, or
 * the turning of a hole into a new argument, because it cannot beat the best so far or is dominated by another
 * candidate the search also reaches. The search counts each rule's firings by name.
 */
import { APP, type NodeTable } from './compress-table.ts';

/** What pruning rules see of a candidate pattern. */
export interface Candidate {
  /** Occurrences of its matches in the corpus (repeats counted). */
  readonly occurrences: number;
  /** True when its matches span two or more tasks. */
  readonly manyTasks: boolean;
  readonly bound: number;
}

/** A new argument candidate: the node it takes at each match, and per existing argument whether it always equals it. */
export interface ArgumentCandidate {
  readonly t: NodeTable;
  readonly nodes: Int32Array;
  readonly sameAs: readonly boolean[];
}

/** A rule that discards a candidate pattern before it is queued or scored; `best` is the best utility so far. */
export interface PatternPruning {
  readonly name: string;
  apply(c: Candidate, best: number): boolean;
}

/** A rule that discards turning a hole into a new argument. */
export interface ArgumentPruning {
  readonly name: string;
  apply(c: ArgumentCandidate): boolean;
}

/** Prunings of candidate patterns. */
export const PATTERN_PRUNINGS: readonly PatternPruning[] = [
  // An abstraction used once saves nothing (its body is paid for again).
  { name: 'singleUse', apply: (c) => c.occurrences < 2 },
  // Stitch's default: an abstraction must be used by two or more tasks.
  { name: 'singleTask', apply: (c) => !c.manyTasks },
  // Branch and bound: no completion of this pattern can beat the best abstraction found so far.
  { name: 'upperBound', apply: (c, best) => c.bound <= best },
];

/** Prunings of a new argument #i: each is dominated by another expansion of the same hole. */
export const ARGUMENT_PRUNINGS: readonly ArgumentPruning[] = [
  // The argument is the same closed subtree everywhere: putting it in the body instead is better. (One that mentions
  // variables from outside the abstraction cannot go in the body, so it stays an argument.)
  { name: 'uselessAbstract', apply: (c) => c.t.maxFree[c.nodes[0]!]! < 0 && c.nodes.every((n) => n === c.nodes[0]) },
  // The argument always equals an existing one: reusing that argument is better.
  { name: 'forceMultiuse', apply: (c) => c.sameAs.some((s) => s) },
  // The argument is always an application with the same function, or the same argument: see sharedPart.
  { name: 'sharedPart', apply: (c) => sharedPart(c.t, c.nodes, 1, 0, c.nodes.length) },
];

/**
 * True when the `count` values (`values[offset + i * stride]`) of an argument #j are all applications `(g y)` with one
 * and the same closed `g` (or all `(g h)` with one closed `h`). Then the pattern with `(g #j)` (or `(#j h)`) in place
 * of #j matches the same nodes with the same arguments less that part, and each use saves its cost more, once per use,
 * for a body that costs that much more once per occurrence of #j: it is at least as good whenever the abstraction is
 * used as often as #j occurs in it (as Stitch's useless-abstraction rule, this ignores uses that only the larger
 * argument would contain). The search reaches that pattern by expanding the hole instead. Argument values never
 * mention variables bound in the body, so a closed part can move into it.
 */
export function sharedPart(t: NodeTable, values: Int32Array, stride: number, offset: number, count: number): boolean {
  if (count === 0) return false;
  const kind = t.kind, a = t.a, b = t.b, maxFree = t.maxFree;
  const x0 = values[offset]!;
  if (kind[x0] !== APP) return false;
  const g = a[x0]!, h = b[x0]!;
  let sameG = maxFree[g]! < 0, sameH = maxFree[h]! < 0;
  for (let i = 1; i < count && (sameG || sameH); i++) {
    const x = values[offset + i * stride]!;
    if (kind[x] !== APP) return false;
    if (a[x] !== g) sameG = false;
    if (b[x] !== h) sameH = false;
  }
  return sameG || sameH;
}
