/**
 * Checkpoint: everything the wake–sleep loop needs to resume, kept as one JSON record (`learn/state`) in the
 * library's store, next to the library itself. It names the last completed phase of the current iteration.
 */
import type { Json, Store } from '../library/store.ts';
import type { LibraryChange } from '../library/library.ts';
import type { TaskJson } from '../task/task-json.ts';
import type { CurvePoint } from './curves.ts';

/** The phases of one iteration, in order; 'none' means the iteration has not started. */
export type Phase = 'none' | 'wake' | 'abstraction' | 'dream';
export const PHASES: readonly Phase[] = ['none', 'wake', 'abstraction', 'dream'];

/** A dreamed task and the program that produced it (the recognition model's training target). */
export interface FantasyJson {
  readonly task: TaskJson;
  readonly program: string;
}

/** A solved task and its frontier, as the last dream saw them. */
export interface ReplayJson {
  readonly task: TaskJson;
  readonly programs: readonly string[];
}

/** Per-task wake outcome of the current iteration (kept until the iteration's curve point is written). */
export interface WakeRecord {
  readonly task: string;
  readonly solved: boolean;
  readonly ms: number;
  /** Candidate evaluations the search made (a load-independent measure of search effort). */
  readonly evals: number;
  readonly found: number;
  /** The task had no frontier before this wake. */
  readonly first?: boolean;
}

export interface Checkpoint {
  readonly format: 'arbor-learn';
  readonly version: 1;
  /** Marks this run's library changes (their note), so a restart recognizes them. */
  readonly runId: string;
  readonly seed: number;
  /** The iteration in progress (0-based) and its last completed phase. */
  readonly iteration: number;
  readonly phase: Phase;
  /** Task name → printed programs, best first (the frontier). */
  readonly frontiers: Readonly<Record<string, readonly string[]>>;
  /** Fantasies of the last dream phase (to rebuild the recognition model on resume). */
  readonly fantasies: readonly FantasyJson[];
  /** The replays (solved tasks with their frontiers), production names and seed the last dream trained on: the
   * model is rebuilt from these and the fantasies, without the task files. */
  readonly replays: readonly ReplayJson[];
  readonly dreamNames: readonly string[];
  readonly dreamSeed: number | null;
  readonly dreamEpochs?: number;
  readonly wake: readonly WakeRecord[];
  /** Abstractions the current iteration's abstraction phase added (for its curve point). */
  readonly added: readonly string[];
  readonly dreamLoss: number | null;
  readonly curves: readonly CurvePoint[];
}

/** The library change an abstraction phase is about to commit, saved first so a restart can finish it. */
export interface PendingAbstraction {
  readonly runId: string;
  readonly iteration: number;
  readonly change: Json;
  readonly frontiers: Readonly<Record<string, readonly string[]>>;
}

export const NAMESPACE = 'learn';
const STATE = 'state', PENDING = 'pending-abstraction';

/** A fresh checkpoint for a new run. */
export function initialCheckpoint(seed: number, runId: string): Checkpoint {
  return { format: 'arbor-learn', version: 1, runId, seed, iteration: 0, phase: 'none', frontiers: {}, fantasies: [], replays: [], dreamNames: [], dreamSeed: null, wake: [], added: [], dreamLoss: null, curves: [] };
}

/** The saved checkpoint, or null when the store has none; throws naming the field when it is malformed. */
export async function loadCheckpoint(store: Store): Promise<Checkpoint | null> {
  const v = await store.getRecord(NAMESPACE, STATE);
  if (v === undefined || v === null) return null;
  const c = v as unknown as Checkpoint;
  if (typeof c !== 'object' || c.format !== 'arbor-learn') throw new Error(`${store.location}: record ${NAMESPACE}/${STATE} is not a learning checkpoint`);
  if (c.version !== 1) throw new Error(`${store.location}: ${NAMESPACE}/${STATE}: version ${String(c.version)} is not 1`);
  if (!PHASES.includes(c.phase)) throw new Error(`${store.location}: ${NAMESPACE}/${STATE}: phase '${String(c.phase)}' is unknown`);
  return c;
}

export const saveCheckpoint = (store: Store, c: Checkpoint): Promise<void> => store.putRecord(NAMESPACE, STATE, c as unknown as Json);

export async function loadPending(store: Store): Promise<PendingAbstraction | null> {
  const v = await store.getRecord(NAMESPACE, PENDING);
  return v === undefined || v === null ? null : (v as unknown as PendingAbstraction);
}
export const savePending = (store: Store, p: PendingAbstraction): Promise<void> => store.putRecord(NAMESPACE, PENDING, p as unknown as Json);
export const clearPending = async (store: Store): Promise<void> => { await store.deleteRecord(NAMESPACE, PENDING); };

/** A library change as JSON (entries' neural bytes are never part of a learned change). */
export const changeToJson = (c: LibraryChange): Json => JSON.parse(JSON.stringify(c)) as Json;
export const changeFromJson = (j: Json): LibraryChange => j as unknown as LibraryChange;

/** The note marking a run's abstraction commit for an iteration. */
export const commitNote = (runId: string, iteration: number, n: number): string => `learn ${runId} iteration ${iteration}: ${n} abstractions, weights refit`;
export const isCommitOf = (note: string, runId: string, iteration: number): boolean => note.startsWith(`learn ${runId} iteration ${iteration}:`);
