/** The `arbor` command: dispatches to one module per sub-command. */
import { UsageError, type Command } from './command.ts';

/** Sub-commands in help order; each lives in ./commands/<name>.ts. */
const COMMANDS = ['run', 'type', 'export', 'solve', 'compress', 'library', 'show', 'learn', 'tune'] as const;

async function load(name: string): Promise<Command | null> {
  try {
    return ((await import(`./commands/${name}.ts`)) as { command: Command }).command;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(`commands/${name}.ts`)) return null;
    throw e;
  }
}

async function help(): Promise<string> {
  const lines = ['arbor: grows programs from input/output examples', '', 'usage: arbor COMMAND [options]', '', 'commands:'];
  for (const name of COMMANDS) {
    const c = await load(name);
    if (c) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  }
  lines.push('', 'arbor COMMAND --help shows a command\'s options.');
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name ? 0 : 2;
  }
  if (name === '--version') { console.log('arbor 0.1.0'); return 0; }
  if (!(COMMANDS as readonly string[]).includes(name)) { console.error(`arbor: unknown command '${name}' (see arbor --help)`); return 2; }
  const cmd = await load(name);
  if (!cmd) { console.error(`arbor: command '${name}' is not implemented yet`); return 2; }
  if (rest.includes('--help') || rest.includes('-h')) { console.log(cmd.usage); return 0; }
  try {
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof UsageError) { console.error(`arbor ${name}: ${e.message}`); return 2; }
    console.error(`arbor ${name}: internal error: ${(e as Error).message ?? e}`);
    if (process.env.ARBOR_DEBUG) console.error((e as Error).stack);
    return 1;
  }
}

// a reader that stops early (`arbor solve … | head -1`) closes the pipe: stop quietly, as Unix tools do
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });

process.exitCode = await main(process.argv.slice(2));
