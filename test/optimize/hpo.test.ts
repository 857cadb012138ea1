import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  categorical, checkSpace, cmaSampler, createStudy, hyperband, int, logUniform, memoryStore, optimize, optimizeAsync, randomSampler,
  successiveHalving, tpeSampler, TrialPruned, uniform, type Params, type Sampler, type Space, type Trial, type TrialContext,
} from '../../src/optimize/hpo/index.ts';
import { fromUnit, sampleParam, toUnit } from '../../src/optimize/hpo/space.ts';
import { rankTrials } from '../../src/optimize/hpo/trial.ts';
import { rng } from '../../src/util/rng.ts';

const branin = (p: Params): number => {
  const x1 = p.x1 as number, x2 = p.x2 as number;
  const b = 5.1 / (4 * Math.PI ** 2), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
};
const braninSpace: Space = { x1: uniform(-5, 10), x2: uniform(0, 15) };
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

const samplers: Record<string, () => Sampler> = {
  random: () => randomSampler(),
  tpe: () => tpeSampler(),
  'tpe multivariate': () => tpeSampler({ multivariate: true }),
  cmaes: () => cmaSampler(),
};

/** A space with every kind of parameter and two conditional ones. */
const mixed: Space = {
  opt: categorical(['sgd', 'adam']),
  lr: logUniform(1e-4, 1),
  momentum: uniform(0, 0.99, { when: { param: 'opt', in: ['sgd'] } }),
  layers: int(1, 4),
  width: int(8, 512, { log: true }),
  beta2: uniform(0.9, 0.9999, { when: { param: 'opt', in: ['adam'] } }),
};
const mixedObjective = (p: Params): number =>
  Math.log10(p.lr as number) ** 2 + (p.layers as number) + Math.abs(Math.log2(p.width as number) - 6) +
  (p.opt === 'sgd' ? 1 - (p.momentum as number) : 10 * (1 - (p.beta2 as number)));

describe('search space', () => {
  it('rejects malformed spaces naming the parameter', () => {
    assert.throws(() => checkSpace({}), /no parameters/);
    assert.throws(() => checkSpace({ a: uniform(2, 1) }), /space\.a: need finite low <= high/);
    assert.throws(() => checkSpace({ a: logUniform(0, 1) }), /space\.a: log scale needs low > 0/);
    assert.throws(() => checkSpace({ a: int(0.5, 3) }), /space\.a: int bounds/);
    assert.throws(() => checkSpace({ a: categorical([]) }), /space\.a\.choices: empty/);
    assert.throws(() => checkSpace({ a: uniform(0, 1, { when: { param: 'b', in: [1] } }), b: int(0, 2) }), /space\.a\.when\.param: 'b'/);
  });

  it('maps values to the unit interval and back', () => {
    for (const [p, vals] of [
      [uniform(-2, 3), [-2, 0.5, 3]], [logUniform(1e-3, 10), [1e-3, 0.1, 10]], [int(-3, 5), [-3, 0, 5]],
      [int(1, 1000, { log: true }), [1, 31, 1000]], [categorical(['a', 'b', 'c']), ['a', 'c']],
    ] as const) {
      for (const v of vals) {
        const u = toUnit(p, v);
        const back = p.kind === 'categorical' ? p.choices[u] : fromUnit(p, u);
        if (typeof v === 'number' && p.kind !== 'int') assert.ok(Math.abs((back as number) - v) < 1e-12 * Math.max(1, Math.abs(v)));
        else assert.equal(back, v);
      }
    }
  });

  it('samples integers uniformly over the whole range, ends included', () => {
    const r = rng(1), counts = new Map<number, number>();
    for (let i = 0; i < 6000; i++) { const v = sampleParam(int(1, 6), r) as number; counts.set(v, (counts.get(v) ?? 0) + 1); }
    assert.deepEqual([...counts.keys()].sort(), [1, 2, 3, 4, 5, 6]);
    for (const c of counts.values()) assert.ok(c > 850 && c < 1150, `count ${c}`);
  });
});

for (const [name, make] of Object.entries(samplers)) {
  describe(`sampler: ${name}`, () => {
    it('is deterministic under a seed and varies with it', () => {
      const run = (seed: number) => optimize(branin, braninSpace, { nTrials: 30, sampler: make(), seed }).trials;
      assert.deepEqual(run(3), run(3));
      assert.notDeepEqual(run(3), run(4));
    });

    it('respects bounds, integer and categorical domains, and conditions', () => {
      const res = optimize(mixedObjective, mixed, { nTrials: 60, sampler: make(), seed: 2 });
      assert.equal(res.trials.length, 60);
      for (const t of res.trials) {
        const p = t.params;
        assert.ok(p.opt === 'sgd' || p.opt === 'adam');
        assert.equal('momentum' in p, p.opt === 'sgd');
        assert.equal('beta2' in p, p.opt === 'adam');
        assert.ok((p.lr as number) >= 1e-4 && (p.lr as number) <= 1);
        assert.ok(Number.isInteger(p.layers) && (p.layers as number) >= 1 && (p.layers as number) <= 4);
        assert.ok(Number.isInteger(p.width) && (p.width as number) >= 8 && (p.width as number) <= 512);
        assert.equal(t.state, 'complete');
      }
    });

    if (name !== 'random') {
      it('beats random search on Branin after 50 trials (median over 10 seeds)', () => {
        const best = (s: () => Sampler) =>
          median(Array.from({ length: 10 }, (_, seed) => optimize(branin, braninSpace, { nTrials: 50, sampler: s(), seed }).best!.value as number));
        const ours = best(make), random = best(samplers.random);
        assert.ok(ours < random, `${name} ${ours} vs random ${random}`);
      });
    }
  });
}

describe('ranking for TPE', () => {
  it('ranks as Optuna: complete by value, pruned by furthest step then value (NaN worst), silent pruned last', () => {
    const t = (number: number, state: Trial['state'], value?: number, intermediate: [number, number][] = []): Trial =>
      ({ number, params: {}, state, ...(value === undefined ? {} : { value }), intermediate });
    const ranked = rankTrials([
      t(0, 'pruned'), t(1, 'complete', 3), t(2, 'pruned', undefined, [[1, 0.5], [4, 2]]), t(3, 'failed'),
      t(4, 'pruned', undefined, [[4, NaN]]), t(5, 'complete', 1), t(6, 'pruned', undefined, [[9, 7]]), t(7, 'running'),
      t(8, 'pruned', undefined, [[4, 1]]), t(9, 'complete', NaN),
    ]);
    assert.deepEqual(ranked.map((x) => x.number), [5, 1, 6, 8, 2, 4, 0]);
  });
});

describe('study', () => {
  it('supports ask/report/tell by hand, in either direction', () => {
    const study = createStudy({ x: uniform(0, 1) }, { seed: 1, direction: 'maximize' });
    for (let i = 0; i < 5; i++) {
      const { number, params } = study.ask();
      assert.equal(study.report(number, 1, params.x as number), false);
      study.tell(number, params.x as number);
    }
    const best = study.best()!;
    assert.equal(best.value, Math.max(...study.trials().map((t) => t.value as number)));
    assert.throws(() => study.tell(best.number, 1), /already complete/);
    assert.throws(() => study.report(99, 1, 1), /no trial 99/);
  });

  it('records failed and pruned trials without stopping the study', () => {
    const res = optimize((p, trial) => {
      if (trial.number === 1) throw new Error('diverged');
      if (trial.number === 2) { trial.report(1, 5); throw new TrialPruned(); }
      return p.x as number;
    }, { x: uniform(0, 1) }, { nTrials: 6, seed: 1, sampler: tpeSampler({ nStartupTrials: 2 }) });
    assert.deepEqual(res.trials.map((t) => t.state), ['complete', 'failed', 'pruned', 'complete', 'complete', 'complete']);
    assert.equal(res.trials[1].error, 'diverged');
    assert.deepEqual(res.stats.failed, 1);
  });

  it('resumes from a trial store exactly where an uninterrupted study would be', () => {
    for (const make of [() => tpeSampler(), () => tpeSampler({ multivariate: true }), () => randomSampler(), () => cmaSampler()]) {
      const full = memoryStore();
      optimize(branin, braninSpace, { nTrials: 30, sampler: make(), seed: 5, store: full });
      const store = memoryStore(full.trials.slice(0, 15));
      const res = optimize(branin, braninSpace, { nTrials: 30, sampler: make(), seed: 5, store });
      assert.deepEqual(res.trials, full.trials);
      assert.equal(res.stats.resumed, 15);
    }
  });

  it('CMA-ES replays the stored trials on resume: any cut, integers, pruned trials and restarts included', () => {
    const space: Space = { a: uniform(-3, 3), b: int(-20, 20), c: categorical(['x', 'y']), d: logUniform(1e-3, 1) };
    const f = (p: Params): number => (p.a as number) ** 2 + Math.abs(p.b as number) + (p.c === 'x' ? 0 : 1) + Math.log10(p.d as number) ** 2;
    const mixedRun = (store: ReturnType<typeof memoryStore>) => optimize((p, trial) => {
      if (trial.number % 7 === 3) throw new TrialPruned();
      return f(p);
    }, space, { nTrials: 100, sampler: cmaSampler({ popSize: 4 }), seed: 2, store });
    // one numeric parameter and a flat objective after trial 8: tolFun ends CMA-ES twice within 160 trials
    const flatRun = (store: ReturnType<typeof memoryStore>) => optimize((p, trial) => (trial.number < 8 ? (p.a as number) ** 2 : 1),
      { a: uniform(-3, 3), c: categorical(['x', 'y']) }, { nTrials: 160, sampler: cmaSampler({ popSize: 4 }), seed: 2, store });
    for (const [run, cuts] of [[mixedRun, [1, 4, 5, 33, 90]], [flatRun, [70, 75, 150]]] as const) {
      const full = memoryStore();
      run(full);
      for (const cut of cuts) assert.deepEqual(run(memoryStore(full.trials.slice(0, cut))).trials, full.trials, `resumed after ${cut} trials`);
    }
  });

  it('CMA-ES resumed on a history it did not produce starts afresh around its best trial', () => {
    const store = memoryStore();
    optimize(branin, braninSpace, { nTrials: 20, sampler: randomSampler(), seed: 4, store });
    const best = Math.min(...store.trials.map((t) => t.value as number));
    const res = optimize(branin, braninSpace, { nTrials: 40, sampler: cmaSampler(), seed: 4, store });
    assert.equal(res.trials.length, 40);
    const next = res.trials.slice(20, 26).map((t) => branin(t.params));
    assert.ok(median(next) < 4 * best + 5, `first CMA-ES generation ${next.map((v) => v.toFixed(2)).join(' ')} vs stored best ${best.toFixed(2)}`);
  });

  it('optimizeAsync awaits the objective and samples exactly as optimize does', async () => {
    const sync = optimize(branin, braninSpace, { nTrials: 20, sampler: tpeSampler(), seed: 9 });
    const res = await optimizeAsync(async (p, trial) => {
      await Promise.resolve();
      if (trial.number === 3) throw new TrialPruned();
      return branin(p);
    }, braninSpace, { nTrials: 20, sampler: tpeSampler({ nStartupTrials: 25 }), seed: 9 });
    assert.equal(res.trials[3].state, 'pruned');
    assert.deepEqual(res.trials.slice(0, 10).map((t) => t.params), sync.trials.slice(0, 10).map((t) => t.params));
  });

  it('optimize and optimizeAsync record the same trials: failures, pruning, abort by onTrial', async () => {
    const f = (p: Params, trial: TrialContext): number => {
      if (trial.number === 2) throw new Error('diverged');
      if (trial.number === 4) throw 'not an Error';
      if (trial.number === 5) { trial.report(1, 7); throw new TrialPruned(); }
      return branin(p);
    };
    const o = { nTrials: 30, sampler: tpeSampler({ nStartupTrials: 3 }), seed: 3, onTrial: (t: Trial) => t.number < 14 };
    const sync = optimize(f, braninSpace, o);
    const res = await optimizeAsync(async (p, trial) => { await Promise.resolve(); return f(p, trial); }, braninSpace, { ...o, sampler: tpeSampler({ nStartupTrials: 3 }) });
    assert.deepEqual(res, sync);
    assert.equal(sync.stopReason, 'aborted');
    assert.equal(sync.trials.length, 15);
    assert.deepEqual([sync.trials[2].error, sync.trials[4].error, sync.trials[5].state], ['diverged', 'not an Error', 'pruned']);
  });

  it('marks trials left running by a killed study as failed, and carries on', () => {
    const store = memoryStore([{ number: 0, params: { x: 0.5 }, state: 'running', intermediate: [[1, 3]] }]);
    const res = optimize((p) => p.x as number, { x: uniform(0, 1) }, { nTrials: 3, seed: 1, store });
    assert.deepEqual(res.trials.map((t) => [t.number, t.state]), [[0, 'failed'], [1, 'complete'], [2, 'complete']]);
    assert.equal(store.trials[0].state, 'failed');
  });
});

/** A learning curve: the loss at step s tends to the trial's quality q; bad trials are visibly bad early. */
function curveObjective(maxStep: number) {
  let steps = 0;
  const objective = (p: Params, trial: { report(step: number, v: number): boolean }): number => {
    const q = p.x as number;
    let v = Infinity;
    for (let s = 1; s <= maxStep; s++) {
      steps++;
      v = q + 1 / s;
      if (trial.report(s, v)) throw new TrialPruned();
    }
    return v;
  };
  return { objective, steps: () => steps };
}

describe('pruners', () => {
  it('successive halving stops the trials that fall out of the top third at a rung', () => {
    const mk = (number: number, vals: number[]): Trial => ({ number, params: {}, state: 'complete', value: vals[vals.length - 1], intermediate: vals.map((v, i) => [i + 1, v] as const) });
    const sh = successiveHalving({ minResource: 1, reductionFactor: 3 });
    const others = [mk(0, [1, 1, 1]), mk(1, [2, 2, 2]), mk(2, [3, 3, 3]), mk(3, [4, 4, 4]), mk(4, [5, 5, 5])];
    const running = (v: number): Trial => ({ number: 9, params: {}, state: 'running', intermediate: [[1, v]] });
    assert.equal(sh.prune(running(1.5), [...others, running(1.5)]), false); // top 6/3 = 2
    assert.equal(sh.prune(running(3.5), [...others, running(3.5)]), true);
    assert.equal(sh.prune({ ...running(0), intermediate: [[1, 0], [2, 0]] }, others), false); // rung 1 (step 3) not reached
  });

  for (const [name, pruner] of [['successive halving', successiveHalving({ minResource: 1, reductionFactor: 3 })], ['hyperband', hyperband({ minResource: 1, maxResource: 27, reductionFactor: 3 })]] as const) {
    it(`${name} saves most of the steps and keeps a good trial`, () => {
      const c = curveObjective(27);
      const res = optimize(c.objective, { x: uniform(0, 1) }, { nTrials: 40, seed: 3, pruner });
      assert.ok(res.trials.some((t) => t.state === 'pruned'));
      assert.ok(c.steps() < 0.5 * 40 * 27, `steps ${c.steps()}`);
      const all = res.trials.map((t) => t.params.x as number);
      assert.ok((res.best!.params.x as number) <= [...all].sort((a, b) => a - b)[3], 'best complete trial is among the 4 best sampled');
    });
  }
});
