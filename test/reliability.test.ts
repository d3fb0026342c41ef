import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContentFilteredError,
  createStabilityClient,
  InternalServerError,
  type Logger,
  RateLimitError,
  StabilityError,
  UserAbortError,
} from '../src/index.js';
import { fakeApi } from './helpers/fake-api.js';
import { type FaultServer, startFaultServer } from './helpers/fault-server.js';

const apiKey = 'sk-reliability-key-123';
const prompt = { text_prompts: [{ text: 'a lighthouse' }] };
let server: FaultServer;
let scenarioCount = 0;

function fault(fault: string, times = 1, extra: Record<string, string> = {}) {
  scenarioCount += 1;
  const scenario = `reliability-${scenarioCount}`;
  return { scenario, headers: { 'X-Scenario': scenario, 'X-Fault': fault, 'X-Fault-Times': String(times), ...extra } };
}

function client(options: Parameters<typeof createStabilityClient>[0] = {}) {
  return createStabilityClient({
    apiKey,
    baseUrl: server.url,
    retryBackoff: { initialDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
}

async function timed<T>(promise: Promise<T>): Promise<{ value?: T; error?: Error; ms: number }> {
  const started = performance.now();
  try {
    return { value: await promise, ms: performance.now() - started };
  } catch (error) {
    return { error: error as Error, ms: performance.now() - started };
  }
}

describe('reliability', () => {
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(() => server.close());

  describe('retries', () => {
    it('waits as long as Retry-After says, in seconds', async () => {
      const { headers } = fault('status-429', 1, { 'X-Retry-After': '1' });
      const { value, ms } = await timed(client().generation.textToImage('e', prompt, { headers }));
      expect(value?.attempts).toBe(2);
      expect(ms).toBeGreaterThanOrEqual(950);
    });

    it('reads Retry-After as an HTTP date', async () => {
      const date = new Date(Date.now() + 1500).toUTCString();
      const { headers } = fault('status-503', 1, { 'X-Retry-After': date });
      const { value, ms } = await timed(client().generation.textToImage('e', prompt, { headers }));
      expect(value?.attempts).toBe(2);
      expect(ms).toBeGreaterThanOrEqual(400);
    });

    it('does not retry when Retry-After asks for more than the cap', async () => {
      const { headers, scenario } = fault('status-429', 1, { 'X-Retry-After': '120' });
      const { error, ms } = await timed(client().generation.textToImage('e', prompt, { headers }));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).attempts).toBe(1);
      expect(server.hits.get(scenario)).toBe(1);
      expect(ms).toBeLessThan(1000);
    });

    it('takes maxRetries from the call over the client', async () => {
      const once = fault('status-503', 99);
      const error = await client({ maxRetries: 5 })
        .user.balance({ headers: once.headers, maxRetries: 0 })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InternalServerError);
      expect(server.hits.get(once.scenario)).toBe(1);
      const many = fault('status-503', 99);
      await client({ maxRetries: 4 })
        .user.balance({ headers: many.headers })
        .catch(() => undefined);
      expect(server.hits.get(many.scenario)).toBe(5);
    });

    it('rebuilds the multipart body for each attempt', async () => {
      const { headers, scenario } = fault('status-502', 2);
      const result = await client().generation.imageToImage(
        'e',
        { ...prompt, init_image: new Uint8Array(5000).fill(7) },
        { headers },
      );
      expect(result.attempts).toBe(3);
      const sizes = server.bodies.get(scenario) ?? [];
      expect(sizes).toHaveLength(3);
      expect(new Set(sizes).size).toBe(1);
      expect(sizes[0]).toBeGreaterThan(5000);
    });
  });

  describe('abort and timeout', () => {
    it('aborts at once during a request', async () => {
      const { headers } = fault('hang', 99);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const { error, ms } = await timed(
        client({ timeout: 10_000 }).engines.list({ headers, signal: controller.signal }),
      );
      expect(error).toBeInstanceOf(UserAbortError);
      expect(ms).toBeLessThan(1000);
    });

    it('aborts at once during a retry wait', async () => {
      const { headers, scenario } = fault('status-503', 99, { 'X-Retry-After': '30' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const { error, ms } = await timed(client().user.balance({ headers, signal: controller.signal }));
      expect(error).toBeInstanceOf(UserAbortError);
      expect(ms).toBeLessThan(1000);
      expect(server.hits.get(scenario)).toBe(1);
    });

    it('sends nothing when the signal is already aborted', async () => {
      const { headers, scenario } = fault('none');
      const error = await client()
        .engines.list({ headers, signal: AbortSignal.abort() })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(UserAbortError);
      expect(server.hits.get(scenario)).toBeUndefined();
    });

    it('aborts a call waiting in the rate limiter queue', async () => {
      const limited = client({ rateLimit: { requests: 1, intervalMs: 10_000 } });
      await limited.user.balance({ headers: fault('none').headers });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const { error, ms } = await timed(
        limited.user.balance({ headers: fault('none').headers, signal: controller.signal }),
      );
      expect(error).toBeInstanceOf(UserAbortError);
      expect(ms).toBeLessThan(1000);
    });
  });

  describe('key safety', () => {
    it('refuses plain http to a remote host unless allowed; loopback is fine', () => {
      expect(() => createStabilityClient({ apiKey, baseUrl: 'http://api.example.com' })).toThrow(StabilityError);
      expect(() => createStabilityClient({ apiKey, baseUrl: 'http://api.example.com' })).toThrow(/allowInsecureHttp/);
      expect(() =>
        createStabilityClient({ apiKey, baseUrl: 'http://api.example.com', allowInsecureHttp: true }),
      ).not.toThrow();
      for (const baseUrl of [
        'http://localhost:4010',
        'http://127.0.0.1:9',
        'http://[::1]:80',
        'https://api.example.com',
      ]) {
        expect(() => createStabilityClient({ apiKey, baseUrl })).not.toThrow();
      }
    });

    it('logs nothing by default and redacts Authorization and the key when logging', async () => {
      const lines: string[] = [];
      const logger: Logger = {
        debug: (line) => lines.push(line),
        info: (line) => lines.push(line),
        warn: (line) => lines.push(line),
        error: (line) => lines.push(line),
      };
      await client({ logger, logLevel: 'debug' }).user.balance({ headers: fault('status-500', 1).headers });
      expect(lines.some((line) => line.includes('authorization: ***'))).toBe(true);
      expect(lines.some((line) => /retry 1 of 2/.test(line))).toBe(true);
      expect(lines.join('\n')).not.toContain(apiKey);
      const quiet: string[] = [];
      await client({ logger: { ...logger, debug: (line) => quiet.push(line) } }).user.balance({
        headers: fault('none').headers,
      });
      expect(quiet).toEqual([]);
    });
  });

  describe('content filter', () => {
    const filtered = () =>
      Response.json({
        artifacts: [
          { base64: 'AQID', seed: 1, finishReason: 'SUCCESS' },
          { base64: 'AQID', seed: 2, finishReason: 'CONTENT_FILTERED' },
        ],
      });

    it('returns filtered artifacts as such by default', async () => {
      const stability = createStabilityClient({ apiKey, fetch: fakeApi(filtered).fetch });
      const result = await stability.generation.textToImage('e', prompt);
      expect(result.artifacts.map((artifact) => artifact.finishReason)).toEqual(['SUCCESS', 'CONTENT_FILTERED']);
    });

    it('throws ContentFilteredError with the result when asked (client or call)', async () => {
      const throwing = createStabilityClient({ apiKey, fetch: fakeApi(filtered).fetch, contentFiltered: 'throw' });
      const error = (await throwing.generation
        .textToImage('e', prompt)
        .catch((thrown: unknown) => thrown)) as ContentFilteredError;
      expect(error).toBeInstanceOf(ContentFilteredError);
      expect(error.filtered).toEqual([1]);
      expect((error.result as { artifacts: unknown[] }).artifacts).toHaveLength(2);
      const perCall = createStabilityClient({ apiKey, fetch: fakeApi(filtered).fetch });
      await expect(perCall.generation.textToImage('e', prompt, { contentFiltered: 'throw' })).rejects.toBeInstanceOf(
        ContentFilteredError,
      );
    });
  });
});
