// Keeps the example at the top of docs/optimize.md true.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { cmaes, minimize } from '../../src/optimize/index.ts';
import { categorical, logUniform, optimize, successiveHalving, tpeSampler, TrialPruned, uniform } from '../../src/optimize/hpo/index.ts';

it('docs/optimize.md example prints what the page says', () => {
  const lines: string[] = [];
  const rosenbrock = (x: number[]) => x.slice(1).reduce((s, y, i) => s + 100 * (y - x[i] ** 2) ** 2 + (1 - x[i]) ** 2, 0);
  const r = minimize(rosenbrock, [-1, 2, 0, 1, -2], cmaes({ sigma: 1, seed: 1, ipop: true }), { maxEvals: 20_000, target: 1e-10 });
  lines.push([r.stopReason, r.evals, r.best.map((v) => v.toFixed(4)).join(' ')].join(' '));
  const space = { lr: logUniform(1e-4, 1), opt: categorical(['sgd', 'adam']), momentum: uniform(0, 0.99, { when: { param: 'opt', in: ['sgd'] } }) };
  const study = optimize((p, trial) => {
    let loss = 0;
    for (let epoch = 1; epoch <= 9; epoch++) {
      loss = (Math.log10(p.lr as number) + 2) ** 2 + (p.opt === 'adam' ? 0.1 : 1 - (p.momentum as number)) + 1 / epoch;
      if (trial.report(epoch, loss)) throw new TrialPruned();
    }
    return loss;
  }, space, { nTrials: 40, sampler: tpeSampler(), pruner: successiveHalving(), seed: 1 });
  lines.push([study.best?.number, study.best?.value?.toFixed(3), JSON.stringify(study.stats)].join(' '));
  assert.deepEqual(lines, [
    'solved 1770 1.0000 1.0000 1.0000 1.0000 1.0000',
    '30 0.122 {"resumed":0,"asked":40,"complete":12,"pruned":28,"failed":0}',
  ]);
});
