/**
 * A `TrialStore` over the library Store's records, one namespace per study (`hpo/<study>`), so a killed study
 * resumes where it stopped. The study API is synchronous and the Store asynchronous: trials are read once when the
 * store is opened, and each save is queued; `flush()` waits until every queued write is committed.
 */
import { z } from 'zod';
import type { Trial, TrialStore } from '../optimize/hpo/index.ts';
import type { Json, Store } from '../library/store.ts';

/** What a study records about itself, to refuse resuming with a different search space or objectives. */
export interface StudyMeta {
  readonly name: string;
  /** A canonical description of the space, sampler and objectives (compared on resume). */
  readonly signature: string;
  readonly createdBy?: string;
}

/** A persistent trial store; `values` keeps the objective vector of multi-objective trials. */
export interface RecordTrialStore extends TrialStore {
  readonly study: string;
  readonly namespace: string;
  meta(): StudyMeta | undefined;
  setMeta(m: StudyMeta): void;
  values(number: number): readonly number[] | undefined;
  setValues(number: number, values: readonly number[]): void;
  /** Trials that were still running when the study was last stopped: dropped, so they are asked (and run) again. */
  readonly interrupted: readonly number[];
  /** Resolves once every queued write is committed; rejects with the first write error. */
  flush(): Promise<void>;
}

/** The records namespace of a study. */
export const studyNamespace = (study: string): string => `hpo/${study}`;
const trialKey = (n: number): string => `trial/${String(n).padStart(8, '0')}`;

// JSON has no NaN or ±Infinity: they travel as strings
const num = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity']).transform(Number)]);
const enc = (x: number): Json => (Number.isFinite(x) ? x : String(x));

const TrialRow = z.object({
  number: z.number().int().nonnegative(),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  state: z.enum(['running', 'complete', 'pruned', 'failed']),
  value: num.optional(),
  intermediate: z.array(z.tuple([z.number(), num])),
  error: z.string().optional(),
  values: z.array(num).optional(),
});
const MetaRow = z.object({ name: z.string(), signature: z.string(), createdBy: z.string().optional() });

function encodeTrial(t: Trial, values: readonly number[] | undefined): Json {
  return {
    number: t.number, params: t.params, state: t.state,
    ...(t.value === undefined ? {} : { value: enc(t.value) }),
    intermediate: t.intermediate.map(([s, v]) => [s, enc(v)]),
    ...(t.error === undefined ? {} : { error: t.error }),
    ...(values ? { values: values.map(enc) } : {}),
  };
}

/** Opens (reading every saved trial of) study `study` in `store`. Rows that fail validation name their key. */
export async function openTrialStore(store: Store, study: string): Promise<RecordTrialStore> {
  if (!/^[\w.-]+$/.test(study)) throw new Error(`study name '${study}': use letters, digits, '.', '-', '_'`);
  const namespace = studyNamespace(study);
  const trials = new Map<number, Trial>();
  const vectors = new Map<number, readonly number[]>();
  let meta: StudyMeta | undefined;
  for (const r of await store.listRecords(namespace)) {
    const where = `${store.location}: record ${namespace}/${r.key}`;
    if (r.key === 'meta') {
      const m = MetaRow.safeParse(r.value);
      if (!m.success) throw new Error(`${where}: ${m.error.issues[0]?.path.join('.')}: ${m.error.issues[0]?.message}`);
      meta = m.data;
      continue;
    }
    const p = TrialRow.safeParse(r.value);
    if (!p.success) throw new Error(`${where}: ${p.error.issues[0]?.path.join('.')}: ${p.error.issues[0]?.message}`);
    const { values, ...t } = p.data;
    trials.set(t.number, t as Trial);
    if (values) vectors.set(t.number, values);
  }
  // a trial left running by a killed process never finished: forget it so the resumed study runs it again
  const interrupted = [...trials.values()].filter((t) => t.state === 'running').map((t) => t.number);
  for (const n of interrupted) { trials.delete(n); vectors.delete(n); await store.deleteRecord(namespace, trialKey(n)); }
  let queue: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  const write = (key: string, value: Json) => {
    queue = queue.then(() => store.putRecord(namespace, key, value)).catch((e) => { failure ??= e; });
  };
  return {
    study, namespace, interrupted,
    load: () => [...trials.values()].sort((a, b) => a.number - b.number),
    save(t) {
      trials.set(t.number, t);
      write(trialKey(t.number), encodeTrial(t, vectors.get(t.number)));
    },
    meta: () => meta,
    setMeta(m) { meta = m; write('meta', { ...m }); },
    values: (n) => vectors.get(n),
    setValues(n, v) {
      vectors.set(n, [...v]);
      const t = trials.get(n);
      if (t) write(trialKey(n), encodeTrial(t, v));
    },
    async flush() {
      await queue;
      if (failure) throw failure;
    },
  };
}
