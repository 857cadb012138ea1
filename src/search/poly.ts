/**
 * The closed-form engine ('poly'): a task whose outputs follow a polynomial in its one numeric input (sums of
 * squares, triangular numbers, areas, unit conversions) is solved by interpolation instead of search; the lowest
 * degree that fits wins, and it is kept only if the examples beyond the d + 1 it interpolates agree, with at least
 * two to spare.
 * - int -> int (exact): Newton's divided differences in BigInt rationals, written in Horner form over the task's
 *   `+`, `-`, `*` and `/` as (/ N D), N an integer polynomial and D its common denominator, exact wherever the
 *   outputs are integers.
 * - real or int -> real (under a tolerance or mean squared error): the same in floating point over `+.` and `*.`,
 *   each coefficient rounded to the fewest significant digits (up to 12) that still pass the task's loss.
 */
import { app, int, lam, prim, real, v, type Expr } from '../lang/expr.ts';
import { tint, treal, typeEquals, splitArrow, type Type } from '../lang/type.ts';
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
/** The arithmetic interpolation needs: exact rationals, or floating point. */
interface Field<T> {
  readonly zero: T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  isZero(a: T): boolean;
}

const RATIONALS: Field<Q> = {
  zero: q(0n),
  add: (a, b) => q(a.p * b.q + b.p * a.q, a.q * b.q),
  sub: (a, b) => q(a.p * b.q - b.p * a.q, a.q * b.q),
  mul: (a, b) => q(a.p * b.p, a.q * b.q),
  div: (a, b) => q(a.p * b.q, a.q * b.p),
  isZero: (a) => a.p === 0n,
};

const FLOATS: Field<number> = {
  zero: 0, add: (a, b) => a + b, sub: (a, b) => a - b, mul: (a, b) => a * b, div: (a, b) => a / b, isZero: (a) => a === 0,
};

/**
 * The polynomial through points (x_i, y_i), i < n, distinct x, as coefficients of 1, x, x^2, … (Newton's divided
 * differences, then the Newton form expanded), its zero leading terms dropped.
 */
function newton<T>(F: Field<T>, xs: readonly T[], ys: readonly T[]): T[] {
  const n = xs.length;
  const dd = [...ys];
  // dd[i] becomes f[x_0 … x_i]
  for (let j = 1; j < n; j++) for (let i = n - 1; i >= j; i--) dd[i] = F.div(F.sub(dd[i]!, dd[i - 1]!), F.sub(xs[i]!, xs[i - j]!));
  // Horner over the Newton form: c(x) = dd[n-1], then c(x) * (x - x_i) + dd[i]
  let c: T[] = [dd[n - 1]!];
  for (let i = n - 2; i >= 0; i--) {
    const next: T[] = new Array<T>(c.length + 1).fill(F.zero);
    c.forEach((ck, k) => {
      next[k + 1] = F.add(next[k + 1]!, ck);
      next[k] = F.sub(next[k]!, F.mul(ck, xs[i]!));
    });
    next[0] = F.add(next[0]!, dd[i]!);
    c = next;
  }
  while (c.length > 1 && F.isZero(c[c.length - 1]!)) c.pop();
  return c;
}

/** The polynomial through integer points, exactly: rational coefficients of 1, x, x^2, … */
export function interpolate(xs: readonly bigint[], ys: readonly bigint[]): Q[] {
  return newton(RATIONALS, xs.map((x) => q(x)), ys.map((y) => q(y)));
}

/**
 * Whether a task has the shape the engine fits: one int or real input, an int or real result (whether it applies
 * also depends on the loss and the examples: `pointsOf`, `realPointsOf`).
 */
export function polyShaped(task: Task): boolean {
  const { args, ret } = splitArrow(task.type);
  const numeric = (t: Type): boolean => typeEquals(t, tint) || typeEquals(t, treal);
  return args.length === 1 && numeric(args[0]!) && numeric(ret);
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
      const check = (program: Expr): boolean => checkProgram(program, task.train, ctx.prims, task.loss, { fuel: 100_000 }).passed;
      const reals = realPointsOf(task);
      if (reals && ['+.', '*.', ...(reals.int ? ['int->real'] : [])].every((n) => ctx.prims.has(n))) {
        const program = realFit(reals, maxDegree, spare, check, stats);
        return done(program, program ? 'solved' : 'exhausted');
      }
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
        if (!check(program)) continue;
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

/** A real-valued task's distinct points (x, y), its input an int (`int`) or a real, or null. */
function realPointsOf(task: Task): { xs: number[]; ys: number[]; int: boolean } | null {
  const { args, ret } = splitArrow(task.type);
  if (args.length !== 1 || !typeEquals(ret, treal) || !(typeEquals(args[0]!, treal) || typeEquals(args[0]!, tint))) return null;
  if (!task.loss || task.loss.kind === 'exact') return null;
  const seen = new Map<number, number>();
  for (const e of task.train) {
    const x = e.inputs[0], y = e.output;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return null;
    if (!seen.has(x)) seen.set(x, y);
  }
  return { xs: [...seen.keys()], ys: [...seen.values()], int: typeEquals(args[0]!, tint) };
}

/** A number to `digits` significant digits. */
const roundTo = (x: number, digits: number): number => (x === 0 ? 0 : Number(x.toPrecision(digits)));

/** The polynomial with coefficients c (of 1, x, …) in Horner form over +. and *., or just the constant. */
function realExpr(c: readonly number[], x: Expr): Expr {
  const d = c.length - 1;
  let acc: Expr = real(c[d]!);
  for (let k = d - 1; k >= 0; k--) {
    const times: Expr = c[d] === 1 && k === d - 1 ? x : app(prim('*.'), acc, x);
    acc = c[k] === 0 ? times : app(prim('+.'), times, real(c[k]!));
  }
  return acc;
}

/**
 * The lowest-degree polynomial through the first d + 1 points that the task's loss accepts on every point, its
 * coefficients rounded to the fewest significant digits that still pass (1.8, 32 rather than 1.7999999999999998).
 */
function realFit(pts: { xs: number[]; ys: number[]; int: boolean }, maxDegree: number, spare: number, check: (e: Expr) => boolean,
  stats: SearchResult['stats']): Expr | null {
  const { xs, ys } = pts;
  const x: Expr = pts.int ? app(prim('int->real'), v(0)) : v(0);
  for (let d = 0; d <= maxDegree && d + 1 + spare <= xs.length; d++) {
    stats.enumerated++;
    const c = newton(FLOATS, xs.slice(0, d + 1), ys.slice(0, d + 1));
    if (!c.every(Number.isFinite)) continue;
    for (let digits = 1; digits <= 12; digits++) {
      const r = c.map((ck) => roundTo(ck, digits));
      while (r.length > 1 && r[r.length - 1] === 0) r.pop();
      stats.evaluated++;
      if (!check(lam(realExpr(r, x)))) continue;
      // terms the loss does not need (float noise in a coefficient that is really 0) go, smallest first
      for (const k of r.map((_, k) => k).slice(0, -1).sort((a, b) => Math.abs(r[a]!) - Math.abs(r[b]!))) {
        if (r[k] === 0) continue;
        const was = r[k]!;
        r[k] = 0;
        stats.evaluated++;
        if (!check(lam(realExpr(r, x)))) r[k] = was;
      }
      stats.distinct++;
      stats.rules[`poly.realDegree${r.length - 1}`] = 1;
      return lam(realExpr(r, x));
    }
  }
  return null;
}
