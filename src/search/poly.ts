/**
 * The closed-form engine ('poly'): an int -> int task whose outputs follow a polynomial in its input with small
 * rational coefficients (sums of squares, triangular numbers, areas, affine maps) is solved by exact interpolation
 * instead of search. Newton's divided differences over the first d + 1 examples (BigInt rationals) give the
 * polynomial of degree d; it is kept only if every other example agrees, with at least two examples to spare, and
 * written as a program in Horner form over the task's `+`, `-`, `*` and `/`: (/ N D) with N an integer polynomial and
 * D its common denominator, exact wherever the outputs are integers. The lowest degree that fits wins.
 */
import { app, int, lam, prim, v, type Expr } from '../lang/expr.ts';
import { tint, typeEquals, splitArrow } from '../lang/type.ts';
import type { Task } from '../task/task.ts';
import { startMeter } from './budget.ts';
import { emptyStats, type SearchContext, type SearchEngine, type SearchResult } from './engine.ts';
import { checkProgram } from './select.ts';

export interface PolyOptions {
  /** Highest degree tried (default 4). */
  readonly maxDegree?: number;
  /** Examples beyond the d + 1 a degree-d polynomial interpolates, that must agree with it (default 2). */
  readonly spare?: number;
  /** Largest numerator coefficient and denominator in absolute value (default 10^6: a formula, not a fitted table). */
  readonly maxCoefficient?: number;
}

/** A rational number p/q, q > 0, in lowest terms. */
interface Q { readonly p: bigint; readonly q: bigint }

const gcd = (a: bigint, b: bigint): bigint => { a = a < 0n ? -a : a; b = b < 0n ? -b : b; while (b) [a, b] = [b, a % b]; return a; };
function q(p: bigint, d: bigint = 1n): Q {
  if (d < 0n) { p = -p; d = -d; }
  const g = gcd(p, d) || 1n;
  return { p: p / g, q: d / g };
}
const add = (a: Q, b: Q): Q => q(a.p * b.q + b.p * a.q, a.q * b.q);
const sub = (a: Q, b: Q): Q => q(a.p * b.q - b.p * a.q, a.q * b.q);
const mul = (a: Q, b: Q): Q => q(a.p * b.p, a.q * b.q);
const div = (a: Q, b: Q): Q => q(a.p * b.q, a.q * b.p);

/**
 * The polynomial through points (x_i, y_i), i < n, distinct x, as coefficients of 1, x, x^2, … (Newton's divided
 * differences, then the Newton form expanded).
 */
export function interpolate(xs: readonly bigint[], ys: readonly bigint[]): Q[] {
  const n = xs.length;
  const dd: Q[] = ys.map((y) => q(y));
  // dd[i] becomes f[x_0 … x_i]
  for (let j = 1; j < n; j++) for (let i = n - 1; i >= j; i--) dd[i] = div(sub(dd[i]!, dd[i - 1]!), q(xs[i]! - xs[i - j]!));
  // Horner over the Newton form: c(x) = dd[n-1], then c(x) * (x - x_i) + dd[i]
  let c: Q[] = [dd[n - 1]!];
  for (let i = n - 2; i >= 0; i--) {
    const next: Q[] = Array.from({ length: c.length + 1 }, () => q(0n));
    c.forEach((ck, k) => {
      next[k + 1] = add(next[k + 1]!, ck);
      next[k] = sub(next[k]!, mul(ck, q(xs[i]!)));
    });
    next[0] = add(next[0]!, dd[i]!);
    c = next;
  }
  while (c.length > 1 && c[c.length - 1]!.p === 0n) c.pop();
  return c;
}

/** Integer coefficients N_k and denominator D with p(x) = (Σ N_k x^k) / D. */
export function overCommonDenominator(c: readonly Q[]): { num: bigint[]; den: bigint } {
  let den = 1n;
  for (const x of c) den = (den / gcd(den, x.q)) * x.q;
  return { num: c.map((x) => (x.p * den) / x.q), den };
}

/** (Σ num_k x^k) / den as an expression in Horner form over variable `x`. */
export function polyExpr(num: readonly bigint[], den: bigint, x: Expr): Expr {
  const lit = (n: bigint): Expr => int(Number(n));
  const d = num.length - 1;
  let acc: Expr = lit(num[d]!);
  if (d === 0) return den === 1n ? acc : app(prim('/'), acc, lit(den));
  for (let k = d - 1; k >= 0; k--) {
    const ck = num[k]!;
    // acc * x (x alone when acc is 1)
    const times: Expr = acc.kind === 'lit' && acc.lit.value === 1 ? x : app(prim('*'), acc, x);
    acc = ck === 0n ? times : ck > 0n ? app(prim('+'), times, lit(ck)) : app(prim('-'), times, lit(-ck));
  }
  return den === 1n ? acc : app(prim('/'), acc, lit(den));
}

/** The closed-form engine. */
export function poly(options: PolyOptions = {}): SearchEngine {
  const maxDegree = options.maxDegree ?? 4, spare = options.spare ?? 2, maxCoef = BigInt(options.maxCoefficient ?? 1_000_000);
  return {
    name: 'poly',
    search(task: Task, ctx: SearchContext): SearchResult {
      const stats = emptyStats();
      const budget = startMeter(ctx.budget, ctx.clock);
      const done = (program: Expr | null, stopReason: SearchResult['stopReason']): SearchResult =>
        ({ program, frontier: program ? [program] : [], stopReason, stats, ms: budget.elapsed() });
      const early = budget.check();
      if (early) return done(null, early);
      const points = pointsOf(task);
      if (!points || !['+', '-', '*', '/'].every((n) => ctx.prims.has(n))) {
        stats.rules['poly.notApplicable'] = 1;
        return done(null, 'exhausted');
      }
      const { xs, ys } = points;
      for (let d = 0; d <= maxDegree && d + 1 + spare <= xs.length; d++) {
        stats.enumerated++;
        const c = interpolate(xs.slice(0, d + 1), ys.slice(0, d + 1));
        const { num, den } = overCommonDenominator(c);
        if (den > maxCoef || num.some((n) => n > maxCoef || n < -maxCoef)) continue;
        // every example agrees exactly: den * y = N(x)
        const fits = xs.every((x, i) => num.reduceRight((acc, n) => acc * x + n, 0n) === den * ys[i]!);
        stats.evaluated++;
        if (!fits) continue;
        const program = lam(polyExpr(num, den, v(0)));
        // the task's own primitives decide (63-bit wrap-around, division rounding): checked as any engine's program
        if (!checkProgram(program, task.train, ctx.prims, task.loss, { fuel: 100_000 }).passed) continue;
        stats.distinct++;
        stats.rules[`poly.degree${num.length - 1}`] = 1;
        return done(program, 'solved');
      }
      return done(null, 'exhausted');
    },
  };
}

/** The task's examples as distinct integer points (x, y), or null when it is not an exact int -> int task. */
function pointsOf(task: Task): { xs: bigint[]; ys: bigint[] } | null {
  const { args, ret } = splitArrow(task.type);
  if (args.length !== 1 || !typeEquals(args[0]!, tint) || !typeEquals(ret, tint)) return null;
  if (task.loss && task.loss.kind !== 'exact') return null;
  const seen = new Map<bigint, bigint>();
  for (const e of task.train) {
    const x = e.inputs[0], y = e.output;
    if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) return null;
    const bx = BigInt(x as number), by = BigInt(y as number), was = seen.get(bx);
    if (was !== undefined && was !== by) return null;
    seen.set(bx, by);
  }
  return { xs: [...seen.keys()], ys: [...seen.values()] };
}
