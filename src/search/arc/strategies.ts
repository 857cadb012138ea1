/** The default ARC strategy portfolio, in the order solveArc runs them (cheap and specific first). */
import type { Strategy } from './solution.ts';
import { composeStrategy } from './compose.ts';

export function defaultStrategies(): Strategy[] {
  return [composeStrategy()];
}
