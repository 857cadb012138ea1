// The wake–sleep loop in process: it learns on a tiny task set, and a crash at any phase boundary (before or after
// the library commit) resumes with no library entry lost or duplicated; the recognition model is rebuilt identically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCheckpoint } from '../../src/learn/checkpoint.ts';
import { loadLearned } from '../../src/learn/learned.ts';
import { learn, rebuildModel, type LearnOptions } from '../../src/learn/loop.ts';
import { setupFor } from '../../src/learn/setup.ts';
import { entryList } from '../../src/library/library.ts';
import type { Store } from '../../src/library/store.ts';
import { openStore } from '../../src/store/open.ts';
import { parseTaskFile } from '../../src/task/load.ts';
import type { Task } from '../../src/task/task.ts';
import { manualClock } from '../../src/util/clock.ts';

const tasks: Task[] = parseTaskFile('tiny-lists.json', readFileSync('test/fixtures/learn/tiny-lists.json', 'utf8')).map((t) => t.task as Task).slice(0, 4);
const base = (store: Store, o: Partial<LearnOptions> = {}): LearnOptions => ({
  store, tasks, iterations: 2, budget: { maxEvals: 20_000 }, clock: manualClock(), seed: 7, recognition: false, time: () => '2026-01-01T00:00:00.000Z', ...o,
});
const snapshot = async (store: Store) => entryList(await store.load()).map((e) => `${e.kind} ${e.name} ${e.body ?? ''} ${e.weight.toFixed(6)}`);

async function withStore<T>(f: (store: Store, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-learn-'));
  const store = await openStore(join(dir, 'library.db'));
  try { return await f(store, dir); } finally { await store.close(); rmSync(dir, { recursive: true, force: true }); }
}

let reference: string[] = [];
test('the loop solves the tiny set, learns an abstraction and records a curve point per iteration', async () => {
  await withStore(async (store) => {
    const phases: string[] = [];
    const r = await learn(base(store, { onPhase: (e) => { if (e.status === 'done') phases.push(`${e.iteration}:${e.phase}`); } }));
    assert.deepEqual(phases, ['0:wake', '0:abstraction', '0:dream', '1:wake', '1:abstraction', '1:dream']);
    assert.equal(r.curves.length, 2);
    assert.equal(r.curves[0]!.solved, tasks.length);
    assert.equal(r.stopReason, 'solved');
    assert.ok(r.curves[0]!.abstractionsAdded >= 1);
    assert.equal(r.curves[1]!.searched, 0, 'solved tasks are not searched again');
    const abstractions = [...r.library.entries.values()].filter((e) => e.kind === 'abstraction');
    assert.ok(abstractions.length >= 1);
    // the learned setup offers the abstractions to search, with the refit weights
    const s = setupFor(tasks[0]!, r.learned);
    for (const a of abstractions) assert.ok(s.prims.has(a.name) && s.grammar.weights.get(a.name) === a.weight);
    reference = await snapshot(store);
    const again = await learn(base(store));
    assert.deepEqual(again.resumedFrom, { iteration: 2, phase: 'none' });
    assert.equal(again.stats.phasesRun, 0, 'a finished run does nothing');
  });
});

for (const when of ['before the library commit', 'after the library commit'] as const) {
  test(`a crash ${when} resumes with no entry lost or duplicated`, async () => {
    await withStore(async (store) => {
      let armed = true;
      const crashing: Store = Object.create(store, {
        apply: { value: async (c: Parameters<Store['apply']>[0]) => {
          if (armed && when === 'before the library commit') { armed = false; throw new Error('crash'); }
          return store.apply(c);
        } },
        putRecord: { value: async (ns: string, key: string, v: Parameters<Store['putRecord']>[2]) => {
          if (armed && when === 'after the library commit' && key === 'state' && (v as { phase?: string }).phase === 'abstraction') { armed = false; throw new Error('crash'); }
          return store.putRecord(ns, key, v);
        } },
      });
      await assert.rejects(learn(base(crashing)), /crash/);
      const c = await loadCheckpoint(store);
      assert.equal(c!.phase, 'wake', 'the checkpoint still names the wake as the last completed phase');
      const r = await learn(base(store));
      assert.deepEqual(r.resumedFrom, { iteration: 0, phase: 'wake' });
      const entries = await snapshot(store);
      assert.deepEqual(entries, reference, 'same library as an uninterrupted run');
      const bodies = entries.filter((e) => e.startsWith('abstraction')).map((e) => e.split(' ').slice(2, -1).join(' ')); // kind name body… weight
      assert.equal(new Set(bodies).size, bodies.length, 'no abstraction twice');
      const commits = (await store.history()).filter((h) => h.operation === 'learn');
      assert.equal(new Set(commits.map((h) => h.note)).size, commits.length, 'one commit per iteration');
    });
  });
}

test('with the recognition model: dream trains it, and a resumed run rebuilds the same model', async () => {
  await withStore(async (store) => {
    const o = base(store, { recognition: true, iterations: 1, fantasies: 4, epochs: 1 });
    const r = await learn(o);
    assert.ok(r.model, 'a recognition model');
    assert.ok(r.curves[0]!.fantasies > 0 && r.curves[0]!.dreamLoss !== null);
    const g1 = r.model!.grammarFor(tasks[0]!);
    const c = await loadCheckpoint(store);
    const rebuilt = await rebuildModel(c!);
    const g2 = rebuilt!.model.grammarFor(tasks[0]!);
    // loadLearned: the same model from the store alone, plus the library's primitives and grammar
    const loaded = await loadLearned(store);
    const g3 = loaded.prior!.grammarFor(tasks[0]!);
    for (const [n, w] of g1.weights) assert.ok(Math.abs(w - g3.weights.get(n)!) < 1e-5);
    for (const e of r.library.entries.values()) if (e.kind === 'abstraction') assert.ok(loaded.prims.has(e.name) && loaded.grammar.weights.get(e.name) === e.weight);
    loaded.prior!.dispose();
    for (const [n, w] of g1.weights) assert.ok(Math.abs(w - g2.weights.get(n)!) < 1e-5, `${n}: ${w} vs ${g2.weights.get(n)}`);
    // the learned grammar mixes the model's weights in
    const s = setupFor(tasks[0]!, r.learned);
    assert.ok([...s.grammar.weights.values()].every(Number.isFinite));
    r.model!.dispose();
    rebuilt!.model.dispose();
  });
});

test('neural modules in the library join the loop\'s primitives and survive its library changes', async () => {
  await withStore(async (store) => {
    const { initBackend } = await import('../../src/neural/backend.ts');
    const { createModule } = await import('../../src/neural/module.ts');
    const { moduleEntry } = await import('../../src/neural/library-modules.ts');
    await initBackend();
    const m = createModule({ kind: 'mlp', inputSize: 4, hidden: [4], outputSize: 3 }, 5);
    const entry = await moduleEntry({ name: 'classify', type: 'list(int) -> int', module: m, decode: 'argmax', provenance: { tasks: ['t'], programs: [], createdAt: '2026-01-01T00:00:00Z', source: 'test' } });
    m.dispose();
    await store.apply({ operation: 'test', add: [entry] });
    const r = await learn(base(store, { iterations: 1 }));
    assert.deepEqual(r.learned.neural.map((p) => p.name), ['classify']);
    assert.ok(setupFor(tasks[0]!, r.learned).prims.has('classify'), 'a wake task can use the module');
    const after = (await store.load()).entries.get('classify')!;
    assert.equal(after.kind, 'neural');
    assert.deepEqual([...after.neural!.weights], [...entry.neural!.weights], 'weights intact');
  });
});
