/** The default ARC strategy portfolio, in the order solveArc runs them (cheap and specific first). */
import type { Strategy } from './solution.ts';
import { composeStrategy } from './compose.ts';
import { cellwiseStrategy } from './cellwise.ts';
import { objectStrategy } from './objects.ts';
import { tilingStrategy } from './tiling.ts';
import { summaryStrategy } from './summary.ts';
import { selectStrategy } from './select.ts';
import { blocksStrategy } from './blocks.ts';
import { regionsStrategy } from './regions.ts';
import { stampStrategy } from './stamp.ts';

export function defaultStrategies(): Strategy[] {
  return [summaryStrategy(), tilingStrategy(), objectStrategy(), selectStrategy(), blocksStrategy(), regionsStrategy(), stampStrategy(), cellwiseStrategy(), composeStrategy()];
}
