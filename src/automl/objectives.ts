/**
 * Objectives: user functions of the trained model or program. An objective takes a trial's parameters (and the
 * trial, to report intermediate values for pruning) and returns one value or a vector (several objectives give a
 * Pareto front). Here: the built-in test functions a JSON spec can name and the scalarization of several
 * objectives; `mlp-objective.ts` trains a model and hands its measures to a user function.
 */
import type { Params, TrialContext } from '../optimize/hpo/index.ts';

/** A user objective: one value, or one value per declared objective; may be async. */
export type TuneObjective = (params: Params, trial: TrialContext) => number | readonly number[] | Promise<number | readonly number[]>;

/** A declared objective of a multi-objective study. */
export interface ObjectiveSpec {
  readonly name: string;
  readonly direction: 'minimize' | 'maximize';
  /** Weight in the scalarized value the sampler optimizes (default 1). */
  readonly weight?: number;
}

const numeric = (p: Params): number[] => Object.values(p).filter((v): v is number => typeof v === 'number');

/** Test functions a JSON spec can name as its objective (numeric parameters in space order). */
export const BUILTIN_OBJECTIVES: Readonly<Record<string, (p: Params) => number>> = {
  /** Branin on x ∈ [−5, 10], y ∈ [0, 15]; minimum 0.397887. */
  branin: (p) => {
    const [x, y] = numeric(p) as [number, number];
    const b = 5.1 / (4 * Math.PI ** 2), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
    return (y - b * x * x + c * x - 6) ** 2 + 10 * (1 - t) * Math.cos(x) + 10;
  },
  sphere: (p) => numeric(p).reduce((s, x) => s + x * x, 0),
  rosenbrock: (p) => {
    const x = numeric(p);
    let s = 0;
    for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
    return s;
  },
};

/**
 * The value a multi-objective study's sampler minimizes: Σ weightᵢ·(±valueᵢ), sign by direction (so a study over it
 * is run as 'minimize'). One point of the front; the whole front is reported from the vectors.
 */
export function scalarizer(objectives: readonly ObjectiveSpec[]): (values: readonly number[]) => number {
  return (values) => objectives.reduce((s, o, i) => s + (o.weight ?? 1) * (o.direction === 'maximize' ? -1 : 1) * values[i]!, 0);
}
