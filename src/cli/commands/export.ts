/** `arbor export PROGRAM [--name N] [--out FILE]`: prints a program as a standalone JavaScript ES module. */
import { UsageError } from '../command.ts';
import { defineCommand } from '../flags.ts';
import { writeText } from '../files.ts';
import { LIBRARY_FLAG, PROGRAM_ARG, RECORDS_FLAG, primitivesFor, readProgram, typeOf, withRecords } from '../program.ts';
import { exportModule } from '../../api/export.ts';

export const command = defineCommand({
  name: 'export',
  summary: 'print a program as a standalone JavaScript module',
  args: [PROGRAM_ARG],
  flags: {
    name: { type: 'string', meta: 'N', help: 'name of the exported function (default program)', pattern: /^[A-Za-z_$][\w$]*$/, expect: 'a JavaScript identifier' },
    out: { type: 'string', meta: 'FILE', help: 'write the module to FILE instead of standard output' },
    library: { ...LIBRARY_FLAG, help: "also use this library's abstractions (exported as functions built from their bodies)" },
    records: RECORDS_FLAG,
  },
  about: `Prints PROGRAM (program text, or @FILE) as an ES module with no imports; its default export is the program as
a function whose curried arguments are ordinary parameters.`,
  footer: `example: arbor export '(lambda (map (lambda (+ $0 1)) $0))' --out inc.mjs
         node -e "import('./inc.mjs').then((m) => console.log(m.default([1, 2])))"   prints [ 2, 3 ]`,
}, async ({ positional, flags }) => {
  const { expr } = readProgram(positional[0]);
  const prims = withRecords(await primitivesFor(flags.library), flags.records);
  typeOf(expr, prims); // export only well-typed programs
  let src: string;
  try {
    src = exportModule(expr, prims, flags.name ? { name: flags.name } : {});
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (flags.out) writeText(flags.out, src, '--out');
  else process.stdout.write(src);
  return 0;
});
