import { sampleSpace } from './space.ts';
import type { Sampler } from './trial.ts';

/** Independent uniform sampling (log-uniform for log parameters): the baseline every sampler must beat. */
export function randomSampler(): Sampler {
  return { name: 'random', sample: ({ space, rng }) => sampleSpace(space, rng) };
}
