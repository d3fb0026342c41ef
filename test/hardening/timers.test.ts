import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStabilityClient, UserAbortError } from '../../src/index.js';
import { RateLimiter } from '../../src/wrappers/rate-limiter.js';
import { maxTimerMs, setLongTimeout, sleep } from '../../src/wrappers/timing.js';
import {
  collectWarnings,
  type RecordingServer,
  rejectionOf,
  startRecordingServer,
} from '../helpers/hostile-servers.js';

const apiKey = 'sk-timers';
const day = 24 * 60 * 60 * 1000;
const describeCall = (): [string, string] => ['GET', '/test'];
let server: RecordingServer;

describe('long waits chain timers: no overflow, no spinning', () => {
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server.close());
  afterEach(() => {
    // In this order: a spy made on a fake setTimeout would otherwise restore the fake.
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('setLongTimeout fires once, after the whole delay, however long (fake clock)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    for (const ms of [1, maxTimerMs, maxTimerMs + 1, 30 * day, 2 ** 40]) {
      const fired = vi.fn();
      setLongTimeout(fired, ms);
      vi.advanceTimersByTime(ms - 1);
      expect(fired, `${ms} ms`).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(fired, `${ms} ms`).toHaveBeenCalledOnce();
      vi.advanceTimersByTime(maxTimerMs * 2);
      expect(fired).toHaveBeenCalledOnce();
    }
  });

  it('never arms a timer beyond 2^31 - 1 ms, and arms few: 30 days is 2 timers', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const fired = vi.fn();
    setLongTimeout(fired, 30 * day);
    vi.advanceTimersByTime(30 * day);
    expect(fired).toHaveBeenCalledOnce();
    const delays = spy.mock.calls.map((call) => call[1] ?? 0);
    expect(delays.every((delay) => delay >= 0 && delay <= maxTimerMs)).toBe(true);
    expect(delays.length).toBeLessThanOrEqual(3);
  });

  it('Infinity never fires and arms nothing; cancelling stops a chained timer and a plain one', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const never = vi.fn();
    setLongTimeout(never, Number.POSITIVE_INFINITY)();
    expect(spy).not.toHaveBeenCalled();
    const cancelled = vi.fn();
    const cancel = setLongTimeout(cancelled, 40 * day);
    vi.advanceTimersByTime(30 * day);
    cancel();
    vi.advanceTimersByTime(30 * day);
    expect(cancelled).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    const cancelledSoon = vi.fn();
    setLongTimeout(cancelledSoon, 1000)();
    vi.advanceTimersByTime(2000);
    expect(cancelledSoon).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sleep over 24.8 days waits it whole and can be aborted (fake clock)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const controller = new AbortController();
    const waiting = sleep(30 * day, controller.signal, describeCall);
    let settled = false;
    waiting.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    await vi.advanceTimersByTimeAsync(29 * day);
    expect(settled).toBe(false);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(UserAbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a limiter with a 30-day interval waits for the slot with fake time, then lets the call through', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const limiter = new RateLimiter({ requests: 1, intervalMs: 30 * day });
    (await limiter.acquire(undefined, describeCall))();
    let granted = false;
    const second = limiter.acquire(undefined, describeCall).then((release) => {
      granted = true;
      return release;
    });
    await vi.advanceTimersByTimeAsync(30 * day - 10);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(granted).toBe(true);
    (await second)();
  });

  it('a client with a 30-day rateLimit interval: the second call waits quietly (no warning, no spin), then aborts', async () => {
    const watch = collectWarnings();
    const stability = createStabilityClient({
      apiKey,
      baseUrl: server.url,
      rateLimit: { requests: 1, intervalMs: 30 * day },
    });
    const before = server.requests.length;
    await stability.user.balance();
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const controller = new AbortController();
    const second = stability.user.balance({ signal: controller.signal });
    await new Promise<void>((resolve) => setTimeout(resolve, 300));
    const armedWhileWaiting = spy.mock.calls.length;
    controller.abort();
    const error = await rejectionOf(second);
    expect(error).toBeInstanceOf(UserAbortError);
    expect(server.requests.length - before).toBe(1);
    // The wait armed one timer (plus the 300 ms timer of this test), not one per millisecond.
    expect(armedWhileWaiting).toBeLessThanOrEqual(4);
    expect(spy.mock.calls.every((call) => (call[1] ?? 0) <= maxTimerMs)).toBe(true);
    expect((await watch.stop()).map((warning) => warning.name)).toEqual([]);
  });

  it('a Retry-After within a huge maxRetryAfterMs is honoured through chained timers, not after 1 ms', async () => {
    // A server asking for 40 days with a cap of 50 days: the wait is armed in chunks, the call is aborted.
    const slow = await startRecordingServer((_request, response) => {
      response.writeHead(503, { 'Retry-After': String(40 * 24 * 60 * 60), 'Content-Type': 'application/json' });
      response.end('{}');
      return 'answered';
    });
    const watch = collectWarnings();
    const controller = new AbortController();
    const call = createStabilityClient({
      apiKey,
      baseUrl: slow.url,
      retryBackoff: { maxRetryAfterMs: 50 * day },
    }).user.balance({ signal: controller.signal });
    await new Promise<void>((resolve) => setTimeout(resolve, 300));
    controller.abort();
    expect(await rejectionOf(call)).toBeInstanceOf(UserAbortError);
    expect(slow.requests).toHaveLength(1);
    await slow.close();
    expect((await watch.stop()).map((warning) => warning.name)).toEqual([]);
  });
});
