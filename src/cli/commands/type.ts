/** `arbor type PROGRAM`: prints a program's principal type. */
import { defineCommand } from '../flags.ts';
import { LIBRARY_FLAG, PROGRAM_ARG, RECORDS_FLAG, primitivesFor, readProgram, typeOf, withRecords } from '../program.ts';
import { printType } from '../../lang/type.ts';

export const command = defineCommand({
  name: 'type',
  summary: "print a program's type",
  args: [PROGRAM_ARG],
  flags: { library: LIBRARY_FLAG, records: RECORDS_FLAG },
  about: `Prints the principal type of PROGRAM (program text, or @FILE); --library adds a library's abstractions. E.g.
  arbor type '(lambda (map (lambda (+ $0 1)) $0))'   prints list(int) -> list(int)`,
}, async ({ positional, flags }) => {
  const { expr } = readProgram(positional[0]);
  console.log(printType(typeOf(expr, withRecords(await primitivesFor(flags.library), flags.records))));
  return 0;
});
