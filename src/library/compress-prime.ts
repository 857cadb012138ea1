/**
 * Incumbents for the abstraction search (Stitch's "arity-zero priming", plus argument-list n-grams): candidate
 * abstractions whose matches are found directly from the node table, with an estimate of their utility that never
 * underestimates. The search scores the most promising exactly before it starts, so its branch and bound prunes
 * from the first expansion, and a time-limited search always has an answer.
 *
 * - Arity zero: every repeated closed subtree.
 * - Argument-list n-grams: `(#0 x1 … xk)` with concrete x1…xk, i.e. k consecutive arguments of a long application
 *   whatever comes before them; these are not subtrees (application is curried), so arity zero misses them.
 */
import { MANY_TASKS, type CorpusIndex } from './compress-index.ts';
import { appendNode, chainTokens, IVAR, type TokenChain, type Tokens } from './compress-match.ts';
import { APP, PRIM, VAR } from './compress-table.ts';
import type { CostModel } from './cost.ts';
import type { Matches } from './rewrite.ts';

export interface PrimeCandidate {
  readonly tokens: Tokens;
  readonly matches: Matches;
  /** Cost of the body as the library pays it: its concrete part, plus `costs.ivar` per argument occurrence. */
  readonly bodyCost: number;
  /** Upper bound on the utility (every occurrence used). */
  readonly estimate: number;
}

/** Longest argument-list n-gram considered. */
const MAX_NGRAM = 48;

/** The most promising candidates of arity ≤ maxArity (highest estimate first), at most `limit` of each kind. */
export function primeCandidates(ix: CorpusIndex, costs: CostModel, penalty: number, maxArity: number, limit: number): PrimeCandidate[] {
  const zero = arityZero(ix, costs, penalty, limit);
  return (maxArity >= 1 ? [...zero, ...ngrams(ix, costs, penalty, limit)] : zero).sort((x, y) => y.estimate - x.estimate);
}

function arityZero(ix: CorpusIndex, costs: CostModel, P: number, limit: number): PrimeCandidate[] {
  const { t, numPaths, taskOf } = ix;
  const cands: number[] = [], est = new Float64Array(ix.n);
  for (let n = 0; n < ix.n; n++) {
    if (numPaths[n]! < 2 || taskOf[n] !== MANY_TASKS || t.maxFree[n]! >= 0 || t.kind[n] === PRIM || t.kind[n] === VAR) continue;
    est[n] = numPaths[n]! * (t.cost[n]! - costs.prim) - P * t.cost[n]!;
    if (est[n]! > 0) cands.push(n);
  }
  cands.sort((x, y) => est[y]! - est[x]!);
  return cands.slice(0, limit).map((n) => {
    return {
      tokens: chainTokens(appendNode(t, null, n), 0), bodyCost: t.cost[n]!, estimate: est[n]!,
      matches: { locs: Int32Array.of(n), arity: 0, args: new Int32Array(0), argDepth: new Int32Array(0), utilOnce: Float64Array.of(t.cost[n]! - costs.prim) },
    };
  });
}

function ngrams(ix: CorpusIndex, costs: CostModel, P: number, limit: number): PrimeCandidate[] {
  const { t, numPaths, taskOf } = ix, N = ix.n, kind = t.kind, a = t.a, b = t.b, cost = t.cost;
  // Level k: for every application node y still in play, the id of the n-gram of its k last arguments and the node
  // k steps down its function spine. N-gram ids are interned (previous id, argument node) pairs, so equal ids mean
  // equal n-grams.
  const key = new Int32Array(N).fill(-1), cur = new Int32Array(N);
  let live: number[] = [];
  for (let y = 0; y < N; y++) if (kind[y] === APP && numPaths[y]! > 0) { live.push(y); key[y] = 0; cur[y] = y; }
  const intern = new Map<number, number>();
  const occ: number[] = [0], first: number[] = [-1], many: number[] = [0], sum: number[] = [0], len: number[] = [0], rep: number[] = [-1];
  const best: { id: number; est: number }[] = [];
  const use = costs.prim + costs.app; // (fn_i #0)
  for (let k = 1; k <= MAX_NGRAM && live.length > 0; k++) {
    const next: number[] = [];
    const touched: number[] = [];
    for (const y of live) {
      const z = cur[y]!;
      if (kind[z] !== APP) continue;
      const x = b[z]!;
      if (t.maxFree[x]! >= 0) continue; // a concrete argument may not mention variables from outside
      const pk = key[y]! * 67108864 + x;
      let id = intern.get(pk);
      if (id === undefined) {
        id = occ.length; intern.set(pk, id);
        occ.push(0); first.push(-1); many.push(0); sum.push(sum[key[y]!]! + cost[x]! + costs.app); len.push(k); rep.push(y);
        touched.push(id);
      }
      occ[id]! += numPaths[y]!;
      const tk = taskOf[y]!;
      if (tk === MANY_TASKS) many[id] = 1;
      else if (first[id] === -1) first[id] = tk;
      else if (first[id] !== tk) many[id] = 1;
      key[y] = id; cur[y] = a[z]!;
      next.push(y);
    }
    for (const id of touched) {
      if (occ[id]! < 2 || !many[id]) continue;
      const e = occ[id]! * (sum[id]! - use) - P * (sum[id]! + costs.ivar);
      if (e <= 0) continue;
      best.push({ id, est: e });
    }
    if (best.length > 4 * limit) { best.sort((p, q) => q.est - p.est); best.length = limit; }
    // Only n-grams seen twice can grow into repeated longer ones.
    live = next.filter((y) => occ[key[y]!]! >= 2);
  }
  best.sort((p, q) => q.est - p.est);
  return best.slice(0, limit).map(({ id, est }) => {
    const k = len[id]!, y0 = rep[id]!;
    const gram: number[] = []; // x1 … xk, outermost argument first
    for (let z = y0, j = 0; j < k; j++, z = a[z]!) gram.push(b[z]!);
    const locs: number[] = [], args: number[] = [];
    for (let y = 0; y < N; y++) {
      if (numPaths[y] === 0) continue;
      let z = y, j = 0;
      for (; j < k && kind[z] === APP && b[z] === gram[j]; j++) z = a[z]!;
      if (j === k) { locs.push(y); args.push(z); }
    }
    let chain: TokenChain | null = null;
    for (let j = 0; j < k; j++) chain = { prev: chain, kind: APP, val: 0 };
    chain = { prev: chain, kind: IVAR, val: 0 };
    for (let j = k - 1; j >= 0; j--) chain = appendNode(t, chain, gram[j]!);
    const utilOnce = new Float64Array(locs.length).fill(sum[id]! - use);
    return {
      tokens: chainTokens(chain, 1), bodyCost: sum[id]! + costs.ivar, estimate: est,
      matches: { locs: Int32Array.from(locs), arity: 1, args: Int32Array.from(args), argDepth: Int32Array.of(0), utilOnce },
    };
  });
}
