import { UserAbortError } from './errors.js';

/** Waits `ms` milliseconds, or rejects with `UserAbortError` as soon as `signal` aborts; leaves no timer behind. */
export function sleep(ms: number, signal: AbortSignal | undefined, describe: () => [string, string]): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new UserAbortError(...describe(), signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new UserAbortError(...describe(), signal?.reason));
    };
    const timer = setTimeout(() => {
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

/** Links the caller's signal and a timeout into one signal for one attempt. */
export function attemptSignal(callerSignal: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
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
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
