/**
 * Primitive: a named building block of programs. Every property the rest of the system needs (type, cost,
 * laziness, trainable parameters, how to export it) is declared here as data; nothing switches on a name.
 */
import type { Expr } from './expr.ts';
import { arity, type Type } from './type.ts';

/** A runtime value. Representation per type: see docs/architecture.md ("Values"). */
export type Value = unknown;

/** Trainable parameters of a primitive (neural modules, tunable constants). Filled in by src/neural. */
export interface PrimitiveParams {
  /** What kind of parameters, e.g. 'tfjs-layers' or 'reals'. */
  readonly kind: string;
  /** The owner of the parameters; opaque to lang. */
  readonly handle: unknown;
}

export interface Primitive {
  /** The name programs use; unique within a PrimitiveSet. */
  readonly name: string;
  /** Type, with type variables implicitly universally quantified. */
  readonly type: Type;
  /**
   * Implementation. Receives exactly `arity(type)` arguments (curried function arguments arrive as curried JS
   * functions; lazy arguments as zero-argument thunks). A zero-arity primitive's impl returns its constant.
   * May use anything in scope of its `module` (see below), so it can be exported as source.
   */
  readonly impl: (...args: any[]) => Value;
  /** The family module that defines it ('core', 'list', 'string', …). */
  readonly family: string;
  /** Description length in the uniform grammar (default 1). */
  readonly cost?: number;
  /** Indices of arguments passed unevaluated as thunks (`if`'s branches). */
  readonly lazy?: readonly number[];
  /**
   * A JavaScript expression the compiler may use for a saturated application instead of calling the impl: `$0`,
   * `$1`, … stand for the arguments' code, each used once and in order (lazy ones unevaluated: the template decides
   * whether they run), e.g. `$0 ? $1 : $2` for `if`. It must do what the impl does, apart from the call.
   */
  readonly inline?: string;
  /** Algebraic facts that let search skip candidates provably equivalent to others (bottom-up enumeration). */
  readonly algebra?: Algebra;
  /** False for primitives with effects (long-term memory): search must not dedupe them by output. */
  readonly pure?: boolean;
  /** One line for `--help`-style listings and exported code. */
  readonly doc?: string;
  /** Set for abstractions learned into the library: the primitive is defined by this closed expression. */
  readonly body?: Expr;
  /** Trainable parameters (geometric primitives). */
  readonly params?: PrimitiveParams;
  /**
   * URL of the ES module that defines the impl (its `import.meta.url`). Export bundles the impl from there, so it
   * may use that module's helpers; without it, the impl's source must be self-contained.
   */
  readonly module?: string;
}

/**
 * Algebraic facts a primitive declares about itself. Each must hold for every argument value (a value search
 * compares with ===, or deep equality for structured values); a failing strict argument fails the application.
 */
export interface Algebra {
  /** f(x, y, …) = f(y, x, …): the first two arguments (of one type) commute. */
  readonly commutative?: boolean;
  /** f(x, y) = x + y on strings when it does not fail (search may hash its result from the arguments'). */
  readonly concatenation?: boolean;
  /** Never fails (throws, runs out of fuel) when no argument fails. */
  readonly total?: boolean;
  /** The application fails whenever argument `arg` is `value` (a zero divisor), whatever the others are. */
  readonly failsAt?: { readonly arg: number; readonly value: Value };
  /** f(f(x, y), z) = f(x, f(y, z)) (binary; both arguments and the result of one type). */
  readonly associative?: boolean;
  /**
   * What the result is once the first `k` arguments are known (0 < k < arity; `args` holds them, none failing),
   * whatever the remaining ones are (any values of strict arguments; any thunks of lazy ones, failing ones
   * included): an argument index j when the result is argument j, 'fixed' when it is one value the remaining
   * arguments do not change, null when they may change it. It runs under the fuel of one application and must
   * hold for an application with that fuel: it may tick as the impl does (running out decides nothing).
   */
  readonly decided?: (k: number, args: readonly Value[]) => number | 'fixed' | null;
  /**
   * Once the first `k` arguments are known (`args`, none failing): true when the application cannot fail whatever
   * the remaining arguments are (none failing). Like `decided` it runs under the fuel of one application and ticks
   * as the impl does; running out decides nothing. (For a rule whose fuel depends on its first argument only.)
   */
  readonly totalAfter?: (k: number, args: readonly Value[]) => boolean;
}

/** A lookup table of primitives by name. */
export type PrimitiveSet = ReadonlyMap<string, Primitive>;

/** Number of arguments the impl takes. */
export const primArity = (p: Primitive): number => arity(p.type);

/** Builds a PrimitiveSet, rejecting duplicate names (later families must not silently shadow earlier ones). */
export function primitiveSet(...families: (readonly Primitive[])[]): PrimitiveSet {
  const m = new Map<string, Primitive>();
  for (const fam of families)
    for (const p of fam) {
      if (m.has(p.name)) throw new Error(`duplicate primitive '${p.name}' (families ${m.get(p.name)!.family}, ${p.family})`);
      m.set(p.name, p);
    }
  return m;
}

/** A set extended with more primitives; entries in `more` replace same-named ones (a library overriding). */
export function extendSet(base: PrimitiveSet, more: readonly Primitive[]): PrimitiveSet {
  const m = new Map(base);
  for (const p of more) m.set(p.name, p);
  return m;
}
