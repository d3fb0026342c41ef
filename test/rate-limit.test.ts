import { afterEach, describe, expect, it } from 'vitest';
import { createStabilityClient } from '../src/index.js';
import { type RateLimitedServer, startRateLimitedServer } from './helpers/rate-limited-server.js';

// The API allows 150 requests per 10 s; scaled down 10x in time and count: 15 per second.
const limit = 15;
const windowMs = 1000;
const burst = limit * 4;
let server: RateLimitedServer | undefined;

afterEach(() => server?.close());

describe('rate limiting (150 per 10 s, scaled to 15 per second)', () => {
  it(`with the limiter on, a burst of ${burst} sees no 429 and every request completes`, async () => {
    server = await startRateLimitedServer(limit, windowMs);
    const stability = createStabilityClient({
      apiKey: 'sk-rate',
      baseUrl: server.url,
      rateLimit: { requests: limit, intervalMs: windowMs },
      maxRetries: 0,
    });
    const results = await Promise.allSettled(Array.from({ length: burst }, () => stability.user.balance()));
    console.log(
      `rate limit, limiter on: ${burst} requests, ${server.counts.ok} answered 200, ${server.counts.tooMany} answered 429`,
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(burst);
    expect(server.counts).toEqual({ ok: burst, tooMany: 0 });
  }, 30_000);

  it(`with the limiter off, retries honouring Retry-After recover all ${burst}`, async () => {
    server = await startRateLimitedServer(limit, windowMs);
    const stability = createStabilityClient({ apiKey: 'sk-rate', baseUrl: server.url, maxRetries: 10 });
    const results = await Promise.allSettled(Array.from({ length: burst }, () => stability.user.balance()));
    console.log(
      `rate limit, limiter off: ${burst} requests, ${server.counts.ok} answered 200, ${server.counts.tooMany} answered 429`,
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(burst);
    expect(server.counts.ok).toBe(burst);
    expect(server.counts.tooMany).toBeGreaterThan(0);
  }, 30_000);
});
