/** The shape of one CLI sub-command; `main.ts` dispatches to these. */
export interface Command {
  /** Sub-command name, e.g. 'solve'. */
  readonly name: string;
  /** One line for `arbor --help`. */
  readonly summary: string;
  /** Full usage text for `arbor NAME --help`. */
  readonly usage: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: readonly string[]): Promise<number>;
}

/** Thrown for bad user input; main prints its message as one line and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Runs `fn` (sync or async); an error of class `kind` (the one-line errors of task files, specs, corpora…) becomes a
 * UsageError with its message after `prefix`; anything else passes through as an internal error.
 */
export function asUsage<T>(kind: abstract new (...args: never[]) => Error, fn: () => T, prefix = ''): T {
  const convert = (e: unknown): never => {
    if (e instanceof kind) throw new UsageError(`${prefix}${e.message}`);
    throw e;
  };
  try {
    const r = fn();
    return (r instanceof Promise ? r.catch(convert) : r) as T;
  } catch (e) {
    return convert(e);
  }
}
