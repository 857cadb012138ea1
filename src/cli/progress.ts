/** A one-line progress bar on a stream (stderr), redrawn in place; silent when disabled. */
export interface Progress {
  update(done: number, solved: number, label?: string): void;
  finish(): void;
}

export function progressBar(stream: NodeJS.WriteStream | { write(s: string): unknown }, total: number, enabled: boolean, width = 24): Progress {
  if (!enabled) return { update: () => {}, finish: () => {} };
  let last = '';
  return {
    update(done, solved, label = '') {
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
      const line = `[${bar}] ${done}/${total} solved ${solved}${label ? `  ${label.slice(0, 40)}` : ''}`;
      stream.write(`\r${line.padEnd(last.length)}`);
      last = line;
    },
    finish() {
      if (last) stream.write(`\r${' '.repeat(last.length)}\r`);
      last = '';
    },
  };
}
