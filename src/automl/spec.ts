/**
 * A tuning spec (`arbor tune SPEC`): search space, objective, budget, sampler, pruner, study name and library.
 * Validated once here (zod); every error names the field. JSON specs name a built-in objective; TypeScript specs
 * export a function. Pure: the CLI reads the file and hands over the parsed value.
 */
import { z } from 'zod';
import {
  checkSpace, hyperband, randomSampler, successiveHalving, tpeSampler, cmaSampler,
  type Params, type Pruner, type Sampler, type Space,
} from '../optimize/hpo/index.ts';
import { BUILTIN_OBJECTIVES, type ObjectiveSpec, type TuneObjective } from './objectives.ts';

/** A validated spec. `objective` is a built-in's name (JSON) or a function (TypeScript). */
export interface TuneSpec {
  readonly name: string;
  readonly space: Space;
  readonly objective: string | TuneObjective;
  readonly direction: 'minimize' | 'maximize';
  /** Several objectives: the objective returns one value per entry; the study reports their Pareto front. */
  readonly objectives: readonly ObjectiveSpec[] | null;
  readonly budget: { readonly trials: number; readonly jobs: number; readonly timeoutS: number | null };
  readonly sampler: SamplerSpec;
  readonly pruner: PrunerSpec;
  readonly seed: number;
  /** A library (SQLite path or postgres:// URL) where trials persist; null: the default library. */
  readonly library: string | null;
  /** Where to write the best parameters as JSON when the study ends (through `toJson` when given), or null. */
  readonly output: string | null;
  readonly toJson: ((best: Params) => unknown) | null;
}

/** Sampler choice with its options. */
export type SamplerSpec =
  | { readonly kind: 'random' }
  | { readonly kind: 'tpe'; readonly multivariate?: boolean; readonly nStartupTrials?: number }
  | { readonly kind: 'cmaes'; readonly sigma?: number; readonly popSize?: number };

/** Pruner choice with its options. */
export type PrunerSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'asha'; readonly minResource?: number; readonly reductionFactor?: number; readonly minEarlyStoppingRate?: number }
  | { readonly kind: 'hyperband'; readonly maxResource: number; readonly minResource?: number; readonly reductionFactor?: number };

/** A spec that failed validation; the message is one line naming the file and field. */
export class SpecError extends Error {
  constructor(message: string) { super(message); this.name = 'SpecError'; }
}

const value = z.union([z.number(), z.string(), z.boolean()]);
const when = z.object({ param: z.string(), in: z.array(value).min(1) }).strict().optional();
const param = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('uniform'), low: z.number(), high: z.number(), when }).strict(),
  z.object({ kind: z.literal('logUniform'), low: z.number(), high: z.number(), when }).strict(),
  z.object({ kind: z.literal('int'), low: z.number().int(), high: z.number().int(), log: z.boolean().optional(), when }).strict(),
  z.object({ kind: z.literal('categorical'), choices: z.array(value).min(1), when }).strict(),
]);
const posInt = z.number().int().positive();
const sampler = z.union([
  z.enum(['random', 'tpe', 'tpe-multivariate', 'cmaes']).transform((k): SamplerSpec =>
    (k === 'tpe-multivariate' ? { kind: 'tpe', multivariate: true } : { kind: k })),
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('random') }).strict(),
    z.object({ kind: z.literal('tpe'), multivariate: z.boolean().optional(), nStartupTrials: z.number().int().nonnegative().optional() }).strict(),
    z.object({ kind: z.literal('cmaes'), sigma: z.number().positive().optional(), popSize: posInt.optional() }).strict(),
  ]),
]);
const pruner = z.union([
  z.enum(['none', 'asha']).transform((k): PrunerSpec => ({ kind: k })),
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }).strict(),
    z.object({ kind: z.literal('asha'), minResource: z.number().positive().optional(), reductionFactor: z.number().min(2).optional(),
      minEarlyStoppingRate: z.number().int().nonnegative().optional() }).strict(),
    z.object({ kind: z.literal('hyperband'), maxResource: z.number().positive(), minResource: z.number().positive().optional(),
      reductionFactor: z.number().min(2).optional() }).strict(),
  ]),
]);
const schema = z.object({
  name: z.string().regex(/^[\w.-]+$/, 'use letters, digits, ".", "-", "_"').optional(),
  space: z.record(z.string(), param),
  objective: z.union([z.string(), z.custom<TuneObjective>((f) => typeof f === 'function', 'expected a built-in name or a function')]),
  direction: z.enum(['minimize', 'maximize']).optional(),
  objectives: z.array(z.object({ name: z.string(), direction: z.enum(['minimize', 'maximize']), weight: z.number().optional() }).strict()).min(2).optional(),
  budget: z.object({ trials: posInt, jobs: posInt.optional(), timeoutS: z.number().positive().optional() }).strict(),
  sampler: sampler.optional(),
  pruner: pruner.optional(),
  seed: z.number().int().optional(),
  library: z.string().min(1).optional(),
  output: z.string().min(1).optional(),
  toJson: z.custom<(best: Params) => unknown>((f) => typeof f === 'function', 'expected a function').optional(),
}).strict();

/** Validates a parsed spec; `where` (the file) and the field path start every error message. */
export function parseTuneSpec(raw: unknown, where: string, defaultName: string): TuneSpec {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.join('.') || '(top level)';
    const msg = issue.code === 'unrecognized_keys' ? `unknown field '${(issue as { keys: string[] }).keys[0]}'` : issue.message;
    throw new SpecError(`${where}: ${path}: ${msg}`);
  }
  const s = r.data;
  try { checkSpace(s.space as Space); } catch (e) { throw new SpecError(`${where}: ${(e as Error).message}`); }
  if (typeof s.objective === 'string' && !(s.objective in BUILTIN_OBJECTIVES)) {
    throw new SpecError(`${where}: objective: unknown built-in '${s.objective}' (expected ${Object.keys(BUILTIN_OBJECTIVES).join(', ')}, or a function in a .ts spec)`);
  }
  if (s.toJson && !s.output) throw new SpecError(`${where}: toJson: needs output (the file to write)`);
  if (s.objectives && typeof s.objective === 'string') throw new SpecError(`${where}: objectives: a built-in objective has one value`);
  if (s.objectives && s.direction) throw new SpecError(`${where}: direction: give each entry of objectives its direction instead`);
  const p = (s.pruner ?? { kind: 'none' }) as PrunerSpec;
  if (p.kind !== 'none' && s.objectives) throw new SpecError(`${where}: pruner: pruning needs a single objective`);
  return {
    name: s.name ?? defaultName, space: s.space as Space, objective: s.objective as string | TuneObjective,
    direction: s.direction ?? 'minimize', objectives: s.objectives ?? null,
    budget: { trials: s.budget.trials, jobs: s.budget.jobs ?? 1, timeoutS: s.budget.timeoutS ?? null },
    sampler: (s.sampler ?? { kind: 'tpe' }) as SamplerSpec, pruner: p, seed: s.seed ?? 1, library: s.library ?? null,
    output: s.output ?? null, toJson: s.toJson ?? null,
  };
}

/** The sampler a spec asks for. */
export function samplerOf(s: SamplerSpec, seed: number): Sampler {
  switch (s.kind) {
    case 'random': return randomSampler();
    case 'tpe': return tpeSampler({ ...(s.multivariate ? { multivariate: true } : {}), ...(s.nStartupTrials !== undefined ? { nStartupTrials: s.nStartupTrials } : {}) });
    case 'cmaes': return cmaSampler({ seed, ...(s.sigma !== undefined ? { sigma: s.sigma } : {}), ...(s.popSize !== undefined ? { popSize: s.popSize } : {}) });
  }
}

/** The pruner a spec asks for, or undefined. */
export function prunerOf(p: PrunerSpec): Pruner | undefined {
  switch (p.kind) {
    case 'none': return undefined;
    case 'asha': { const { kind: _k, ...o } = p; return successiveHalving(o); }
    case 'hyperband': { const { kind: _k, ...o } = p; return hyperband(o); }
  }
}

/** What must not change when a study is resumed: space, objective(s), direction, sampler, seed. */
export function signatureOf(s: TuneSpec): string {
  return JSON.stringify({
    space: s.space, objective: typeof s.objective === 'string' ? s.objective : 'function', direction: s.direction,
    objectives: s.objectives, sampler: s.sampler, pruner: s.pruner, seed: s.seed,
  });
}
