/** What a running progress display can be told. */
export interface Progress {
  /** How many calls have finished, of how many. */
  update(done: number, total: number): void;
  /** Clears the line so that a result can be printed; the next tick draws it again. */
  clear(): void;
  /** Clears the line; no output after this. */
  stop(): void;
}

const frames = ['|', '/', '-', '\\'];

/**
 * On a terminal, a spinner with the elapsed time (and how many calls are done) on one line of `stream`,
 * redrawn ten times a second. Elsewhere (a pipe, a file, CI), nothing at all.
 */
export function startProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, clear: () => undefined, stop: () => undefined };
  const started = Date.now();
  let frame = 0;
  let counts = '';
  const draw = () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    stream.write(`\r\x1b[K${frames[frame++ % frames.length]} ${label} ${seconds}s${counts}`);
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  draw();
  return {
    update(done, total) {
      counts = total > 1 ? ` (${done}/${total} done)` : '';
    },
    clear() {
      stream.write('\r\x1b[K');
    },
    stop() {
      clearInterval(timer);
      stream.write('\r\x1b[K');
    },
  };
}
