/**
 * Lookup tables learned from samples: each sample has a few feature values and the set of outputs that would
 * explain it; a table over a feature subset maps each key to one output allowed by every sample with that key.
 */

/** One thing to explain (an object, a block, a region): its feature values and the outputs that fit it. */
export type Sample = { readonly feats: readonly string[]; readonly ok: ReadonlySet<string> };

/**
 * Tables over one or two features, consistent with all samples and covering the test keys, simplest first.
 * Per key the output is 'k' (keep) when allowed, else `copy` (a colour-copying token) when given and allowed,
 * else the smallest allowed value. A table whose keys miss some test key gets the default `* => k` when most of
 * its entries keep.
 */
export function learnTables(names: readonly string[], samples: readonly Sample[], testKeys: readonly (readonly string[])[], copy: string | null): [number[], Map<string, string>][] {
  const subsets: number[][] = [];
  for (let a = 0; a < names.length; a++) { subsets.push([a]); for (let b = a + 1; b < names.length; b++) subsets.push([a, b]); }
  const out: [number[], Map<string, string>][] = [];
  for (const fs of subsets) {
    const allowed = new Map<string, Set<string>>();
    let ok = true;
    for (const s of samples) {
      const key = fs.map((i) => s.feats[i]).join('/');
      const cur = allowed.get(key);
      if (!cur) { allowed.set(key, new Set(s.ok)); continue; }
      for (const x of cur) if (!s.ok.has(x)) cur.delete(x);
      if (cur.size === 0) { ok = false; break; }
    }
    if (!ok) continue;
    const pick = (s: Set<string>) => (s.has('k') ? 'k' : copy !== null && s.has(copy) ? copy : [...s].sort()[0]!);
    const table = new Map([...allowed].map(([k, s]) => [k, pick(s)]));
    // keys the train pairs never showed keep their cells ('*' => 'k'), when most known keys do
    if (!testKeys.every((row) => allowed.has(fs.map((i) => row[i]).join('/')))) {
      if ([...table.values()].filter((x) => x === 'k').length * 2 < table.size) continue;
      table.set('*', 'k');
    }
    out.push([fs, table]);
  }
  out.sort((a, b) => a[0].length - b[0].length || a[1].size - b[1].size);
  return out;
}

