/** Reading and writing the files a command line names, with one-line usage errors that name the file. */
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from './command.ts';

const why = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** Reads a text file ('-' is standard input); `what` prefixes the file in the error ('program file'). */
export function readText(file: string, what = ''): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what ? `${what} ` : ''}${file}: ${why(e)}`);
  }
}

/** Writes a file; `flag` ('--out') prefixes the error when the path came from a flag. */
export function writeText(file: string, data: string | Uint8Array, flag = ''): void {
  try {
    writeFileSync(file, data);
  } catch (e) {
    throw new UsageError(`${flag ? `${flag}: ` : ''}cannot write ${file}: ${why(e)}`);
  }
}
