// TPE's proposals against Optuna 3.1's on the same history: from a fixed set of trials on Rosenbrock-10 over
// [-5, 10]^10, the next trial's parameters drawn under many seeds must follow the distribution Optuna 3.1.0's
// `TPESampler` draws (deciles of 3,000 univariate / 2,000 multivariate proposals, recorded in hpo-tpe-optuna.json
// with Debian bookworm's python3-optuna: `study.add_trial` of the history, then `TPESampler(seed=k)` and one ask).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tpeSampler, uniform, type Space, type Trial } from '../../src/optimize/hpo/index.ts';
import { rng } from '../../src/util/rng.ts';

interface Case { history: number[][]; draws: number; deciles: Record<string, number[]>; valueDeciles?: number[] }
const ref = JSON.parse(readFileSync(new URL('./hpo-tpe-optuna.json', import.meta.url), 'utf8')) as Record<'univariate' | 'multivariate', Case>;
const rosenbrock = (x: readonly number[]): number => x.slice(0, -1).reduce((s, v, i) => s + 100 * (x[i + 1] - v * v) ** 2 + (1 - v) ** 2, 0);
const space: Space = Object.fromEntries(Array.from({ length: 10 }, (_, j) => [`x${j}`, uniform(-5, 10)]));
const asTrials = (h: number[][]): Trial[] =>
  h.map((x, i) => ({ number: i, params: Object.fromEntries(x.map((v, j) => [`x${j}`, v])), state: 'complete', value: rosenbrock(x), intermediate: [] }));

/** The share of `xs` below each reference decile must be within 0.05 of the decile's level (about 4 standard errors of the two samples together). */
function assertSameDeciles(xs: number[], deciles: number[], what: string): void {
  deciles.forEach((q, k) => {
    const share = xs.filter((x) => x < q).length / xs.length;
    assert.ok(Math.abs(share - (k + 1) / 10) < 0.05, `${what}: ${(100 * share).toFixed(1)}% below Optuna's ${(k + 1) * 10}th percentile ${q}`);
  });
}

for (const mode of ['univariate', 'multivariate'] as const) {
  it(`${mode} TPE proposes as Optuna 3.1 does on the same ${ref[mode].history.length} trials`, () => {
    const c = ref[mode], trials = asTrials(c.history);
    const sampler = tpeSampler({ preset: 'optuna31', multivariate: mode === 'multivariate' });
    const draws = Array.from({ length: 3 * c.draws }, (_, k) => sampler.sample({ space, trials, number: trials.length, rng: rng(7919 + k) }));
    for (const [j, deciles] of Object.entries(c.deciles)) assertSameDeciles(draws.map((p) => p[`x${j}`] as number), deciles, `${mode} x${j}`);
    if (c.valueDeciles) {
      assertSameDeciles(draws.map((p) => rosenbrock(Array.from({ length: 10 }, (_, j) => p[`x${j}`] as number))), c.valueDeciles, `${mode} f(x)`);
    }
  });
}
