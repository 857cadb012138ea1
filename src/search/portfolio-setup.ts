/**
 * What a task is searched with: the primitive set and grammar for its domain (read off its type, never its name),
 * and the engines `--engine auto` picks for it.
 */
import { basePrimitives, corePrimitives, listPrimitives, mapPrimitives, stringPrimitives, dreamcoderTextPrimitives } from '../lang/primitives/index.ts';
import { extendSet, type Primitive, type PrimitiveSet } from '../lang/primitive.ts';
import { arity, parseType, recordFields, splitArrow, tchar, tint, tstr, type Type } from '../lang/type.ts';
import { recordPrimitives } from '../lang/primitives/record.ts';
import { parse } from '../lang/parse.ts';
import { size } from '../lang/expr.ts';
import { compile } from '../lang/compile.ts';
import type { Task } from '../task/task.ts';
import { harvestConstants } from '../task/constants.ts';
import { uniformGrammar, type Grammar } from './grammar.ts';
import type { SearchEngine } from './engine.ts';
import { polyShaped } from './poly.ts';
import { CHAR_PRIMITIVES, filterShape, mapShape } from './elementwise.ts';
import { WORD_LISTS } from './text-view.ts';

export type Domain = 'sygus' | 'text' | 'string' | 'list' | 'integer' | 'numeric' | 'numeric-list' | 'json' | 'general';

const mentions = (t: Type, name: string): boolean => t.kind === 'tcon' && (t.name === name || t.args.some((a) => mentions(a, name)));
/** Does `t` mention a JSON object: a record, or a map keyed by strings? */
const mentionsObject = (t: Type): boolean => t.kind === 'tcon'
  && (recordFields(t) !== null || (t.name === 'map' && t.args[0]!.kind === 'tcon' && t.args[0]!.name === 'str') || t.args.some(mentionsObject));
const isCharList = (t: Type): boolean => t.kind === 'tcon' && t.name === 'list' && t.args[0]!.kind === 'tcon' && t.args[0]!.name === 'char';

/** The task's domain, from its type, loss and extras. */
export function domainOf(task: Task): Domain {
  if (task.extra?.grammar) return 'sygus';
  const { args, ret } = splitArrow(task.type);
  const all = [...args, ret];
  if (all.some(mentionsObject)) return 'json';
  if (all.some(isCharList) && !all.some((t) => mentions(t, 'str'))) return 'text';
  if (all.some((t) => mentions(t, 'str'))) return 'string';
  if (all.some((t) => mentions(t, 'real')) || (task.loss && task.loss.kind !== 'exact')) return all.some((t) => mentions(t, 'list')) ? 'numeric-list' : 'numeric';
  if (all.some((t) => mentions(t, 'list'))) return 'list';
  if (all.every((t) => t.kind === 'tcon' && (t.name === 'int' || t.name === 'bool'))) return 'integer';
  return 'general';
}

const pick = (family: readonly Primitive[], names: readonly string[]): Primitive[] =>
  names.map((n) => { const p = family.find((x) => x.name === n); if (!p) throw new Error(`portfolio: no primitive '${n}'`); return p; });

const CORE_INT = ['if', '+', '-', '*', 'mod', 'gt?', 'eq?', 'is-prime', 'is-square', 'is-even', 'is-odd', 'and', 'or', 'not'];
const LIST = ['empty', 'cons', 'car', 'cdr', 'empty?', 'length', 'index', 'range', 'map', 'fold', 'scan', 'filter', 'sort', 'reverse',
  'sum', 'append', 'last', 'take', 'drop', 'count', 'maximum', 'minimum', 'product', 'mapi', 'any', 'all', 'singleton', 'zip', 'unique',
  'member?', 'slice', 'replicate', 'flatten'];
/** Reading maps, and building them by counting or grouping. */
const MAPS = ['map.lookup', 'map.member', 'map.size', 'map.keys', 'map.values', 'map.count-by', 'map.group-by'];
/** Splitting into words and joining them back (with WORD_LISTS between). */
const STRING_WORDS = ['split', 'join'];
const STRING_CORE = ['if', '+', '-', 'eq?', 'equal?', 'gt?', 'lt?', 'and', 'or', 'not'];
// replace_all before replace: of two programs of one size, the first rule's is found first, and where examples
// replace one occurrence each, "replace every" is the likelier intent
const STRING = ['str.++', 'str.len', 'str.at', 'str.substr', 'str.indexof', 'str.replace_all', 'str.replace', 'str.contains',
  'str.prefixof', 'str.suffixof', 'str.to.int', 'int.to.str', 'upper', 'lower', 'upper-first', 'trim', ...STRING_WORDS];
const TEXT_EXTRA = ['append', 'reverse', 'take', 'drop', 'filter', 'last', 'str->chars'];
const TEXT_STRINGS = ['chars->str', 'char->str', 'str.++', 'str.replace_all', 'str.substr', 'str.indexof', 'str.len', ...STRING_WORDS,
  'upper', 'lower', 'char-upper'];

const basePrimitivesList = [...basePrimitives.values()];

/** The core family's operators on integers and reals. */
const numericCore = (): Primitive[] => corePrimitives.filter((p) => /real|int/.test(JSON.stringify(p.type)) && p.family === 'core');

function subsetOf(...groups: Primitive[][]): PrimitiveSet {
  const m = new Map<string, Primitive>();
  for (const g of groups) for (const p of g) m.set(p.name, p);
  return m;
}

/** The primitives a domain searches with (a library adds its entries on top). */
export function domainPrimitives(domain: Domain): PrimitiveSet {
  switch (domain) {
    case 'sygus': return basePrimitives; // the grammar restricts the search; evaluation needs every op it names
    // DreamCoder's text primitives on list(char), plus string functions reached through chars->str / str->chars
    case 'text': return extendSet(dreamcoderTextPrimitives, pick([...listPrimitives, ...stringPrimitives], [...TEXT_EXTRA, ...TEXT_STRINGS]));
    // words, and the sum of the numbers a string lists ("1,2,3" -> 6)
    case 'string': return subsetOf(pick(corePrimitives, STRING_CORE), pick(stringPrimitives, STRING), pick(listPrimitives, [...WORD_LISTS, 'sum']));
    case 'list': return subsetOf(pick(corePrimitives, CORE_INT), pick(listPrimitives, LIST));
    // integers in and out: the list domain (ranges, folds) plus division (closed forms need it), min and max
    case 'integer': return subsetOf(pick(corePrimitives, [...CORE_INT, '/', 'min2', 'max2']), pick(listPrimitives, LIST));
    case 'numeric': return subsetOf(numericCore());
    // reals in lists (vectors, measurements): the list domain's operators, and a sum over reals
    case 'numeric-list': return subsetOf(numericCore(), pick(listPrimitives, [...LIST, 'sum.']));
    // JSON objects: their fields may be strings, numbers or lists, so the string and list domains together, sorting
    // by a key (records by a field), and the operators that read maps (objects whose keys vary) or build them by
    // counting and grouping
    case 'json': return subsetOf(pick(corePrimitives, [...new Set([...STRING_CORE, ...CORE_INT])]), numericCore(),
      pick(stringPrimitives, STRING), pick(listPrimitives, [...new Set([...LIST, ...WORD_LISTS, 'sort-by', 'sum.'])]), pick(mapPrimitives, MAPS));
    case 'general': return subsetOf([...corePrimitives], [...listPrimitives], [...stringPrimitives]);
  }
}

/** Literals a domain always offers (DreamCoder's numerals and delimiters). */
export function domainConstants(domain: Domain): { value: unknown; type: Type }[] {
  const int = (value: number) => ({ value, type: tint }), chr = (value: string) => ({ value, type: tchar });
  switch (domain) {
    // small integers: list tasks index, take, count and compare against them
    case 'list': case 'integer': case 'general': return [0, 1, 2, 3, 4, 5].map(int);
    case 'json': return [...[0, 1, 2, 3].map(int), { value: '', type: tstr }];
    case 'text': return [int(0), int(1), chr('.'), chr(','), chr('-')];
    // the empty string: what a string function returns when there is nothing to return
    case 'string': return [int(0), int(1), { value: '', type: tstr }];
    case 'numeric': case 'numeric-list': return [];
    case 'sygus': return [];
  }
}

/** Library entries as plain data (they cross worker threads): abstractions by body, weights for any entry. */
export type LibrarySpec = readonly { readonly name: string; readonly type: string; readonly body?: string; readonly weight: number }[];

/** Primitives for a library's abstractions (defined by their bodies) and the grammar weights of all its entries. */
export function libraryPrimitives(spec: LibrarySpec): { prims: Primitive[]; weights: Map<string, number> } {
  const prims: Primitive[] = [];
  const weights = new Map<string, number>();
  for (const e of spec) {
    weights.set(e.name, e.weight);
    if (!e.body) continue;
    const body = parse(e.body);
    const type = parseType(e.type);
    let fn: ((args: readonly unknown[]) => unknown) | null = null;
    const n = arity(type);
    prims.push({
      name: e.name, type, body, family: 'library', cost: 1,
      // a body may read the fields of the records its type names
      impl: (...args: unknown[]) => { fn ??= compile(body, extendSet(basePrimitives, recordPrimitives(type))); return n === 0 ? fn([]) : fn(args); },
    });
  }
  return { prims, weights };
}

/**
 * The task with its domain's constants added, primitives (the domain's, the task's record fields and
 * constructors, then `extra`) and a uniform grammar: everything an engine needs.
 */
export function searchSetup(task: Task, extra: readonly Primitive[] = [], weights?: ReadonlyMap<string, number>): { task: Task; prims: PrimitiveSet; grammar: Grammar; domain: Domain } {
  const domain = domainOf(task);
  // a string task that keeps or changes the elements of a list of its input (words, or its characters) gets `filter`
  // and `map`, and for characters what a test or change of one reads
  const shapes = domain === 'string' ? [filterShape(task), mapShape(task)] : [];
  const elementwise = shapes.some((x) => x?.chars) ? pick(basePrimitivesList, CHAR_PRIMITIVES)
    : shapes.some((x) => x) ? pick(listPrimitives, ['filter', 'map']) : [];
  const more = [...(domain === 'json' ? recordPrimitives(task.type) : []), ...elementwise, ...extra];
  const prims = more.length ? extendSet(domainPrimitives(domain), more) : domainPrimitives(domain);
  const g = uniformGrammar(prims);
  const grammar: Grammar = weights ? { ...g, weights: new Map([...g.weights, ...weights]) } : g;
  // harvested constants join the task's own for every engine, except under a SyGuS grammar (which fixes its constants)
  const constants = [...(task.constants ?? []), ...domainConstants(domain), ...(domain === 'sygus' ? [] : harvestConstants(task))];
  return { task: { ...task, constants }, prims, grammar, domain };
}

/** Engines `--engine auto` runs for a task, first choice first. */
export function autoEngines(task: Task): string[] {
  const domain = domainOf(task);
  const engines = domainEngines(task, domain);
  if (!['list', 'string', 'json', 'numeric-list', 'general'].includes(domain)) return engines;
  // a list output made element by element from an input list: the per-element part is learned from the elements too
  return [...engines, ...(filterShape(task) ? ['filter'] : []), ...(mapShape(task) ? ['map'] : [])];
}

/** Worker threads per task for auto runs over `tasks`: one per engine of the task that runs the most (at least 2). */
export const autoWorkers = (tasks: readonly Task[]): number => Math.max(2, ...tasks.map((t) => autoEngines(t).length));

function domainEngines(task: Task, domain: Domain): string[] {
  switch (domain) {
    case 'sygus': return ['bottomup', 'topdown'];
    case 'string': return ['bottomup', 'topdown'];
    // one numeric input: a polynomial fit answers at once or not at all
    case 'numeric': return polyShaped(task) ? ['poly', 'gp', 'bottomup'] : ['gp', 'bottomup'];
    case 'numeric-list': return ['bottomup', 'gp'];
    // on the DreamCoder text tasks bottom-up (searching them as strings, text-view.ts) solves 128 of 128, top-down 71
    case 'text': return ['topdown', 'bottomup'];
    case 'list': return ['topdown', 'bottomup'];
    // an int -> int task may be a polynomial in its input: the closed-form engine answers in milliseconds or not at all
    case 'integer': return polyShaped(task) ? ['poly', 'topdown', 'bottomup'] : ['topdown', 'bottomup'];
    case 'json': case 'general': return ['topdown', 'bottomup'];
  }
}

/**
 * Engines that end on their own soon after they start (poly interpolates at once; filter gives its predicate's
 * search, and map its function's, a share of the time), each with the smallest program it can answer: the portfolio
 * waits for one past the grace period while that could still be simpler than the best program found.
 */
export const BOUNDED: ReadonlyMap<string, number> = new Map(Object.entries({
  poly: '(lambda 0)', filter: '(lambda (filter (lambda true) $0))', map: '(lambda (map (lambda $0) $0))',
}).map(([engine, smallest]) => [engine, size(parse(smallest))]));
export const BOUNDED_ENGINES: readonly string[] = [...BOUNDED.keys()];

/** Engine names the portfolio and the CLI accept. */
export const ENGINE_NAMES = ['topdown', 'bottomup', 'gp', 'poly', 'filter', 'map'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Creates an engine by name (loaded on demand, so a worker only pays for what it runs). */
export async function engineByName(name: string, options: Record<string, unknown> = {}): Promise<SearchEngine> {
  switch (name) {
    case 'topdown': return (await import('./topdown.ts')).topDown(options);
    case 'bottomup': return (await import('./bottomup.ts')).bottomUp(options);
    case 'gp': return (await import('./gp.ts')).gp(options);
    case 'poly': return (await import('./poly.ts')).poly(options);
    case 'filter': return (await import('./elementwise.ts')).filterEngine(options);
    case 'map': return (await import('./elementwise.ts')).mapEngine(options);
    default: throw new Error(`unknown engine '${name}' (expected ${ENGINE_NAMES.join(', ')})`);
  }
}
