// The Optimizer conformance suite: every strategy runs the same cases.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cmaes, es, ga, minimize, type Optimizer, type Strategy } from '../../src/optimize/index.ts';

interface Entry {
  readonly name: string;
  readonly make: (seed: number) => Strategy;
  /** Value the run must get below on the quadratic within `budget` evaluations. */
  readonly tol: number;
  readonly budget: number;
}

const entries: Entry[] = [
  { name: 'cmaes', make: (seed) => cmaes({ sigma: 1, seed }), tol: 1e-10, budget: 3_000 },
  { name: 'cmaes ipop', make: (seed) => cmaes({ sigma: 1, seed, ipop: true, popSize: 6 }), tol: 1e-10, budget: 3_000 },
  { name: 'cmaes classic', make: (seed) => cmaes({ sigma: 1, seed, active: false, sampling: 'gaussian' }), tol: 1e-10, budget: 3_000 },
  { name: 'es adam', make: (seed) => es({ sigma: 0.1, seed, decay: 0.99 }), tol: 1e-6, budget: 20_000 },
  { name: 'es sgd', make: (seed) => es({ sigma: 0.1, seed, step: 'sgd', decay: 0.995 }), tol: 1e-2, budget: 20_000 },
  { name: 'ga sbx', make: (seed) => ga({ seed }), tol: 1e-6, budget: 20_000 },
  { name: 'ga blend', make: (seed) => ga({ seed, genome: { kind: 'real', crossover: 'blend' } }), tol: 1e-6, budget: 20_000 },
];

/** An ill-scaled quadratic with its minimum (0) away from the origin. */
const quadratic = (x: readonly number[]): number => x.reduce((s, v, i) => s + (i + 1) * (v - (0.5 * i - 0.7)) ** 2, 0);

/** Runs `gens` ask/tell generations and returns everything asked. */
function drive(opt: Optimizer, gens: number): number[][][] {
  const trace: number[][][] = [];
  for (let g = 0; g < gens && !opt.stop(); g++) {
    const xs = opt.ask();
    trace.push(xs);
    opt.tell(xs, xs.map(quadratic));
  }
  return trace;
}

for (const e of entries) {
  describe(`optimizer conformance: ${e.name}`, () => {
    for (const dim of [2, 3, 5]) {
      it(`finds the minimum of a ${dim}-d quadratic within ${e.budget} evaluations`, () => {
        for (const seed of [1, 2, 3]) {
          const res = minimize(quadratic, new Array(dim).fill(0), e.make(seed), { maxEvals: e.budget, target: e.tol });
          assert.equal(res.stopReason, 'solved', `seed ${seed}: value ${res.value} after ${res.evals}`);
          assert.ok(res.value <= e.tol);
          assert.equal(res.value, quadratic(res.best));
        }
      });
    }

    it('is deterministic under a seed and varies with it', () => {
      const run = (seed: number) => minimize(quadratic, [0, 0, 0], e.make(seed), { maxEvals: 500 });
      assert.deepEqual(run(7), run(7));
      assert.notDeepEqual(run(7).best, run(8).best);
      assert.deepEqual(drive(e.make(3).start([1, 2]), 5), drive(e.make(3).start([1, 2]), 5));
    });

    it('respects maxEvals exactly, even mid-generation', () => {
      for (const maxEvals of [1, 37, 250]) {
        let calls = 0;
        const res = minimize((x) => { calls++; return quadratic(x); }, [0, 0, 0, 0], e.make(1), { maxEvals });
        assert.equal(calls, maxEvals);
        assert.equal(res.evals, maxEvals);
        assert.equal(res.stopReason, 'evalLimit');
      }
    });

    it('continues the same trajectory after save/restore, between generations and mid-generation', () => {
      const a = e.make(5).start([0.3, -1, 2]);
      drive(a, 6);
      const b = e.make(99).start([9, 9, 9]);
      b.restore(JSON.parse(JSON.stringify(a.save())));
      assert.deepEqual(drive(b, 8), drive(a, 8));
      // saved after ask, before tell: the pending candidates travel with the state
      const xs = a.ask();
      const c = e.make(1).start([0, 0, 0]);
      c.restore(JSON.parse(JSON.stringify(a.save())));
      a.tell(xs, xs.map(quadratic));
      c.tell(xs, xs.map(quadratic));
      assert.deepEqual(drive(c, 5), drive(a, 5));
      assert.deepEqual(c.best(), a.best());
      assert.deepEqual(c.stats(), a.stats());
    });

    it('tracks the best candidate told and rejects malformed tells and states', () => {
      const opt = e.make(1).start([0, 0]);
      assert.equal(opt.best(), null);
      const xs = opt.ask();
      const ys = xs.map(quadratic);
      assert.throws(() => opt.tell(xs.slice(1), ys.slice(1)), /expected/);
      opt.tell(xs, ys);
      assert.equal(opt.best()?.value, Math.min(...ys));
      assert.throws(() => opt.tell(xs, ys), /pending/);
      assert.throws(() => opt.restore({ kind: 'nope', version: 1 }), /kind is 'nope'/);
      assert.throws(() => opt.restore({ ...opt.save(), dim: 3 }), /dim is 3/);
    });
  });
}
