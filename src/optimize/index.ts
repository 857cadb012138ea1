/** Public API of the optimizers: ask/tell `Optimizer`s built by `es`, `cmaes`, `ga`, and the `minimize` driver. */
export type { Incumbent, Optimizer, OptimizerState, StopReason, Strategy } from './optimizer.ts';
export { cmaes, type CmaesOptions } from './cmaes.ts';
export { es, type EsOptions } from './es.ts';
export { ga, type GaOptions, type Genome } from './ga.ts';
export { minimize, type MinimizeOptions, type MinimizeResult } from './minimize.ts';
