/**
 * Dream sleep: train a fresh recognition model (src/neural/recognition.ts) on replays of the solved tasks (their
 * frontiers) and on fantasies. Deterministic for a seed, so the loop rebuilds it from the stored pairs on resume
 * instead of storing its tensors.
 */
import { parse } from '../lang/parse.ts';
import { print } from '../lang/print.ts';
import { initBackend } from '../neural/backend.ts';
import { RecognitionModel, type TrainingPair } from '../neural/recognition.ts';
import { taskFromJson, taskToJson } from '../task/task-json.ts';
import type { Task } from '../task/task.ts';
import { rng } from '../util/rng.ts';
import type { FantasyJson, ReplayJson } from './checkpoint.ts';
import type { Fantasy } from './fantasies.ts';

export interface DreamOptions {
  /** Productions the model scores. */
  readonly names: readonly string[];
  readonly seed: number;
  readonly epochs?: number;
  readonly hidden?: number;
  readonly maxExamples?: number;
  readonly learningRate?: number;
}

/** Replays: each solved task with its frontier. */
export function replays(tasks: readonly Task[], frontiers: Readonly<Record<string, readonly string[]>>): TrainingPair[] {
  return tasks.filter((t) => frontiers[t.name]?.length).map((t) => ({ task: t, programs: frontiers[t.name]!.map((s) => parse(s)) }));
}

export const replayToJson = (p: TrainingPair): ReplayJson => ({ task: taskToJson(p.task), programs: p.programs.map((e) => print(e)) });
export const replayPair = (r: ReplayJson): TrainingPair => ({ task: taskFromJson(r.task), programs: r.programs.map((s) => parse(s)) });
export const fantasyToJson = (f: Fantasy): FantasyJson => ({ task: taskToJson(f.task), program: print(f.program) });
export const fantasyPair = (f: FantasyJson): TrainingPair => ({ task: taskFromJson(f.task), programs: [parse(f.program)] });

/** Trains a new model; returns it (the caller disposes it) and the last epoch's mean loss. */
export async function dreamSleep(pairs: readonly TrainingPair[], o: DreamOptions): Promise<{ model: RecognitionModel; loss: number | null }> {
  await initBackend();
  const model = new RecognitionModel({ names: o.names, seed: o.seed, hidden: o.hidden ?? 32, maxExamples: o.maxExamples ?? 4 });
  if (!pairs.length) return { model, loss: null };
  const losses = model.train(pairs, { epochs: o.epochs ?? 4, rng: rng(o.seed), learningRate: o.learningRate ?? 0.01 });
  return { model, loss: losses.at(-1) ?? null };
}
