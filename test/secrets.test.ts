import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStabilityClient, type StabilityClient } from '../src/index.js';
import { type FaultServer, faults, startFaultServer } from './helpers/fault-server.js';

const apiKey = 'sk-SECRET-7f3a9c1e5b2d4086';
const logLines: string[] = [];
const logger = {
  debug: (line: string) => logLines.push(line),
  info: (line: string) => logLines.push(line),
  warn: (line: string) => logLines.push(line),
  error: (line: string) => logLines.push(line),
};
let server: FaultServer;
let stability: StabilityClient;
const caught: unknown[] = [];

/** Every way the key could surface from a value. */
function renderings(value: unknown): string[] {
  const error = value as Error;
  return [
    String(value),
    error?.message ?? '',
    error?.stack ?? '',
    JSON.stringify(value) ?? '',
    inspect(value, { depth: 20, showHidden: true }),
  ];
}

describe('the API key never leaks', () => {
  beforeAll(async () => {
    server = await startFaultServer();
    stability = createStabilityClient({
      apiKey,
      baseUrl: server.url,
      timeout: 200,
      retryBackoff: { initialDelayMs: 1, maxDelayMs: 2 },
      logger,
      logLevel: 'debug',
      contentFiltered: 'throw',
    });
    const prompt = { text_prompts: [{ text: 'x' }] };
    const collect = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => caught.push(error),
      );
    for (const [index, fault] of faults.entries()) {
      const headers = { 'X-Fault': fault, 'X-Fault-Times': '99', 'X-Scenario': `secret-${index}` };
      await collect(stability.generation.textToImage('e', prompt, { headers }));
      await collect(
        stability.generation.upscale(
          'esrgan-v1-x2plus',
          { image: new Uint8Array([1]) },
          { headers, accept: 'image/png' },
        ),
      );
      await collect(stability.engines.list({ headers }));
    }
    await collect(stability.generation.textToImage('e', { text_prompts: [] })); // ValidationError
    await collect(stability.user.balance({ signal: AbortSignal.abort() })); // UserAbortError
    const filtered = createStabilityClient({
      apiKey,
      contentFiltered: 'throw',
      fetch: async () => Response.json({ artifacts: [{ base64: 'AQID', seed: 1, finishReason: 'CONTENT_FILTERED' }] }),
    });
    await collect(filtered.generation.textToImage('e', prompt)); // ContentFilteredError
    const unreachable = createStabilityClient({
      apiKey,
      baseUrl: 'http://127.0.0.1:9',
      maxRetries: 0,
      logger,
      logLevel: 'debug',
    });
    await collect(unreachable.user.account()); // ConnectionError
    await collect(
      Promise.resolve().then(() => createStabilityClient({ apiKey, baseUrl: 'http://remote.example.test' })),
    );
    // A key read with a stray newline inside: Headers would quote it in its error.
    await collect(
      Promise.resolve().then(() =>
        createStabilityClient({ apiKey: `${apiKey}\nextra`, baseUrl: server.url }).user.balance(),
      ),
    );
  }, 60_000);
  afterAll(() => server.close());

  it('drove every error class', () => {
    const names = new Set(caught.map((error) => (error as Error).name));
    console.log(`secrets: ${caught.length} errors of ${names.size} classes, ${logLines.length} log lines searched`);
    expect([...names].sort()).toEqual(
      [
        'AuthenticationError',
        'BadRequestError',
        'ConnectionError',
        'ContentFilteredError',
        'InternalServerError',
        'NotFoundError',
        'PermissionDeniedError',
        'RateLimitError',
        'ResponseFormatError',
        'OptionError',
        'TimeoutError',
        'UserAbortError',
        'ValidationError',
      ].sort(),
    );
  });

  it('is in no error message, stack, JSON or inspect output', () => {
    for (const error of caught) for (const text of renderings(error)) expect(text).not.toContain(apiKey);
  });

  it('is in no log line, and the logs did show the (redacted) Authorization header', () => {
    expect(logLines.length).toBeGreaterThan(50);
    expect(logLines.join('\n')).not.toContain(apiKey);
    expect(logLines.some((line) => line.includes('authorization: ***'))).toBe(true);
  });

  it('is not readable from the client object', () => {
    for (const text of renderings(stability)) expect(text).not.toContain(apiKey);
  });
});
