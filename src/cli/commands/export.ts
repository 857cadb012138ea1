/** `arbor export PROGRAM [--name N] [--out FILE]`: prints a program as a standalone JavaScript ES module. */
import { writeFileSync } from 'node:fs';
import { UsageError, type Command } from '../command.ts';
import { exportModule } from '../../lang/export.ts';
import { parseCliArgs, primitivesFor, readProgram, typeOf } from './run.ts';

export const command: Command = {
  name: 'export',
  summary: 'print a program as a standalone JavaScript module',
  usage: `usage: arbor export PROGRAM [--name N] [--out FILE] [--library PATH|URL]

Prints PROGRAM (program text, or @FILE) as an ES module with no imports; its default export is the program as
a function whose curried arguments are ordinary parameters.

  --name N     name of the exported function (default program)
  --out FILE   write the module to FILE instead of standard output
  --library PATH|URL   also use this library's abstractions (exported as functions built from their bodies)

example: arbor export '(lambda (map (lambda (+ $0 1)) $0))' --out inc.mjs
         node -e "import('./inc.mjs').then((m) => console.log(m.default([1, 2])))"   prints [ 2, 3 ]`,
  async run(argv) {
    const { positional, options } = parseCliArgs(argv, ['name', 'out', 'library'], 'export');
    if (positional.length > 1) throw new UsageError(`unexpected argument '${positional[1]}' (quote the program)`);
    const { expr } = readProgram(positional[0]);
    const prims = await primitivesFor(options.get('library'));
    typeOf(expr, prims); // export only well-typed programs
    const name = options.get('name');
    if (name !== undefined && !/^[A-Za-z_$][\w$]*$/.test(name)) throw new UsageError(`--name must be a JavaScript identifier, got '${name}'`);
    let src: string;
    try {
      src = exportModule(expr, prims, name ? { name } : {});
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const out = options.get('out');
    if (out) {
      try { writeFileSync(out, src); } catch (e) {
        throw new UsageError(`--out: cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    } else process.stdout.write(src);
    return 0;
  },
};
