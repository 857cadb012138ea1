/**
 * Dispatches a task file's text to its loader by extension and content: `.sl` SyGuS-IF, `.json` Arbor JSON,
 * DreamCoder list/text or ARC; PSB1 problems come as folders (see psb1.ts). Pure: the shell reads the files.
 */
import { isArcTask, parseArcTask, type ArcTask } from './arc.ts';
import { isArborJson, parseArborJson } from './arbor-json.ts';
import { dreamcoderKind, parseDreamcoder } from './dreamcoder.ts';
import { TaskFileError } from './sexp.ts';
import { parseSygus } from './sygus.ts';
import type { Task } from './task.ts';

/** What a file holds: ordinary tasks, or an ARC task (solved by its own searcher). */
export type LoadedTask =
  | { readonly kind: 'task'; readonly task: Task }
  | { readonly kind: 'arc'; readonly task: ArcTask; readonly file: string };

/**
 * Parses one task file's text; errors are TaskFileError naming the file and line or field. With `onBad`, a bad task
 * in a file of several is reported there and the file's other tasks are still read.
 */
export function parseTaskFile(file: string, text: string, onBad?: (e: TaskFileError) => void): LoadedTask[] {
  if (/\.sl$/i.test(file)) return [{ kind: 'task', task: parseSygus(text, file) }];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : null;
    throw new TaskFileError(file, line, `invalid JSON (${(e as Error).message})`);
  }
  if (isArcTask(json)) return [{ kind: 'arc', task: parseArcTask(json, file), file }];
  if (dreamcoderKind(json)) return parseDreamcoder(json, file, onBad).map((task) => ({ kind: 'task', task }));
  if (isArborJson(json)) return parseArborJson(json, file, onBad).map((task) => ({ kind: 'task', task }));
  throw new TaskFileError(file, null, 'not a task file (expected Arbor JSON with "train", DreamCoder "examples", ARC, or SyGuS .sl)');
}
