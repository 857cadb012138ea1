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
