/**
 * `synthesize`: the programming-by-example entry point of the library API. Give it examples (or a Task) and it
 * returns the simplest program consistent with them, as Arbor text, a callable JS function and a JS module.
 *
 *   const r = await synthesize([{ input: [1, 2, 3], output: 6 }, { input: [4, 5], output: 9 }]);
 *   r.program  // '(lambda (sum $0))'
 *   r.fn([10, 20])  // 30
 */
import type { Expr } from '../lang/expr.ts';
import { compile } from '../lang/compile.ts';
import { runCompiled } from '../lang/evaluate.ts';
import { exportModule } from './export.ts';
import type { Value } from '../lang/primitive.ts';
import { print } from '../lang/print.ts';
import { splitArrow } from '../lang/type.ts';
import { fromJson, toJson } from '../lang/value.ts';
import { systemClock } from '../util/clock.ts';
import { parseArborJson } from '../task/arbor-json.ts';
import type { Task } from '../task/task.ts';
import type { StopReason } from '../search/budget.ts';
import { solveTask, WorkerPool, type PortfolioStats } from '../search/portfolio.ts';
import { autoEngines, ENGINE_NAMES, type LibrarySpec } from '../search/portfolio-setup.ts';

/** One example as plain JSON: one input (`input`) or several curried ones (`inputs`). */
export type ExampleInput = { readonly input: unknown; readonly output: unknown } | { readonly inputs: readonly unknown[]; readonly output: unknown };

export interface SynthesizeOptions {
  /** Wall-clock limit in seconds (default 10). */
  readonly timeout?: number;
  /** 'auto' (default) picks engines by the task's type; or name them. */
  readonly engine?: 'auto' | (typeof ENGINE_NAMES)[number] | readonly (typeof ENGINE_NAMES)[number][];
  /** The program's type, e.g. 'list(int) -> int', when examples alone are ambiguous. */
  readonly type?: string;
  /** Held-out examples to score the program on. */
  readonly test?: readonly ExampleInput[];
  /** Run engines in worker threads (default: true when more than one engine runs). */
  readonly parallel?: boolean;
  /** Library entries (abstractions by body, and grammar weights). */
  readonly library?: LibrarySpec;
  /** Fuel per call of the returned `fn` (default 1,000,000). */
  readonly fuel?: number;
}

export interface SynthesisResult {
  /** The program in Arbor syntax, or null when none was found. */
  readonly program: string | null;
  readonly expr: Expr | null;
  /**
   * The program as a function of its inputs, taking and returning JSON as the examples write it (objects for
   * records and maps); throws an Error naming the argument that does not fit the type, or how the program failed.
   */
  readonly fn: ((...args: unknown[]) => Value) | null;
  /** A standalone ES module exporting the program. */
  readonly js: string | null;
  readonly engine: string | null;
  readonly stopReason: StopReason;
  readonly stats: PortfolioStats;
  readonly ms: number;
  readonly test: { readonly correct: number; readonly total: number } | null;
}

/** Finds a program for examples or a Task. Rejects (with the field named) when the examples are malformed. */
export async function synthesize(examplesOrTask: Task | readonly ExampleInput[], options: SynthesizeOptions = {}): Promise<SynthesisResult> {
  const task: Task = Array.isArray(examplesOrTask)
    ? parseArborJson({ name: 'synthesize', train: examplesOrTask, ...(options.test ? { test: options.test } : {}), ...(options.type ? { type: options.type } : {}) }, 'synthesize()')[0]!
    : examplesOrTask as Task;
  const engines = options.engine === undefined || options.engine === 'auto' ? autoEngines(task)
    : typeof options.engine === 'string' ? [options.engine] : [...options.engine];
  const parallel = options.parallel ?? engines.length > 1;
  const pool = parallel ? new WorkerPool(engines.length) : null;
  try {
    const r = await solveTask(task, {
      engines, timeoutMs: (options.timeout ?? 10) * 1000, clock: systemClock, pool,
      ...(options.library ? { library: options.library } : {}),
    });
    let fn: SynthesisResult['fn'] = null, js: string | null = null;
    if (r.program) {
      const compiled = compile(r.program, r.prims);
      const fuel = options.fuel ?? 1_000_000;
      const { args: argTypes, ret } = splitArrow(task.type);
      fn = (...args: unknown[]) => {
        const values = args.map((a, i) => (i < argTypes.length ? fromJson(a, argTypes[i]!, `argument ${i + 1}`) : a));
        const out = runCompiled(compiled, values, { fuel });
        if (!out.ok) throw new Error(`${out.failure.kind}: ${out.failure.message}`);
        return toJson(out.value, ret);
      };
      try { js = exportModule(r.program, r.prims); } catch { js = null; }
    }
    return {
      program: r.program ? print(r.program) : null, expr: r.program, fn, js, engine: r.engine,
      stopReason: r.stopReason, stats: r.stats, ms: r.ms, test: r.test,
    };
  } finally {
    await pool?.close();
  }
}
