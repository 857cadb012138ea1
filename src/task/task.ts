/** Task: what the user wants a program for — a type and input→output examples. */
import type { Value } from '../lang/primitive.ts';
import type { Type } from '../lang/type.ts';

/** One input→output pair; `inputs` are the program's curried arguments in order. */
export interface Example {
  readonly inputs: readonly Value[];
  readonly output: Value;
}

/** How outputs are compared: exact equality (default), absolute tolerance, or a loss with a threshold. */
export type Loss =
  | { readonly kind: 'exact' }
  | { readonly kind: 'tolerance'; readonly epsilon: number }
  | { readonly kind: 'mse'; readonly threshold: number };

export interface Task {
  readonly name: string;
  /** The program's type: inputs -> output. */
  readonly type: Type;
  readonly train: readonly Example[];
  readonly test: readonly Example[];
  readonly loss?: Loss;
  /** Constants the task offers the search (SyGuS grammar constants, DreamCoder stringConstants). */
  readonly constants?: readonly { readonly value: Value; readonly type: Type }[];
  /** Where it came from, for messages and reports. */
  readonly source?: { readonly file: string; readonly format: string };
  /** Format-specific extras (a SyGuS grammar, ARC metadata); engines that understand them read them. */
  readonly extra?: Readonly<Record<string, unknown>>;
}
