/**
 * Cell-wise rules: each output cell is a function of a few features of the aligned input cell (its colour,
 * neighbours, rays, enclosure, mirror cells, cells of the other parts of a split grid, …). For every small subset
 * of features, a lookup table is learned from all train cells; a subset is kept when its table has no conflict
 * and covers every key the test inputs need. Smaller subsets and smaller tables rank first.
 */
import { app, prim, str, v } from '../../lang/expr.ts';
import { cellViews, colours, gridEquals, height, width, type Grid } from '../../lang/primitives/grid.ts';
import { cellFeaturesX as cellFeatures, cellRuleX as cellRule, colourFeaturesX } from '../../lang/primitives/grid-cells.ts';
import { transformLibrary, type Transform } from './transforms.ts';
import { attempt, type Strategy, type StrategyContext } from './solution.ts';

const MAX_KEEP = 6;
/** Colour-valued features a rule may copy its output from. */
const REF_FEATURES = new RegExp(`^(c|v\\d|n|s|w|e|nw|ne|sw|se|ru|rd|rl|rr|hpair|vpair|dpair|apair|row|col|mh|mv|mt|u4|ux|u8|${colourFeaturesX.join('|')})$`);

export function cellwiseStrategy(opts: { maxFeatures?: number } = {}): Strategy {
  const maxFeatures = opts.maxFeatures ?? 3;
  return {
    name: 'cellwise',
    run(ctx: StrategyContext) {
      const { task, meter } = ctx;
      // sources: the views of the input, then the input after one whole-grid transform that gives the output's size
      const sources: { view: string; mk: (g: Grid) => Grid[]; pre: Transform | null; maxK: number }[] =
        Object.entries(cellViews).map(([view, mk]) => ({ view, mk, pre: null, maxK: maxFeatures }));
      const inCol = [...new Set(task.train.flatMap((p) => colours(p.input)))], outCol = [...new Set(task.train.flatMap((p) => colours(p.output)))];
      const sameSize = task.train.every((p) => height(p.input) === height(p.output) && width(p.input) === width(p.output));
      let pres = 0;
      for (const t of sameSize ? [] : transformLibrary(inCol, outCol)) {
        if (pres >= 3) break;
        const outs = task.train.map((p) => attempt(() => t.run(p.input)));
        if (outs.some((o, i) => !o || height(o) !== height(task.train[i]!.output) || width(o) !== width(task.train[i]!.output))) continue;
        if (outs.every((o, i) => gridEquals(o!, task.train[i]!.output))) continue; // the transform alone fits: compose's job
        pres++;
        sources.push({ view: 'id', mk: (g) => [t.run(g)], pre: t, maxK: Math.min(2, maxFeatures) });
      }
      for (const { view, mk, pre, maxK } of sources) {
        const trainViews = task.train.map((p) => attempt(() => mk(p.input)));
        if (trainViews.some((vs, i) => !vs || height(vs[0]!) !== height(task.train[i]!.output) || width(vs[0]!) !== width(task.train[i]!.output)
          || vs.some((x) => height(x) !== height(vs[0]!) || width(x) !== width(vs[0]!)))) continue;
        const testViews = task.test.map((p) => attempt(() => mk(p.input)));
        if (testViews.some((vs) => !vs || vs.some((x) => height(x) !== height(vs[0]!) || width(x) !== width(vs[0]!)))) continue;
        const train = trainViews.map((vs) => cellFeatures(vs!));
        const test = testViews.map((vs) => cellFeatures(vs!));
        const names = train[0]!.names;
        const sig = names.join(' ');
        if (train.some((f) => f.names.join(' ') !== sig) || test.some((f) => f.names.join(' ') !== sig)) continue;
        const outs = task.train.map((p) => p.output.flat());
        const nf = names.length;
        const kept: { feats: number[]; entries: number; unseen: number; dflt: string; table: Map<number, string> }[] = [];
        // features a rule may copy its output colour from, and per cell which of them equal the output
        // (two 32-bit words of flags: lo for the first 32 reference features, hi for the next 32)
        const refs = names.flatMap((n, i) => (REF_FEATURES.test(n) ? [i] : [])).slice(0, 64);
        const matchWord = (word: number) => train.map((f, p) => {
          const out = outs[p]!, m = new Uint32Array(out.length);
          for (let i = 0; i < out.length; i++) {
            let bits = 0;
            refs.slice(32 * word, 32 * word + 32).forEach((fi, b) => { if (f.data[fi]![i] === out[i]) bits |= 1 << b; });
            m[i] = bits >>> 0;
          }
          return m;
        });
        const match = matchWord(0), matchHi = matchWord(1);
        const table = new Int8Array(1 << 16), mask = new Uint32Array(1 << 16), maskHi = new Uint32Array(1 << 16), stamp = new Int32Array(1 << 16);
        let gen = 0;
        const trySubset = (feats: number[]): void => {
          meter.evals++;
          gen++;
          const used: number[] = [];
          for (let p = 0; p < train.length; p++) {
            const d = feats.map((f) => train[p]!.data[f]!), out = outs[p]!, mp = match[p]!, mh = matchHi[p]!;
            for (let i = 0; i < out.length; i++) {
              let k = 0;
              for (const a of d) k = (k << 4) | a[i]!;
              if (stamp[k] !== gen) { stamp[k] = gen; table[k] = out[i]!; mask[k] = mp[i]!; maskHi[k] = mh[i]!; used.push(k); continue; }
              if (table[k] !== out[i]) table[k] = -2;
              mask[k] &= mp[i]!;
              maskHi[k] &= mh[i]!;
              if (table[k] === -2 && mask[k] === 0 && maskHi[k] === 0) return;
            }
          }
          let unseen = 0;
          for (const tf of test) {
            const d = feats.map((f) => tf.data[f]!);
            for (let i = 0; i < d[0]!.length; i++) {
              let k = 0;
              for (const a of d) k = (k << 4) | a[i]!;
              if (stamp[k] !== gen) unseen++;
            }
          }
          if (unseen > 0 && !allowDefault) return;
          // the default for unseen keys copies the reference feature that explains the most table entries
          let dflt = 'c';
          if (unseen > 0) {
            const votes = new Array<number>(refs.length).fill(0);
            for (const k of used) for (let b = 0; b < refs.length; b++) if (((b < 32 ? mask[k]! : maskHi[k]!) >>> (b % 32)) & 1) votes[b]!++;
            const best = votes.indexOf(Math.max(...votes));
            if (votes[best]! > (votes[refs.indexOf(names.indexOf('c'))] ?? 0)) dflt = names[refs[best]!]!;
          }
          kept.push({ feats, entries: used.length + (unseen ? 4 : 0), unseen, dflt, table: new Map(used.map((k) => {
            if (table[k]! >= 0) return [k, String(table[k])];
            const lowest = (m: number) => 31 - Math.clz32(m & -m);
            const bit = mask[k]! !== 0 ? lowest(mask[k]!) : 32 + lowest(maskHi[k]!);
            return [k, names[refs[bit]!]!];
          })) });
        };
        // features worth trying: skip per-colour flags for colours the train inputs lack
        const inCol = new Set(task.train.flatMap((p) => p.input.flat()));
        const usable = names.flatMap((n, i) => { const m = /^has[4x]-(\d)$/.exec(n); return !m || inCol.has(Number(m[1])) ? [i] : []; });
        let allowDefault = false;
        const sweep = (): boolean => {
          for (const a of usable) trySubset([a]);
          for (let x = 0; x < usable.length && maxK >= 2; x++)
            for (let y = x + 1; y < usable.length; y++) trySubset([usable[x]!, usable[y]!]);
          for (let x = 0; x < usable.length && maxK >= 3; x++) {
            if (meter.check()) return false;
            for (let y = x + 1; y < usable.length; y++)
              for (let z = y + 1; z < usable.length; z++) trySubset([usable[x]!, usable[y]!, usable[z]!]);
          }
          return true;
        };
        // a default (keep the cell's colour) for keys the train pairs never showed, only when nothing covers them
        if (sweep() && kept.length === 0) { allowDefault = true; sweep(); }
        kept.sort((x, y) => x.feats.length - y.feats.length || x.entries - y.entries);
        for (const k of kept.slice(0, MAX_KEEP)) {
          const fs = k.feats.map((f) => names[f]!).join(' ');
          const tab = [...k.table].map(([key, val]) => `${k.feats.map((_, j) => (key >> (4 * (k.feats.length - 1 - j))) & 15).join('.')}:${val}`)
            .concat(k.unseen ? [`*:${k.dflt}`] : []).join(',');
          ctx.add({
            body: app(prim('grid.cell-rule-x'), pre ? pre.wrap(v(0)) : v(0), str(view), str(fs), str(tab)),
            cost: 4 + 2 * k.feats.length + k.entries / 4 + (view === 'id' ? 0 : 2) + (pre ? pre.cost : 0),
            strategy: 'cellwise',
            predict: (g) => cellRule(pre ? pre.run(g) : g, view, fs, tab),
          });
        }
        if (meter.check()) return;
      }
    },
  };
}
