import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStabilityClient, type Logger } from '../../src/index.js';
import { type FaultServer, startFaultServer } from '../helpers/fault-server.js';

const apiKey = 'sk-logger-secret-0123456789';
let server: FaultServer;
let scenarios = 0;

/** A balance call through one 503 (so retry lines are logged) and one text-to-image call, with this logger. */
async function callsWith(logger: unknown, logLevel: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const stability = createStabilityClient({
    apiKey,
    baseUrl: server.url,
    logger: logger as Logger,
    logLevel,
    retryBackoff: { initialDelayMs: 1, maxDelayMs: 2 },
  });
  scenarios += 1;
  const headers = { 'X-Fault': 'status-503', 'X-Fault-Times': '1', 'X-Scenario': `logger-${scenarios}` };
  const balance = await stability.user.balance({ headers });
  expect(balance.credits).toBe(1.5);
  expect(balance.attempts).toBe(2);
  const generated = await stability.generation.textToImage('e', { text_prompts: [{ text: 'x' }] });
  expect(generated.artifacts).toHaveLength(1);
}

const throwing = () => {
  throw new Error('logger exploded');
};

describe('a logger can never break a call', () => {
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(() => server.close());

  it('methods that throw', async () => {
    await callsWith({ debug: throwing, info: throwing, warn: throwing, error: throwing });
    await callsWith({ debug: throwing, info: throwing, warn: throwing, error: throwing, log: throwing });
  });

  it('methods that throw non-errors, or return a rejected promise', async () => {
    const rejecting = () => Promise.reject(new Error('async logger failed'));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await callsWith({
        debug: () => {
          throw 'a string';
        },
        info: () => {
          throw undefined;
        },
        warn: rejecting,
        error: rejecting,
      });
      await callsWith({ debug: rejecting, info: rejecting, warn: rejecting, error: rejecting });
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('a logger lacking debug or info, or every method', async () => {
    const lines: string[] = [];
    await callsWith({ warn: (line: string) => lines.push(line), error: (line: string) => lines.push(line) });
    await callsWith({ info: (line: string) => lines.push(line) });
    await callsWith({});
    await callsWith(Object.create(null));
    await callsWith({ debug: 'not a function', info: 42, warn: null, error: {} });
    expect(lines.some((line) => line.includes('retry 1 of'))).toBe(true);
  });

  it('a logger with only log gets every line there, redacted', async () => {
    const lines: string[] = [];
    await callsWith({ log: (line: string) => lines.push(line) });
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.some((line) => line.includes('retry 1 of'))).toBe(true);
    expect(lines.some((line) => line.includes('/v1/user/balance'))).toBe(true);
    for (const line of lines) expect(line).not.toContain(apiKey);
  });

  it('a class-based logger (methods on the prototype) keeps its this', async () => {
    class Collector {
      lines: string[] = [];
      debug(line: string) {
        this.lines.push(line);
      }
      info(line: string) {
        this.lines.push(line);
      }
      warn(line: string) {
        this.lines.push(line);
      }
      error(line: string) {
        this.lines.push(line);
      }
    }
    const collector = new Collector();
    await callsWith(collector);
    expect(collector.lines.length).toBeGreaterThan(0);
  });

  it('a logger whose properties throw when read (getters, Proxy traps)', async () => {
    const getters = {
      get debug(): never {
        throw new Error('getter');
      },
      get info(): never {
        throw new Error('getter');
      },
      get log(): never {
        throw new Error('getter');
      },
    };
    await callsWith(getters);
    await callsWith(
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
          has: () => {
            throw new Error('trap');
          },
        },
      ),
    );
  });

  it('any mix of missing, throwing and working methods, at any level', async () => {
    const behaviour = fc.constantFrom('missing', 'throws', 'works', 'not-a-function');
    await fc.assert(
      fc.asyncProperty(
        fc.record({ debug: behaviour, info: behaviour, warn: behaviour, error: behaviour, log: behaviour }),
        fc.constantFrom('debug', 'info', 'warn', 'error') as fc.Arbitrary<'debug' | 'info' | 'warn' | 'error'>,
        async (methods, level) => {
          const logger: Record<string, unknown> = {};
          for (const [name, kind] of Object.entries(methods)) {
            if (kind === 'throws') logger[name] = throwing;
            if (kind === 'works') logger[name] = () => undefined;
            if (kind === 'not-a-function') logger[name] = 'nope';
          }
          await callsWith(logger, level);
        },
      ),
      { numRuns: 30 },
    );
  });
});
