/**
 * solveArc: runs the ARC strategies under one time budget, collects every program consistent with all train
 * pairs, and ranks them simplest first, yielding up to `attempts` distinct predicted outputs per test input.
 */
import { lam } from '../../lang/expr.ts';
import { print } from '../../lang/print.ts';
import { gridEquals, gridKey, type Grid } from '../../lang/primitives/grid.ts';
import type { ArcTask } from '../../task/arc.ts';
import type { Clock } from '../../util/clock.ts';
import { startMeter, type StopReason } from '../budget.ts';
import { attempt, type Solution, type Strategy } from './solution.ts';
import { defaultStrategies } from './strategies.ts';
import { predictSizes } from './size.ts';

export { isArcTask } from '../../task/arc.ts';

export interface ArcSolveOptions {
  readonly timeoutMs: number;
  readonly attempts?: number;
  readonly clock: Clock;
  readonly strategies?: readonly Strategy[];
}

export interface ArcSolveResult {
  /** Per test input, up to `attempts` distinct candidate outputs, best first. */
  readonly attempts: Grid[][];
  /** The best-ranked program, printed, or null when nothing fits the train pairs. */
  readonly program: string | null;
  /** Per test input, whether one of the attempts equals the known output (absent when outputs are hidden). */
  readonly correct?: boolean[];
  readonly ms: number;
  /** Number of consistent programs found, per strategy. */
  readonly stats: Record<string, number>;
  readonly stopReason: StopReason;
  /** The programs behind the first test input's attempts, printed. */
  readonly programs: string[];
}

/** Solutions at most this costly count as simple (see the time shares in solveArc). */
const SIMPLE_COST = 12;

/** Solves one ARC task. */
export function solveArc(task: ArcTask, opts: ArcSolveOptions): ArcSolveResult {
  const attempts = opts.attempts ?? 2;
  const t0 = opts.clock.now();
  const strategies = opts.strategies ?? defaultStrategies();
  const found: Solution[] = [];
  const stats: Record<string, number> = {};
  let stopReason: StopReason = 'exhausted';
  const sizes = predictSizes(task);
  const test = task.test.map((p) => p.input);
  for (let i = 0; i < strategies.length; i++) {
    const left = opts.timeoutMs - (opts.clock.now() - t0);
    if (left <= 0) { stopReason = 'timeLimit'; break; }
    const share = i === strategies.length - 1 ? left : left / Math.max(1, strategies.length - i) * 1.5;
    // once something simple fits, later strategies only look briefly for alternatives (second and third attempts);
    // a complex fit (a big lookup table, a long chain) leaves them their full share, as it is often a coincidence
    const simplest = Math.min(Infinity, ...found.map((f) => f.cost));
    const cap = simplest <= SIMPLE_COST ? Math.min(share, opts.timeoutMs / 3) : share;
    const meter = startMeter({ timeMs: Math.min(left, cap) }, opts.clock);
    const s = strategies[i]!;
    s.run({
      task, meter, add: (sol) => {
        found.push(sol);
        stats[sol.strategy] = (stats[sol.strategy] ?? 0) + 1;
      },
    });
  }
  // rank: cheapest first; a program whose test output size disagrees with every size rule ranks later
  const scored = found.map((s, order) => {
    const preds = test.map((g) => attempt(() => s.predict(g)));
    const sizeOk = preds.every((p, i) => p !== null && (sizes.length === 0 || sizes.some((f) => {
      const hw = attempt(() => f.size(test[i]!));
      return hw !== null && hw[0] === p.length && hw[1] === p[0]!.length;
    })));
    return { s, preds, rank: s.cost + (sizeOk ? 0 : 10), order };
  }).filter((x) => x.preds.some((p) => p !== null));
  scored.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const out: Grid[][] = test.map(() => []);
  const programs: string[] = [];
  for (let i = 0; i < test.length; i++) {
    const keys = new Set<string>();
    for (const x of scored) {
      if (out[i]!.length >= attempts) break;
      const p = x.preds[i];
      if (!p || p.length === 0 || p.length > 30 || p[0]!.length > 30 || keys.has(gridKey(p))) continue;
      keys.add(gridKey(p));
      out[i]!.push(p.map((r) => [...r]));
      if (i === 0) programs.push(print(lam(x.s.body)));
    }
  }
  const hasOutputs = task.test.every((p) => p.output !== undefined);
  const correct = hasOutputs ? task.test.map((p, i) => out[i]!.some((g) => gridEquals(g, p.output!))) : undefined;
  return {
    attempts: out,
    program: scored.length ? print(lam(scored[0]!.s.body)) : null,
    ...(correct ? { correct } : {}),
    ms: opts.clock.now() - t0,
    stats,
    stopReason: scored.length ? 'solved' : stopReason,
    programs,
  };
}
