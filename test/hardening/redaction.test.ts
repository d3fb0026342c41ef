import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIError, createStabilityClient, StabilityError } from '../../src/index.js';
import { redactDeep } from '../../src/wrappers/logger.js';
import { type RecordingServer, rejectionOf, renderingsOf, startRecordingServer } from '../helpers/hostile-servers.js';

let server: RecordingServer;

/**
 * Answers the status of `X-Status` with a body that echoes the request's headers, in the format of
 * `X-Format`: JSON (the key in values, in a key, in a nested array), an HTML page, or plain text.
 */
function echoingAnswer(request: { headers: Record<string, string | string[] | undefined> }) {
  const authorization = String(request.headers.authorization);
  const key = authorization.replace(/^Bearer /, '');
  switch (request.headers['x-format']) {
    case 'json':
      return {
        type: 'application/json',
        body: JSON.stringify({
          id: `req-${key}`,
          name: 'unauthorized',
          message: `Invalid credentials: ${authorization}`,
          headers: request.headers,
          [`seen-${key}`]: [{ deeper: [key, `x${key}x`] }],
        }),
      };
    case 'html':
      return {
        type: 'text/html',
        body: `<html><body><h1>Error</h1><pre>authorization: ${authorization}\nkey=${key}</pre></body></html>`,
      };
    default:
      return { type: 'text/plain', body: `${key} is not a valid key; you sent "${authorization}"` };
  }
}

describe('the key is redacted from API errors', () => {
  beforeAll(async () => {
    server = await startRecordingServer((request, response) => {
      const { type, body } = echoingAnswer(request);
      response.writeHead(Number(request.headers['x-status']), { 'Content-Type': type }).end(body);
      return 'answered';
    });
  });
  afterAll(() => server.close());

  const key = fc.stringMatching(/^sk-[A-Za-z0-9]{20,40}$/);

  it('from message, body, errorMessage, requestId, String, JSON and inspect, for 4xx and 5xx, JSON, HTML and text', async () => {
    await fc.assert(
      fc.asyncProperty(
        key,
        fc.constantFrom(400, 401, 403, 404, 429, 500, 503),
        fc.constantFrom('json', 'html', 'text'),
        fc.constantFrom('textToImage', 'balance', 'upscale'),
        async (apiKey, status, format, operation) => {
          const stability = createStabilityClient({ apiKey, baseUrl: server.url, maxRetries: 0 });
          const headers = { 'X-Status': String(status), 'X-Format': format };
          const call =
            operation === 'textToImage'
              ? stability.generation.textToImage('e', { text_prompts: [{ text: 'x' }] }, { headers })
              : operation === 'upscale'
                ? stability.generation.upscale('esrgan-v1-x2plus', { image: new Uint8Array([1, 2]) }, { headers })
                : stability.user.balance({ headers });
          const error = await rejectionOf(call);
          expect(error).toBeInstanceOf(APIError);
          const apiError = error as APIError;
          expect(apiError.status).toBe(status);
          for (const text of [
            ...renderingsOf(error, inspect),
            String(apiError.requestId ?? ''),
            String(apiError.errorName ?? ''),
          ]) {
            expect(text).not.toContain(apiKey);
          }
          // Still useful: the rest of the message is kept.
          if (format === 'json') expect(apiError.errorMessage).toContain('Invalid credentials');
          if (format === 'html') expect(apiError.message).toContain('Error');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('from a body whose JSON nests the key deep, in keys and arrays', async () => {
    const apiKey = 'sk-deep-secret-0123456789abcdef';
    const error = await rejectionOf(
      createStabilityClient({ apiKey, baseUrl: server.url, maxRetries: 0 }).user.balance({
        headers: { 'X-Status': '401', 'X-Format': 'json' },
      }),
    );
    const body = (error as APIError).body as Record<string, unknown>;
    expect(JSON.stringify(body)).not.toContain(apiKey);
    expect(Object.keys(body)).toContain('seen-***');
    expect(body['seen-***']).toEqual([{ deeper: ['***', 'x***x'] }]);
  });

  it('redactDeep keeps the shape and values that hold no secret', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(redactDeep(value, ['sk-never-present-in-generated-values'])).toEqual(value);
      }),
    );
  });

  it('from a 2xx body the client cannot read (ResponseFormatError excerpt) that echoes the key', async () => {
    const apiKey = 'sk-format-secret-0123456789';
    const echo = await startRecordingServer((request, response) => {
      const authorization = String(request.headers.authorization);
      const bodies: Record<string, [string, string]> = {
        'bad-json': ['application/json', `{"echo": "${authorization}"`],
        text: ['text/plain', `hello ${authorization}`],
        shape: ['application/json', JSON.stringify({ artifacts: [{ base64: authorization, seed: 1 }] })],
      };
      const [type, body] = bodies[String(request.headers['x-format'])] ?? ['text/plain', ''];
      response.writeHead(200, { 'Content-Type': type }).end(body);
      return 'answered';
    });
    try {
      const stability = createStabilityClient({ apiKey, baseUrl: echo.url, maxRetries: 0 });
      for (const format of ['bad-json', 'text', 'shape']) {
        const headers = { 'X-Format': format };
        for (const call of [
          () => stability.user.balance({ headers }),
          () => stability.generation.textToImage('e', { text_prompts: [{ text: 'x' }] }, { headers }),
        ]) {
          const error = await rejectionOf(call());
          expect(error).toBeInstanceOf(StabilityError);
          for (const text of renderingsOf(error, inspect)) expect(text, format).not.toContain(apiKey);
        }
      }
    } finally {
      await echo.close();
    }
  });

  it('a custom fetch that throws with the key in its message: a StabilityError without it', async () => {
    const apiKey = 'sk-thrown-secret-0123456789';
    const fetch = async (request: Request) => {
      throw new Error(`could not send ${request.headers.get('Authorization')} to the proxy`);
    };
    const error = await rejectionOf(createStabilityClient({ apiKey, fetch, maxRetries: 0 }).user.balance());
    expect(error).toBeInstanceOf(StabilityError);
    for (const text of [String(error), (error as Error).message]) expect(text).not.toContain(apiKey);
  });
});
