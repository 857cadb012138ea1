/**
 * Tiling and symmetry patterns: when every output is an a×b mosaic of input-sized blocks, each block is learned
 * independently as the simplest choice (a symmetry of the input, the background, or a fractal copy gated by
 * the input cell) that fits that block in every train pair.
 */
import { app, prim, str, v } from '../../lang/expr.ts';
import { blockChoices, blocks, gridEquals, height, width, crop } from '../../lang/primitives/grid.ts';
import { attempt, fitsTrain, type Strategy, type StrategyContext } from './solution.ts';

export function tilingStrategy(): Strategy {
  return {
    name: 'tiling',
    run(ctx: StrategyContext) {
      const { task } = ctx;
      const p0 = task.train[0]!;
      const a = height(p0.output) / height(p0.input), b = width(p0.output) / width(p0.input);
      if (!Number.isInteger(a) || !Number.isInteger(b) || a * b < 2 || a > 10 || b > 10) return;
      if (task.train.some((p) => height(p.output) !== a * height(p.input) || width(p.output) !== b * width(p.input))) return;
      const rows: string[] = [];
      for (let i = 0; i < a; i++) {
        const row: string[] = [];
        for (let j = 0; j < b; j++) {
          const choice = Object.entries(blockChoices).find(([, f]) => task.train.every((p) => {
            const h = height(p.input), w = width(p.input);
            const want = crop(p.output, i * h, j * w, h, w);
            const got = attempt(() => f(p.input, i, j));
            return got !== null && gridEquals(got, want);
          }));
          if (!choice) return;
          row.push(choice[0]);
        }
        rows.push(row.join(' '));
      }
      const layout = rows.join(' / ');
      const predict = (g: Parameters<typeof blocks>[0]) => blocks(g, layout);
      if (!fitsTrain(task, predict)) return;
      ctx.add({ body: app(prim('grid.blocks'), v(0), str(layout)), cost: 3 + a * b / 2, strategy: 'tiling', predict });
    },
  };
}
