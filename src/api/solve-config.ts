/**
 * Reading and writing the configuration file self-tuning produces, for `arbor solve --config FILE` (and any
 * caller of `solveWithConfig`). Errors name the file and the field.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseSolveConfig, SolveConfigError, type SolveConfig } from '../automl/solve-config.ts';

/** Reads and validates a solve configuration (JSON); throws SolveConfigError with a one-line message. */
export function loadSolveConfig(path: string): SolveConfig {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch { throw new SolveConfigError(`${path}: no such file`); }
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (e) { throw new SolveConfigError(`${path}: not JSON: ${(e as Error).message}`); }
  return parseSolveConfig(raw, path);
}

/** Writes a configuration as readable JSON. */
export function saveSolveConfig(path: string, config: SolveConfig): void {
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
}
