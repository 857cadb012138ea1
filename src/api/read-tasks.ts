/**
 * Reads task files and folders from disk: `.sl` and `.json` task files, folders of them (recursively, sorted), and
 * PSB1 problem folders (`<p>-edge.json` with an optional `<p>-random.json` and README.md).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ArcTaskError } from '../task/arc.ts';
import { parseTaskFile, type LoadedTask } from '../task/load.ts';
import { parsePsb1 } from '../task/psb1.ts';
import { TaskFileError } from '../task/sexp.ts';

/** A problem reading tasks (missing path, bad file): the message names the file and the line or field. */
export class TaskReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskReadError';
  }
}

/** The edge file of a PSB1 problem folder, or null. */
function psb1Edge(dir: string): string | null {
  const p = join(dir, `${basename(dir)}-edge.json`);
  return existsSync(p) ? p : null;
}

function readPsb1(dir: string): LoadedTask {
  const name = basename(dir);
  const edge = join(dir, `${name}-edge.json`), random = join(dir, `${name}-random.json`), readme = join(dir, 'README.md');
  const task = parsePsb1({
    name,
    edge: { file: edge, text: readFileSync(edge, 'utf8') },
    ...(existsSync(random) ? { random: { file: random, text: readFileSync(random, 'utf8') } } : {}),
    ...(existsSync(readme) ? { readme: readFileSync(readme, 'utf8') } : {}),
  });
  return { kind: 'task', task };
}

/** Reads one file or problem folder (`read`) and every task file under a folder, reporting each bad one to `bad`. */
function walk(path: string, out: LoadedTask[], bad: (e: TaskReadError) => void): void {
  const one = (read: () => LoadedTask[]): void => {
    try { out.push(...read()); } catch (e) { bad(asReadError(e, path)); }
  };
  const st = statSync(path);
  if (st.isDirectory()) {
    if (psb1Edge(path)) { one(() => [readPsb1(path)]); return; }
    for (const name of readdirSync(path).sort()) {
      const p = join(path, name);
      if (statSync(p).isDirectory() || /\.(sl|json)$/i.test(name)) walk(p, out, bad);
    }
    return;
  }
  if (/-(edge|random)\.json$/.test(path) && psb1Edge(dirname(path))) { one(() => [readPsb1(dirname(path))]); return; }
  // a bad task in a file of several is reported on its own: the file's other tasks are still read
  one(() => parseTaskFile(path, readFileSync(path, 'utf8'), (e) => bad(asReadError(e, path))));
}

/** A reading failure as a TaskReadError (a bug's error is thrown as it is). */
function asReadError(e: unknown, path: string): TaskReadError {
  if (e instanceof TaskReadError) return e;
  if (e instanceof TaskFileError || e instanceof ArcTaskError) return new TaskReadError(e.message);
  if ((e as NodeJS.ErrnoException).code) return new TaskReadError(`${path}: ${(e as Error).message}`);
  throw e;
}

/**
 * Reads every task under the given paths, in order. A bad file or a missing path throws TaskReadError with a one-line
 * message; with `skipBad`, it is handed to `skipBad` instead and the other files are still read.
 */
export function readTasks(paths: readonly string[], skipBad?: (e: TaskReadError) => void): LoadedTask[] {
  const out: LoadedTask[] = [];
  const bad = (e: TaskReadError): void => { if (skipBad) skipBad(e); else throw e; };
  for (const p of paths) {
    if (!existsSync(p)) { bad(new TaskReadError(`${p}: no such file or folder`)); continue; }
    // (a folder that cannot be listed; files are reported inside walk)
    try { walk(p, out, bad); } catch (e) { bad(asReadError(e, p)); }
  }
  return out;
}
