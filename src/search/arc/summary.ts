/**
 * Summaries: every train output is one colour, of a size the size rules predict (a constant, or the input's).
 * The colour is found among colour extractors (the main colour, the colour of the largest object, …) or
 * learned as a table over one whole-grid feature (symmetric?, number of colours, content shape, …).
 */
import { app, int, prim, str, v, type Expr } from '../../lang/expr.ts';
import { classify, filled, gridFeatures, height, leastCommon, mainColour, width, type Grid } from '../../lang/primitives/grid.ts';
import { argBy } from '../../lang/primitives/objects.ts';
import { attempt, type Strategy, type StrategyContext } from './solution.ts';
import { cachedComponents, call } from './transforms.ts';

interface ColourRule { readonly expr: Expr; readonly cost: number; readonly get: (g: Grid) => number }

function extractors(): ColourRule[] {
  const out: ColourRule[] = [
    { expr: call('grid.main-colour', v(0)), cost: 1, get: mainColour },
    { expr: call('grid.least-common', v(0)), cost: 1, get: leastCommon },
  ];
  for (const conn of [4, 8]) for (const max of [true, false])
    out.push({
      expr: call('obj.colour', call(max ? 'obj.argmax' : 'obj.argmin', prim('obj.size'), call('obj.components', v(0), int(conn), { kind: 'lit', lit: { type: 'bool', value: false } }))),
      cost: 3, get: (g) => argBy(cachedComponents(g, conn, false), (o) => o.size, max).colour,
    });
  return out;
}

export function summaryStrategy(): Strategy {
  return {
    name: 'summary',
    run(ctx: StrategyContext) {
      const { task } = ctx;
      const colourOf = (g: Grid) => { const k = g[0]![0]!; return g.every((r) => r.every((x) => x === k)) ? k : -1; };
      const targets = task.train.map((p) => colourOf(p.output));
      if (targets.some((k) => k < 0)) return;
      const o0 = task.train[0]!.output;
      const constant = task.train.every((p) => height(p.output) === height(o0) && width(p.output) === width(o0));
      const same = task.train.every((p) => height(p.output) === height(p.input) && width(p.output) === width(p.input));
      if (!constant && !same) return;
      const size = (g: Grid): [number, number] => (constant ? [height(o0), width(o0)] : [height(g), width(g)]);
      const sizeExpr: [Expr, Expr] = constant ? [int(height(o0)), int(width(o0))] : [call('grid.height', v(0)), call('grid.width', v(0))];
      const emit = (colour: Expr, cost: number, get: (g: Grid) => number) => ctx.add({
        body: app(prim('grid.filled'), sizeExpr[0], sizeExpr[1], colour), cost: cost + 2, strategy: 'summary',
        predict: (g) => { const [h, w] = size(g); return filled(h, w, get(g)); },
      });
      for (const r of extractors())
        if (task.train.every((p, i) => attempt(() => r.get(p.input)) === targets[i])) emit(r.expr, r.cost, r.get);
      for (const [name, f] of Object.entries(gridFeatures)) {
        const table = new Map<string, number>();
        let ok = true;
        task.train.forEach((p, i) => {
          const k = attempt(() => f(p.input));
          if (k === null) { ok = false; return; }
          if (table.has(k) && table.get(k) !== targets[i]) ok = false;
          table.set(k, targets[i]!);
        });
        if (!ok || table.size === task.train.length && task.train.length > 2 && name !== 'ncolours') continue; // a table with one entry per pair explains nothing
        if (!task.test.every((p) => { const k = attempt(() => f(p.input)); return k !== null && table.has(k); })) continue;
        const tab = [...table].map(([a, b]) => `${a}=>${b}`).join(';');
        emit(app(prim('grid.classify'), v(0), str(name), str(tab)), 3 + table.size, (g) => classify(g, name, tab));
      }
    },
  };
}
