import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  createStabilityClient,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  StabilityError,
  specInfo,
} from '../src/index.js';
import { fakeApi } from './helpers/fake-api.js';
import { specDocument } from './helpers/spec.js';

const apiKey = 'sk-SECRET-errors-0123456789';

function failingClient(response: () => Response) {
  return createStabilityClient({
    apiKey,
    baseUrl: 'https://api.example.test',
    fetch: fakeApi(response).fetch,
    maxRetries: 0,
  });
}

async function errorFrom(response: () => Response): Promise<APIError> {
  return (await failingClient(response)
    .generation.textToImage('stable-diffusion-v1-6', { text_prompts: [{ text: 'x' }] })
    .catch((error: unknown) => error)) as APIError;
}

const apiBody = (name: string, message: string) => ({ id: 'err-1234', name, message });

describe('API errors', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, APIError],
  ])('maps status %i to %o', async (status, ErrorClass) => {
    const error = await errorFrom(() => Response.json(apiBody('some_error', 'went wrong'), { status }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(StabilityError);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.status).toBe(status);
  });

  it('carries status, headers, body, error name, message and request id, and says them in its message', async () => {
    const error = await errorFrom(() =>
      Response.json(apiBody('invalid_samples', 'Sample count may only be greater than 1 with JSON'), {
        status: 400,
        headers: { 'x-trace': 'abc' },
      }),
    );
    expect(error).toMatchObject({
      status: 400,
      errorName: 'invalid_samples',
      errorMessage: 'Sample count may only be greater than 1 with JSON',
      requestId: 'err-1234',
      method: 'POST',
      path: '/v1/generation/stable-diffusion-v1-6/text-to-image',
      body: apiBody('invalid_samples', 'Sample count may only be greater than 1 with JSON'),
    });
    expect(error.headers.get('x-trace')).toBe('abc');
    expect(error.message).toBe(
      'POST /v1/generation/stable-diffusion-v1-6/text-to-image failed with 400 invalid_samples: ' +
        'Sample count may only be greater than 1 with JSON',
    );
  });

  it('still explains an HTML error page', async () => {
    const error = await errorFrom(
      () =>
        new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', {
          status: 502,
          headers: { 'Content-Type': 'text/html' },
        }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBe('<html><body><h1>502 Bad Gateway</h1></body></html>');
    expect(error.message).toContain('failed with 502: <html><body><h1>502 Bad Gateway</h1>');
  });

  it('handles an empty body and a body without the fields, with the request id from a header', async () => {
    const empty = await errorFrom(() => new Response(null, { status: 503, headers: { 'x-request-id': 'req-9' } }));
    expect(empty).toMatchObject({ status: 503, body: '', errorName: undefined, requestId: 'req-9' });
    expect(empty.message).toBe('POST /v1/generation/stable-diffusion-v1-6/text-to-image failed with 503');
    const partial = await errorFrom(() => Response.json({ message: 'only a message' }, { status: 404 }));
    expect(partial).toMatchObject({ errorName: undefined, errorMessage: 'only a message', requestId: undefined });
  });

  it('raises ConnectionError when no response arrives', async () => {
    const stability = createStabilityClient({
      apiKey,
      baseUrl: 'https://api.example.test',
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const error = await stability.user.balance().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe('GET /v1/user/balance: no response (fetch failed)');
  });

  it('never shows the API key in message, stack, JSON or inspect output', async () => {
    const error = await errorFrom(() => Response.json(apiBody('unauthorized', 'bad key'), { status: 401 }));
    for (const text of [error.message, error.stack ?? '', JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(text).not.toContain(apiKey);
      expect(text).not.toContain('SECRET');
    }
  });
});

describe('client configuration', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('refuses to start without an API key, before any request', () => {
    vi.stubEnv('STABILITY_API_KEY', '');
    expect(() => createStabilityClient()).toThrow(
      new StabilityError('No API key: pass { apiKey } to createStabilityClient() or set STABILITY_API_KEY.'),
    );
  });

  it('reads STABILITY_API_KEY and STABILITY_BASE_URL from the environment', async () => {
    vi.stubEnv('STABILITY_API_KEY', 'sk-from-env');
    vi.stubEnv('STABILITY_BASE_URL', 'https://mirror.example.test/');
    const api = fakeApi(() => Response.json({ credits: 3 }));
    const stability = createStabilityClient({ fetch: api.fetch });
    expect(await stability.user.balance()).toEqual({ credits: 3 });
    expect(api.requests[0]?.url).toBe('https://mirror.example.test/v1/user/balance');
    expect(api.requests[0]?.headers.get('Authorization')).toBe('Bearer sk-from-env');
  });

  it("defaults to the spec's server URL, https://api.stability.ai", async () => {
    vi.stubEnv('STABILITY_BASE_URL', '');
    const api = fakeApi(() => Response.json([]));
    await createStabilityClient({ apiKey, fetch: api.fetch }).engines.list();
    expect(specInfo.serverUrl).toBe(specDocument().servers?.[0]?.url);
    expect(api.requests[0]?.url).toBe(`${specInfo.serverUrl}/v1/engines/list`);
    expect(api.requests[0]?.url).toBe('https://api.stability.ai/v1/engines/list');
  });

  it('appends the spec paths to a base URL that has a path of its own', async () => {
    const api = fakeApi(() => Response.json([]));
    await createStabilityClient({
      apiKey,
      fetch: api.fetch,
      baseUrl: 'https://proxy.example.test/stability/',
    }).engines.list();
    expect(api.requests[0]?.url).toBe('https://proxy.example.test/stability/v1/engines/list');
  });

  it('lets per-call headers through', async () => {
    const api = fakeApi(() => Response.json([]));
    await createStabilityClient({ apiKey, fetch: api.fetch }).engines.list({ headers: { 'X-Trace': 't-1' } });
    expect(api.requests[0]?.headers.get('X-Trace')).toBe('t-1');
  });
});
