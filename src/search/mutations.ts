/**
 * GP mutation operators as named rules. Each takes a tree and returns a mutated copy, or null when it does not
 * apply (no constant to perturb, no same-typed descendant to hoist); the GP loop counts firings by name.
 */
import type { Rng } from '../util/rng.ts';
import { node, positions, randomTree, replaceAt, type GNode, type GpOps } from './gp-tree.ts';

export interface MutationContext {
  readonly g: GpOps;
  readonly rng: Rng;
  /** Depth of a freshly grown subtree (default 4). */
  readonly subtreeDepth: number;
  /** Standard deviation of constant perturbation, relative to max(1, |c|). */
  readonly sigma: number;
}

export interface MutationRule {
  readonly name: string;
  apply(t: GNode, ctx: MutationContext): GNode | null;
}

/** Replaces a random subtree by a freshly grown one of the same type. */
export const subtreeReplace: MutationRule = {
  name: 'subtree',
  apply(t, { g, rng, subtreeDepth }) {
    const p = rng.pick(positions(g, t));
    const sub = randomTree(g, p.slot, 1 + rng.int(subtreeDepth), 'grow', rng);
    return sub ? replaceAt(t, p.path, sub) : null;
  },
};

/** Swaps one node's rule for another with the same signature, keeping its children. */
export const pointMutation: MutationRule = {
  name: 'point',
  apply(t, { g, rng }) {
    const p = rng.pick(positions(g, t));
    const o = g.ops[p.node.op]!;
    const same = (o.args.length ? g.inner[p.slot]! : g.leaves[p.slot]!)
      .filter((i) => i !== p.node.op && g.ops[i]!.args.length === o.args.length && g.ops[i]!.args.every((a, j) => a === o.args[j]));
    if (!same.length) return null;
    const op = rng.pick(same);
    const erc = g.ops[op]!.erc;
    return replaceAt(t, p.path, node(op, p.node.kids, erc === 'real' ? rng.next() * 2 - 1 : erc === 'int' ? rng.int(11) - 5 : 0));
  },
};

/** Replaces a subtree by one of its own same-typed descendants. */
export const hoist: MutationRule = {
  name: 'hoist',
  apply(t, { g, rng }) {
    const p = rng.pick(positions(g, t));
    const inner = positions(g, p.node).slice(1).filter((q) => q.slot === p.slot);
    if (!inner.length) return null;
    return replaceAt(t, p.path, rng.pick(inner).node);
  },
};

/** Replaces an inner node by a random leaf of its type. */
export const shrink: MutationRule = {
  name: 'shrink',
  apply(t, { g, rng }) {
    const ps = positions(g, t).filter((q) => q.node.kids.length > 0);
    if (!ps.length) return null;
    const p = rng.pick(ps);
    const leaf = randomTree(g, p.slot, 1, 'grow', rng);
    return leaf ? replaceAt(t, p.path, leaf) : null;
  },
};

/** Gaussian perturbation of one ephemeral random constant. */
export const perturbConstant: MutationRule = {
  name: 'constant',
  apply(t, { g, rng, sigma }) {
    const ps = positions(g, t).filter((q) => g.ops[q.node.op]!.erc);
    if (!ps.length) return null;
    const p = rng.pick(ps);
    const kind = g.ops[p.node.op]!.erc;
    let c = p.node.c + rng.normal() * sigma * Math.max(1, Math.abs(p.node.c));
    if (kind === 'int') c = Math.round(c);
    return replaceAt(t, p.path, node(p.node.op, [], c));
  },
};

/** The default mutation rules, tried in random order until one applies. */
export const defaultMutations: readonly MutationRule[] = [subtreeReplace, pointMutation, hoist, shrink, perturbConstant];
