/**
 * A corpus indexed for compression: its programs interned into one node table, with, per node, how many times it
 * occurs in the corpus (counting repeats), which task it belongs to (or several), its distinct parents, and how many
 * applications its subtree holds.
 */
import type { Expr } from '../lang/expr.ts';
import { APP, createTable, internExpr, LAM, type NodeTable } from './compress-table.ts';
import type { CostModel } from './cost.ts';

/** `taskOf` value of a node occurring in two or more tasks. */
export const MANY_TASKS = -2;

export interface CorpusIndex {
  readonly t: NodeTable;
  /** Number of corpus nodes (ids below this; later ids are shifted copies made during search). */
  readonly n: number;
  /** Root node per program, the task of each program, and each task's first program (CSR: taskStart[k]..[k+1]). */
  readonly roots: Int32Array;
  readonly rootTask: Int32Array;
  readonly taskStart: Int32Array;
  readonly numTasks: number;
  /** Occurrences of each node in the corpus, counting repeats inside and across programs (0: unreachable). */
  readonly numPaths: Float64Array;
  /** The reachable nodes (numPaths above 0), ascending: the matches of the search's root pattern. Never written. */
  readonly reachable: Int32Array;
  /** The one task a node occurs in, or MANY_TASKS; -1 if unreachable. */
  readonly taskOf: Int32Array;
  /** Distinct parents of each node (CSR: parents[parentStart[i] .. parentStart[i+1]]). */
  readonly parentStart: Int32Array;
  readonly parents: Int32Array;
  /** Per task, the cost of its cheapest program. */
  readonly taskCost: Float64Array;
  /** Sum of taskCost. */
  readonly cost: number;
  /** Applications in each node's subtree (the abstraction search's size stages count them). */
  readonly apps: Int32Array;
  /** The most applications on one root-to-leaf path of the corpus. */
  readonly appDepth: number;
}

/** Interns the programs of each task and computes the per-node tables. */
export function buildIndex(tasks: readonly (readonly Expr[])[], costs: CostModel): CorpusIndex {
  const t = createTable(costs, 4096);
  const roots: number[] = [], rootTask: number[] = [];
  const taskStart = new Int32Array(tasks.length + 1);
  tasks.forEach((programs, k) => {
    taskStart[k] = roots.length;
    for (const p of programs) { roots.push(internExpr(t, p)); rootTask.push(k); }
  });
  taskStart[tasks.length] = roots.length;
  const n = t.n;
  const numPaths = new Float64Array(n);
  const taskOf = new Int32Array(n).fill(-1);
  for (let r = 0; r < roots.length; r++) {
    const id = roots[r]!, k = rootTask[r]!;
    numPaths[id]! += 1;
    taskOf[id] = taskOf[id] === -1 || taskOf[id] === k ? k : MANY_TASKS;
  }
  const merge = (child: number, k: number): void => {
    const c = taskOf[child]!;
    taskOf[child] = c === -1 || c === k ? k : MANY_TASKS;
  };
  const kind = t.kind, a = t.a, b = t.b;
  const parentCount = new Int32Array(n + 1);
  for (let id = n - 1; id >= 0; id--) {
    const m = numPaths[id]!;
    if (m === 0) continue;
    const k = taskOf[id]!;
    if (kind[id] === APP) {
      numPaths[a[id]!]! += m; numPaths[b[id]!]! += m;
      merge(a[id]!, k); merge(b[id]!, k);
      parentCount[a[id]!]!++;
      if (b[id] !== a[id]) parentCount[b[id]!]!++;
    } else if (kind[id] === LAM) {
      numPaths[a[id]!]! += m; merge(a[id]!, k); parentCount[a[id]!]!++;
    }
  }
  const parentStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) parentStart[i + 1] = parentStart[i]! + parentCount[i]!;
  const parents = new Int32Array(parentStart[n]!);
  const fill = parentStart.slice(0, n);
  for (let id = 0; id < n; id++) {
    if (numPaths[id] === 0) continue;
    if (kind[id] === APP) {
      parents[fill[a[id]!]!++] = id;
      if (b[id] !== a[id]) parents[fill[b[id]!]!++] = id;
    } else if (kind[id] === LAM) parents[fill[a[id]!]!++] = id;
  }
  const taskCost = new Float64Array(tasks.length);
  let cost = 0;
  for (let k = 0; k < tasks.length; k++) {
    let best = Infinity;
    for (let r = taskStart[k]!; r < taskStart[k + 1]!; r++) best = Math.min(best, t.cost[roots[r]!]!);
    taskCost[k] = best === Infinity ? 0 : best;
    cost += taskCost[k]!;
  }
  return {
    t, n, roots: Int32Array.from(roots), rootTask: Int32Array.from(rootTask), taskStart, numTasks: tasks.length,
    numPaths, reachable: reachableNodes(numPaths), taskOf, parentStart, parents, taskCost, cost, ...appCounts(t, n, numPaths),
  };
}

/** The nodes of nonzero occurrence count, ascending. */
function reachableNodes(numPaths: Float64Array): Int32Array {
  let count = 0;
  for (let n = 0; n < numPaths.length; n++) if (numPaths[n]! > 0) count++;
  const out = new Int32Array(count);
  for (let n = 0, q = 0; n < numPaths.length; n++) if (numPaths[n]! > 0) out[q++] = n;
  return out;
}

/** Applications in each of the first `n` nodes' subtrees, and the most on one path from a reachable node down. */
function appCounts(t: NodeTable, n: number, numPaths: Float64Array): { apps: Int32Array; appDepth: number } {
  const kind = t.kind, a = t.a, b = t.b;
  const apps = new Int32Array(n), deep = new Int32Array(n); // children are interned before their parents
  let appDepth = 0;
  for (let id = 0; id < n; id++) {
    if (kind[id] === APP) { apps[id] = 1 + apps[a[id]!]! + apps[b[id]!]!; deep[id] = 1 + Math.max(deep[a[id]!]!, deep[b[id]!]!); }
    else if (kind[id] === LAM) { apps[id] = apps[a[id]!]!; deep[id] = deep[a[id]!]!; }
    if (numPaths[id]! > 0 && deep[id]! > appDepth) appDepth = deep[id]!;
  }
  return { apps, appDepth };
}

/**
 * Corpus cost saved when each node `x` marked with stamp `st` saves `saved[x]`: per task, its cheapest program
 * after the savings against the task's cost before (used by the exact utility and by the overlap bound).
 */
export function taskSavings(ix: CorpusIndex, mark: Int32Array, st: number, saved: Float64Array): number {
  let total = 0;
  const roots = ix.roots, taskStart = ix.taskStart, cost = ix.t.cost;
  for (let k = 0; k < ix.numTasks; k++) {
    let best = Infinity;
    for (let r = taskStart[k]!; r < taskStart[k + 1]!; r++) {
      const x = roots[r]!;
      const c = cost[x]! - (mark[x] === st ? saved[x]! : 0);
      if (c < best) best = c;
    }
    if (best !== Infinity) total += ix.taskCost[k]! - best;
  }
  return total;
}

/**
 * Marks (with stamp `st`) every ancestor of the `cnt` nodes already in `order`, appending each once to `order`
 * (breadth-first over parent links); returns the new count.
 */
export function markAncestors(ix: CorpusIndex, mark: Int32Array, st: number, order: Int32Array, cnt: number): number {
  const { parentStart, parents } = ix;
  for (let q = 0; q < cnt; q++) {
    const x = order[q]!;
    for (let p = parentStart[x]!, e = parentStart[x + 1]!; p < e; p++) {
      const y = parents[p]!;
      if (mark[y] !== st) { mark[y] = st; order[cnt++] = y; }
    }
  }
  return cnt;
}
