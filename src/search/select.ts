/**
 * Checking programs against examples under a task's loss, and the preference for the simplest program.
 */
import { size, type Expr } from '../lang/expr.ts';
import { compile, runCompiled, type Compiled } from '../lang/evaluate.ts';
import type { PrimitiveSet, Value } from '../lang/primitive.ts';
import { print } from '../lang/print.ts';
import { valueEquals } from '../lang/value.ts';
import type { Example, Loss } from '../task/task.ts';

/** Fuel and value-size limits for one example. */
export interface CheckLimits {
  readonly fuel?: number;
  readonly maxSize?: number;
}

function close(a: unknown, b: unknown, eps: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= eps || a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => close(x, b[i], eps));
  return valueEquals(a, b);
}

/** True when `got` counts as `want` under the loss (mse compares each output within √threshold). */
export function outputMatches(got: Value, want: Value, loss: Loss | undefined): boolean {
  if (!loss || loss.kind === 'exact') return valueEquals(got, want);
  if (loss.kind === 'tolerance') return close(got, want, loss.epsilon);
  return close(got, want, Math.sqrt(loss.threshold));
}

export interface Check {
  readonly correct: number;
  readonly total: number;
  /** Every example correct (exact/tolerance), or the mean squared error within the threshold (mse). */
  readonly passed: boolean;
}

/** Runs a compiled program on examples. */
export function checkCompiled(fn: Compiled, examples: readonly Example[], loss: Loss | undefined, limits: CheckLimits = {}): Check {
  let correct = 0, se = 0, numeric = true;
  for (const e of examples) {
    const r = runCompiled(fn, e.inputs, limits);
    if (r.ok && outputMatches(r.value, e.output, loss)) correct++;
    if (loss?.kind === 'mse') {
      if (r.ok && typeof r.value === 'number' && typeof e.output === 'number') se += (r.value - e.output) ** 2;
      else numeric = false;
    }
  }
  const total = examples.length;
  const passed = loss?.kind === 'mse' ? numeric && total > 0 && se / total <= loss.threshold : correct === total;
  return { correct, total, passed };
}

/** Compiles and runs a program on examples; a program that does not compile passes nothing. */
export function checkProgram(program: Expr, examples: readonly Example[], prims: PrimitiveSet, loss?: Loss, limits: CheckLimits = {}): Check {
  let fn: Compiled;
  try { fn = compile(program, prims); } catch { return { correct: 0, total: examples.length, passed: false }; }
  return checkCompiled(fn, examples, loss, limits);
}

/** The simplicity order: fewer nodes, then shorter and lexically smaller text. */
export function compareSimplicity(a: Expr, b: Expr): number {
  const d = size(a) - size(b);
  if (d !== 0) return d;
  const pa = print(a), pb = print(b);
  return pa.length - pb.length || (pa < pb ? -1 : pa > pb ? 1 : 0);
}

/** The simplest program of a non-empty list, or null. */
export function simplest(programs: readonly Expr[]): Expr | null {
  let best: Expr | null = null;
  for (const p of programs) if (!best || compareSimplicity(p, best) < 0) best = p;
  return best;
}
