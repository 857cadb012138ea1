/**
 * The filter engine ('filter'): when every example's output list keeps some elements of one input list, in order,
 * the task is `(filter P xs)` for a predicate P on single elements, and each element is an example of P (kept:
 * true, dropped: false). P is then found by bottom-up search on those element examples, where divide and conquer
 * learns thresholds that no constant in the grammar offers: adults are `(lt? 17 (.age $0))` because 17 and 18 are
 * neighbouring example values, not because 17 is a literal anyone wrote down. A witness function in the style of
 * FlashMeta, for one operator.
 *
 * The output lists may also hold one field of the kept records (the names of the adults): `(map (lambda (.name $0))
 * (filter P xs))`.
 *
 * It applies only when the labels are consistent (an element value is kept everywhere or dropped everywhere), at
 * least one element is kept and one dropped, and the predicate sees enough distinct elements.
 */
import { app, lam, prim, v, type Expr } from '../lang/expr.ts';
import type { Primitive, Value } from '../lang/primitive.ts';
import { recordPrimitives } from '../lang/primitives/record.ts';
import { arrow, isArrow, recordFields, tbool, typeEquals, splitArrow, type Type } from '../lang/type.ts';
import { valueEquals, valueKey } from '../lang/value.ts';
import type { Example, Task } from '../task/task.ts';
import { startMeter } from './budget.ts';
import { bottomUp } from './bottomup.ts';
import { emptyStats, type SearchContext, type SearchEngine, type SearchResult } from './engine.ts';
import { checkProgram } from './select.ts';
import { simplify } from './simplify.ts';

export interface FilterOptions {
  /** Fewest distinct elements the predicate must be learned from (default 6). */
  readonly minElements?: number;
  /** Share of the time budget the predicate's search may take (default 0.5): it answers soon or not at all. */
  readonly timeShare?: number;
}

/** Positions in `xs` of an in-order match of `ys` (earliest first), or null when ys is not a sub-list of xs. */
function subListAt(xs: readonly Value[], ys: readonly Value[]): number[] | null {
  const at: number[] = [];
  let i = 0;
  for (const y of ys) {
    while (i < xs.length && !valueEquals(xs[i], y)) i++;
    if (i === xs.length) return null;
    at.push(i++);
  }
  return at;
}

/**
 * The element examples of a filter over the input at `param`, its outputs the kept elements seen through `view`:
 * each distinct element with whether it is kept, or null when an element is kept in one place and dropped in another.
 */
function elementExamples(train: readonly Example[], param: number, view: (x: Value) => Value): Example[] | null {
  const label = new Map<string, { value: Value; kept: boolean }>();
  for (const e of train) {
    const xs = e.inputs[param] as readonly Value[], ys = e.output as readonly Value[];
    const at = subListAt(xs.map(view), ys);
    if (!at) return null;
    const kept = new Set(at);
    for (let i = 0; i < xs.length; i++) {
      const k = valueKey(xs[i]), was = label.get(k);
      if (was && was.kept !== kept.has(i)) return null;
      label.set(k, { value: xs[i], kept: kept.has(i) });
    }
  }
  return [...label.values()].map(({ value, kept }) => ({ inputs: [value], output: kept }));
}

/** A filter shape: the input list filtered, the accessor (if any) its kept elements are read through, the examples. */
export interface FilterShape {
  readonly param: number;
  readonly element: Type;
  /** A record field the output lists hold instead of the elements (names of the adults): `(map .name (filter P xs))`. */
  readonly field: Primitive | null;
  readonly examples: Example[];
}

/** The task's filter shape, or null when it is not one. */
export function filterShape(task: Task, minElements = 6): FilterShape | null {
  const { args, ret } = splitArrow(task.type);
  if (task.loss && task.loss.kind !== 'exact') return null;
  if (ret.kind !== 'tcon' || ret.name !== 'list') return null;
  const fields = recordPrimitives(task.type).filter((p) => isArrow(p.type) && recordFields(p.type.args[0]) && typeEquals(p.type.args[1], ret.args[0]!));
  for (let j = 0; j < args.length; j++) {
    const t = args[j]!;
    if (t.kind !== 'tcon' || t.name !== 'list') continue;
    const views = typeEquals(t, ret) ? [null] : fields.filter((f) => typeEquals((f.type as { args: readonly Type[] }).args[0]!, t.args[0]!));
    for (const field of views) {
      const examples = elementExamples(task.train, j, field ? (x) => field.impl(x) : (x) => x);
      if (!examples || examples.length < minElements) continue;
      if (!examples.some((x) => x.output === true) || !examples.some((x) => x.output === false)) continue;
      return { param: j, element: t.args[0]!, field, examples };
    }
  }
  return null;
}

/** The filter engine. */
export function filterEngine(options: FilterOptions = {}): SearchEngine {
  return {
    name: 'filter',
    search(task: Task, ctx: SearchContext): SearchResult {
      const stats = emptyStats();
      const budget = startMeter(ctx.budget, ctx.clock);
      const done = (program: Expr | null, stopReason: SearchResult['stopReason']): SearchResult =>
        ({ program, frontier: program ? [program] : [], stopReason, stats, ms: budget.elapsed() });
      const shape = ctx.prims.has('filter') ? filterShape(task, options.minElements) : null;
      if (shape?.field && !ctx.prims.has('map')) return done(null, 'exhausted');
      if (!shape) {
        stats.rules['filter.notApplicable'] = 1;
        return done(null, 'exhausted');
      }
      // the predicate's own task: one element in, kept or not out, with the task's constants and true and false
      const predicate: Task = {
        name: `${task.name} (filter predicate)`, type: arrow(shape.element, tbool), train: shape.examples, test: [],
        constants: [...(task.constants ?? []), { value: true, type: tbool }, { value: false, type: tbool }],
      };
      stats.rules['filter.elements'] = shape.examples.length;
      const share = options.timeShare ?? 0.5;
      const timeMs = ctx.budget.timeMs === undefined ? {} : { timeMs: Math.max(0, ctx.budget.timeMs * share - budget.elapsed()) };
      const r = bottomUp().search(predicate, { ...ctx, budget: { ...ctx.budget, ...timeMs } });
      stats.enumerated += r.stats.enumerated;
      stats.distinct += r.stats.distinct;
      stats.evaluated += r.stats.evaluated;
      if (!r.program || r.program.kind !== 'lam') return done(null, r.stopReason);
      // a tree of tests with true and false leaves reads better as the test itself
      const p = simplify(r.program, { prims: ctx.prims, task: predicate, stats });
      // (lambda … (filter P $k)) with the filtered list as the k-th variable from the innermost parameter
      const n = splitArrow(task.type).args.length;
      let program: Expr = app(prim('filter'), p, v(n - 1 - shape.param));
      if (shape.field) program = app(prim('map'), lam(app(prim(shape.field.name), v(0))), program);
      for (let i = 0; i < n; i++) program = lam(program);
      if (!checkProgram(program, task.train, ctx.prims, task.loss, { fuel: 1_000_000 }).passed) {
        stats.rules['filter.failedCheck'] = 1;
        return done(null, 'exhausted');
      }
      return done(program, 'solved');
    },
  };
}
