// Two objectives of the trained model: CV accuracy (up) and size in parameters (down); `arbor tune` prints the Pareto front.
//   arbor tune examples/tune/digits-pareto.ts --jobs 4
import { readFileSync } from 'node:fs';
import { initBackend } from '../../src/neural/backend.ts';
import { parseDigitsCsv } from '../../src/neural/digits.ts';
import { mlpObjective, mlpSpace } from '../../src/automl/mlp-objective.ts';

const data = process.env.ARBOR_DATA ?? new URL('../../../shared/data/', import.meta.url).pathname;
await initBackend();
const all = parseDigitsCsv(readFileSync(`${data}/sklearn/digits.csv`, 'utf8'));

export default {
  name: 'digits-pareto',
  space: mlpSpace({ maxLayers: 2, maxUnits: 128 }),
  objective: mlpObjective({
    data: { x: all.map((d) => d.image.flat()), y: all.map((d) => d.label), classes: 10 }, folds: 3, maxEpochs: 10,
    measure: (m) => [m.accuracy, m.params],
  }),
  // the sampler follows accuracy minus 1e-5 per parameter; the front shows the whole trade-off
  objectives: [{ name: 'accuracy', direction: 'maximize' }, { name: 'size', direction: 'minimize', weight: 1e-5 }],
  budget: { trials: 30, jobs: 1 },
  sampler: 'tpe',
};
