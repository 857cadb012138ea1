/**
 * Readers for compression corpora: DreamCoder compressor inputs (`{frontiers: [{name, programs: [{program}]}], …}`,
 * programs grouped by task, earlier inventions inlined as `#(lambda …)`) and flat JSON arrays of program strings
 * (one task per program). Pure: callers pass the file's text; errors name the file, program and line/column.
 */
import { z } from 'zod';
import type { Expr } from '../lang/expr.ts';
import { parse, ParseError } from '../lang/parse.ts';

/** One task: its alternative programs (the task costs the cheapest). */
export interface CorpusTask {
  readonly name: string;
  readonly programs: readonly Expr[];
}

/** A corpus read from a file, with the DreamCoder settings it carried, if any. */
export interface Corpus {
  readonly format: 'dreamcoder' | 'flat';
  readonly tasks: readonly CorpusTask[];
  /** DreamCoder's `arity`, `structurePenalty` and `info.num_learned`, when the file has them. */
  readonly arity?: number;
  readonly structurePenalty?: number;
  readonly numLearned?: number;
}

/** Bad corpus input; the message is one line naming the file and, where known, the program and position. */
export class CorpusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusError';
  }
}

const dreamcoderSchema = z.object({
  frontiers: z.array(z.object({
    name: z.string().optional(),
    programs: z.array(z.object({ program: z.string() })),
  })),
  arity: z.number().int().nonnegative().optional(),
  structurePenalty: z.number().optional(),
  info: z.object({ num_learned: z.number().int().nonnegative().optional() }).optional(),
});

/** Parses one program, naming where it came from on failure. */
export function parseProgram(src: string, file: string, where: string): Expr {
  let e: Expr;
  try {
    e = parse(src);
  } catch (err) {
    if (err instanceof ParseError) throw new CorpusError(`${file}: ${where}: ${err.reason} at line ${err.line}, column ${err.column}`);
    throw err;
  }
  if (hasHole(e)) throw new CorpusError(`${file}: ${where}: holes (?type) are not allowed in a corpus`);
  return e;
}

function hasHole(e: Expr): boolean {
  switch (e.kind) {
    case 'hole': return true;
    case 'app': return hasHole(e.fn) || hasHole(e.arg);
    case 'lam': case 'inv': return hasHole(e.body);
    default: return false;
  }
}

/** Reads a corpus from JSON text in either format. */
export function readCorpus(text: string, file: string): Corpus {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CorpusError(`${file}: malformed JSON: ${(err as Error).message}`);
  }
  if (Array.isArray(json)) {
    const tasks = json.map((p, i): CorpusTask => {
      if (typeof p !== 'string') throw new CorpusError(`${file}: program ${i}: expected a program string, got ${typeof p}`);
      return { name: `program ${i}`, programs: [parseProgram(p, file, `program ${i}`)] };
    });
    return { format: 'flat', tasks };
  }
  const r = dreamcoderSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.length ? issue.path.join('.') : '(top level)';
    throw new CorpusError(`${file}: ${path}: ${issue.message} (expected a JSON array of programs or a DreamCoder {frontiers: […]} object)`);
  }
  const d = r.data;
  const tasks = d.frontiers.map((f, i): CorpusTask => {
    const name = f.name ?? `task ${i}`;
    return {
      name,
      programs: f.programs.map((p, j) => parseProgram(p.program, file, `frontiers.${i}.programs.${j} (task '${name}')`)),
    };
  });
  return {
    format: 'dreamcoder', tasks,
    ...(d.arity !== undefined ? { arity: d.arity } : {}),
    ...(d.structurePenalty !== undefined ? { structurePenalty: d.structurePenalty } : {}),
    ...(d.info?.num_learned !== undefined ? { numLearned: d.info.num_learned } : {}),
  };
}
