/**
 * The string view of a text task: when every parameter and the result are list(char) (DreamCoder's text tasks),
 * the same examples as strings can be searched with the string operators (`str.substr`, `str.indexof`, `str.++`…,
 * the machinery that solves SyGuS PBE), and a program found there is read back as a text program by converting
 * at the edges: (lambda (str->chars P[$i := (chars->str $i)])).
 */
import { app, lam, prim, shift, type Expr } from '../lang/expr.ts';
import type { PrimitiveSet, Value } from '../lang/primitive.ts';
import { arrow, splitArrow, tstr, type Type } from '../lang/type.ts';
import type { Example, Task } from '../task/task.ts';

const isChars = (t: Type): boolean => t.kind === 'tcon' && t.name === 'list' && t.args[0]!.kind === 'tcon' && t.args[0]!.name === 'char';

/** Types built only from str, int, bool and lists of them (no chars, no type variables). */
const plain = (t: Type): boolean =>
  t.kind === 'tcon' && (t.name === 'str' || t.name === 'int' || t.name === 'bool' || t.name === 'list' || t.name === '->') && t.args.every(plain);
/**
 * The polymorphic list operators that words need: `split` gives a list of strings, and these pick a word (car, last,
 * index), drop words (cdr), apply a string function to each (map), count or reverse them; `join` puts them back
 * together. The view keeps these (instantiated at its types) and the string domain offers them. (Every polymorphic
 * operator, fold, unfold, cons…, made the view's search 2-3× slower and lost tasks.)
 */
export const WORD_LISTS: readonly string[] = ['car', 'cdr', 'last', 'index', 'map', 'length', 'reverse'];
const WORDS = new Set(WORD_LISTS);

/** A value of the view: a list of characters as its string, else itself. */
const asString = (v: Value): Value => (Array.isArray(v) && v.every((c) => typeof c === 'string') ? v.join('') : v);

export interface StringView {
  readonly task: Task;
  /** The primitives searched in the view: the task's monomorphic ones over str, int, bool and lists, `if`, and WORDS. */
  readonly prims: PrimitiveSet;
  /** A program of the view as a program of the text task. */
  readonly back: (program: Expr) => Expr;
}

/**
 * A text task (every parameter and the result list(char)) with strings in and out: its examples as strings, its char
 * and char-list constants as string constants (str, int and bool constants kept, each once, after `first`); null for
 * other tasks.
 */
export function asStringTask(task: Task, first: readonly { value: Value; type: Type }[] = []): Task | null {
  const { args, ret } = splitArrow(task.type);
  if (args.length === 0 || ![...args, ret].every(isChars)) return null;
  const seen = new Set<string>();
  const constants: { value: Value; type: Type }[] = [];
  for (const c of [...first, ...(task.constants ?? [])]) {
    const t = c.type;
    const str = t.kind === 'tcon' && (t.name === 'char' || isChars(t)) ? asString(c.value) : null;
    const value = str ?? c.value, type = str !== null ? tstr : t;
    const key = `${JSON.stringify(type)}:${JSON.stringify(value)}`;
    if (seen.has(key) || !(type.kind === 'tcon' && ['str', 'int', 'bool'].includes(type.name))) continue;
    seen.add(key);
    constants.push({ value, type });
  }
  const ex = (e: Example): Example => ({ inputs: e.inputs.map(asString), output: asString(e.output) });
  return { ...task, type: arrow(...args.map(() => tstr), tstr), train: task.train.map(ex), test: task.test.map(ex), constants };
}

/** The string view of a text task, or null when the task is not one or the primitives cannot convert. */
export function stringView(task: Task, prims: PrimitiveSet): StringView | null {
  // the empty string first: the separator of a join over words
  const view = asStringTask(task, [{ value: '', type: tstr }]);
  if (!view || !prims.has('chars->str') || !prims.has('str->chars')) return null;
  const viewPrims: PrimitiveSet = new Map([...prims].filter(([name, p]) => name === 'if' || WORDS.has(name) || plain(p.type)));
  const n = splitArrow(task.type).args.length;
  const back = (program: Expr): Expr => {
    let body = program;
    for (let i = 0; i < n; i++) {
      if (body.kind !== 'lam') throw new Error('stringView: the program does not take the task\'s parameters');
      body = body.body;
    }
    let out: Expr = app(prim('str->chars'), replaceParams(body, (i) => app(prim('chars->str'), { kind: 'var', index: i })));
    for (let i = 0; i < n; i++) out = lam(out);
    return out;
  };
  return { task: view, prims: viewPrims, back };
}

/** Replaces each free variable i of `e` (a parameter) with f(i), under `depth` binders. */
function replaceParams(e: Expr, f: (i: number) => Expr, depth = 0): Expr {
  switch (e.kind) {
    case 'var': return e.index >= depth ? shift(f(e.index - depth), depth) : e;
    case 'app': return { kind: 'app', fn: replaceParams(e.fn, f, depth), arg: replaceParams(e.arg, f, depth) };
    case 'lam': return lam(replaceParams(e.body, f, depth + 1));
    default: return e;
  }
}
