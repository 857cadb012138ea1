import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cmaes, minimize } from '../../src/optimize/index.ts';
import { jacobiEigen, symmetricEigen } from '../../src/optimize/eigen.ts';

const sphere = (x: readonly number[]): number => x.reduce((s, v) => s + v * v, 0);
const rastrigin = (x: readonly number[]): number =>
  x.reduce((s, v) => s + v * v - 10 * Math.cos(2 * Math.PI * v), 10 * x.length);

describe('symmetricEigen', () => {
  it('agrees with the Jacobi oracle and satisfies A v = λ v with orthonormal v', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 144, maxLength: 144 }), (n, raw) => {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = raw[i * 12 + j];
      const d = new Float64Array(n), v = new Float64Array(n * n), w = new Float64Array(n * n + 2 * n);
      symmetricEigen(a, n, d, v, w);
      const scale = 1 + Math.max(...Array.from(a, Math.abs));
      for (let k = 0; k < n; k++) {
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += a[i * n + j] * v[j * n + k];
          assert.ok(Math.abs(s - d[k] * v[i * n + k]) < 1e-10 * scale * n);
        }
        for (let l = 0; l < n; l++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += v[i * n + k] * v[i * n + l];
          assert.ok(Math.abs(s - (k === l ? 1 : 0)) < 1e-10);
        }
      }
      const dj = new Float64Array(n), vj = new Float64Array(n * n);
      jacobiEigen(a, n, dj, vj, w);
      const sorted = (x: Float64Array) => Array.from(x).sort((p, q) => p - q);
      sorted(d).forEach((x, i) => assert.ok(Math.abs(x - sorted(dj)[i]) < 1e-9 * scale * n));
    }), { seed: 42, numRuns: 300 });
  });
});

describe('cmaes', () => {
  it('without restarts, stops by itself once converged, naming the criterion in stats', () => {
    const res = minimize(sphere, [1, 2, 3], cmaes({ sigma: 1, seed: 1 }), { maxEvals: 100_000 });
    assert.equal(res.stopReason, 'exhausted');
    assert.ok(res.value < 1e-12);
    assert.ok(Object.keys(res.stats).some((k) => k.startsWith('stop.')));
    assert.equal(res.stats.restarts, 0);
  });

  it('with IPOP, restarts with a doubled population and solves 5-d Rastrigin', () => {
    const res = minimize(rastrigin, [2, -2, 1, 3, -1], cmaes({ sigma: 2, seed: 3, ipop: true }), { maxEvals: 60_000, target: 1e-8 });
    assert.equal(res.stopReason, 'solved');
    assert.ok(res.stats.restarts >= 1);
    assert.equal(res.stats.popSize, 8 * 2 ** res.stats.restarts);
  });

  it('stops after maxRestarts restarts', () => {
    const res = minimize(sphere, [1, 1], cmaes({ sigma: 1, seed: 2, ipop: true, maxRestarts: 2 }), { maxEvals: 100_000 });
    assert.equal(res.stopReason, 'exhausted');
    assert.equal(res.stats.restarts, 2);
  });

  it('widens its step on a flat function instead of collapsing', () => {
    const res = minimize(() => 1, [0, 0], cmaes({ sigma: 1, seed: 1 }), { maxEvals: 200 });
    assert.ok(res.stats.flatFitness > 0);
  });

  it('samples orthogonal directions within a generation, each still standard normal', () => {
    const n = 12;
    let sum2 = 0, count = 0;
    for (let seed = 0; seed < 300; seed++) {
      const xs = cmaes({ sigma: 1, seed }).start(new Array(n).fill(0)).ask(); // B = D = I: candidates are the z
      for (let a = 0; a < xs.length; a++) {
        for (let b = a + 1; b < xs.length; b++) assert.ok(Math.abs(xs[a].reduce((s, v, i) => s + v * xs[b][i], 0)) < 1e-9);
        for (const v of xs[a]) { sum2 += v * v; count++; }
      }
    }
    assert.ok(Math.abs(sum2 / count - 1) < 0.03, `E[z_i^2] = ${sum2 / count}`);
    const gauss = cmaes({ sigma: 1, seed: 1, sampling: 'gaussian' }).start(new Array(n).fill(0)).ask();
    assert.ok(Math.abs(gauss[0].reduce((s, v, i) => s + v * gauss[1][i], 0)) > 1e-6);
  });

  it('keeps infinite values through a JSON round trip of its state', () => {
    const a = cmaes({ sigma: 1, seed: 4 }).start([0, 0]);
    const xs = a.ask();
    a.tell(xs, xs.map(() => Infinity));
    const b = cmaes({ sigma: 1, seed: 4 }).start([0, 0]);
    b.restore(JSON.parse(JSON.stringify(a.save())));
    assert.equal(b.best()?.value, Infinity);
    assert.deepEqual(b.ask(), a.ask());
  });

  it('rejects bad options with a message naming the field', () => {
    assert.throws(() => cmaes({ sigma: 0 }), /sigma must be > 0/);
    assert.throws(() => cmaes({ sigma: 1, popSize: 1 }), /popSize/);
  });
});
