import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lam, v } from '../../src/lang/expr.ts';
import { parse } from '../../src/lang/parse.ts';
import { print } from '../../src/lang/print.ts';
import { evaluate } from '../../src/lang/evaluate.ts';
import { basePrimitives } from '../../src/lang/primitives/index.ts';
import { transformLibrary } from '../../src/search/arc/transforms.ts';
import { gridEquals, type Grid } from '../../src/lang/primitives/grid.ts';

// The search runs transforms' direct implementations; the program it reports must mean the same thing.
test('every library transform: printed program, run by the evaluator, agrees with the direct implementation', () => {
  const grids: Grid[] = [
    [[0, 1, 1, 0, 0], [0, 1, 0, 0, 2], [0, 0, 0, 2, 2], [3, 0, 0, 0, 0], [3, 3, 3, 0, 0]],
    [[5, 5, 5, 5], [5, 1, 5, 5], [5, 5, 5, 2], [5, 5, 5, 5]],
    [[1, 0, 1, 0], [0, 4, 0, 4], [1, 0, 1, 0], [0, 4, 0, 4]],
  ];
  for (const g of grids)
    for (const t of transformLibrary([0, 1, 2, 3, 4, 5], [0, 1, 4], [2, 2])) {
      let direct: Grid | null;
      try { direct = t.run(g); } catch { direct = null; }
      const r = evaluate(parse(print(lam(t.wrap(v(0))))), [g], { prims: basePrimitives, fuel: 1e8, maxSize: 1e7 });
      assert.equal(r.ok, direct !== null, `${t.name} on ${JSON.stringify(g)}`);
      if (direct && r.ok) assert.ok(gridEquals(direct, r.value as Grid), t.name);
    }
});
