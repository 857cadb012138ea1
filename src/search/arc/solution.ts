/** What every ARC strategy returns: a program consistent with all train pairs, its cost, and a predictor. */
import type { Expr } from '../../lang/expr.ts';
import type { Grid } from '../../lang/primitives/grid.ts';
import type { Meter } from '../budget.ts';
import type { ArcTask } from '../../task/arc.ts';
import { gridEquals } from '../../lang/primitives/grid.ts';

export interface Solution {
  /** The program body over $0 (the input grid); solve.ts wraps it in a lambda. */
  readonly body: Expr;
  /** Description length: lower is preferred. */
  readonly cost: number;
  /** The strategy that found it. */
  readonly strategy: string;
  /** Predicts the output for an input; throws when the program fails on it. */
  readonly predict: (g: Grid) => Grid;
}

/** What a strategy receives: the task, a budget meter, and a sink for solutions. */
export interface StrategyContext {
  readonly task: ArcTask;
  readonly meter: Meter;
  readonly add: (s: Solution) => void;
}

/** A named ARC strategy; `run` reports solutions through ctx.add and stops when the meter says so. */
export interface Strategy {
  readonly name: string;
  readonly run: (ctx: StrategyContext) => void;
}

/** Runs `f`, returning null if it throws (evaluation failures are ordinary during search). */
export function attempt<T>(f: () => T): T | null {
  try { return f(); } catch { return null; }
}

/** True when `predict` reproduces every train output. */
export function fitsTrain(task: ArcTask, predict: (g: Grid) => Grid): boolean {
  return task.train.every((p) => { const o = attempt(() => predict(p.input)); return o !== null && gridEquals(o, p.output); });
}

/** A consistent colour map (as ten digits, identity where unconstrained) taking each pred to its target, or null. */
export function inferColourMap(preds: readonly Grid[], targets: readonly Grid[]): string | null {
  const m = new Array<number>(10).fill(-1);
  for (let i = 0; i < preds.length; i++) {
    const p = preds[i]!, t = targets[i]!;
    if (p.length !== t.length || p[0]!.length !== t[0]!.length) return null;
    for (let r = 0; r < p.length; r++) {
      const pr = p[r]!, tr = t[r]!;
      for (let c = 0; c < pr.length; c++) {
        const a = pr[c]!, b = tr[c]!;
        if (m[a] === -1) m[a] = b; else if (m[a] !== b) return null;
      }
    }
  }
  return m.map((x, i) => (x < 0 ? i : x)).join('');
}
