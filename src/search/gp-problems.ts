/** Classic GP benchmark problems (Koza's quartic, even-n-parity) with their own small primitive sets, for tests and bench/gp. */
import type { Primitive, PrimitiveSet } from '../lang/primitive.ts';
import { primitiveSet } from '../lang/primitive.ts';
import { arrow, parseType, tbool, treal } from '../lang/type.ts';
import type { Task } from '../task/task.ts';

const def = (name: string, type: string, impl: (...a: any[]) => unknown): Primitive =>
  ({ name, type: parseType(type), impl, family: 'test', cost: 1 });

/** Koza's arithmetic set with protected division (x/0 = 1). */
export const kozaArith: PrimitiveSet = primitiveSet([
  def('+.', 'real -> real -> real', (x: number, y: number) => x + y),
  def('-.', 'real -> real -> real', (x: number, y: number) => x - y),
  def('*.', 'real -> real -> real', (x: number, y: number) => x * y),
  def('%', 'real -> real -> real', (x: number, y: number) => (y === 0 ? 1 : x / y)),
]);

/** Boolean set for parity: and, or, not, xor. */
export const boolOps: PrimitiveSet = primitiveSet([
  def('and', 'bool -> bool -> bool', (x: boolean, y: boolean) => x && y),
  def('or', 'bool -> bool -> bool', (x: boolean, y: boolean) => x || y),
  def('not', 'bool -> bool', (x: boolean) => !x),
  def('xor', 'bool -> bool -> bool', (x: boolean, y: boolean) => x !== y),
]);

/** x⁴ + x³ + x² + x on 20 evenly spaced points in [-1, 1], within 0.01 per point. */
export function quarticTask(): Task {
  const xs = Array.from({ length: 20 }, (_, i) => -1 + (2 * i) / 19);
  return {
    name: 'koza-quartic', type: arrow(treal, treal),
    train: xs.map((x) => ({ inputs: [x], output: x ** 4 + x ** 3 + x ** 2 + x })), test: [],
    loss: { kind: 'tolerance', epsilon: 0.01 },
  };
}

/** Even-n-parity: true when an even number of the n inputs are true (all 2^n cases). */
export function parityTask(n = 5): Task {
  const train = Array.from({ length: 1 << n }, (_, k) => {
    const inputs = Array.from({ length: n }, (_, i) => ((k >> i) & 1) === 1);
    return { inputs, output: inputs.filter(Boolean).length % 2 === 0 };
  });
  return { name: `even-${n}-parity`, type: arrow(...Array.from({ length: n }, () => tbool), tbool), train, test: [] };
}
