/**
 * Function-preserving network mutations (network morphism; Net2Net, Chen et al. 2016): a child network that
 * computes the same function as its parent, so it starts from the parent's trained weights instead of scratch.
 * widen: new units copy random existing ones and the copies share the outgoing weights (plus a tiny symmetry-
 * breaking noise); deepen: insert an identity ReLU block where its input is non-negative.
 * For the other mutations (narrow, shallow, activation, skip) `inheritWeights` copies every weight whose place
 * still exists (partial inheritance, as in Real et al. 2017): not function-preserving, but far from scratch.
 */
import { tf } from '../neural/backend.ts';
import type { Rng } from '../util/rng.ts';
import { buildNet, netFromWeights, type Architecture, type Block, type Net } from './net.ts';

const snapshot = (net: Net) => net.layers.map((l) => ({ w: l.w.arraySync() as number[][], b: l.b.arraySync() as number[] }));

const skipActive = (a: Architecture, i: number): boolean => {
  const b = a.blocks[i];
  if (!b?.skip) return false;
  const inWidth = i === 0 ? a.inputSize : a.blocks[i - 1]!.units;
  return inWidth === b.units;
};

/** Widens block `i` to `units`; null when a residual connection depends on its width. */
export function widen(net: Net, i: number, units: number, rng: Rng, noise = 1e-3): Net | null {
  const a = net.arch, old = a.blocks[i]!.units;
  if (units <= old || skipActive(a, i) || skipActive(a, i + 1)) return null;
  const ws = snapshot(net);
  const map = Array.from({ length: units }, (_, j) => (j < old ? j : rng.int(old)));
  const count = new Array(old).fill(0);
  for (const g of map) count[g]++;
  const wIn = ws[i]!, wOut = ws[i + 1]!;
  const newIn = wIn.w.map((row) => map.map((g, j) => row[g]! + (j >= old ? noise * rng.normal() : 0)));
  const newB = map.map((g) => wIn.b[g]!);
  const newOut = map.map((g) => wOut.w[g]!.map((x) => x / count[g]));
  const weights = ws.map((l, k) => (k === i ? { w: newIn, b: newB } : k === i + 1 ? { w: newOut, b: l.b } : l));
  const arch: Architecture = { ...a, blocks: a.blocks.map((b, k) => (k === i ? { ...b, units } : b)) };
  return netFromWeights(arch, weights.map((l) => ({ w: tf.tensor2d(l.w), b: tf.tensor1d(l.b) })));
}

/** Inserts an identity ReLU block at position `at`; null unless its input is known to be non-negative. */
export function deepen(net: Net, at: number, inputsNonNegative: boolean): Net | null {
  const a = net.arch;
  const nonNeg = at === 0 ? inputsNonNegative : a.blocks[at - 1]!.activation === 'relu' && !skipActive(a, at - 1);
  if (!nonNeg) return null;
  const width = at === 0 ? a.inputSize : a.blocks[at - 1]!.units;
  const ws = snapshot(net);
  const eye = Array.from({ length: width }, (_, r) => Array.from({ length: width }, (_, c) => (r === c ? 1 : 0)));
  ws.splice(at, 0, { w: eye, b: new Array(width).fill(0) });
  const blocks = [...a.blocks];
  blocks.splice(at, 0, { units: width, activation: 'relu', skip: false });
  return netFromWeights({ ...a, blocks }, ws.map((l) => ({ w: tf.tensor2d(l.w), b: tf.tensor1d(l.b) })));
}

const sameBlock = (a: Block | undefined, b: Block | undefined) =>
  !!a && !!b && a.units === b.units && a.activation === b.activation && a.skip === b.skip;

/**
 * For each layer of `child` (blocks, then output), the parent layer it descends from, or null for a new block:
 * the blocks are aligned at the first difference (one block inserted, removed, or changed in place).
 */
export function alignLayers(parent: Architecture, child: Architecture): (number | null)[] {
  const p = parent.blocks, c = child.blocks;
  let at = 0;
  while (at < Math.min(p.length, c.length) && sameBlock(p[at], c[at])) at++;
  const d = c.length - p.length;
  return Array.from({ length: c.length + 1 }, (_, k) =>
    d === 0 || k < at ? k : d > 0 ? (k < at + d ? null : k - d) : k - d);
}

/**
 * A network of `child`'s architecture that takes over every parent weight whose place (row, column) still
 * exists in the aligned layer; new rows and columns keep a fresh initialization (seeded by `seed`) and an inserted
 * square layer starts as the identity. Approximately, not exactly, function-preserving. Null when some layer
 * would read different features than its parent layer did (a removed block, a non-square inserted one): those
 * weights would mean nothing, and such a child is better trained from scratch.
 */
export function inheritWeights(parent: Net, child: Architecture, seed: number): Net | null {
  const src = alignLayers(parent.arch, child);
  const widths = [child.inputSize, ...child.blocks.map((b) => b.units)];
  // the parent layer whose output child layer k reads (-1: the inputs), through inserted identity layers
  const reads: number[] = [];
  for (let k = 0; k < src.length; k++) {
    const from = k === 0 ? -1 : src[k - 1] ?? reads[k - 1]!;
    if (src[k] === null ? widths[k] !== widths[k + 1] : from !== src[k]! - 1) return null;
    reads.push(from);
  }
  const fresh = buildNet(child, seed);
  const weights = fresh.layers.map((l, k) => {
    const w = l.w.arraySync() as number[][], b = l.b.arraySync() as number[];
    const s = src[k];
    if (s === null || s === undefined) {
      w.forEach((row, r) => row.forEach((_, c) => (row[c] = r === c ? 1 : 0)));
      return { w, b };
    }
    const pw = parent.layers[s]!.w.arraySync() as number[][], pb = parent.layers[s]!.b.arraySync() as number[];
    for (let r = 0; r < Math.min(w.length, pw.length); r++) for (let c = 0; c < Math.min(b.length, pb.length); c++) w[r]![c] = pw[r]![c]!;
    for (let c = 0; c < Math.min(b.length, pb.length); c++) b[c] = pb[c]!;
    return { w, b };
  });
  fresh.dispose();
  return netFromWeights(child, weights.map((l) => ({ w: tf.tensor2d(l.w), b: tf.tensor1d(l.b) })));
}

/** An exact copy of a network (for exploit steps). */
export function cloneNet(net: Net): Net {
  return netFromWeights(net.arch, net.layers.map((l) => ({ w: l.w.clone(), b: l.b.clone() })));
}
