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

function walk(path: string, out: LoadedTask[]): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    if (psb1Edge(path)) { out.push(readPsb1(path)); return; }
    for (const name of readdirSync(path).sort()) {
      const p = join(path, name);
      if (statSync(p).isDirectory() || /\.(sl|json)$/i.test(name)) walk(p, out);
    }
    return;
  }
  if (/-(edge|random)\.json$/.test(path) && psb1Edge(dirname(path))) { out.push(readPsb1(dirname(path))); return; }
  out.push(...parseTaskFile(path, readFileSync(path, 'utf8')));
}

/** Reads every task under the given paths, in order. Throws TaskReadError with a one-line message on bad input. */
export function readTasks(paths: readonly string[]): LoadedTask[] {
  const out: LoadedTask[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new TaskReadError(`${p}: no such file or folder`);
    try {
      walk(p, out);
    } catch (e) {
      if (e instanceof TaskFileError || e instanceof ArcTaskError) throw new TaskReadError(e.message);
      if ((e as NodeJS.ErrnoException).code) throw new TaskReadError(`${p}: ${(e as Error).message}`);
      throw e;
    }
  }
  return out;
}
