import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '../../src/neural/backend.ts';
import { createModule } from '../../src/neural/module.ts';
import { moduleEntry, neuralPrimitivesOf } from '../../src/neural/library-modules.ts';
import { openStore } from '../../src/store/open.ts';

before(async () => { await initBackend(); });

test('a trained module enters the library with its weights and comes back as a working primitive', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-nm-'));
  try {
    const m = createModule({ kind: 'mlp', inputSize: 64, hidden: [8], outputSize: 10 }, 9);
    const img = Array.from({ length: 8 }, (_, i) => Array.from({ length: 8 }, (_, j) => ((i * 8 + j) % 7) / 7));
    const want = tf.tidy(() => m.apply(tf.tensor2d([img.flat()])).argMax(1).dataSync()[0]);
    const store = await openStore(join(dir, 'lib.db'));
    await store.apply({ operation: 'test', add: [await moduleEntry({ name: 'digit', type: 'image -> int', module: m, decode: 'argmax',
      provenance: { tasks: ['t'], programs: [], createdAt: '2026-01-01T00:00:00Z', source: 'test' } })] });
    await store.close();
    const reopened = await openStore(join(dir, 'lib.db'));
    const lib = await reopened.load();
    await reopened.close();
    assert.equal(lib.entries.get('digit')!.kind, 'neural');
    const [p] = await neuralPrimitivesOf(lib);
    assert.equal(p!.name, 'digit');
    assert.equal(p!.family, 'neural');
    assert.equal(p!.impl(img), want);
    m.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
