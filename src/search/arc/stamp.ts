/**
 * Stamps: around every cell of one colour the output shows a fixed pattern (within 1 or 2 cells). The pattern
 * is read off all such cells of all train pairs: an offset joins it when every output cell at that offset has
 * one colour and at least one of them changed. The rest of the grid stays, so the rule is checked on all pairs.
 */
import { app, int, prim, str, v, type Expr } from '../../lang/expr.ts';
import { background, colours, height, width, type Grid } from '../../lang/primitives/grid.ts';
import { stamp } from '../../lang/primitives/grid-extra.ts';
import { fitsTrain, type Strategy, type StrategyContext } from './solution.ts';

export function stampStrategy(): Strategy {
  return {
    name: 'stamp',
    run(ctx: StrategyContext) {
      const { task } = ctx;
      if (task.train.some((p) => height(p.input) !== height(p.output) || width(p.input) !== width(p.output))) return;
      const sources = [...new Set(task.train.flatMap((p) => colours(p.input).filter((k) => k !== background(p.input))))];
      // per colour, the pattern of each radius (empty when no offset qualifies)
      const patternOf = (colour: number, radius: number): string => {
        const entries: string[] = [];
        for (let dr = -radius; dr <= radius; dr++) for (let dc = -radius; dc <= radius; dc++) {
          let k = -1, changed = false, ok = true;
          for (const p of task.train) {
            for (let r = 0; r < height(p.input) && ok; r++) for (let c = 0; c < width(p.input); c++) {
              if (p.input[r]![c] !== colour) continue;
              const y = r + dr, x = c + dc;
              if (y < 0 || x < 0 || y >= height(p.input) || x >= width(p.input)) continue;
              const o = p.output[y]![x]!;
              if (k === -1) k = o; else if (k !== o) { ok = false; break; }
              if (o !== p.input[y]![x]) changed = true;
            }
          }
          if (ok && changed) entries.push(`${dr},${dc}:${k}`);
        }
        return entries.join(';');
      };
      // one colour's stamp, or else every colour's stamps in turn (each around the cells of its colour)
      for (const radius of [1, 2]) {
        const stamps = sources.map((colour) => ({ colour, pattern: patternOf(colour, radius) })).filter((x) => x.pattern);
        const tries = [...stamps.map((x) => [x]), ...(stamps.length > 1 ? [stamps] : [])];
        for (const chain of tries) {
          const predict = (g: Grid) => chain.reduce((x, { colour, pattern }) => stamp(x, colour, pattern), g as number[][]);
          if (!fitsTrain(task, predict)) continue;
          const body = chain.reduce((x: Expr, { colour, pattern }) => app(prim('grid.stamp'), x, int(colour), str(pattern)), v(0));
          const size = chain.reduce((n, x) => n + x.pattern.split(';').length, 0);
          ctx.add({ body, cost: 4 + size / 2 + radius + 2 * (chain.length - 1), strategy: 'stamp', predict });
          return;
        }
      }
    },
  };
}
