/** `arbor type PROGRAM`: prints a program's principal type. */
import type { Command } from '../command.ts';
import { printType } from '../../lang/type.ts';
import { parseCliArgs, primitivesFor, readProgram, typeOf } from './run.ts';
import { UsageError } from '../command.ts';

export const command: Command = {
  name: 'type',
  summary: "print a program's type",
  usage: `usage: arbor type PROGRAM [--library PATH|URL]

Prints the principal type of PROGRAM (program text, or @FILE); --library adds a library's abstractions. E.g.
  arbor type '(lambda (map (lambda (+ $0 1)) $0))'   prints list(int) -> list(int)`,
  async run(argv) {
    const { positional, options } = parseCliArgs(argv, ['library'], 'type');
    if (positional.length > 1) throw new UsageError(`unexpected argument '${positional[1]}' (quote the program)`);
    const { expr } = readProgram(positional[0]);
    console.log(printType(typeOf(expr, await primitivesFor(options.get('library')))));
    return 0;
  },
};
