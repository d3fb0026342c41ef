import { UserAbortError } from './errors.js';
import { sleep } from './timing.js';

/** The API's limit: 150 requests per 10 seconds. */
export interface RateLimit {
  /** @default 150 */
  requests?: number;
  /** @default 10000 */
  intervalMs?: number;
}

/**
 * A client-side limiter: at most `requests` requests in any `intervalMs` window. A request holds its
 * slot while in flight and for `intervalMs` after it finished: the server saw it somewhere in between,
 * so however long the network takes, the server never sees more than `requests` in its window.
 * Callers wait in a FIFO queue; none is dropped. A caller whose signal aborts leaves with `UserAbortError`.
 */
export class RateLimiter {
  readonly requests: number;
  readonly intervalMs: number;
  /** End time of each slot in use; `Infinity` while its request is in flight. */
  private readonly slots: Array<{ end: number }> = [];
  private readonly waitingForRelease = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor({ requests = 150, intervalMs = 10_000 }: RateLimit = {}) {
    this.requests = requests;
    this.intervalMs = intervalMs;
  }

  /** Resolves, in call order, when the caller may send; call the returned function when its request ends. */
  acquire(signal: AbortSignal | undefined, describe: () => [string, string]): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForSlot(signal, describe));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(signal: AbortSignal | undefined, describe: () => [string, string]): Promise<() => void> {
    for (;;) {
      const now = performance.now();
      for (let index = this.slots.length - 1; index >= 0; index--) {
        if ((this.slots[index]?.end ?? 0) <= now - this.intervalMs) this.slots.splice(index, 1);
      }
      if (this.slots.length < this.requests) return this.take();
      const earliest = Math.min(...this.slots.map((slot) => slot.end));
      if (Number.isFinite(earliest)) await sleep(earliest + this.intervalMs - now, signal, describe);
      else await this.nextRelease(signal, describe);
    }
  }

  private take(): () => void {
    const slot = { end: Number.POSITIVE_INFINITY };
    this.slots.push(slot);
    return () => {
      if (slot.end !== Number.POSITIVE_INFINITY) return;
      slot.end = performance.now();
      for (const wake of this.waitingForRelease) wake();
    };
  }

  /** Resolves when any in-flight request ends. */
  private nextRelease(signal: AbortSignal | undefined, describe: () => [string, string]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new UserAbortError(...describe(), signal.reason));
      const wake = () => {
        this.waitingForRelease.delete(wake);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waitingForRelease.delete(wake);
        reject(new UserAbortError(...describe(), signal?.reason));
      };
      this.waitingForRelease.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
