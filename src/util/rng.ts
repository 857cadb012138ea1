/** A seeded pseudo-random generator (xoshiro128**); the only source of randomness in the pure core. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal sample. */
  normal(): number;
  /** Picks one element uniformly. */
  pick<T>(xs: readonly T[]): T;
  /** An independent generator derived from this one. */
  fork(): Rng;
  /** Current state, to checkpoint and resume a run. */
  state(): readonly number[];
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a generator from a seed (any integer) or a saved state. */
export function rng(seed: number | readonly number[] = 1): Rng {
  let a: number, b: number, c: number, d: number;
  if (typeof seed === 'number') {
    const sm = splitmix32(seed);
    a = sm(); b = sm(); c = sm(); d = sm();
  } else {
    [a, b, c, d] = seed as [number, number, number, number];
  }
  let spare: number | null = null;
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11);
    return result;
  };
  const self: Rng = {
    next: () => nextU32() / 4294967296,
    int: (n) => Math.floor((nextU32() / 4294967296) * n),
    normal: () => {
      if (spare !== null) { const s = spare; spare = null; return s; }
      let u = 0, v = 0, s = 0;
      do { u = self.next() * 2 - 1; v = self.next() * 2 - 1; s = u * u + v * v; } while (s >= 1 || s === 0);
      const m = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * m;
      return u * m;
    },
    pick: (xs) => xs[self.int(xs.length)] as (typeof xs)[number],
    fork: () => rng(nextU32() ^ Math.imul(nextU32(), 0x27d4eb2d)),
    state: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
  };
  return self;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
