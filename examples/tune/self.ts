// Arbor tunes itself: the knobs of `arbor solve` on 19 DreamCoder list tasks, maximizing solved − 0.05·seconds;
// writes the best configuration to solve-config.json (load it with loadSolveConfig from src/api/solve-config.ts).
//   arbor tune examples/tune/self.ts
import { readTasks } from '../../src/api/read-tasks.ts';
import { configFromParams, selfTuneObjective, selfTuneSpace } from '../../src/automl/self-tune.ts';
import type { Task } from '../../src/task/task.ts';
import { systemClock } from '../../src/util/clock.ts';

const data = process.env.ARBOR_DATA ?? new URL('../../../shared/data/', import.meta.url).pathname;
const tasks = readTasks([`${data}/lists/dreamcoder_list_tasks.json`]).flatMap((t) => (t.kind === 'arc' ? [] : [t.task as Task]))
  .filter((_, i) => i % 12 === 0);

export default {
  name: 'self-tune',
  space: selfTuneSpace(),
  objective: selfTuneObjective({ tasks, timeoutMs: 1000, clock: systemClock, timePenalty: 0.05 }),
  direction: 'maximize',
  budget: { trials: 12 },
  sampler: { kind: 'tpe', nStartupTrials: 5 },
  output: 'solve-config.json',
  toJson: configFromParams,
};
