/** Hyperparameter optimization: search spaces, samplers (random, TPE, CMA-ES), pruners (ASHA, Hyperband), studies. */
export { categorical, checkSpace, int, logUniform, uniform, type Condition, type Param, type ParamValue, type Params, type Space } from './space.ts';
export { memoryStore, type Pruner, type SampleContext, type Sampler, type Trial, type TrialState, type TrialStore } from './trial.ts';
export { randomSampler } from './random.ts';
export { tpeSampler, type TpeOptions } from './tpe.ts';
export { cmaSampler, type CmaSamplerOptions } from './cma-sampler.ts';
export { hyperband, successiveHalving, type HyperbandOptions, type SuccessiveHalvingOptions } from './pruners.ts';
export {
  createStudy, optimize, optimizeAsync, TrialPruned,
  type AskedTrial, type OptimizeOptions, type OptimizeResult, type Study, type StudyOptions, type TrialContext,
} from './study.ts';
