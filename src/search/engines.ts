/**
 * Every engine by name, made synchronously (all their modules load with this one), for in-process runs that make
 * engines as tasks call for them (`arbor learn`'s wake, bench/learn). Worker threads use portfolio-setup's
 * `engineByName`, which loads only the module it needs.
 */
import type { SearchEngine } from './engine.ts';
import { bottomUp } from './bottomup.ts';
import { gp } from './gp.ts';
import { poly } from './poly.ts';
import { filterEngine, mapEngine } from './elementwise.ts';
import { ENGINE_NAMES, type EngineName } from './portfolio-setup.ts';
import { topDown } from './topdown.ts';

/** The makers; the type keeps them in step with ENGINE_NAMES. */
const makers: Record<EngineName, (options: Record<string, unknown>) => SearchEngine> = {
  topdown: (o) => topDown(o), bottomup: (o) => bottomUp(o), gp: (o) => gp(o), poly: (o) => poly(o), filter: (o) => filterEngine(o),
  map: (o) => mapEngine(o),
};

/** Whether `name` names an engine. */
export const isEngineName = (name: string): name is EngineName => Object.hasOwn(makers, name);

/** The engine `name` with its options; throws on an unknown name. */
export function makeEngine(name: string, options: Record<string, unknown> = {}): SearchEngine {
  if (!isEngineName(name)) throw new Error(`unknown engine '${name}' (expected ${ENGINE_NAMES.join(', ')})`);
  return makers[name](options);
}
