import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cmaes, minimize } from '../../src/optimize/index.ts';
import { manualClock } from '../../src/util/clock.ts';

const sphere = (x: readonly number[]): number => x.reduce((s, v) => s + v * v, 0);

describe('minimize', () => {
  it('stops on the time limit of the clock it is given', () => {
    const clock = manualClock();
    const res = minimize((x) => { clock.advance(1); return sphere(x); }, [1, 1, 1], cmaes({ sigma: 1, seed: 1 }), { clock, timeLimitMs: 50, maxEvals: 10_000 });
    assert.equal(res.stopReason, 'timeLimit');
    assert.ok(res.evals >= 50 && res.evals < 50 + 10);
    assert.throws(() => minimize(sphere, [1], cmaes({ sigma: 1 }), { timeLimitMs: 5 }), /needs a clock/);
  });

  it('reports each generation to onStep and aborts when it returns false', () => {
    const steps: number[] = [];
    const res = minimize(sphere, [1, 1], cmaes({ sigma: 1, seed: 1 }), { onStep: (s) => { steps.push(s.evals); return s.generation < 3; } });
    assert.equal(res.stopReason, 'aborted');
    assert.deepEqual(steps, [6, 12, 18]);
  });

  it('treats NaN as the worst value and still solves', () => {
    const f = (x: number[]) => (x[0] > 2 ? NaN : sphere(x));
    const res = minimize(f, [1, 1], cmaes({ sigma: 1, seed: 2 }), { target: 1e-10, maxEvals: 5_000 });
    assert.equal(res.stopReason, 'solved');
  });
});
