/**
 * Memory latency of this machine as the bottom-up bank meets it: random reads of an Int32Array of growing size,
 * each read's index given by the one before (dependent, like a hash-table probe followed by the record it points
 * to) or by a counter (independent, so the CPU overlaps them). docs/bottomup-throughput.md reads these figures.
 *   node --import tsx bench/memory-latency.ts
 */
import { rng } from '../src/util/rng.ts';

const r = rng(1);
const N = 2_000_000;
console.log('size    dependent ns/read  independent ns/read');
for (const mb of [1, 4, 16, 64, 256]) {
  const n = (mb * 1024 * 1024) / 4;
  // a random cyclic permutation: a[i] is the next index to read
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) { const j = Math.floor(r.next() * (i + 1)); const t = order[i]!; order[i] = order[j]!; order[j] = t; }
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[order[i]!] = order[(i + 1) % n]!;
  let p = 0;
  let t0 = performance.now();
  for (let k = 0; k < N; k++) p = a[p]!;
  const dependent = ((performance.now() - t0) * 1e6) / N;
  let s = 0;
  t0 = performance.now();
  for (let k = 0; k < N; k++) s += a[(Math.imul(k, 0x9e3779b1) >>> 0) % n]!;
  const independent = ((performance.now() - t0) * 1e6) / N;
  console.log(`${String(mb).padStart(4)} MB ${dependent.toFixed(1).padStart(12)} ${independent.toFixed(1).padStart(20)}${p + s === 0.5 ? ' ' : ''}`);
}
