/**
 * Pareto fronts for multi-objective studies: fast non-dominated sorting (Deb et al. 2002, NSGA-II) over objective
 * vectors, each objective minimized or maximized. Pure; no study state.
 */

/** Whether each objective is minimized or maximized. */
export type Direction = 'minimize' | 'maximize';

/** True when `a` is at least as good as `b` in every objective and strictly better in one. */
export function dominates(a: readonly number[], b: readonly number[], directions: readonly Direction[]): boolean {
  let strictly = false;
  for (let i = 0; i < directions.length; i++) {
    const s = directions[i] === 'maximize' ? -1 : 1;
    const x = s * a[i]!, y = s * b[i]!;
    if (Number.isNaN(x) || x > y) return false;
    if (x < y || Number.isNaN(y)) strictly = true;
  }
  return strictly;
}

/**
 * Sorts points into fronts: front 0 is non-dominated, front k is non-dominated once fronts < k are removed.
 * Returns indices into `points`, each front in index order. O(M·N²).
 */
export function nonDominatedSort(points: readonly (readonly number[])[], directions: readonly Direction[]): number[][] {
  const n = points.length;
  const dominated: number[][] = points.map(() => []);
  const count = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (dominates(points[i]!, points[j]!, directions)) { dominated[i]!.push(j); count[j]++; }
      else if (dominates(points[j]!, points[i]!, directions)) { dominated[j]!.push(i); count[i]++; }
    }
  }
  const fronts: number[][] = [];
  let current = [...Array(n).keys()].filter((i) => count[i] === 0);
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const i of current) for (const j of dominated[i]!) if (--count[j] === 0) next.push(j);
    current = next.sort((a, b) => a - b);
  }
  return fronts;
}

/** Indices of the non-dominated points (the first front). */
export function paretoFront(points: readonly (readonly number[])[], directions: readonly Direction[]): number[] {
  return nonDominatedSort(points, directions)[0] ?? [];
}
