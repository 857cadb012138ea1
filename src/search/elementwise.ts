/**
 * Element-wise engines: tasks whose output list is made element by element from an input list are solved by
 * learning the per-element part from the elements themselves, in the style of FlashMeta's witness functions.
 *
 * - 'filter': every output keeps some elements of one input list, in order, so the task is `(filter P xs)` and
 *   each element is an example of P (kept: true, dropped: false). Bottom-up search on those examples learns
 *   thresholds through divide and conquer that no constant in the grammar offers: adults are
 *   `(not (lt? (.age $0) 18))` because 17 and 18 are neighbouring example values, not because 18 is a literal
 *   anyone wrote down. The output lists may also hold one field of the kept records (the names of the adults):
 *   `(map (lambda (.name $0)) (filter P xs))`. When an element value is kept in one example and dropped in another,
 *   P reads the task's inputs too (remove what the head divides: `(filter (lambda (gt? (mod $0 (car $1)) 0)) $0)`).
 *   It applies when one element is kept and one dropped, and P sees enough examples. A string output that keeps
 *   some characters of an input string is a filter over its characters, with the character tests (`is-digit`, …):
 *   `(chars->str (filter P (str->chars s)))`; a number of characters that pass a test is
 *   `(length (filter P (str->chars s)))`, when the counts settle which characters are counted.
 * - 'map': every output has one element per element of one input list, the same element always giving the same
 *   one, so the task is `(map F xs)` with each pair an example of F, searched with constants harvested from the
 *   pairs (the text a formatted record inserts). A string changed character by character is a map over its
 *   characters: `(chars->str (map F (str->chars s)))`, with the characters the pairs write as constants.
 *
 * Each answers within a share of the time budget (half; 80% for a predicate that reads the rest of the input) or
 * not at all, and is checked on the whole task before it is kept.
 */
import { app, lam, prim, v, type Expr } from '../lang/expr.ts';
import type { Primitive, Value } from '../lang/primitive.ts';
import { recordPrimitives } from '../lang/primitives/record.ts';
import { arrow, isArrow, recordFields, splitArrow, tbool, tchar, tint, tlist, tstr, typeEquals, type Type } from '../lang/type.ts';
import { valueEquals, valueKey } from '../lang/value.ts';
import { harvestConstants } from '../task/constants.ts';
import type { Example, Task } from '../task/task.ts';
import { startMeter } from './budget.ts';
import { bottomUp } from './bottomup.ts';
import { emptyStats, type SearchContext, type SearchEngine, type SearchResult } from './engine.ts';
import { checkProgram } from './select.ts';
import { simplify } from './simplify.ts';

export interface ElementwiseOptions {
  /** Fewest distinct elements the per-element part must be learned from (default 6 for filter, 3 for map). */
  readonly minElements?: number;
  /** Share of the time budget the per-element search may take (default 0.5): it answers soon or not at all. */
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
 * each distinct element with whether it is kept; null when an output is not a sub-list of its input, or an element
 * is kept in one place and dropped in another. With `context`, an example's inputs are the task's inputs and then
 * the element (one example per element of each list), for a predicate that reads the rest of the input too. Null
 * too when the outputs are contiguous runs of their inputs (take, drop, slice: positions, not a predicate).
 */
function elementExamples(train: readonly Example[], param: number, view: (x: Value) => Value, context: boolean): Example[] | null {
  const label = new Map<string, { inputs: Value[]; kept: boolean }>();
  let runs = 0, longRuns = 0, long = 0;
  for (const e of train) {
    const xs = e.inputs[param] as readonly Value[], ys = e.output as readonly Value[];
    const at = subListAt(xs.map(view), ys);
    if (!at) return null;
    const kept = new Set(at);
    const run = at.length > 0 && at[at.length - 1]! - at[0]! + 1 === at.length;
    if (run) runs++;
    if (at.length >= 2) { long++; if (run) longRuns++; }
    for (let i = 0; i < xs.length; i++) {
      const inputs = context ? [...e.inputs, xs[i]] : [xs[i]];
      const k = valueKey(inputs), was = label.get(k);
      if (was && was.kept !== kept.has(i)) return null;
      label.set(k, { inputs, kept: kept.has(i) });
    }
  }
  // a contiguous run kept out of every list (take, drop, slice) is a matter of positions, not of a predicate: with
  // context, every non-empty output a run; without, every output of two or more elements, when two or more have
  // that many (one element is a run of its own, and one run of two may be chance), as when the last two are kept
  if (context && runs === train.filter((e) => (e.output as readonly Value[]).length > 0).length) return null;
  if (!context && long >= 2 && longRuns === long) return null;
  return [...label.values()].map(({ inputs, kept }) => ({ inputs, output: kept }));
}

/** A filter shape: the input list filtered, the accessor (if any) its kept elements are read through, the examples. */
export interface FilterShape {
  readonly param: number;
  readonly element: Type;
  /** A record field the output lists hold instead of the elements (names of the adults): `(map .name (filter P xs))`. */
  readonly field: Primitive | null;
  /**
   * Whether the predicate reads the task's inputs besides the element (keep what the head does not divide): an
   * element value is kept in one example and dropped in another.
   */
  readonly context: boolean;
  /** The list filtered is a string's characters, the output their string: `(chars->str (filter P (str->chars s)))`. */
  readonly chars: boolean;
  /** The output is how many elements are kept: `(length (filter P xs))`. */
  readonly count: boolean;
  readonly examples: Example[];
}

/** An exact task returning a list: its result's element type, and its list inputs (index, element type). */
function listTask(task: Task): { result: Type; lists: { j: number; element: Type }[] } | null {
  const { args, ret } = splitArrow(task.type);
  if ((task.loss && task.loss.kind !== 'exact') || ret.kind !== 'tcon' || ret.name !== 'list') return null;
  const lists = args.flatMap((t, j) => (t.kind === 'tcon' && t.name === 'list' ? [{ j, element: t.args[0]! }] : []));
  return { result: ret.args[0]!, lists };
}

/**
 * An exact task from strings to a string seen as one on character lists (each string input and the output as
 * list(char)), for a filter or map over characters; null for any other task.
 */
function charListView(task: Task): Task | null {
  const { args, ret } = splitArrow(task.type);
  if ((task.loss && task.loss.kind !== 'exact') || !typeEquals(ret, tstr) || !args.some((t) => typeEquals(t, tstr))) return null;
  const chars = tlist(tchar), isStr = args.map((t) => typeEquals(t, tstr));
  return {
    ...task, type: arrow(...args.map((t, j) => (isStr[j] ? chars : t)), chars),
    train: task.train.map((e) => ({ inputs: e.inputs.map((x, j) => (isStr[j] ? [...(x as string)] : x)), output: [...(e.output as string)] })),
  };
}

/**
 * The task's filter shape, or null when it is not one. A string task whose outputs keep some characters of one
 * input string is a filter over its characters (`chars`): digits stripped, the capitals of a name.
 */
export function filterShape(task: Task, minElements = 6): FilterShape | null {
  return keptShape(task, minElements) ?? countShape(task, minElements);
}

/** The filter shape of a task whose output keeps some elements (or characters) of an input. */
function keptShape(task: Task, minElements: number): FilterShape | null {
  const chars = listTask(task) ? null : charListView(task);
  const shape = listTask(chars ?? task);
  if (!shape) return null;
  const fields = recordPrimitives(task.type).filter((p) => isArrow(p.type) && recordFields(p.type.args[0]) && typeEquals(p.type.args[1], shape.result));
  for (const { j, element } of shape.lists) {
    const views = typeEquals(element, shape.result) ? [null] : fields.filter((f) => typeEquals((f.type as { args: readonly Type[] }).args[0]!, element));
    for (const field of views) {
      const view = field ? (x: Value) => field.impl(x) : (x: Value) => x;
      // (a predicate over characters sees the character alone: the task's other inputs are strings, not lists)
      for (const context of chars ? [false] : [false, true]) {
        const examples = elementExamples((chars ?? task).train, j, view, context);
        if (!examples || examples.length < minElements) continue;
        if (!examples.some((x) => x.output === true) || !examples.some((x) => x.output === false)) break;
        return { param: j, element, field, context, chars: chars !== null, count: false, examples };
      }
    }
  }
  return null;
}

/**
 * A task counting the characters of an input string that pass a test: an integer output, with each character's
 * label (counted or not) settled by the counts alone. A count of 0 drops every character of its string, a count of
 * the whole length keeps them all, and what is settled carries to the other strings ("sky" has no vowels, so s, k
 * and y are not counted in "skies"). Null unless every label is settled, one character is counted and one is not.
 * (Lists have `count`, which search finds as it is; running this engine beside it on list tasks only crowded the
 * two cores.)
 */
function countShape(task: Task, minElements: number): FilterShape | null {
  const { args, ret } = splitArrow(task.type);
  if ((task.loss && task.loss.kind !== 'exact') || !typeEquals(ret, tint)) return null;
  for (let j = 0; j < args.length; j++) {
    if (!typeEquals(args[j]!, tstr)) continue;
    const labels = settleCounts(task.train.map((e) => [...(e.inputs[j] as string)]), task.train.map((e) => e.output as number));
    if (!labels || labels.size < minElements) continue;
    const examples = [...labels].map(([c, kept]) => ({ inputs: [c], output: kept }));
    if (!examples.some((x) => x.output === true) || !examples.some((x) => x.output === false)) continue;
    return { param: j, element: tchar, field: null, context: false, chars: true, count: true, examples };
  }
  return null;
}

/** Each element's label (counted or not) from the counts of the lists it is in, when the counts settle every one. */
function settleCounts(lists: readonly (readonly string[])[], counts: readonly number[]): Map<string, boolean> | null {
  if (counts.some((c) => !Number.isInteger(c) || c < 0)) return null;
  const label = new Map<string, boolean>();
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < lists.length; i++) {
      let known = 0, open = 0;
      for (const k of lists[i]!) { const l = label.get(k); if (l === undefined) open++; else if (l) known++; }
      const left = counts[i]! - known;
      if (left < 0 || left > open) return null; // the counts contradict each other
      if (open === 0 || (left !== 0 && left !== open)) continue;
      for (const k of lists[i]!) if (!label.has(k)) label.set(k, left !== 0);
      changed = true;
    }
  }
  return lists.every((l) => l.every((k) => label.has(k))) ? label : null;
}

/**
 * Characters, the tests a filter or map over them reads, and the changes a map makes: added to a string task's
 * primitives when it has one of those shapes.
 */
export const CHAR_PRIMITIVES = ['filter', 'map', 'str->chars', 'chars->str', 'char->str', 'is-digit', 'is-letter', 'is-upper', 'is-lower', 'is-space',
  'not', 'if', 'char-eq?', 'char-upper', 'char-lower'];

/**
 * Characters counted that no character test tells apart are members of a set: the counted ones are offered as one
 * string (the vowels, "aeiou", for `(str.contains "aeiou" (char->str $0))`), when there are a few. Only for counts:
 * a filter's kept characters as a set learn its examples by heart ("+47DHJLQ" for first letters).
 */
function keptChars(shape: FilterShape): { value: Value; type: Type }[] {
  const kept = shape.chars && shape.count ? shape.examples.filter((e) => e.output === true).map((e) => e.inputs[0] as string).sort() : [];
  return kept.length > 0 && kept.length <= 6 ? [{ value: kept.join(''), type: tstr }] : [];
}

/** The characters a map's pairs write that their inputs never hold (the `#` that masks a digit). */
function writtenChars(examples: readonly Example[]): { value: Value; type: Type }[] {
  const read = new Set(examples.map((e) => e.inputs[0]));
  return [...new Set(examples.map((e) => e.output))].filter((c) => !read.has(c)).slice(0, 3).map((value) => ({ value, type: tchar }));
}

/** A map shape: the input list mapped, its element and result types, one example per distinct element. */
export interface MapShape {
  readonly param: number;
  readonly element: Type;
  readonly result: Type;
  /** The list mapped is a string's characters, the output their string: `(chars->str (map F (str->chars s)))`. */
  readonly chars: boolean;
  readonly examples: Example[];
}

/**
 * The task's map shape, or null when it is not one (lengths differ, an element maps two ways, or nothing changes).
 * A string task whose output changes its input string character by character is a map over its characters
 * (digits masked, case swapped).
 */
export function mapShape(task: Task, minElements = 3): MapShape | null {
  const chars = listTask(task) ? null : charListView(task);
  const shape = listTask(chars ?? task);
  if (!shape) return null;
  for (const { j, element } of shape.lists) {
    const examples = pairExamples((chars ?? task).train, j);
    if (!examples || examples.length < minElements || examples.every((x) => valueEquals(x.inputs[0], x.output))) continue;
    return { param: j, element, result: shape.result, chars: chars !== null, examples };
  }
  return null;
}

/**
 * One example per distinct element of the input at `param` and its output element; null when lengths differ or an
 * element maps two ways.
 */
function pairExamples(train: readonly Example[], param: number): Example[] | null {
  const pairs = new Map<string, Example>();
  for (const e of train) {
    const xs = e.inputs[param] as readonly Value[], ys = e.output as readonly Value[];
    if (xs.length !== ys.length) return null;
    for (let i = 0; i < xs.length; i++) {
      const k = valueKey(xs[i]), was = pairs.get(k);
      if (was && !valueEquals(was.output, ys[i])) return null;
      pairs.set(k, { inputs: [xs[i]], output: ys[i] });
    }
  }
  return [...pairs.values()];
}

/** The body under the first `n` lambdas of `e` (a program of n parameters). */
function peel(e: Expr, n: number): Expr {
  for (let i = 0; i < n; i++) {
    if (e.kind !== 'lam') throw new Error(`elementwise: expected a program of ${n} parameters`);
    e = e.body;
  }
  return e;
}

/** What an element-wise engine needs: the shape's element task, and how its answer becomes the task's program. */
interface Decomposition {
  readonly sub: Task;
  /** The task's body (under its parameters) from the element program `(lambda …)`, its list the variable `xs`. */
  build(element: Expr, xs: Expr): Expr;
  readonly param: number;
  readonly elements: number;
  /** Search without decision trees (a part that reads the rest of the input: trees crowd it out). */
  readonly plain?: boolean;
}

/** An engine that solves a task through its element task (null: the task does not decompose). */
function elementwise(name: string, decompose: (task: Task, ctx: SearchContext) => Decomposition | null, share: number): SearchEngine {
  return {
    name,
    search(task: Task, ctx: SearchContext): SearchResult {
      const stats = emptyStats();
      const budget = startMeter(ctx.budget, ctx.clock);
      const done = (program: Expr | null, stopReason: SearchResult['stopReason']): SearchResult =>
        ({ program, frontier: program ? [program] : [], stopReason, stats, ms: budget.elapsed() });
      const d = decompose(task, ctx);
      if (!d) {
        stats.rules[`${name}.notApplicable`] = 1;
        return done(null, 'exhausted');
      }
      stats.rules[`${name}.elements`] = d.elements;
      // with decision trees of one test (a threshold: a larger tree fits the elements by heart), then without them;
      // only without them for a part that reads the rest of the input (trees crowd it out, and a threshold against
      // another input is a plain test)
      let r: SearchResult | null = null;
      const phases = d.plain ? [[false, 1]] as const : [[true, 0.4], [false, 1]] as const;
      // a part that reads the rest of the input has more to search, so it takes a larger share
      const mine = d.plain ? Math.max(share, 0.8) : share;
      for (const [divide, part] of phases) {
        const left = ctx.budget.timeMs === undefined ? {} : { timeMs: Math.max(0, (ctx.budget.timeMs * mine - budget.elapsed()) * part) };
        r = bottomUp({ divide, maxLeaves: 2 }).search(d.sub, { ...ctx, budget: { ...ctx.budget, ...left } });
        stats.enumerated += r.stats.enumerated;
        stats.distinct += r.stats.distinct;
        stats.evaluated += r.stats.evaluated;
        if (r.program || r.stopReason === 'aborted') break;
      }
      if (!r?.program || r.program.kind !== 'lam') return done(null, r?.stopReason ?? 'exhausted');
      // a tree of tests with true and false leaves reads better as the test itself
      const element = simplify(r.program, { prims: ctx.prims, task: d.sub, stats });
      // the list is the variable counted from the innermost of the task's n parameters
      const n = splitArrow(task.type).args.length;
      let program = d.build(element, v(n - 1 - d.param));
      for (let i = 0; i < n; i++) program = lam(program);
      if (!checkProgram(program, task.train, ctx.prims, task.loss, { fuel: 1_000_000 }).passed) {
        stats.rules[`${name}.failedCheck`] = 1;
        return done(null, 'exhausted');
      }
      return done(program, 'solved');
    },
  };
}

/** The filter engine. */
export function filterEngine(options: ElementwiseOptions = {}): SearchEngine {
  return elementwise('filter', (task, ctx) => {
    const shape = filterShape(task, options.minElements);
    // the primitives its program is built with
    const uses = ['filter', ...(shape?.field ? ['map'] : []), ...(shape?.chars ? ['str->chars', shape.count ? 'length' : 'chars->str'] : [])];
    if (!shape || !uses.every((p) => ctx.prims.has(p))) return null;
    const { args } = splitArrow(task.type);
    return {
      // the predicate's own task: one element in (after the task's inputs, with context), kept or not out, with the
      // task's constants and true and false
      sub: {
        name: `${task.name} (filter predicate)`, type: arrow(...(shape.context ? args : []), shape.element, tbool),
        train: shape.examples, test: [],
        constants: [...(task.constants ?? []), { value: true, type: tbool }, { value: false, type: tbool }, ...keptChars(shape)],
      },
      // with context the predicate's innermost variable is the element and the task's parameters come after it, as
      // inside (lambda … (filter (lambda BODY) xs)): its body goes under one lambda
      build: (p, xs) => {
        const list = shape.chars ? app(prim('str->chars'), xs) : xs;
        if (shape.count) return app(prim('length'), app(prim('filter'), p, list));
        if (shape.chars) return app(prim('chars->str'), app(prim('filter'), p, list));
        const kept = app(prim('filter'), shape.context ? lam(peel(p, args.length + 1)) : p, xs);
        return shape.field ? app(prim('map'), lam(app(prim(shape.field.name), v(0))), kept) : kept;
      },
      param: shape.param, elements: shape.examples.length, plain: shape.context,
    };
  }, options.timeShare ?? 0.5);
}

/** The map engine. */
export function mapEngine(options: ElementwiseOptions = {}): SearchEngine {
  return elementwise('map', (task, ctx) => {
    const shape = mapShape(task, options.minElements);
    // the primitives its program is built with
    const uses = ['map', ...(shape?.chars ? ['str->chars', 'chars->str'] : [])];
    if (!shape || !uses.every((p) => ctx.prims.has(p))) return null;
    const sub: Task = { name: `${task.name} (map function)`, type: arrow(shape.element, shape.result), train: shape.examples, test: [] };
    return {
      // the function's own task, with the constants its pairs suggest besides the task's (for characters: those
      // the pairs write)
      sub: { ...sub, constants: [...(task.constants ?? []), ...(shape.chars ? writtenChars(shape.examples) : harvestConstants(sub))] },
      build: (f, xs) => (shape.chars ? app(prim('chars->str'), app(prim('map'), f, app(prim('str->chars'), xs))) : app(prim('map'), f, xs)),
      param: shape.param, elements: shape.examples.length,
    };
  }, options.timeShare ?? 0.5);
}
