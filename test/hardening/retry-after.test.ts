import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStabilityClient } from '../../src/index.js';
import { parseRetryAfter, retryDelayMs } from '../../src/wrappers/retry.js';
import { type RecordingServer, startRecordingServer } from '../helpers/hostile-servers.js';

const now = Date.UTC(1994, 10, 6, 8, 49, 0); // Sun, 06 Nov 1994 08:49:00 GMT
const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
const clock = (date: Date) => `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;

/** The three forms of RFC 9110 section 5.6.7, for a date. */
const httpDates = (date: Date) => {
  const day = days[date.getUTCDay()] ?? '';
  const month = months[date.getUTCMonth()] ?? '';
  return {
    imf: date.toUTCString(),
    rfc850: `${day}, ${two(date.getUTCDate())}-${month}-${two(date.getUTCFullYear() % 100)} ${clock(date)} GMT`,
    asctime: `${day.slice(0, 3)} ${month} ${String(date.getUTCDate()).padStart(2, ' ')} ${clock(date)} ${date.getUTCFullYear()}`,
  };
};

describe('parseRetryAfter follows RFC 9110', () => {
  it('reads digits as seconds', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), (seconds) => {
        expect(parseRetryAfter(String(seconds), now)).toBe(seconds * 1000);
        expect(parseRetryAfter(` ${seconds} `, now)).toBe(seconds * 1000);
      }),
    );
    expect(parseRetryAfter('007', now)).toBe(7000);
  });

  it('reads the three HTTP-date forms, as GMT', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(37_000);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(37_000);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', now)).toBe(37_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 24 * 3600 }), (seconds) => {
        const base = Date.UTC(2026, 0, 1);
        const forms = httpDates(new Date(base + seconds * 1000));
        for (const [form, text] of Object.entries(forms)) {
          expect(parseRetryAfter(text, base), `${form}: ${text}`).toBe(seconds * 1000);
        }
      }),
    );
  });

  it('a date in the past means now', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:48:00 GMT', now)).toBe(0);
  });

  it('anything else is no answer: "1, 1", "-1", "1.5", other zones, garbage', () => {
    for (const value of [
      '1, 1',
      '-1',
      '1.5',
      '+1',
      '1e3',
      '0x10',
      '١',
      'soon',
      '',
      '   ',
      '1 1',
      'Sun, 06 Nov 1994 08:49:37 PST',
      'Sun, 06 Nov 1994 08:49:37',
      'Sunday, 06 Nov 1994 08:49:37 GMT',
      '2026-01-01T00:00:00Z',
      'Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT',
    ]) {
      expect(parseRetryAfter(value, now), JSON.stringify(value)).toBeUndefined();
    }
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('never gives a negative, NaN or infinite wait, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const wait = parseRetryAfter(text, now);
        if (wait !== undefined) {
          expect(Number.isFinite(wait) && wait >= 0).toBe(true);
          expect(/^\s*\d+\s*$/.test(text) || /GMT|\d{4}\s*$/.test(text)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ max: -1 }).map(String),
          fc
            .double({ noNaN: true, noDefaultInfinity: true })
            .filter((n) => !Number.isInteger(n))
            .map(String),
          fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `${a}, ${b}`),
          fc.tuple(fc.nat(), fc.stringMatching(/^[a-z]+$/)).map(([a, b]) => `${a}${b}`),
        ),
        (text) => {
          expect(parseRetryAfter(text, now)).toBeUndefined();
        },
      ),
    );
  });

  it('retryDelayMs falls back to the backoff for what it cannot read, and refuses over the cap', () => {
    const backoff = { initialDelayMs: 400, maxDelayMs: 400, maxRetryAfterMs: 5000 };
    for (const header of ['1, 1', '-1', '1.5', 'garbage', null]) {
      const delay = retryDelayMs(1, header, backoff) ?? -1;
      expect(delay, String(header)).toBeGreaterThanOrEqual(300);
      expect(delay, String(header)).toBeLessThanOrEqual(400);
    }
    expect(retryDelayMs(1, '2', backoff)).toBe(2000);
    expect(retryDelayMs(1, '6', backoff)).toBeUndefined();
  });
});

describe('Retry-After on the wire', () => {
  let server: RecordingServer;
  /** Answers 503 with the Retry-After values of `X-Retry-After` (JSON array: several headers), then 200. */
  beforeAll(async () => {
    server = await startRecordingServer((request, response) => {
      const scenario = request.headers['x-scenario'];
      const seen = server.requests.filter((item) => item.headers['x-scenario'] === scenario).length;
      if (seen > 1) return undefined;
      const values = JSON.parse(String(request.headers['x-retry-after'])) as string[];
      response.setHeader('Retry-After', values.length === 1 ? (values[0] ?? '') : values);
      response.writeHead(503, { 'Content-Type': 'application/json' }).end('{"name":"busy"}');
      return 'answered';
    });
  });
  afterAll(() => server.close());

  /** Calls once through a 503 carrying `values`; the wait the client chose (from its log) and the time taken. */
  async function waitFor(values: string[], backoff: { initialDelayMs: number; maxDelayMs: number }) {
    const lines: string[] = [];
    const logger = {
      debug: () => undefined,
      info: (line: string) => lines.push(line),
      warn: () => undefined,
      error: () => undefined,
    };
    const stability = createStabilityClient({ apiKey: 'sk-ra', baseUrl: server.url, retryBackoff: backoff, logger });
    const headers = { 'X-Scenario': `ra-${Math.random()}`, 'X-Retry-After': JSON.stringify(values) };
    const started = performance.now();
    const balance = await stability.user.balance({ headers });
    const elapsed = performance.now() - started;
    expect(balance.attempts).toBe(2);
    const planned = Number(/retry 1 of \d+ in (\d+) ms/.exec(lines.join('\n'))?.[1]);
    return { planned, elapsed };
  }

  it('"1, 1" (a duplicated header), "-1", "1.5" and garbage wait the backoff, not ~0 ms', async () => {
    const backoff = { initialDelayMs: 300, maxDelayMs: 300 };
    for (const values of [['1', '1'], ['1, 1'], ['-1'], ['1.5'], ['tomorrow']]) {
      const { planned, elapsed } = await waitFor(values, backoff);
      expect(planned, values.join(' | ')).toBeGreaterThanOrEqual(225);
      expect(planned, values.join(' | ')).toBeLessThanOrEqual(300);
      expect(elapsed, values.join(' | ')).toBeGreaterThanOrEqual(200);
    }
  });

  it('digits and an HTTP date are honoured over the backoff', async () => {
    const backoff = { initialDelayMs: 7000, maxDelayMs: 7000 };
    const digits = await waitFor(['1'], backoff);
    expect(digits.planned).toBe(1000);
    expect(digits.elapsed).toBeGreaterThanOrEqual(950);
    const inTwoSeconds = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000);
    const future = await waitFor([inTwoSeconds.toUTCString()], backoff);
    expect(future.planned).toBeGreaterThan(0);
    expect(future.planned).toBeLessThanOrEqual(3000);
    // A date just past, in each form: read as a date (wait 0), not as garbage (the 7 s backoff).
    for (const form of Object.values(httpDates(new Date(Date.now() - 5000)))) {
      const past = await waitFor([form], backoff);
      expect(past.planned, form).toBe(0);
    }
  });
});
