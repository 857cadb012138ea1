/**
 * Featurizers of the recognition model: each reads a task's examples and returns one fixed-size vector
 * ([1, size], differentiable in its variables). Two kinds, chosen per task by its type (featurizerKind):
 * - sequence (strings, lists, anything else): each example serialized to characters, embedded, read by a 1-D
 *   convolution and max-pooled over time; examples averaged.
 * - grid (tasks whose inputs and output are all `grid`, e.g. ARC): each grid one-hot coloured (10 channels plus
 *   an inside-the-grid mask), two 3×3 conv2d + relu layers, pooled (max and mean over the grid's cells) with its
 *   height and width; an example is [in, out, out − in] of its first input and output, encoded by a dense relu
 *   layer; examples averaged.
 */
import { splitArrow, type Type } from '../lang/type.ts';
import { untypedJson } from '../lang/value.ts';
import type { Task } from '../task/task.ts';
import { tf } from './backend.ts';

export interface Featurizer {
  /** Length of the feature vector. */
  readonly size: number;
  readonly variables: readonly tf.Variable[];
  /** [1, size]: the features of (at most `maxExamples` of) a task's training examples. */
  features(task: Task, maxExamples: number): tf.Tensor2D;
}

export type FeaturizerKind = 'sequence' | 'grid';

const isGrid = (t: Type): boolean => t.kind === 'tcon' && t.name === 'grid';

/** 'grid' when the task's inputs and output are all grids, else 'sequence'. */
export function featurizerKind(type: Type): FeaturizerKind {
  const { args, ret } = splitArrow(type);
  return args.length > 0 && isGrid(ret) && args.every(isGrid) ? 'grid' : 'sequence';
}

type Init = (shape: number[], k: number) => tf.Variable;

const VOCAB = 98; // printable ASCII (32..126), plus 'other' and padding
const SEQ = 96;

/** Characters of one example, input then a separator then output, as token ids (0 = padding). */
export function exampleTokens(inputs: readonly unknown[], output: unknown): number[] {
  const text = `${inputs.map((x) => JSON.stringify(untypedJson(x))).join(' ')} → ${JSON.stringify(untypedJson(output))}`;
  const ids: number[] = [];
  for (const ch of text) {
    if (ids.length >= SEQ) break;
    const c = ch.codePointAt(0)!;
    ids.push(c >= 32 && c <= 126 ? c - 31 : 96);
  }
  while (ids.length < SEQ) ids.push(0);
  return ids;
}

/** The character sequence encoder. */
export class SequenceFeaturizer implements Featurizer {
  readonly size = 48;
  readonly variables: readonly tf.Variable[];
  private readonly emb: tf.Variable;
  private readonly conv: tf.Variable;

  constructor(init: Init) {
    this.emb = init([VOCAB, 16], 1);
    this.conv = init([5, 16, this.size], 2);
    this.variables = [this.emb, this.conv];
  }

  features(task: Task, maxExamples: number): tf.Tensor2D {
    const exs = [...task.train].slice(0, maxExamples);
    const ids = exs.length ? exs.map((e) => exampleTokens(e.inputs, e.output)) : [new Array<number>(SEQ).fill(0)];
    // the embedding is looked up by a one-hot product, not gather: gather has no gradient on wasm
    const oh = tf.oneHot(tf.tensor1d(ids.flat(), 'int32'), VOCAB).toFloat(); // [n*SEQ, VOCAB]
    const x = tf.matMul(oh, this.emb as tf.Tensor2D).reshape([ids.length, SEQ, 16]) as tf.Tensor3D;
    const c = tf.relu(tf.conv1d(x, this.conv as tf.Tensor3D, 1, 'same')); // [n, SEQ, size]
    return tf.mean(tf.max(c, 1), 0, true) as tf.Tensor2D;
  }
}

/** ARC's largest grid side: larger grids are cropped. */
export const GRID_MAX = 30;
const COLOURS = 10;
const FILTERS = 16;
/** Heights and widths are given in tens of cells. */
const SIZE_SCALE = 10;

/** The 2-D convolutional grid encoder. */
export class GridFeaturizer implements Featurizer {
  readonly size = 64;
  readonly variables: readonly tf.Variable[];
  private readonly conv1: tf.Variable;
  private readonly conv2: tf.Variable;
  private readonly dense: tf.Variable;
  private readonly bias: tf.Variable;

  constructor(init: Init) {
    this.conv1 = init([3, 3, COLOURS + 1, FILTERS], 5);
    this.conv2 = init([3, 3, FILTERS, FILTERS], 6);
    // per grid: max- and mean-pooled filters, height, width; an example is [in, out, out − in]
    this.dense = init([3 * (2 * FILTERS + 2), this.size], 8);
    this.bias = tf.variable(tf.zeros([this.size]));
    this.variables = [this.conv1, this.conv2, this.dense, this.bias];
  }

  features(task: Task, maxExamples: number): tf.Tensor2D {
    const exs = [...task.train].slice(0, maxExamples);
    if (!exs.length) return tf.zeros([1, this.size]);
    const grids = [...exs.map((e) => asGrid(e.inputs[0])), ...exs.map((e) => asGrid(e.output))];
    const g = this.gridFeatures(grids); // [2n, 2F+2]
    const n = exs.length;
    const fin = tf.slice(g, [0, 0], [n, -1]), fout = tf.slice(g, [n, 0], [n, -1]);
    const ex = tf.concat([fin, fout, tf.sub(fout, fin)], 1); // [n, 3(2F+2)]
    // each example encoded (relu) before averaging, so opposite differences (a rotation's h−w) don't cancel
    const enc = tf.relu(tf.add(tf.matMul(ex, this.dense as tf.Tensor2D), this.bias));
    return tf.mean(enc, 0, true) as tf.Tensor2D;
  }

  /** [grids.length, 2F+2]. Grids are padded to the largest in the batch; the mask makes the result independent of that. */
  private gridFeatures(grids: readonly (readonly (readonly number[])[])[]): tf.Tensor2D {
    const H = Math.max(1, ...grids.map((g) => Math.min(GRID_MAX, g.length)));
    const W = Math.max(1, ...grids.map((g) => Math.min(GRID_MAX, g[0]?.length ?? 0)));
    const C = COLOURS + 1, b = grids.length;
    const buf = new Float32Array(b * H * W * C), mask = new Float32Array(b * H * W), size: number[] = [];
    grids.forEach((g, k) => {
      const h = Math.min(H, g.length);
      let w = 0;
      for (let i = 0; i < h; i++) {
        const row = g[i]!, rw = Math.min(W, row.length);
        w = Math.max(w, rw);
        for (let j = 0; j < rw; j++) {
          const cell = (k * H + i) * W + j, c = row[j]!;
          mask[cell] = 1;
          buf[cell * C + COLOURS] = 1;
          if (Number.isInteger(c) && c >= 0 && c < COLOURS) buf[cell * C + c] = 1;
        }
      }
      size.push(h / SIZE_SCALE, w / SIZE_SCALE);
    });
    const x = tf.tensor4d(buf, [b, H, W, C]);
    const m = tf.tensor4d(mask, [b, H, W, 1]);
    const a1 = tf.mul(tf.relu(tf.conv2d(x, this.conv1 as tf.Tensor4D, 1, 'same')), m) as tf.Tensor4D;
    const a2 = tf.mul(tf.relu(tf.conv2d(a1, this.conv2 as tf.Tensor4D, 1, 'same')), m); // [b, H, W, F], 0 outside
    const cells = tf.maximum(tf.sum(m, [1, 2]), 1); // [b, 1]
    const maxPool = tf.max(a2, [1, 2]) as tf.Tensor2D; // ≥ 0, so padding (0) never wins
    const meanPool = tf.div(tf.sum(a2, [1, 2]), cells) as tf.Tensor2D;
    return tf.concat([maxPool, meanPool, tf.tensor2d(size, [b, 2])], 1);
  }
}

function asGrid(v: unknown): readonly (readonly number[])[] {
  return Array.isArray(v) ? (v as unknown[]).map((r) => (Array.isArray(r) ? (r as number[]) : [])) : [];
}
