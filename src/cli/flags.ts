/**
 * The CLI's one flag layer: a command declares its arguments and flags as data; `parseCommandLine` turns argv into
 * typed values or a one-line `UsageError` naming the flag, and `usageText` writes the `--help` page from the same
 * declarations.
 */
import { UsageError, type Command } from './command.ts';

/** One `--flag`: its kind, the value's placeholder in help (`N`, `FILE`), its help line and its default. */
export type FlagSpec =
  | { readonly type: 'boolean'; readonly help: string; readonly alias?: string }
  | { readonly type: 'string'; readonly meta: string; readonly help: string; readonly default?: string;
      /** A value must match this; `expect` says what it should be ('an identifier'). */
      readonly pattern?: RegExp; readonly expect?: string }
  | { readonly type: 'choice'; readonly meta: string; readonly help: string; readonly values: readonly string[]; readonly default?: string }
  | { readonly type: 'int'; readonly meta: string; readonly help: string; readonly default?: number;
      readonly min: number; readonly max?: number }
  | { readonly type: 'number'; readonly meta: string; readonly help: string; readonly default?: number;
      /** `positive`: > 0; otherwise ≥ min. `unit` names what the number counts ('seconds'). */
      readonly positive?: boolean; readonly min?: number; readonly unit?: string };

/** A positional argument; `many` takes the rest, `optional` may be absent. */
export interface ArgSpec {
  readonly name: string;
  /** What it is, for the "missing NAME (…)" message. */
  readonly about: string;
  readonly many?: boolean;
  readonly optional?: boolean;
  /** Added to the "unexpected argument" message when more arguments follow this last one. */
  readonly extra?: string;
}

/** Everything a command says about its command line; `usageText` renders it as the `--help` page. */
export interface CommandSpec<F extends Readonly<Record<string, FlagSpec>>> {
  readonly name: string;
  readonly summary: string;
  readonly args: readonly ArgSpec[];
  readonly flags: F;
  /** The usage line's argument part, when the declared arguments are not the whole story (sub-commands). */
  readonly synopsis?: string;
  /** Further usage forms, written out in full ('arbor learn --report [--out DIR]'). */
  readonly also?: readonly string[];
  /** The paragraph under the usage lines. */
  readonly about: string;
  /** Text after the flags: examples, exit codes. */
  readonly footer?: string;
}

type Base<S> = S extends { type: 'boolean' } ? boolean : S extends { type: 'int' | 'number' } ? number : string;
/** The parsed value of a flag: booleans default to false; a flag without a default may be undefined. */
export type FlagValue<S> = S extends { type: 'boolean' } ? boolean : S extends { default: unknown } ? Base<S> : Base<S> | undefined;

/** A parsed command line: positionals in order and every declared flag by name. */
export interface CommandLine<F extends Readonly<Record<string, FlagSpec>>> {
  readonly positional: readonly string[];
  readonly flags: { readonly [K in keyof F]: FlagValue<F[K]> };
}

const WIDTH = 118;

/**
 * Parses argv against a spec: `--flag VALUE`, `--flag=VALUE`, booleans alone; anything else is positional except
 * `-x` (no short options here; `-h` is main's). A later repeat of a flag wins.
 */
export function parseCommandLine<F extends Readonly<Record<string, FlagSpec>>>(spec: CommandSpec<F>, argv: readonly string[]): CommandLine<F> {
  const hint = `(see arbor ${spec.name} --help)`;
  const byName = new Map<string, [string, FlagSpec]>();
  for (const [name, f] of Object.entries(spec.flags)) {
    byName.set(name, [name, f]);
    if (f.type === 'boolean' && f.alias) byName.set(f.alias, [name, f]);
  }
  const values: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(spec.flags)) values[name] = f.type === 'boolean' ? false : f.default;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (/^-[A-Za-z]/.test(a)) throw new UsageError(`unknown option '${a}' ${hint}`); // '-3' and '-' stay positional
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const given = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    const found = byName.get(given);
    if (!found) throw new UsageError(`unknown option '--${given}' ${hint}`);
    const [name, f] = found;
    if (f.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${given} takes no value ${hint}`);
      values[name] = true;
      continue;
    }
    const next = argv[i + 1];
    const raw = eq >= 0 ? a.slice(eq + 1) : next !== undefined && !next.startsWith('--') ? argv[++i] : undefined;
    if (raw === undefined || raw === '') throw new UsageError(`--${name} needs a value: ${f.meta} ${hint}`);
    values[name] = flagValue(name, f, raw, hint);
  }
  checkArgs(spec, positional, hint);
  return { positional, flags: values as CommandLine<F>['flags'] };
}

/** Converts and checks one flag value; the error names the flag, what it wants and what it got. */
function flagValue(name: string, f: Exclude<FlagSpec, { type: 'boolean' }>, raw: string, hint: string): string | number {
  const bad = (want: string) => new UsageError(`--${name} must be ${want}, got '${raw}' ${hint}`);
  switch (f.type) {
    case 'string':
      if (f.pattern && !f.pattern.test(raw)) throw bad(f.expect ?? `a match for ${f.pattern}`);
      return raw;
    case 'choice':
      if (!f.values.includes(raw)) throw bad(`one of ${f.values.slice(0, -1).join(', ')} or ${f.values.at(-1)}`);
      return raw;
    case 'int': {
      const n = Number(raw);
      const range = f.max !== undefined ? `an integer from ${f.min} to ${f.max}` : `an integer ≥ ${f.min}`;
      // not a number at all: say what kind of value it wants; a number out of range: say the bound
      if (raw.trim() === '' || !Number.isSafeInteger(n)) throw bad(f.max === undefined && f.min === 1 ? 'a positive integer' : range);
      if (n < f.min || (f.max !== undefined && n > f.max)) throw bad(range);
      return n;
    }
    case 'number': {
      const n = Number(raw);
      const unit = f.unit ? ` of ${f.unit}` : '';
      if (raw.trim() === '' || !Number.isFinite(n) || (f.positive ? n <= 0 : n < (f.min ?? -Infinity))) {
        throw bad(f.positive ? `a positive number${unit}` : f.min !== undefined ? `a number${unit} ≥ ${f.min}` : `a number${unit}`);
      }
      return n;
    }
  }
}

function checkArgs(spec: CommandSpec<Readonly<Record<string, FlagSpec>>>, positional: readonly string[], hint: string): void {
  spec.args.forEach((arg, i) => {
    if (positional[i] === undefined && !arg.optional) throw new UsageError(`missing ${arg.name} (${arg.about})`);
  });
  const last = spec.args.at(-1);
  if (last?.many || positional.length <= spec.args.length) return;
  throw new UsageError(`unexpected argument '${positional[spec.args.length]}' ${last?.extra ?? hint}`);
}

/** The `--help` page: usage lines, the about paragraph, one aligned (and wrapped) line per flag, the footer. */
export function usageText(spec: CommandSpec<Readonly<Record<string, FlagSpec>>>): string {
  const head = `usage: arbor ${spec.name} `;
  const words = [
    spec.synopsis ?? spec.args.map((a) => (a.optional ? `[${a.name}${a.many ? '…' : ''}]` : `${a.name}${a.many ? '…' : ''}`)).join(' '),
    ...Object.entries(spec.flags).map(([name, f]) => `[--${name}${f.type === 'boolean' ? '' : ` ${f.meta}`}]`),
  ].filter((w) => w !== '');
  const lines = [...wrap(words, head, ' '.repeat(head.length)), ...(spec.also ?? []).map((u) => `       ${u}`), '', spec.about, ''];
  const rows = Object.entries(spec.flags).map(([name, f]) => [`--${name}${f.type === 'boolean' ? '' : ` ${f.meta}`}`, helpWords(f)] as const);
  const col = 2 + Math.min(22, Math.max(...rows.map(([left]) => left.length))) + 2;
  for (const [left, help] of rows) lines.push(...wrap(help, `${`  ${left}`.padEnd(col - 2)}  `, ' '.repeat(col)));
  if (spec.footer) lines.push('', spec.footer);
  return lines.join('\n');
}

/** A flag's help as words to wrap; the values and default it declares stay together as the last word. */
function helpWords(f: FlagSpec): string[] {
  const words = f.help.split(' ');
  if (f.type === 'boolean') return words;
  if (f.type === 'choice') return [...words, `(${f.values.join(', ')}${f.default !== undefined ? `; default ${f.default}` : ''})`];
  return f.default !== undefined ? [...words, `(default ${f.default})`] : words;
}

/** Greedy word wrap to WIDTH columns: the first line starts with `first`, the others with `indent`. */
function wrap(words: readonly string[], first: string, indent: string): string[] {
  const out: string[] = [];
  let line = first;
  for (const w of words) {
    const fresh = line === first || line === indent;
    if (!fresh && line.length + 1 + w.length > WIDTH) { out.push(line); line = indent + w; }
    else line += (fresh ? '' : ' ') + w;
  }
  out.push(line);
  return out;
}

/** A `Command` from its spec and a run function that receives the parsed command line. */
export function defineCommand<F extends Readonly<Record<string, FlagSpec>>>(
  spec: CommandSpec<F>, run: (line: CommandLine<F>) => Promise<number>,
): Command {
  return { name: spec.name, summary: spec.summary, usage: usageText(spec), run: (argv) => run(parseCommandLine(spec, argv)) };
}
