import { sleep } from './timing.js';

/** The API's limit: 150 requests per 10 seconds. */
export interface RateLimit {
  /** @default 150 */
  requests?: number;
  /** @default 10000 */
  intervalMs?: number;
}

/**
 * A client-side limiter: at most `requests` request starts in any `intervalMs` window. Callers wait in a
 * FIFO queue; none is dropped. A caller whose signal aborts leaves the queue with a `UserAbortError`.
 */
export class RateLimiter {
  readonly requests: number;
  readonly intervalMs: number;
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor({ requests = 150, intervalMs = 10_000 }: RateLimit = {}) {
    this.requests = requests;
    this.intervalMs = intervalMs;
  }

  /** Resolves when the caller may start a request (and counts it). */
  acquire(signal: AbortSignal | undefined, describe: () => [string, string]): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot(signal, describe));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(signal: AbortSignal | undefined, describe: () => [string, string]): Promise<void> {
    for (;;) {
      const now = performance.now();
      while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - this.intervalMs) this.starts.shift();
      if (this.starts.length < this.requests) {
        this.starts.push(now);
        return;
      }
      await sleep((this.starts[0] ?? now) + this.intervalMs - now, signal, describe);
    }
  }
}
