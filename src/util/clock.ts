/** A source of time passed into the pure core, so loops can respect deadlines without calling Date.now(). */
export interface Clock {
  /** Milliseconds since some fixed origin. */
  now(): number;
}

/** A fake clock for tests: time advances only when told. */
export function manualClock(start = 0): Clock & { advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

/** The real clock; only the shell (api, cli, store) constructs it and passes it in. */
export const systemClock: Clock = { now: () => performance.now() };
