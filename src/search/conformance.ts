/**
 * The SearchEngine conformance suite: every engine's test file calls `engineConformance(() => myEngine())`.
 * Cases: finds simple programs of several types, returns only programs consistent with every train example and
 * well-typed at the task's type, stops on the stop flag and on its time budget, survives failing primitives,
 * and reports sane stats. A case an engine cannot meet is skipped with its reason (`skip: {case: reason}`).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkType } from '../lang/infer.ts';
import { print } from '../lang/print.ts';
import type { PrimitiveSet } from '../lang/primitive.ts';
import { parseType } from '../lang/type.ts';
import { manualClock, systemClock, type Clock } from '../util/clock.ts';
import { rng } from '../util/rng.ts';
import type { Example, Task } from '../task/task.ts';
import type { Budget } from './budget.ts';
import type { SearchEngine, SearchResult } from './engine.ts';
import { searchSetup } from './portfolio-setup.ts';
import { checkProgram } from './select.ts';

/** Case names, for `skip`. */
export type ConformanceCase = 'int-arith' | 'list-map' | 'list-fold' | 'string' | 'consistent' | 'stop-flag' | 'time-limit' | 'failing-primitives' | 'stats';

export interface ConformanceOptions {
  /** Cases this engine skips, each with its reason. */
  readonly skip?: Partial<Record<ConformanceCase, string>>;
  /** Seconds each solving case may take (default 20). */
  readonly timeout?: number;
}

const ex = (inputs: unknown[], output: unknown): Example => ({ inputs, output });

function task(name: string, type: string, train: Example[], test: Example[] = []): Task {
  return { name, type: parseType(type), train, test };
}

/** The fixed tasks the suite uses. */
export const conformanceTasks = {
  'int-arith': task('double-plus-one', 'int -> int', [ex([1], 3), ex([4], 9), ex([0], 1), ex([-2], -3), ex([10], 21)]),
  'list-map': task('increment-all', 'list(int) -> list(int)', [ex([[1, 2, 3]], [2, 3, 4]), ex([[]], []), ex([[5]], [6]), ex([[0, 9]], [1, 10])]),
  'list-fold': task('length', 'list(int) -> int', [ex([[1, 2, 3]], 3), ex([[]], 0), ex([[7, 7]], 2), ex([[4, 1, 6, 2]], 4)]),
  'string': task('concat-self', 'str -> str', [ex(['ab'], 'abab'), ex([''], ''), ex(['x'], 'xx'), ex(['hello'], 'hellohello')]),
  // every program fails or misses on some example: only the empty-list guard solves it
  'failing-primitives': task('head-or-zero', 'list(int) -> int', [ex([[]], 0), ex([[5, 1]], 5), ex([[3]], 3), ex([[9, 2, 2]], 9)]),
  'unsolvable': task('noise', 'int -> int', [ex([1], 7), ex([2], -40), ex([3], 1234), ex([4], 3), ex([5], 99), ex([6], -8)]),
} as const;

function run(engine: SearchEngine, t: Task, budget: Budget, clock: Clock = systemClock): { r: SearchResult; prims: PrimitiveSet; t: Task } {
  const setup = searchSetup(t);
  const r = engine.search(setup.task, { prims: setup.prims, grammar: setup.grammar, budget, clock, rng: rng(7) });
  return { r, prims: setup.prims, t: setup.task };
}

/** Registers the conformance tests for an engine. */
export function engineConformance(makeEngine: () => SearchEngine, opts: ConformanceOptions = {}): void {
  const name = makeEngine().name;
  const timeMs = (opts.timeout ?? 20) * 1000;
  const skip = (c: ConformanceCase) => opts.skip?.[c] ?? false;
  describe(`SearchEngine conformance: ${name}`, () => {
    for (const c of ['int-arith', 'list-map', 'list-fold', 'string'] as const) {
      test(`solves ${c} (${conformanceTasks[c].name}) with a well-typed, consistent program`, { skip: skip(c) }, () => {
        const { r, prims, t } = run(makeEngine(), conformanceTasks[c], { timeMs });
        assert.equal(r.stopReason, 'solved', `stopped with ${r.stopReason}`);
        assert.ok(r.program, 'no program');
        checkType(r.program, t.type, prims);
        assert.ok(checkProgram(r.program, t.train, prims, t.loss).passed, `${print(r.program)} misses a train example`);
        assert.ok(r.frontier.some((e) => print(e) === print(r.program!)), 'the frontier includes the program');
      });
    }
    test('every frontier program is consistent with all train examples', { skip: skip('consistent') }, () => {
      const { r, prims, t } = run(makeEngine(), conformanceTasks['list-map'], { timeMs });
      for (const e of r.frontier) assert.ok(checkProgram(e, t.train, prims).passed, print(e));
    });
    test('survives primitives that fail on some inputs', { skip: skip('failing-primitives') }, () => {
      const { r, prims, t } = run(makeEngine(), conformanceTasks['failing-primitives'], { timeMs });
      if (r.program) assert.ok(checkProgram(r.program, t.train, prims).passed);
      assert.ok(['solved', 'timeLimit', 'exhausted'].includes(r.stopReason));
    });
    test('stops at once when the stop flag is already set', { skip: skip('stop-flag') }, () => {
      const flag = new Int32Array(new SharedArrayBuffer(4));
      Atomics.store(flag, 0, 1);
      const t0 = performance.now();
      const { r } = run(makeEngine(), conformanceTasks.unsolvable, { timeMs: 60_000, stopFlag: flag });
      assert.equal(r.program, null);
      assert.ok(['aborted', 'exhausted'].includes(r.stopReason), r.stopReason);
      assert.ok(performance.now() - t0 < 5000, 'took too long to stop');
    });
    test('respects its time budget (a fake clock that runs out)', { skip: skip('time-limit') }, () => {
      const clock = manualClock();
      // every look at the clock costs 50 ms of fake time, so any engine that checks its budget stops soon
      const ticking: Clock = { now: () => { clock.advance(50); return clock.now(); } };
      const { r } = run(makeEngine(), conformanceTasks.unsolvable, { timeMs: 2000 }, ticking);
      assert.equal(r.program, null);
      assert.ok(['timeLimit', 'exhausted'].includes(r.stopReason), r.stopReason);
    });
    test('reports sane stats', { skip: skip('stats') }, () => {
      const { r } = run(makeEngine(), conformanceTasks['int-arith'], { timeMs });
      assert.ok(r.stats.enumerated >= 1 && r.stats.distinct >= 0 && r.stats.evaluated >= 0);
      assert.ok(Object.values(r.stats.rules).every((n) => Number.isFinite(n) && n >= 0), 'rule counts are counts');
      assert.ok(r.ms >= 0 && Number.isFinite(r.ms));
    });
  });
}
