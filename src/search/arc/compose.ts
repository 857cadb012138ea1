/**
 * Compositions of whole-grid transforms: breadth-first forward search from the train inputs with
 * observational-equivalence pruning (two programs giving the same grids on every train input are one state),
 * met by one backward step from the train outputs through invertible transforms, and finished by an optional
 * colour map. Depth 2 forward + 1 backward + colour map covers most "reshape the picture" tasks.
 */
import { v, type Expr } from '../../lang/expr.ts';
import { gridEquals, gridKey, mapColours, type Grid } from '../../lang/primitives/grid.ts';
import { colours } from '../../lang/primitives/grid.ts';
import { attempt, inferColourMap, type Strategy, type StrategyContext } from './solution.ts';
import { mapColoursExpr, transformLibrary, type Transform } from './transforms.ts';

interface State {
  readonly chain: readonly Transform[];
  readonly cost: number;
  readonly outs: readonly Grid[];
}

const stateKey = (outs: readonly Grid[]): string => outs.map(gridKey).join('/');

function build(chain: readonly Transform[]): { body: Expr; run: (g: Grid) => Grid } {
  let body: Expr = v(0);
  for (const t of chain) body = t.wrap(body);
  return { body, run: (g) => chain.reduce((x, t) => t.run(x), g) };
}

/** Options: forward depth and the maximum number of states kept per level. */
export interface ComposeOptions { readonly depth?: number; readonly maxStates?: number }

export function composeStrategy(opts: ComposeOptions = {}): Strategy {
  const depth = opts.depth ?? 3, maxStates = opts.maxStates ?? 4000;
  return {
    name: 'compose',
    run(outer: StrategyContext) {
      const { task, meter } = outer;
      let found = 0;
      const ctx: StrategyContext = { ...outer, add: (sol) => { found++; outer.add(sol); } };
      // states carry the test inputs too: programs that agree on the train pairs but not on a test input stay
      // distinct, so the second and third attempts can differ
      const nTrain = task.train.length;
      const inputs = [...task.train.map((p) => p.input), ...task.test.map((p) => p.input)], targets = task.train.map((p) => p.output);
      const inCol = [...new Set(inputs.slice(0, nTrain).flatMap(colours))], outCol = [...new Set(targets.flatMap(colours))];
      const o0 = targets[0]!;
      const constant = targets.every((o) => o.length === o0.length && o[0]!.length === o0[0]!.length);
      const lib = transformLibrary(inCol, outCol, constant ? [o0.length, o0[0]!.length] : undefined).sort((a, b) => a.cost - b.cost);
      // backward step: states that one invertible transform maps onto the targets
      const back = new Map<string, Transform>();
      back.set(stateKey(targets), { name: 'id', cost: 0, wrap: (x) => x, run: (g) => g });
      for (const t of lib) {
        if (!t.inverse) continue;
        const pre = attempt(() => targets.map((g) => t.inverse!(g)));
        if (!pre || !pre.every((g, i) => attempt(() => gridEquals(t.run(g), targets[i]!)))) continue;
        const k = stateKey(pre);
        if (!back.has(k)) back.set(k, t);
      }
      const emit = (s: State) => {
        const k = stateKey(s.outs.slice(0, nTrain));
        const last = back.get(k);
        if (last) {
          const chain = last.name === 'id' ? s.chain : [...s.chain, last];
          const { body, run } = build(chain);
          ctx.add({ body, cost: s.cost + last.cost, strategy: 'compose', predict: run });
          return;
        }
        const table = inferColourMap(s.outs.slice(0, nTrain), targets);
        if (table) {
          const { body, run } = build(s.chain);
          ctx.add({ body: mapColoursExpr(body, table), cost: s.cost + 2, strategy: 'compose+colours', predict: (g) => mapColours(run(g), table) });
        }
      };
      const seen = new Set<string>([stateKey(inputs)]);
      let level: State[] = [{ chain: [], cost: 0, outs: inputs }];
      emit(level[0]!);
      for (let d = 1; d <= depth && level.length && found === 0; d++) { // deeper programs only when shallower fail
        const next: State[] = [];
        for (const s of level) {
          for (const t of lib) {
            if (meter.check()) return;
            if (d === depth && t.cost > 2) continue; // the last forward level uses the cheap transforms only
            const outs: Grid[] = [];
            let ok = true;
            for (const g of s.outs) {
              const o = attempt(() => t.run(g));
              if (!o || o.length === 0 || o.length > 30 || o[0]!.length > 30) { ok = false; break; }
              outs.push(o);
            }
            meter.evals++;
            if (!ok) continue;
            const k = stateKey(outs);
            if (seen.has(k)) continue;
            seen.add(k);
            const ns: State = { chain: [...s.chain, t], cost: s.cost + t.cost, outs };
            emit(ns);
            if (next.length < maxStates) next.push(ns);
          }
        }
        level = next;
      }
    },
  };
}
