import { UserAbortError } from './errors.js';

/**
 * The longest delay one `setTimeout` can hold (2^31 - 1 ms, about 24.8 days). Longer delays overflow:
 * Node fires them after 1 ms with a `TimeoutOverflowWarning`, browsers at once.
 */
export const maxTimerMs = 2 ** 31 - 1;

/**
 * Calls `callback` after `ms` milliseconds, however long: delays beyond {@link maxTimerMs} are chained
 * timers, so they neither overflow nor spin. `Infinity` never fires. Returns the function that cancels it.
 */
export function setLongTimeout(callback: () => void, ms: number): () => void {
  if (ms === Number.POSITIVE_INFINITY) return () => undefined;
  if (ms <= maxTimerMs) {
    const timer = setTimeout(callback, Math.max(0, ms));
    return () => clearTimeout(timer);
  }
  const due = performance.now() + ms;
  let timer: ReturnType<typeof setTimeout>;
  const arm = (remaining: number) => {
    timer = setTimeout(
      () => {
        const left = due - performance.now();
        if (left > 0) arm(left);
        else callback();
      },
      Math.max(0, Math.min(remaining, maxTimerMs)),
    );
  };
  arm(ms);
  return () => clearTimeout(timer);
}

/** Waits `ms` milliseconds, or rejects with `UserAbortError` as soon as `signal` aborts; leaves no timer behind. */
export function sleep(ms: number, signal: AbortSignal | undefined, describe: () => [string, string]): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UserAbortError(...describe(), signal.reason));
    const onAbort = () => {
      cancel();
      reject(new UserAbortError(...describe(), signal?.reason));
    };
    const cancel = setLongTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The signal of one attempt: aborts when the caller's signal does or when the timeout runs out. A class
 * rather than closures, since one is made for every attempt of every call.
 */
export class AttemptSignal {
  readonly #controller = new AbortController();
  #timedOut = false;
  readonly #cancelTimer: () => void;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort: (() => void) | undefined;

  /** Links the caller's signal and a timeout (`Infinity` for none) into one signal for one attempt. */
  constructor(callerSignal: AbortSignal | undefined, timeoutMs: number) {
    const controller = this.#controller;
    this.#cancelTimer = setLongTimeout(() => {
      this.#timedOut = true;
      controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    this.#callerSignal = callerSignal;
    if (!callerSignal) return;
    const onCallerAbort = () => controller.abort(callerSignal.reason);
    if (callerSignal.aborted) onCallerAbort();
    else callerSignal.addEventListener('abort', onCallerAbort, { once: true });
    this.#onCallerAbort = onCallerAbort;
  }

  /** The signal fetch is given. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Whether the timeout (not the caller) aborted the attempt. */
  timedOut(): boolean {
    return this.#timedOut;
  }

  /** Clears the timer and the listener on the caller's signal. */
  dispose(): void {
    this.#cancelTimer();
    if (this.#onCallerAbort) this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }
}
