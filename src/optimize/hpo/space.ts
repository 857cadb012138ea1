import type { Rng } from '../../util/rng.ts';

/** A categorical choice or a parameter's value. */
export type ParamValue = number | string | boolean;
/** One trial's parameters by name; inactive conditional parameters are absent. */
export type Params = Record<string, ParamValue>;

/** Activates a parameter only when another (earlier) parameter takes one of the listed values. */
export interface Condition {
  readonly param: string;
  readonly in: readonly ParamValue[];
}

/** One dimension of a search space. */
export type Param =
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number; readonly when?: Condition }
  | { readonly kind: 'logUniform'; readonly low: number; readonly high: number; readonly when?: Condition }
  | { readonly kind: 'int'; readonly low: number; readonly high: number; readonly log?: boolean; readonly when?: Condition }
  | { readonly kind: 'categorical'; readonly choices: readonly ParamValue[]; readonly when?: Condition };

/** A search space: parameters by name, in declaration order (a condition may only refer to an earlier one). */
export type Space = Readonly<Record<string, Param>>;

/** Options shared by the parameter factories. */
export interface ParamOptions {
  /** Only active when `when.param` takes one of `when.in`. */
  readonly when?: Condition;
}

/** A real in [low, high], uniform. */
export const uniform = (low: number, high: number, o: ParamOptions = {}): Param => ({ kind: 'uniform', low, high, ...o });
/** A real in [low, high], uniform in log scale (low > 0). */
export const logUniform = (low: number, high: number, o: ParamOptions = {}): Param => ({ kind: 'logUniform', low, high, ...o });
/** An integer in [low, high], optionally uniform in log scale. */
export const int = (low: number, high: number, o: ParamOptions & { log?: boolean } = {}): Param => ({ kind: 'int', low, high, ...o });
/** One of a few values. */
export const categorical = (choices: readonly ParamValue[], o: ParamOptions = {}): Param => ({ kind: 'categorical', choices, ...o });

/** Checks a space once; every message names the parameter and field that is wrong. */
export function checkSpace(space: Space): void {
  const names = Object.keys(space);
  if (names.length === 0) throw new Error('space: no parameters');
  names.forEach((name, i) => {
    const p = space[name];
    const where = `space.${name}`;
    switch (p.kind) {
      case 'uniform': case 'logUniform': case 'int':
        if (!(Number.isFinite(p.low) && Number.isFinite(p.high) && p.low <= p.high)) {
          throw new Error(`${where}: need finite low <= high, got [${p.low}, ${p.high}]`);
        }
        if ((p.kind === 'logUniform' || (p.kind === 'int' && p.log)) && !(p.low > 0)) throw new Error(`${where}: log scale needs low > 0`);
        if (p.kind === 'int' && !(Number.isInteger(p.low) && Number.isInteger(p.high))) throw new Error(`${where}: int bounds must be integers`);
        break;
      case 'categorical':
        if (p.choices.length === 0) throw new Error(`${where}.choices: empty`);
        break;
      default: throw new Error(`${where}.kind: unknown '${(p as { kind: string }).kind}'`);
    }
    if (p.when) {
      const j = names.indexOf(p.when.param);
      if (j < 0 || j >= i) throw new Error(`${where}.when.param: '${p.when.param}' is not an earlier parameter`);
    }
  });
}

/** Whether `name` is active given the parameters chosen so far. */
export function isActive(space: Space, name: string, params: Params): boolean {
  const w = space[name].when;
  return !w || (w.param in params && w.in.includes(params[w.param]));
}

/** Numeric parameters live in [0, 1] for the samplers: linear or log scale (ints at bin centres). */
export function toUnit(p: Param, v: ParamValue): number {
  switch (p.kind) {
    case 'uniform': return p.high === p.low ? 0.5 : ((v as number) - p.low) / (p.high - p.low);
    case 'logUniform': return p.high === p.low ? 0.5 : Math.log((v as number) / p.low) / Math.log(p.high / p.low);
    case 'int': {
      // the integer k owns the bin [k - 0.5, k + 0.5] of the (log-)extended range
      const [lo, hi] = intRange(p);
      const x = p.log ? Math.log(v as number) : (v as number);
      return (x - lo) / (hi - lo);
    }
    case 'categorical': return p.choices.indexOf(v);
  }
}

/** The inverse of `toUnit` for numeric parameters (u is clamped to [0, 1]). */
export function fromUnit(p: Param, u: number): ParamValue {
  const c = Math.min(1, Math.max(0, u));
  switch (p.kind) {
    case 'uniform': return Math.min(p.high, p.low + c * (p.high - p.low));
    case 'logUniform': return Math.min(p.high, Math.max(p.low, p.low * Math.exp(c * Math.log(p.high / p.low))));
    case 'int': {
      const [lo, hi] = intRange(p);
      const x = lo + c * (hi - lo);
      return Math.min(p.high, Math.max(p.low, Math.round(p.log ? Math.exp(x) : x)));
    }
    case 'categorical': return p.choices[Math.min(p.choices.length - 1, Math.floor(c * p.choices.length))];
  }
}

function intRange(p: { low: number; high: number; log?: boolean }): [number, number] {
  return p.log ? [Math.log(p.low - 0.5), Math.log(p.high + 0.5)] : [p.low - 0.5, p.high + 0.5];
}

/** Samples one value of `p` uniformly (in log scale for log parameters). */
export function sampleParam(p: Param, r: Rng): ParamValue {
  return p.kind === 'categorical' ? p.choices[r.int(p.choices.length)] : fromUnit(p, r.next());
}

/** Samples a whole configuration uniformly, respecting conditions. */
export function sampleSpace(space: Space, r: Rng): Params {
  const out: Params = {};
  for (const name of Object.keys(space)) if (isActive(space, name, out)) out[name] = sampleParam(space[name], r);
  return out;
}
