import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientOptions, createStabilityClient, StabilityError, ValidationError } from '../../src/index.js';
import { OptionError } from '../../src/wrappers/errors.js';
import {
  collectWarnings,
  type RecordingServer,
  rejectionOf,
  startRecordingServer,
} from '../helpers/hostile-servers.js';

const apiKey = 'sk-options-key-0123456789';
let server: RecordingServer;

/** What `createStabilityClient` throws for these options (fails when it throws nothing). */
function creationError(options: Record<string, unknown>): OptionError {
  try {
    createStabilityClient({ apiKey, baseUrl: server.url, ...options } as ClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(OptionError);
    expect(error).toBeInstanceOf(StabilityError);
    return error as OptionError;
  }
  throw new Error(`options accepted: ${inspect(options)}`);
}

/** The ValidationError a call with these per-call options gives; asserts nothing reached the server. */
async function callError(options: Record<string, unknown>): Promise<ValidationError> {
  const before = server.requests.length;
  const stability = createStabilityClient({ apiKey, baseUrl: server.url });
  const error = await rejectionOf(stability.user.balance(options as never));
  expect(error).toBeInstanceOf(ValidationError);
  expect(server.requests.length).toBe(before);
  return error as ValidationError;
}

/** Numbers that are not whole, or not finite, or not numbers at all. */
const notAnInteger = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5, 2 ** 53, '5', null, true, {}),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value)),
  fc.string(),
);
const negativeInteger = fc.integer({ max: -1 });

describe('options', () => {
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server.close());

  describe('maxRetries: a whole number, 0 or more', () => {
    it('refuses NaN, -1, 1.5, Infinity (and any other) at creation and per call, by name and rule', async () => {
      for (const value of [Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY]) {
        const error = creationError({ maxRetries: value });
        expect([error.option, error.rule]).toEqual(['maxRetries', 'non-negative-integer']);
        expect(error.message).toContain('maxRetries');
        const perCall = await callError({ maxRetries: value });
        expect(perCall.issues).toEqual([
          expect.objectContaining({ path: 'options.maxRetries', rule: 'non-negative-integer' }),
        ]);
      }
      fc.assert(
        fc.property(fc.oneof(notAnInteger, negativeInteger), (value) => {
          expect(creationError({ maxRetries: value }).option).toBe('maxRetries');
        }),
      );
    });

    it('accepts 0 and positive integers', () => {
      fc.assert(
        fc.property(fc.nat(), (value) => {
          createStabilityClient({ apiKey, baseUrl: server.url, maxRetries: value });
        }),
      );
    });
  });

  describe('timeout: milliseconds above 0, up to the maximum, or Infinity', () => {
    it("refuses 0, -1, NaN and '5' at creation and per call", async () => {
      for (const value of [0, -1, Number.NaN, '5', -0, Number.NEGATIVE_INFINITY, 2 ** 60]) {
        const error = creationError({ timeout: value });
        expect([error.option, error.rule]).toEqual(['timeout', 'positive-timeout']);
        const perCall = await callError({ timeout: value });
        expect(perCall.issues[0]).toMatchObject({ path: 'options.timeout', rule: 'positive-timeout' });
      }
    });

    it('Infinity, 2**31 and 2**40 ms work, with no TimeoutOverflowWarning', async () => {
      const watch = collectWarnings();
      for (const timeout of [Number.POSITIVE_INFINITY, 2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
        const balance = await createStabilityClient({ apiKey, baseUrl: server.url, timeout }).user.balance();
        expect(balance.credits).toBe(1.5);
        const perCall = await createStabilityClient({ apiKey, baseUrl: server.url }).engines.list({ timeout });
        expect(perCall).toHaveLength(1);
      }
      const warnings = await watch.stop();
      expect(warnings.map((warning) => warning.name)).toEqual([]);
    });
  });

  describe('retryBackoff and rateLimit numbers: positive integers', () => {
    it('refuses each bad number by its nested name', () => {
      const bad = [0, -1, Number.NaN, 1.5, Number.POSITIVE_INFINITY, '10'];
      for (const field of ['initialDelayMs', 'maxDelayMs', 'maxRetryAfterMs']) {
        for (const value of bad) {
          const error = creationError({ retryBackoff: { [field]: value } });
          expect([error.option, error.rule]).toEqual([`retryBackoff.${field}`, 'positive-integer']);
        }
      }
      for (const field of ['requests', 'intervalMs']) {
        for (const value of bad) {
          const error = creationError({ rateLimit: { [field]: value } });
          expect([error.option, error.rule]).toEqual([`rateLimit.${field}`, 'positive-integer']);
        }
      }
      fc.assert(
        fc.property(
          fc.constantFrom('initialDelayMs', 'maxDelayMs', 'maxRetryAfterMs'),
          fc.oneof(notAnInteger, negativeInteger, fc.constant(0)),
          (field, value) => {
            expect(creationError({ retryBackoff: { [field]: value } }).option).toBe(`retryBackoff.${field}`);
          },
        ),
      );
    });

    it('refuses a rateLimit or retryBackoff that is not an object, or has unknown fields', () => {
      expect(creationError({ rateLimit: 5 })).toMatchObject({ option: 'rateLimit', rule: 'type' });
      expect(creationError({ retryBackoff: null })).toMatchObject({ option: 'retryBackoff', rule: 'type' });
      expect(creationError({ rateLimit: { request: 5 } })).toMatchObject({
        option: 'rateLimit.request',
        rule: 'unknown-option',
      });
      expect(creationError({ retryBackoff: { initialDelay: 5 } })).toMatchObject({
        option: 'retryBackoff.initialDelay',
        rule: 'unknown-option',
      });
    });

    it('accepts rateLimit true/false and whole positive numbers', () => {
      for (const rateLimit of [true, false, { requests: 1, intervalMs: 1 }, { requests: 150 }]) {
        createStabilityClient({ apiKey, baseUrl: server.url, rateLimit });
      }
    });
  });

  describe('baseUrl', () => {
    it('refuses ftp: and other schemes, and what is not a URL', () => {
      expect(creationError({ baseUrl: 'ftp://127.0.0.1/v1' })).toMatchObject({
        option: 'baseUrl',
        rule: 'http-or-https',
      });
      expect(creationError({ baseUrl: 'file:///etc/passwd' })).toMatchObject({ rule: 'http-or-https' });
      expect(creationError({ baseUrl: 'not a url' })).toMatchObject({ rule: 'absolute-url' });
      expect(creationError({ baseUrl: '/v1' })).toMatchObject({ rule: 'absolute-url' });
      expect(creationError({ baseUrl: 42 })).toMatchObject({ option: 'baseUrl', rule: 'type' });
    });

    it('refuses credentials without ever echoing the password', () => {
      fc.assert(
        fc.property(
          fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
          fc.stringMatching(/^[A-Za-z0-9!$&'()*+,;=-]{12,30}$/),
          fc.constantFrom('http', 'https', 'ftp'),
          (user, password, scheme) => {
            const error = creationError({ baseUrl: `${scheme}://${user}:${password}@127.0.0.1:8080/v1` });
            expect([error.option, error.rule]).toEqual(['baseUrl', 'no-credentials']);
            for (const text of [
              error.message,
              String(error),
              JSON.stringify(error),
              inspect(error),
              error.stack ?? '',
            ]) {
              expect(text).not.toContain(password);
            }
          },
        ),
        { numRuns: 50 },
      );
    });

    it('refuses a query or a fragment, empty ones included', () => {
      for (const suffix of ['?a=1', '#frag', '?', '#', '/v1?x#y']) {
        expect(creationError({ baseUrl: `${server.url}${suffix}` })).toMatchObject({
          option: 'baseUrl',
          rule: 'no-query-or-fragment',
        });
      }
    });

    it('drops trailing slashes: the server sees one slash between base and path', async () => {
      for (const [suffix, expected] of [
        ['', '/v1/user/balance'],
        ['/', '/v1/user/balance'],
        ['///', '/v1/user/balance'],
        ['/prefix', '/prefix/v1/user/balance'],
        ['/prefix//', '/prefix/v1/user/balance'],
      ] as const) {
        const before = server.requests.length;
        await createStabilityClient({ apiKey, baseUrl: `${server.url}${suffix}` }).user.balance();
        expect(server.requests.slice(before).map((request) => request.url)).toEqual([expected]);
      }
    });

    it('refuses plain http beyond loopback unless allowInsecureHttp', () => {
      expect(creationError({ baseUrl: 'http://api.example.test' })).toMatchObject({ option: 'baseUrl', rule: 'https' });
      createStabilityClient({ apiKey, baseUrl: 'http://api.example.test', allowInsecureHttp: true });
    });
  });

  describe('header values: no CR, LF or character outside Latin-1', () => {
    const badCharacter = fc.constantFrom('\r', '\n', '\r\n', '\0', '€', 'ł', '\u2028', '😀');
    const headerText = fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/);
    const keyHalf = fc.stringMatching(/^[A-Za-z0-9]{16,24}$/);
    const withBadCharacter = fc
      .tuple(headerText, badCharacter, headerText)
      .map(([before, bad, after]) => `${before}${bad}${after}`);

    it('refuses them in organization, clientId, clientVersion at creation', () => {
      fc.assert(
        fc.property(fc.constantFrom('organization', 'clientId', 'clientVersion'), withBadCharacter, (option, value) => {
          expect(creationError({ [option]: value })).toMatchObject({ option, rule: 'header-value' });
        }),
      );
    });

    it('refuses them in the key, whose value never appears in the error', () => {
      fc.assert(
        // Long random halves, so that no piece of the key turns up in the message's own words by chance.
        fc.property(keyHalf, badCharacter, keyHalf, (before, bad, after) => {
          const error = creationError({ apiKey: `${before}${bad}${after}` });
          expect([error.option, error.rule]).toEqual(['apiKey', 'header-value']);
          for (const text of [error.message, String(error), JSON.stringify(error), inspect(error)]) {
            expect(text).not.toContain(before);
            expect(text).not.toContain(after);
          }
        }),
      );
    });

    it('refuses them in STABILITY_API_KEY, named as the variable', () => {
      const previous = process.env.STABILITY_API_KEY;
      process.env.STABILITY_API_KEY = 'sk-from-env\nsecret-tail';
      try {
        const error = (() => {
          try {
            createStabilityClient({ baseUrl: server.url });
          } catch (thrown) {
            return thrown as OptionError;
          }
          throw new Error('accepted');
        })();
        expect(error).toBeInstanceOf(OptionError);
        expect(error.option).toBe('STABILITY_API_KEY');
        expect(error.message).not.toContain('secret-tail');
      } finally {
        if (previous === undefined) delete process.env.STABILITY_API_KEY;
        else process.env.STABILITY_API_KEY = previous;
      }
    });

    it('refuses them in per-call headers, and bad header names, with nothing sent', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('X-Trace', 'Organization', 'Accept'),
          withBadCharacter,
          async (name, value) => {
            const error = await callError({ headers: { [name]: value } });
            expect(error.issues[0]?.path).toBe(`options.headers[${JSON.stringify(name)}]`);
            expect(error.issues[0]?.rule).toBe('header-value');
          },
        ),
        { numRuns: 30 },
      );
      const badName = await callError({ headers: { 'X Trace': 'ok' } });
      expect(badName.issues[0]).toMatchObject({ rule: 'header-name' });
      const notString = await callError({ headers: { 'X-Count': 5 } });
      expect(notString.issues[0]).toMatchObject({ path: 'options.headers["X-Count"]', rule: 'type' });
    });
  });

  describe('unknown and mistyped options', () => {
    it('refuses an unknown option name at creation, Object.prototype names included', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.constantFrom(
              'retries',
              'timeoutMs',
              'constructor',
              'toString',
              'hasOwnProperty',
              '__proto__',
              'valueOf',
            ),
            fc.stringMatching(/^[a-z]{3,12}$/).filter((name) => !Object.hasOwn(knownClientOptions, name)),
          ),
          (name) => {
            const options = JSON.parse(`{${JSON.stringify(name)}: 1}`) as Record<string, unknown>;
            const error = creationError(options);
            expect([error.option, error.rule]).toEqual([name, 'unknown-option']);
          },
        ),
      );
    });

    it('refuses an unknown per-call option, named options.<name>, with nothing sent', async () => {
      for (const name of ['retries', 'constructor', '__proto__', 'body']) {
        const options = JSON.parse(`{${JSON.stringify(name)}: 1}`) as Record<string, unknown>;
        const error = await callError(options);
        expect(error.issues[0]).toMatchObject({ path: `options.${name}`, rule: 'unknown-option' });
      }
    });

    it('refuses mistyped options by name', async () => {
      expect(creationError({ validate: 'yes' })).toMatchObject({ option: 'validate', rule: 'type' });
      expect(creationError({ fetch: {} })).toMatchObject({ option: 'fetch', rule: 'type' });
      expect(creationError({ logLevel: 'verbose' })).toMatchObject({ option: 'logLevel', rule: 'enum' });
      expect(creationError({ logger: 'console' })).toMatchObject({ option: 'logger', rule: 'type' });
      expect(creationError({ contentFiltered: 'hide' })).toMatchObject({ option: 'contentFiltered', rule: 'enum' });
      expect(creationError({ retryMaybeDelivered: 'yes' })).toMatchObject({
        option: 'retryMaybeDelivered',
        rule: 'enum',
      });
      expect(creationError({ allowInsecureHttp: 1 })).toMatchObject({ option: 'allowInsecureHttp', rule: 'type' });
      expect(creationError({ apiKey: '' })).toMatchObject({ option: 'apiKey', rule: 'non-empty' });
      const perCall = [
        [{ signal: {} }, 'options.signal'],
        [{ retryMaybeDelivered: 'always' }, 'options.retryMaybeDelivered'],
        [{ contentFiltered: true }, 'options.contentFiltered'],
        [{ params: { query: 'x' } }, 'options.params.query'],
        [{ accept: 5 }, 'options.accept'],
      ] as const;
      for (const [options, path] of perCall) {
        expect((await callError(options)).issues[0]?.path).toBe(path);
      }
      const notAnObject = await rejectionOf(
        createStabilityClient({ apiKey, baseUrl: server.url }).user.balance('fast' as never),
      );
      expect(notAnObject).toBeInstanceOf(ValidationError);
      expect((notAnObject as ValidationError).issues[0]).toMatchObject({ path: 'options', rule: 'type' });
    });

    it('reports every bad per-call option of a call, not just the first', async () => {
      const error = await callError({ maxRetries: -1, timeout: Number.NaN, retries: 2 });
      expect(error.issues.map((issue) => issue.path).sort()).toEqual([
        'options.maxRetries',
        'options.retries',
        'options.timeout',
      ]);
    });
  });
});

/** Every client option, as `clientOptionRules` lists them. */
const knownClientOptions = {
  apiKey: 1,
  baseUrl: 1,
  organization: 1,
  clientId: 1,
  clientVersion: 1,
  fetch: 1,
  validate: 1,
  maxRetries: 1,
  retryMaybeDelivered: 1,
  timeout: 1,
  retryBackoff: 1,
  rateLimit: 1,
  logger: 1,
  logLevel: 1,
  allowInsecureHttp: 1,
  contentFiltered: 1,
};
