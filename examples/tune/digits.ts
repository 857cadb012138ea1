// Tunes a dense net on sklearn digits: 3-fold CV accuracy, <= 20 epochs per trial, TPE + ASHA (prunes after 1, 3, 9 epochs).
//   arbor tune examples/tune/digits.ts          (data: $ARBOR_DATA or ../shared/data)
import { readFileSync } from 'node:fs';
import { initBackend } from '../../src/neural/backend.ts';
import { parseDigitsCsv } from '../../src/neural/digits.ts';
import { mlpObjective, mlpSpace } from '../../src/automl/mlp-objective.ts';

const data = process.env.ARBOR_DATA ?? new URL('../../../shared/data/', import.meta.url).pathname;
await initBackend();
const all = parseDigitsCsv(readFileSync(`${data}/sklearn/digits.csv`, 'utf8'));

export default {
  name: 'digits-mlp',
  space: mlpSpace({ training: true }), // also batch size, weight decay, dropout, label smoothing, lr schedule
  objective: mlpObjective({ data: { x: all.map((d) => d.image.flat()), y: all.map((d) => d.label), classes: 10 }, folds: 3, maxEpochs: 20, standardize: true }),
  direction: 'maximize',
  budget: { trials: 50, jobs: 1 },
  sampler: 'tpe',
  pruner: { kind: 'asha', minResource: 1, reductionFactor: 4 },
};
