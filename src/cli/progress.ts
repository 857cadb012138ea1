/** One-line progress bars on a stream (stderr), redrawn in place; silent when disabled. */
type Stream = NodeJS.WriteStream | { write(s: string): unknown };

/** A bar followed by `done/total` and free text. */
export interface StatusBar {
  update(done: number, text: string): void;
  finish(): void;
}

/** Tasks done and solved, with the current task's name. */
export interface Progress {
  update(done: number, solved: number, label?: string): void;
  finish(): void;
}

export function statusBar(stream: Stream, total: number, enabled: boolean, width = 24): StatusBar {
  if (!enabled) return { update: () => {}, finish: () => {} };
  let last = '';
  return {
    update(done, text) {
      const filled = total === 0 ? width : Math.min(width, Math.round((done / total) * width));
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${text}`;
      stream.write(`\r${line.padEnd(last.length)}`);
      last = line;
    },
    finish() {
      if (last) stream.write(`\r${' '.repeat(last.length)}\r`);
      last = '';
    },
  };
}

export function progressBar(stream: Stream, total: number, enabled: boolean, width = 24): Progress {
  const bar = statusBar(stream, total, enabled, width);
  return {
    update: (done, solved, label = '') => bar.update(done, `solved ${solved}${label ? `  ${label.slice(0, 40)}` : ''}`),
    finish: bar.finish,
  };
}
