/**
 * Function-preserving network mutations (network morphism; Net2Net, Chen et al. 2016): a child network that
 * computes the same function as its parent, so it starts from the parent's trained weights instead of scratch.
 * widen: new units copy random existing ones and the copies share the outgoing weights (plus a tiny symmetry-
 * breaking noise); deepen: insert an identity ReLU block where its input is non-negative.
 */
import { tf } from '../neural/backend.ts';
import type { Rng } from '../util/rng.ts';
import { netFromWeights, type Architecture, type Net } from './net.ts';

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

/** An exact copy of a network (for exploit steps). */
export function cloneNet(net: Net): Net {
  return netFromWeights(net.arch, net.layers.map((l) => ({ w: l.w.clone(), b: l.b.clone() })));
}
