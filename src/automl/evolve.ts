/**
 * Architecture search: regularized (aging) evolution (Real et al. 2019) and random search as its baseline, on the
 * same space and trial budget (the first `population` trials of evolution are the same random architectures,
 * trained the same way, as random search's). With `inherit`, a child starts from its parent's trained weights and
 * trains only `inherit.epochs`: exactly when the mutation is function-preserving (widen, deepen: network
 * morphism), and, with `inherit.partial`, approximately for the others (every weight whose place survives is
 * copied); any other child trains from scratch for the full `epochs`. Each trial records the epochs it spent;
 * `maxEpochs` bounds the epochs spent in all, so the variants can also be compared at equal compute.
 */
import type { Rng } from '../util/rng.ts';
import { archMutations, randomArchitecture, type ArchSpace } from './mutations.ts';
import { inheritWeights } from './morphism.ts';
import { accuracy, buildNet, describe, trainNet, uploadSplit, type Architecture, type Dataset, type Net, type UploadedSplit } from './net.ts';

export interface NasOptions {
  readonly space: ArchSpace;
  readonly train: Dataset;
  readonly val: Dataset;
  readonly trials: number;
  /** Also stop once this many epochs have been trained in all (the last trial may overshoot it). */
  readonly maxEpochs?: number;
  readonly population?: number;
  readonly sample?: number;
  readonly epochs: number;
  readonly lr?: number;
  readonly rng: Rng;
  /** Inherited children fine-tune for `epochs` at `lr` (default: the options' lr). */
  readonly inherit?: { readonly epochs: number; readonly partial?: boolean; readonly lr?: number };
  readonly onTrial?: (t: NasTrial) => void;
}

export interface NasTrial {
  readonly trial: number;
  readonly arch: string;
  readonly valAccuracy: number;
  readonly epochs: number;
  /** How the child got its starting weights: a function-preserving morphism, partial inheritance, or none. */
  readonly inherited: 'morphism' | 'partial' | null;
  readonly mutation: string | null;
}

export interface NasReport {
  readonly best: { readonly arch: Architecture; readonly valAccuracy: number };
  readonly trials: readonly NasTrial[];
  readonly totalEpochs: number;
  /** Mutation-rule firings by name. */
  readonly rules: Record<string, number>;
  readonly stopReason: 'evalLimit';
}

interface Member { arch: Architecture; net: Net; acc: number }

/** Runs `search` with `o`'s datasets uploaded once for all of its trials, disposing them after. */
function withUploaded<T>(o: NasOptions, search: (dev: UploadedSplit) => T): T {
  const dev = uploadSplit(o.train, o.val);
  try { return search(dev); } finally { dev.dispose(); }
}

/** `net` trained in place for `epochs` at `lr` on the uploaded training set, with its validation accuracy. */
function trainMember(net: Net, o: NasOptions, dev: UploadedSplit, epochs: number, lr: number): Member {
  trainNet(net, o.train, { epochs, lr, rng: o.rng, uploaded: dev.train });
  return { arch: net.arch, net, acc: accuracy(net, o.val, dev.val) };
}

const evaluateArch = (arch: Architecture, o: NasOptions, dev: UploadedSplit, seed: number): Member =>
  trainMember(buildNet(arch, seed), o, dev, o.epochs, o.lr ?? 0.003);

export const randomSearch = (o: NasOptions): NasReport => withUploaded(o, (dev) => {
  const trials: NasTrial[] = [];
  let best: Member | null = null;
  for (let t = 0; t < o.trials && t * o.epochs < (o.maxEpochs ?? Infinity); t++) {
    const m = evaluateArch(randomArchitecture(o.space, o.train.x[0]!.length, o.train.classes, o.rng), o, dev, t + 1);
    const tr = { trial: t, arch: describe(m.arch), valAccuracy: m.acc, epochs: o.epochs, inherited: null, mutation: null };
    trials.push(tr); o.onTrial?.(tr);
    if (!best || m.acc > best.acc) { best?.net.dispose(); best = m; } else m.net.dispose();
  }
  best!.net.dispose();
  return { best: { arch: best!.arch, valAccuracy: best!.acc }, trials, totalEpochs: trials.reduce((s, t) => s + t.epochs, 0), rules: {}, stopReason: 'evalLimit' };
});

export const regularizedEvolution = (o: NasOptions): NasReport => withUploaded(o, (dev) => {
  const P = o.population ?? 10, S = o.sample ?? 3;
  const rules = archMutations(o.space);
  const nonNegInputs = o.train.x.every((row) => row.every((v) => v >= 0));
  const fired: Record<string, number> = {};
  const pop: Member[] = [];
  const trials: NasTrial[] = [];
  let best: { arch: Architecture; acc: number } | null = null, spent = 0;
  const record = (m: Member, epochs: number, inherited: NasTrial['inherited'], mutation: string | null) => {
    const tr = { trial: trials.length, arch: describe(m.arch), valAccuracy: m.acc, epochs, inherited, mutation };
    trials.push(tr); o.onTrial?.(tr);
    spent += epochs;
    if (!best || m.acc > best.acc) best = { arch: m.arch, acc: m.acc };
  };
  while (trials.length < o.trials && spent < (o.maxEpochs ?? Infinity)) {
    if (pop.length < P) {
      const m = evaluateArch(randomArchitecture(o.space, o.train.x[0]!.length, o.train.classes, o.rng), o, dev, trials.length + 1);
      pop.push(m); record(m, o.epochs, null, null);
      continue;
    }
    // tournament among a random sample; the best one's child replaces the oldest member
    const sample = Array.from({ length: S }, () => pop[o.rng.int(pop.length)]!);
    const parent = sample.reduce((a, b) => (b.acc > a.acc ? b : a));
    let child: Member | null = null, name = '', epochs = o.epochs, inherited: NasTrial['inherited'] = null;
    for (let tries = 0; tries < 10 && !child; tries++) {
      const rule = o.rng.pick(rules);
      const arch = rule.apply(parent.arch, o.rng);
      if (!arch) continue;
      name = rule.name;
      if (o.inherit) {
        const morphed = rule.morph?.(parent.net, arch, { inputsNonNegative: nonNegInputs, rng: o.rng }) ?? null;
        const net = morphed ?? (o.inherit.partial ? inheritWeights(parent.net, arch, trials.length + 1) : null);
        if (net) {
          child = trainMember(net, o, dev, o.inherit.epochs, o.inherit.lr ?? o.lr ?? 0.003);
          epochs = o.inherit.epochs; inherited = morphed ? 'morphism' : 'partial';
          break;
        }
      }
      child = evaluateArch(arch, o, dev, trials.length + 1);
    }
    if (!child) break;
    fired[name] = (fired[name] ?? 0) + 1;
    pop.push(child);
    pop.shift()!.net.dispose(); // aging: the oldest dies, whatever its accuracy
    record(child, epochs, inherited, name);
  }
  pop.forEach((m) => m.net.dispose());
  const b = best as unknown as { arch: Architecture; acc: number };
  return { best: { arch: b.arch, valAccuracy: b.acc }, trials, totalEpochs: trials.reduce((s, t) => s + t.epochs, 0), rules: fired, stopReason: 'evalLimit' };
});
