/**
 * Population-based training (Jaderberg et al. 2017): a population trains in rounds; after each round the worst
 * quarter copies the weights and hyperparameters of the best quarter (exploit) and perturbs the learning rate
 * (explore), so hyperparameters adapt during one training run instead of across many.
 */
import type { Rng } from '../util/rng.ts';
import { cloneNet } from './morphism.ts';
import { accuracy, buildNet, trainNet, uploadSplit, type Architecture, type Dataset, type Net } from './net.ts';

export interface PbtOptions {
  readonly arch: Architecture;
  readonly train: Dataset;
  readonly val: Dataset;
  readonly population: number;
  readonly rounds: number;
  readonly epochsPerRound: number;
  /** Initial learning rates are log-uniform in this range. */
  readonly lrRange: readonly [number, number];
  readonly rng: Rng;
}

export interface PbtReport {
  readonly bestValAccuracy: number;
  readonly bestLr: number;
  /** Per round: best and median validation accuracy, and the learning rates in use. */
  readonly rounds: readonly { best: number; median: number; lrs: number[] }[];
  readonly totalEpochs: number;
  readonly rules: { exploit: number; explore: number };
}

export function pbt(o: PbtOptions): PbtReport {
  const [lo, hi] = o.lrRange;
  let members: { net: Net; lr: number; acc: number }[] = Array.from({ length: o.population }, (_, i) => ({
    net: buildNet(o.arch, i + 1), lr: Math.exp(Math.log(lo) + o.rng.next() * (Math.log(hi) - Math.log(lo))), acc: 0,
  }));
  const rounds: PbtReport['rounds'][number][] = [];
  const rules = { exploit: 0, explore: 0 };
  // both sets uploaded once for every member and round
  const dev = uploadSplit(o.train, o.val);
  try {
    for (let r = 0; r < o.rounds; r++) {
      for (const m of members) {
        trainNet(m.net, o.train, { epochs: o.epochsPerRound, lr: m.lr, rng: o.rng, uploaded: dev.train });
        m.acc = accuracy(m.net, o.val, dev.val);
      }
      members.sort((a, b) => b.acc - a.acc);
      const accs = members.map((m) => m.acc);
      rounds.push({ best: accs[0]!, median: accs[Math.floor(accs.length / 2)]!, lrs: members.map((m) => m.lr) });
      if (r === o.rounds - 1) break;
      const q = Math.max(1, Math.floor(members.length / 4));
      members = members.map((m, i) => {
        if (i < members.length - q) return m;
        const donor = members[o.rng.int(q)]!;
        m.net.dispose();
        rules.exploit++; rules.explore++;
        return { net: cloneNet(donor.net), lr: donor.lr * (o.rng.next() < 0.5 ? 0.8 : 1.25), acc: donor.acc };
      });
    }
  } finally {
    dev.dispose();
  }
  const best = members[0]!;
  const report = { bestValAccuracy: best.acc, bestLr: best.lr, rounds, totalEpochs: o.population * o.rounds * o.epochsPerRound, rules };
  members.forEach((m) => m.net.dispose());
  return report;
}
