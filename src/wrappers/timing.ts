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

/** The signal of one attempt: aborts when the caller's signal does or when the timeout runs out. */
export interface AttemptSignal {
  signal: AbortSignal;
  /** Whether the timeout (not the caller) aborted the attempt. */
  timedOut(): boolean;
  /** Clears the timer and the listener on the caller's signal. */
  dispose(): void;
}

/** Links the caller's signal and a timeout (`Infinity` for none) into one signal for one attempt. */
export function attemptSignal(callerSignal: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const cancel = setLongTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      cancel();
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
