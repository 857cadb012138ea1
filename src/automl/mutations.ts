/**
 * Architecture mutations as named rules ({name, apply, morph?}); the evolution loop picks one at random and counts
 * firings by name. Each returns null when it does not apply (e.g. removing the only block). A function-preserving
 * rule (widen, deepen) also declares `morph`: the parent's trained network carried over to the child's
 * architecture (network morphism).
 */
import type { Rng } from '../util/rng.ts';
import { deepen, widen } from './morphism.ts';
import type { Activation, Architecture, Block, Net } from './net.ts';

export interface ArchMutation {
  readonly name: string;
  apply(a: Architecture, rng: Rng): Architecture | null;
  /** The parent's network morphed into `to` (which `apply` made from the parent), or null when it cannot be. */
  morph?(parent: Net, to: Architecture, ctx: { inputsNonNegative: boolean; rng: Rng }): Net | null;
}

export interface ArchSpace {
  readonly widths: readonly number[];
  readonly activations: readonly Activation[];
  readonly maxBlocks: number;
}

const withBlocks = (a: Architecture, blocks: Block[]): Architecture => ({ ...a, blocks });

export const archMutations = (space: ArchSpace): readonly ArchMutation[] => [
  { name: 'widen', apply: (a, r) => {
    const cands = a.blocks.map((b, i) => [b, i] as const).filter(([b]) => space.widths.some((w) => w > b.units));
    if (!cands.length) return null;
    const [b, i] = r.pick(cands);
    const blocks = [...a.blocks];
    blocks[i] = { ...b, units: r.pick(space.widths.filter((w) => w > b.units)) };
    return withBlocks(a, blocks);
  },
  morph: (parent, to, { rng }) => {
    const i = to.blocks.findIndex((b, k) => b.units > parent.arch.blocks[k]!.units);
    return i >= 0 ? widen(parent, i, to.blocks[i]!.units, rng) : null;
  } },
  { name: 'narrow', apply: (a, r) => {
    const cands = a.blocks.map((b, i) => [b, i] as const).filter(([b]) => space.widths.some((w) => w < b.units));
    if (!cands.length) return null;
    const [b, i] = r.pick(cands);
    const blocks = [...a.blocks];
    blocks[i] = { ...b, units: r.pick(space.widths.filter((w) => w < b.units)) };
    return withBlocks(a, blocks);
  } },
  { name: 'deepen', apply: (a, r) => {
    if (a.blocks.length >= space.maxBlocks) return null;
    const at = r.int(a.blocks.length + 1);
    const units = at > 0 ? a.blocks[at - 1]!.units : r.pick(space.widths);
    const blocks = [...a.blocks];
    blocks.splice(at, 0, { units, activation: 'relu', skip: false });
    return withBlocks(a, blocks);
  },
  morph: (parent, to, { inputsNonNegative }) => {
    const a = parent.arch;
    const at = to.blocks.findIndex((b, k) => k >= a.blocks.length || b !== a.blocks[k]);
    const width = at === 0 ? a.inputSize : a.blocks[at - 1]?.units;
    return at >= 0 && to.blocks[at]!.units === width ? deepen(parent, at, inputsNonNegative) : null; // stay in the space
  } },
  { name: 'shallow', apply: (a, r) => {
    if (a.blocks.length <= 1) return null;
    const blocks = [...a.blocks];
    blocks.splice(r.int(blocks.length), 1);
    return withBlocks(a, blocks);
  } },
  { name: 'activation', apply: (a, r) => {
    if (!a.blocks.length) return null;
    const i = r.int(a.blocks.length);
    const others = space.activations.filter((x) => x !== a.blocks[i]!.activation);
    if (!others.length) return null;
    const blocks = [...a.blocks];
    blocks[i] = { ...blocks[i]!, activation: r.pick(others) };
    return withBlocks(a, blocks);
  } },
  { name: 'skip', apply: (a, r) => {
    if (!a.blocks.length) return null;
    const i = r.int(a.blocks.length);
    const blocks = [...a.blocks];
    blocks[i] = { ...blocks[i]!, skip: !blocks[i]!.skip };
    return withBlocks(a, blocks);
  } },
];

/** A random architecture of the space (1..maxBlocks blocks). */
export function randomArchitecture(space: ArchSpace, inputSize: number, outputSize: number, rng: Rng): Architecture {
  const n = 1 + rng.int(space.maxBlocks);
  return { inputSize, outputSize, blocks: Array.from({ length: n }, () => ({ units: rng.pick(space.widths), activation: rng.pick(space.activations), skip: rng.next() < 0.3 })) };
}
