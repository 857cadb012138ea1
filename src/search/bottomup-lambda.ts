/**
 * Lambdas for higher-order primitives in bottom-up search. Each function slot (`int -> bool`, `int -> int -> int`)
 * is filled with small closed lambda bodies, enumerated bottom-up over the lambda's own variables on sample
 * arguments (values taken from the task, then defaults) and deduplicated by their outputs there. A lambda becomes a
 * leaf whose output on every example is the compiled JS function, so `map`, `filter`, `fold` apply it directly.
 * Dedup on samples is approximate (two bodies that agree on the samples are kept once); bodies may not mention
 * the program's parameters.
 */
import type { PrimitiveSet, Value } from '../lang/primitive.ts';
import { print } from '../lang/print.ts';
import { withMeter } from '../lang/runtime.ts';
import { arrow, isArrow, printType, splitArrow, type Type } from '../lang/type.ts';
import { valueKey } from '../lang/value.ts';
import type { Task } from '../task/task.ts';
import { Bank, entryExpr, type Entry } from './bottomup-bank.ts';
import { plainProductions, productionsFor, wrapParams, type GrammarSpec, type Production, type ProductionOptions, type Productions } from './bottomup-productions.ts';

export interface LambdaOptions {
  /** Most lambdas per function slot (default 100). */
  readonly perSlot?: number;
  /** Largest lambda body, in nodes (default 5; one more for one-argument lambdas). */
  readonly maxBody?: number;
  /** Polled while building; true abandons the remaining function slots (the budget ran out). */
  readonly stop?: () => boolean;
}

/**
 * Largest value a lambda body may build on its sample arguments: bodies are small, and a sample int taken from the
 * task (20736 in pow-k) must not let `(range $0)` fill the bank with long lists that take seconds to hash.
 */
const LAMBDA_MAX_SIZE = 1000;

const DEFAULTS: Record<string, readonly Value[]> = {
  int: [0, 1, 2, -1, 3, 5, 10],
  bool: [true, false],
  char: ['a', ' ', 'Z', '1', '.'],
  str: ['', 'ab', 'Hello World', 'x.y'],
  real: [0, 1, -0.5, 2.5],
};

/** Up to `n` values of type `t`: found in the task's inputs and outputs first, then defaults. */
export function sampleValues(t: Type, task: Task, n = 6): Value[] {
  const out: Value[] = [];
  const keys = new Set<string>();
  const push = (v: Value) => { const k = valueKey(v); if (!keys.has(k) && out.length < n) { keys.add(k); out.push(v); } };
  const want = printType(t);
  const gather = (v: Value, vt: Type): void => {
    if (out.length >= n) return;
    if (printType(vt) === want) push(v);
    if (vt.kind === 'tcon' && vt.name === 'list' && Array.isArray(v)) for (const x of v.slice(0, 4)) gather(x, vt.args[0]!);
  };
  const { args, ret } = splitArrow(task.type);
  for (const ex of task.train) {
    ex.inputs.forEach((v, i) => gather(v, args[i]!));
    gather(ex.output, ret);
  }
  if (t.kind === 'tcon') for (const v of DEFAULTS[t.name] ?? []) push(v);
  if (t.kind === 'tcon' && t.name === 'list' && out.length < 2) { push([]); for (const v of DEFAULTS[printType(t.args[0]!)] ?? []) push([v]); }
  return out;
}

/** Every combination of samples for the arguments, at most `max`. */
function environments(types: readonly Type[], task: Task, max = 24): Value[][] {
  let envs: Value[][] = [[]];
  for (const t of types) {
    const vs = sampleValues(t, task, types.length > 1 ? 5 : 8);
    envs = envs.flatMap((e) => vs.map((v) => [...e, v])).slice(0, max);
  }
  return envs;
}

/**
 * A lambda body as a curried JS function, interpreting the bank entry directly (no compilation per lambda):
 * variables read the arguments, literals and constants their (sample-independent) output, rules call their impls.
 */
export function closureOf(e: Entry, k: number): Value {
  const run = (x: Entry, env: readonly Value[]): Value => {
    const p = x.prod;
    if (!p.impl) return p.expr.kind === 'var' ? env[env.length - 1 - p.expr.index] : p.outs![0];
    const lazy = p.lazy;
    const a = x.kids.map((kid, j) => (lazy?.[j] ? () => run(kid, env) : run(kid, env)));
    return p.impl(...a);
  };
  if (k === 1) return (a: Value) => run(e, [a]);
  if (k === 2) return (a: Value) => (b: Value) => run(e, [a, b]);
  const curry = (env: Value[]): Value => (env.length === k ? run(e, env) : (a: Value) => curry([...env, a]));
  return curry([]);
}

/** The productions with a lambda leaf per small body in every function slot. */
export function addLambdas(P: Productions, task: Task, prims: PrimitiveSet, opts: LambdaOptions = {}): Productions {
  const perSlot = opts.perSlot ?? 100, maxBody = opts.maxBody ?? 5;
  const used = new Set(P.prods.flatMap((p) => p.args));
  // lambda bodies use the first-order primitives the program itself can use
  const firstOrder: PrimitiveSet = new Map([...new Set(P.prods.filter((p) => p.impl).map((p) => p.name))]
    .map((n) => [n, prims.get(n)!] as const).filter(([, p]) => p && !splitArrow(p.type).args.some(isArrow)));
  const prods: Production[] = [...P.prods];
  const skipped = { ...P.skipped };
  const stop = opts.stop ?? (() => false);
  // one lambda bank per argument-type tuple serves every return type (int -> int, int -> bool, …)
  const groups = new Map<string, { args: Type[]; slots: number[] }>();
  P.slots.forEach((slot, s) => {
    if (!isArrow(slot.type) || !used.has(s)) return;
    const { args } = splitArrow(slot.type);
    const key = args.map(printType).join(',');
    if (!groups.has(key)) groups.set(key, { args, slots: [] });
    groups.get(key)!.slots.push(s);
  });
  const ordered = [...groups.values()].sort((x, y) => x.args.length - y.args.length);
  for (const { args, slots } of ordered) {
    if (stop()) break;
    const envs = environments(args, task);
    if (envs.length === 0) continue;
    const rets = slots.map((s) => splitArrow(P.slots[s]!.type).ret);
    const lamTask: Task = {
      name: `${task.name}/lambda ${args.map(printType).join(' -> ')}`, type: arrow(...args, rets[0]!), test: [],
      train: envs.map((inputs) => ({ inputs, output: null })),
      constants: (task.constants ?? []).filter((c) => !isArrow(c.type)),
    };
    let L: Productions;
    try { L = plainProductions(lamTask, firstOrder, { ints: [0, 1, 2, 3, 4, 5], extraTypes: rets }); }
    catch { skipped['lambda.unsupportedType'] = (skipped['lambda.unsupportedType'] ?? 0) + 1; continue; }
    const targets = rets.map((r) => L.slots.findIndex((x) => x.key === printType(r)));
    const bank = new Bank(L, L.prods.map(() => 1), envs.length);
    const count = (t: number) => (t < 0 ? Infinity : bank.size(t));
    withMeter({ maxSize: LAMBDA_MAX_SIZE }, () => bank.run(() => false, {
      maxCost: args.length === 1 ? maxBody + 1 : maxBody, maxBank: 2000 + 1000 * targets.length, fuel: 10_000, count: () => {},
      check: () => (targets.every((t) => count(t) >= perSlot) || stop() ? 'exhausted' : null),
    }));
    slots.forEach((s, i) => {
      if (targets[i]! < 0) return;
      for (const e of bank.entries(targets[i]!, perSlot)) {
        const lam = wrapParams(entryExpr(e), args.length);
        const fn = closureOf(e, args.length);
        prods.push({
          name: print(lam), ret: s, args: [], impl: null, lazy: null, expr: lam,
          outs: task.train.map(() => fn), weight: -(e.cost + 1) * Math.LN2,
        });
      }
    });
  }
  return { ...P, prods, skipped };
}

/** Productions for a task: its SyGuS grammar when present, otherwise the primitive set with lambdas for HOFs. */
export function taskProductions(task: Task, prims: PrimitiveSet, opts: ProductionOptions & LambdaOptions & { lambdas?: boolean } = {}): Productions {
  const g = task.extra?.grammar as GrammarSpec | undefined;
  if ((g && Array.isArray(g.nonterminals)) || opts.lambdas === false) return productionsFor(task, prims, opts);
  return addLambdas(plainProductions(task, prims, { ...opts, functions: true }), task, prims, opts);
}
