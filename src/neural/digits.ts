/**
 * The digit-list tasks of the "extreme generalization" experiment, built from sklearn's 8x8 digits: inputs are
 * lists of digit images; outputs their sum, the list sorted by digit value, or how many equal the first one.
 */
import type { Example } from '../task/task.ts';
import type { Rng } from '../util/rng.ts';

export interface DigitImage {
  /** 8x8 intensities scaled to [0, 1]. */
  readonly image: readonly (readonly number[])[];
  readonly label: number;
}

/** Parses sklearn's digits.csv (64 pixel columns 0–16, then the label, then an optional label name). */
export function parseDigitsCsv(text: string): DigitImage[] {
  const lines = text.trim().split('\n');
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',').slice(0, 65).map(Number);
    if (cells.length !== 65 || cells.some((c) => !Number.isFinite(c))) throw new Error(`digits.csv line ${i + 2}: expected 64 pixels and a label`);
    const image = Array.from({ length: 8 }, (_, r) => cells.slice(r * 8, r * 8 + 8).map((c) => c / 16));
    return { image, label: cells[64]! };
  });
}

/** Shuffles and splits images into train and test (images never shared between the two). */
export function splitImages(all: readonly DigitImage[], testFraction: number, rng: Rng): { train: DigitImage[]; test: DigitImage[] } {
  const xs = [...all];
  for (let i = xs.length - 1; i > 0; i--) { const j = rng.int(i + 1); [xs[i], xs[j]] = [xs[j]!, xs[i]!]; }
  const nTest = Math.round(xs.length * testFraction);
  return { test: xs.slice(0, nTest), train: xs.slice(nTest) };
}

export type DigitTaskKind = 'sum' | 'sort' | 'count-first';

/** Makes `n` examples of a task with list lengths drawn from [minLen, maxLen]. Labels are used only for outputs. */
export function digitExamples(kind: DigitTaskKind, images: readonly DigitImage[], n: number, minLen: number, maxLen: number, rng: Rng): Example[] {
  const out: Example[] = [];
  for (let k = 0; k < n; k++) {
    const len = minLen + rng.int(maxLen - minLen + 1);
    const xs = Array.from({ length: len }, () => images[rng.int(images.length)]!);
    const imgs = xs.map((x) => x.image);
    let output: unknown;
    switch (kind) {
      case 'sum': output = xs.reduce((s, x) => s + x.label, 0); break;
      case 'sort': output = xs.map((x, i) => [x.label, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => imgs[i]); break;
      case 'count-first': output = xs.filter((x) => x.label === xs[0]!.label).length; break;
    }
    out.push({ inputs: [imgs], output });
  }
  return out;
}

/** Skeleton programs (Arbor syntax) for each task, over a neural primitive named `classify`. */
export const DIGIT_SKELETONS: Readonly<Record<DigitTaskKind, string>> = {
  sum: '(lambda (sum (map classify $0)))',
  sort: '(lambda (sort-by classify $0))',
  'count-first': '(lambda (count (lambda (eq? (classify $0) (classify (car $1)))) $0))',
};
