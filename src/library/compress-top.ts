/**
 * The abstraction search's incumbents (./compress-search.ts): the K best abstractions found so far, and the least
 * utility a new one needs to be kept, which is what branch and bound prunes against.
 */
import type { Tokens } from './compress-match.ts';

/** What TopK reads of a found abstraction (compress-search.ts `SearchFound`). */
interface Found { readonly tokens: Tokens; readonly utility: number }

/** The K best found so far (distinct patterns, best first). */
export interface TopK<F extends Found> {
  readonly top: F[];
  best: F | null;
  /** The least utility worth keeping: the best's, or with K > 1 the K-th best's (`floor` until there are K). */
  least: number;
  /** Keeps `f` if it is among the K best (callers offer only abstractions of utility above `least`). */
  add(f: F): void;
}

/** An empty TopK keeping the `k` best abstractions of utility above `floor`. */
export function createTopK<F extends Found>(k: number, floor: number): TopK<F> {
  const seen = new Set<string>();
  const s: TopK<F> = {
    top: [], best: null, least: floor,
    add(f) {
      const top = s.top;
      if (k === 1) { top[0] = s.best = f; s.least = f.utility; return; }
      const key = `${f.tokens.kind.join()}/${f.tokens.val.join()}`; // primed candidates may come up in the search again
      if (seen.has(key)) return;
      seen.add(key);
      top.push(f);
      top.sort((x, y) => y.utility - x.utility);
      if (top.length > k) top.length = k;
      s.best = top[0]!;
      if (top.length === k) s.least = top[k - 1]!.utility;
    },
  };
  return s;
}
