import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/neural/backend.ts';
import { createModule } from '../../src/neural/module.ts';
import { searchSkeletons } from '../../src/neural/skeleton-search.ts';
import { digitExamples, type DigitImage } from '../../src/neural/digits.ts';
import { print } from '../../src/lang/print.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import { parseType } from '../../src/lang/type.ts';
import { rng } from '../../src/util/rng.ts';

before(async () => { await initBackend(); });

test('search over skeletons trains a fresh module per skeleton and finds sum-of-classified-images', () => {
  const r = rng(4);
  const imgs: DigitImage[] = Array.from({ length: 100 }, () => {
    const label = r.int(4);
    return { label, image: Array.from({ length: 8 }, (_, row) => Array.from({ length: 8 }, () => (row === label * 2 ? 1 : 0) + 0.1 * r.next())) };
  });
  const task = { name: 'image-sum', type: parseType('list(image) -> int'), train: digitExamples('sum', imgs, 120, 1, 3, r), test: [] };
  const base = new Map(['sum', 'map', 'maximum', 'length', 'car'].map((n) => [n, basePrimitives.get(n)!]));
  const res = searchSkeletons({
    task, base, neural: { name: 'classify', type: 'image -> int' }, rng: r, epochs: 4, maxSkeletons: 8,
    makeModule: () => createModule({ kind: 'mlp', inputSize: 64, hidden: [16], outputSize: 10 }, 5),
  });
  assert.ok(res.trials.length >= 2, `tried ${JSON.stringify(res.trials)}`);
  assert.equal(print(res.program!), '(lambda (sum (map (lambda (classify $0)) $0)))');
  assert.ok(res.trials.at(-1)!.trainAccuracy > 0.9, JSON.stringify(res.trials));
});
