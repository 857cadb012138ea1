/**
 * loadLearned: what a learning run left in a store, ready for search on new tasks — the library's primitives
 * (abstractions and neural modules), its grammar, and the recognition model rebuilt from the checkpoint.
 * For callers of the search API; `arbor solve --library L` itself reads the library's abstractions and weights.
 */
import type { PrimitiveSet } from '../lang/primitive.ts';
import { extendSet } from '../lang/primitive.ts';
import { basePrimitives } from '../lang/primitives/index.ts';
import { weights, type Library } from '../library/library.ts';
import type { Store } from '../library/store.ts';
import type { Grammar, Prior } from '../search/grammar.ts';
import { loadCheckpoint } from './checkpoint.ts';
import { rebuildModel } from './loop.ts';
import { learnedFrom, type Learned } from './setup.ts';

export interface LoadedLearning {
  /** Every base primitive plus the library's abstractions and neural modules. */
  readonly prims: PrimitiveSet;
  /** The library's grammar (refit weights; variables at 0, as the uniform grammar has them). */
  readonly grammar: Grammar;
  /** The recognition model (a RecognitionModel: dispose() it when done), or null when none was trained. */
  readonly prior: (Prior & { dispose(): void }) | null;
  /** For `setupFor(task, learned)`: per-task primitives and the mixed grammar. */
  readonly learned: Learned;
  readonly library: Library;
}

/** Reads the library and checkpoint from a store and rebuilds the recognition model (seconds: it retrains). */
export async function loadLearned(store: Store, o: { recognition?: boolean; mix?: number } = {}): Promise<LoadedLearning> {
  const library = await store.load();
  const neural = [...library.entries.values()].some((e) => e.kind === 'neural')
    ? await (await import('../neural/library-modules.ts')).neuralPrimitivesOf(library) : [];
  const c = o.recognition === false ? null : await loadCheckpoint(store);
  const prior = c ? (await rebuildModel(c))?.model ?? null : null;
  const learned = learnedFrom(library, { neural, prior, mix: o.mix ?? 0.5 });
  return {
    prims: extendSet(basePrimitives, [...learned.abstractions, ...neural]),
    grammar: { weights: weights(library), variable: 0 }, prior, learned, library,
  };
}
