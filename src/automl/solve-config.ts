/**
 * A tuned configuration for `arbor solve` (what self-tuning writes): the engines to run in order, each one's share
 * of a task's time, their options, and where the numbers came from. Validated once (zod), errors name the field;
 * `solveWithConfig` runs a task under it (engines one after another in this thread, each within its share).
 */
import { z } from 'zod';
import type { Task } from '../task/task.ts';
import type { Clock } from '../util/clock.ts';
import { solveTask, type PortfolioResult } from '../search/portfolio.ts';
import { autoEngines, ENGINE_NAMES } from '../search/portfolio-setup.ts';

/** Engine options a configuration may set (the knobs self-tuning turns). */
export interface SolveEngineOptions {
  readonly topdown?: { readonly step?: number; readonly constantLogp?: number; readonly maxDepth?: number };
  readonly bottomup?: { readonly maxCost?: number; readonly examples?: number; readonly lambdas?: boolean; readonly divide?: boolean; readonly probe?: boolean };
  readonly gp?: Readonly<Record<string, number | boolean>>;
}

/** A solve configuration, version 1. */
export interface SolveConfig {
  readonly version: 1;
  /** Engines in the order they run; null: the task's default mix (`--engine auto`). */
  readonly engines: readonly string[] | null;
  /** Fraction of a task's time for each engine, in order (normalized; default equal). */
  readonly shares?: readonly number[];
  /** Seconds per task (default: the caller's). */
  readonly timeoutS?: number;
  readonly engineOptions: SolveEngineOptions;
  /** Provenance: the study that produced it. */
  readonly tuned?: { readonly study: string; readonly trials: number; readonly value: number; readonly tasks: number };
}

/** A configuration file that failed validation: one line naming the file and the field. */
export class SolveConfigError extends Error {
  constructor(message: string) { super(message); this.name = 'SolveConfigError'; }
}

const engine = z.enum(ENGINE_NAMES);
const schema = z.object({
  version: z.literal(1),
  engines: z.array(engine).min(1).nullable(),
  shares: z.array(z.number().positive()).optional(),
  timeoutS: z.number().positive().optional(),
  engineOptions: z.object({
    topdown: z.object({ step: z.number().positive().optional(), constantLogp: z.number().max(0).optional(), maxDepth: z.number().int().positive().optional() }).strict().optional(),
    bottomup: z.object({ maxCost: z.number().int().positive().optional(), examples: z.number().int().positive().optional(),
      lambdas: z.boolean().optional(), divide: z.boolean().optional(), probe: z.boolean().optional() }).strict().optional(),
    gp: z.record(z.string(), z.union([z.number(), z.boolean()])).optional(),
  }).strict(),
  tuned: z.object({ study: z.string(), trials: z.number(), value: z.number(), tasks: z.number() }).strict().optional(),
}).strict();

/** Validates a parsed configuration; errors start with `where` and the field path. */
export function parseSolveConfig(raw: unknown, where: string): SolveConfig {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const msg = issue.code === 'unrecognized_keys' ? `unknown field '${(issue as { keys: string[] }).keys[0]}'` : issue.message;
    throw new SolveConfigError(`${where}: ${issue.path.join('.') || '(top level)'}: ${msg}`);
  }
  const c = r.data as SolveConfig;
  if (c.shares && c.engines && c.shares.length !== c.engines.length) {
    throw new SolveConfigError(`${where}: shares: ${c.shares.length} shares for ${c.engines.length} engines`);
  }
  return c;
}

/** What `arbor solve` does without a configuration. */
export const DEFAULT_SOLVE_CONFIG: SolveConfig = { version: 1, engines: null, engineOptions: {} };

/**
 * Solves one task under a configuration: each engine in turn gets its share of `timeoutMs` (plus what earlier
 * ones left unused), in this thread; stops at the first program.
 */
export async function solveWithConfig(task: Task, config: SolveConfig, o: { timeoutMs?: number; clock: Clock; seed?: number }): Promise<PortfolioResult> {
  const engines = config.engines ?? autoEngines(task);
  const total = o.timeoutMs ?? (config.timeoutS ?? 10) * 1000;
  const shares = config.shares && config.shares.length === engines.length ? config.shares : engines.map(() => 1);
  const sum = shares.reduce((a, b) => a + b, 0);
  const t0 = o.clock.now();
  let last: PortfolioResult | null = null, allotted = 0;
  for (let i = 0; i < engines.length; i++) {
    allotted += (total * shares[i]!) / sum;
    const left = allotted - (o.clock.now() - t0);
    if (left <= 1) continue;
    const e = engines[i]!;
    const opts = (config.engineOptions as Record<string, Record<string, unknown> | undefined>)[e];
    last = await solveTask(task, {
      engines: [e], timeoutMs: left, clock: o.clock, pool: null, seed: o.seed ?? 1, ...(opts ? { engineOptions: { [e]: opts } } : {}),
    });
    if (last.program) break;
  }
  if (!last) last = await solveTask(task, { engines: [engines[0]!], timeoutMs: 1, clock: o.clock, pool: null });
  return { ...last, ms: o.clock.now() - t0 };
}
