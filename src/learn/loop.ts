/**
 * The lifelong wake–sleep loop over a set of tasks: wake (search unsolved tasks), abstraction sleep (compress
 * frontiers into library entries, refit weights), dream sleep (train the recognition model on replays and
 * fantasies). Every completed phase is checkpointed in the store, so the loop can be killed at any point and
 * resumed from the last completed phase (docs/learning.md). Pure core: clock and seed are passed in.
 */
import { extendSet, type Primitive, type PrimitiveSet } from '../lang/primitive.ts';
import { basePrimitives } from '../lang/primitives/index.ts';
import { recordPrimitives } from '../lang/primitives/record.ts';
import type { Library } from '../library/library.ts';
import type { Store } from '../library/store.ts';
import type { RecognitionModel } from '../neural/recognition.ts';
import type { Budget } from '../search/budget.ts';
import type { SearchEngine } from '../search/engine.ts';
import { topDown } from '../search/topdown.ts';
import type { Task } from '../task/task.ts';
import type { Clock } from '../util/clock.ts';
import { rng } from '../util/rng.ts';
import { abstractionSleep } from './abstraction-sleep.ts';
import {
  changeFromJson, changeToJson, clearPending, commitNote, initialCheckpoint, isCommitOf, loadCheckpoint, loadPending,
  saveCheckpoint, savePending, type Checkpoint, type FantasyJson, type Phase, type ReplayJson,
} from './checkpoint.ts';
import { median, type CurvePoint } from './curves.ts';
import { sampleFantasies } from './fantasies.ts';
import { learnedFrom, productionNames, setupFor, type Learned } from './setup.ts';
import { wake } from './wake.ts';

/** A phase starting or finishing, for progress lines. */
export interface PhaseEvent {
  readonly iteration: number;
  readonly phase: Exclude<Phase, 'none'>;
  readonly status: 'start' | 'done';
  /** One line describing the outcome (on 'done'). */
  readonly detail: string;
}

export interface LearnOptions {
  readonly store: Store;
  readonly tasks: readonly Task[];
  /** Iterations to reach (counting those already done by an earlier, resumed run). */
  readonly iterations: number;
  /** Per-task search budget in wake. */
  readonly budget: Budget;
  readonly clock: Clock;
  /** Seed of a fresh run (a resumed run keeps the checkpoint's). */
  readonly seed?: number;
  /** The search engine (default top-down). */
  readonly engine?: SearchEngine;
  readonly frontierSize?: number;
  /** Which tasks each wake searches (default 'unsolved'). */
  readonly search?: 'unsolved' | 'all';
  /** Abstractions learned per abstraction sleep at most (default 3). */
  readonly abstractions?: number;
  readonly compressTimeMs?: number;
  /** Fantasies per dream (default 2 per task, at most 100). */
  readonly fantasies?: number;
  readonly epochs?: number;
  /** Train and use the recognition model (default true). */
  readonly recognition?: boolean;
  /** Weight of the recognition model's grammar against the library's (default 0.5). */
  readonly mix?: number;
  /** ISO time for new entries' provenance (the shell passes the wall clock). */
  readonly time?: () => string;
  /** Loads a library's neural entries as primitives (default: src/neural/library-modules.ts). */
  readonly neural?: (lib: Library) => Promise<Primitive[]>;
  readonly onPhase?: (e: PhaseEvent) => void;
  readonly onTask?: (iteration: number, done: number, total: number, task: string, solved: boolean) => void;
}

export interface LearnReport {
  readonly curves: readonly CurvePoint[];
  readonly frontiers: Readonly<Record<string, readonly string[]>>;
  readonly library: Library;
  /** What was learned, ready for search (setupFor); its prior is the recognition model (caller disposes). */
  readonly learned: Learned;
  readonly model: RecognitionModel | null;
  /** Where a resumed run started (null for a fresh one). */
  readonly resumedFrom: { iteration: number; phase: Phase } | null;
  readonly stopReason: 'solved' | 'exhausted';
  readonly stats: { phasesRun: number };
}

const phaseSeed = (seed: number, iteration: number, phase: number) => (seed * 7919 + iteration * 131 + phase) >>> 0;

async function defaultNeural(lib: Library): Promise<Primitive[]> {
  if (![...lib.entries.values()].some((e) => e.kind === 'neural')) return [];
  const { neuralPrimitivesOf } = await import('../neural/library-modules.ts');
  return neuralPrimitivesOf(lib);
}

/** Rebuilds the recognition model of the last completed dream from the checkpoint (same seed, same pairs). */
export async function rebuildModel(c: Checkpoint): Promise<{ model: RecognitionModel; loss: number | null } | null> {
  if (c.dreamSeed === null || !c.dreamNames.length) return null;
  const { dreamSleep, fantasyPair, replayPair } = await import('./dream.ts'); // TensorFlow.js loads only when a model is used
  const pairs = [...c.replays.map(replayPair), ...c.fantasies.map(fantasyPair)];
  return dreamSleep(pairs, { names: c.dreamNames, seed: c.dreamSeed, ...(c.dreamEpochs !== undefined ? { epochs: c.dreamEpochs } : {}) });
}

/** Runs (or resumes) the loop until `iterations` iterations are complete. */
export async function learn(o: LearnOptions): Promise<LearnReport> {
  const { store, tasks } = o;

  const useRecognition = o.recognition ?? true;
  const engine = o.engine ?? topDown({ solutions: 1 });
  const time = o.time ?? (() => new Date(Math.round(o.clock.now())).toISOString());
  const loadNeural = o.neural ?? defaultNeural;
  const saved = await loadCheckpoint(store);
  const fresh = o.seed ?? 1;
  let c: Checkpoint = saved ?? initialCheckpoint(fresh, `s${fresh}-${rng(fresh).int(1 << 30).toString(36)}`);
  const seed = c.seed; // a resumed run keeps its seed, so its phases draw what they would have drawn
  const resumedFrom = saved ? { iteration: saved.iteration, phase: saved.phase } : null;
  let lib = await store.load();
  let neural = await loadNeural(lib);
  let model: RecognitionModel | null = null;
  const learnedNow = (): Learned => learnedFrom(lib, { neural, prior: model, mix: o.mix ?? 0.5 });
  if (useRecognition && saved && c.phase !== 'abstraction') model = (await rebuildModel(c))?.model ?? null;
  let phasesRun = 0;

  const save = async (next: Checkpoint) => { c = next; await saveCheckpoint(store, c); phasesRun++; };
  while (c.iteration < o.iterations) {
    const it = c.iteration;
    if (c.phase === 'none') {
      o.onPhase?.({ iteration: it, phase: 'wake', status: 'start', detail: '' });
      const w = wake(tasks, c.frontiers, learnedNow(), {
        engine, budget: o.budget, clock: o.clock, rng: rng(phaseSeed(seed, it, 1)), ...(o.frontierSize ? { frontierSize: o.frontierSize } : {}), ...(o.search ? { search: o.search } : {}),
        onTask: (done, total, r) => o.onTask?.(it, done, total, r.task, r.solved),
      });
      await save({ ...c, frontiers: w.frontiers, wake: w.records, phase: 'wake' });
      const solved = w.records.filter((r) => r.solved).length;
      o.onPhase?.({ iteration: it, phase: 'wake', status: 'done', detail: `${solved}/${w.records.length} searched tasks solved, ${Object.values(w.frontiers).filter((f) => f.length).length}/${tasks.length} in all` });
    } else if (c.phase === 'wake') {
      o.onPhase?.({ iteration: it, phase: 'abstraction', status: 'start', detail: '' });
      let pending = await loadPending(store);
      if (!pending || pending.runId !== c.runId || pending.iteration !== it) {
        const names = productionNames(tasks, { ...learnedNow(), prior: null }).filter((n) => basePrimitives.has(n) && !lib.entries.has(n) || lib.entries.get(n)?.kind === 'primitive');
        const r = abstractionSleep(lib, c.frontiers, {
          base: withRecordFields(basePrimitives, tasks), names, ...(o.abstractions !== undefined ? { abstractions: o.abstractions } : {}), time: time(),
          note: commitNote(c.runId, it, 0), clock: o.clock, timeLimitMs: o.compressTimeMs ?? 20_000,
        });
        const change = { ...r.change, note: commitNote(c.runId, it, r.added.length) };
        pending = { runId: c.runId, iteration: it, change: changeToJson(change), frontiers: r.frontiers };
        await savePending(store, pending);
      }
      const change = changeFromJson(pending.change);
      const committed = (await store.history()).some((h) => isCommitOf(h.note, c.runId, it));
      if (!committed && ((change.add?.length ?? 0) + (change.update?.length ?? 0) > 0)) await store.apply(change);
      lib = await store.load();
      neural = await loadNeural(lib);
      const added = (change.add ?? []).filter((e) => e.kind === 'abstraction').map((e) => e.name);
      await save({ ...c, frontiers: pending.frontiers, added, phase: 'abstraction' });
      await clearPending(store);
      o.onPhase?.({ iteration: it, phase: 'abstraction', status: 'done', detail: `${added.length} abstractions added${added.length ? ` (${added.join(', ')})` : ''}, library ${librarySize(lib)}` });
    } else if (c.phase === 'abstraction') {
      o.onPhase?.({ iteration: it, phase: 'dream', status: 'start', detail: '' });
      model?.dispose();
      model = null;
      let fantasies: FantasyJson[] = [];
      let replayed: ReplayJson[] = [];
      let loss: number | null = null;
      const names = productionNames(tasks, learnedNow());
      const dreamSeed = phaseSeed(seed, it, 3);
      if (useRecognition) {
        const { dreamSleep, fantasyPair, fantasyToJson, replays, replayToJson } = await import('./dream.ts');
        const sources = tasks.map((t) => setupFor(t, learnedNow()));
        fantasies = sampleFantasies(sources, { rng: rng(phaseSeed(seed, it, 2)), count: o.fantasies ?? Math.min(100, 2 * tasks.length) }).map(fantasyToJson);
        const solved = replays(tasks, c.frontiers);
        replayed = solved.map(replayToJson);
        const pairs = [...solved, ...fantasies.map(fantasyPair)];
        const d = await dreamSleep(pairs, { names, seed: dreamSeed, ...(o.epochs !== undefined ? { epochs: o.epochs } : {}) });
        model = d.model;
        loss = d.loss;
      }
      const point = curvePoint(c, tasks.length, lib, fantasies.length, loss);
      await save({ ...c, fantasies, replays: replayed, dreamNames: useRecognition ? names : [], dreamSeed: useRecognition ? dreamSeed : null, ...(o.epochs !== undefined ? { dreamEpochs: o.epochs } : {}), dreamLoss: loss, curves: [...c.curves, point], phase: 'dream' });
      o.onPhase?.({ iteration: it, phase: 'dream', status: 'done', detail: useRecognition ? `${fantasies.length} fantasies + ${Object.keys(c.frontiers).length} replays, loss ${loss?.toFixed(3) ?? '-'}` : 'recognition off' });
    } else {
      await save({ ...c, iteration: it + 1, phase: 'none', wake: [], added: [] });
    }
  }
  const solvedAll = tasks.every((t) => c.frontiers[t.name]?.length);
  return {
    curves: c.curves, frontiers: c.frontiers, library: lib, learned: learnedNow(), model, resumedFrom,
    stopReason: solvedAll ? 'solved' : 'exhausted', stats: { phasesRun },
  };
}

const librarySize = (lib: Library) => [...lib.entries.values()].filter((e) => e.kind !== 'primitive').length;

function curvePoint(c: Checkpoint, tasks: number, lib: Library, fantasies: number, dreamLoss: number | null): CurvePoint {
  const ms = c.wake.map((r) => r.ms);
  const solvedMs = c.wake.filter((r) => r.solved).map((r) => r.ms);
  return {
    iteration: c.iteration, tasks,
    solved: Object.values(c.frontiers).filter((f) => f.length).length,
    newlySolved: c.wake.filter((r) => r.first ?? r.solved).length,
    searched: c.wake.length,
    meanSearchMs: ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : 0,
    medianSearchMs: median(ms),
    medianSolvedMs: solvedMs.length ? median(solvedMs) : null,
    medianSolvedEvals: solvedMs.length ? median(c.wake.filter((r) => r.solved).map((r) => r.evals ?? 0)) : null,
    librarySize: librarySize(lib), abstractionsAdded: c.added.length,
    programsFound: c.wake.reduce((s, r) => s + r.found, 0),
    fantasies, dreamLoss,
  };
}

/**
 * `base` with the field accessors and constructors of the tasks' record types (the first task's wins a name two
 * tasks' records share), so that abstractions learned on JSON tasks type-check.
 */
function withRecordFields(base: PrimitiveSet, tasks: readonly Task[]): PrimitiveSet {
  const more = new Map<string, Primitive>();
  for (const t of tasks) for (const p of recordPrimitives(t.type)) if (!more.has(p.name)) more.set(p.name, p);
  return more.size ? extendSet(base, [...more.values()]) : base;
}
