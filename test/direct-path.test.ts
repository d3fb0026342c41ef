import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientOptions, createStabilityClient } from '../src/index.js';
import { listenOnLoopback } from './helpers/local-server.js';

/**
 * The wrappers' calls go straight to fetch when the client has no `fetch` option and no middleware on
 * `raw` (src/wrappers/direct.ts), and through openapi-fetch otherwise. Both must put the same request on
 * the wire: method, URL, header names (case included), order and values, and body.
 */

interface Seen {
  method: string | undefined;
  url: string | undefined;
  rawHeaders: string[];
  body: string;
}

const seen: Seen[] = [];
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  server = await listenOnLoopback(
    createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push({
          method: request.method,
          url: request.url,
          rawHeaders: request.rawHeaders,
          body: Buffer.concat(chunks).toString('latin1'),
        });
        if (request.url?.startsWith('/v1/engines/list')) {
          response.writeHead(200, { 'Content-Type': 'application/json' });
          response.end('[]');
        } else if (request.url?.startsWith('/v1/user/balance')) {
          response.writeHead(200, { 'Content-Type': 'application/json' });
          response.end('{"credits":1}');
        } else if (request.url?.startsWith('/v1/user/account')) {
          response.writeHead(401, { 'Content-Type': 'application/json' });
          response.end('{"id":"x","name":"unauthorized","message":"no"}');
        } else {
          response.writeHead(200, { 'Content-Type': 'application/json' });
          response.end('{"artifacts":[]}');
        }
      });
    }),
  );
});

afterAll(() => server.close());

/** What the server saw for one call, made by a client with the given options, direct or through openapi-fetch. */
async function wire(
  options: ClientOptions,
  middleware: boolean,
  call: (client: ReturnType<typeof createStabilityClient>) => Promise<unknown>,
): Promise<Seen> {
  const client = createStabilityClient({ apiKey: 'sk-direct-test', baseUrl: server.url, maxRetries: 0, ...options });
  if (middleware) client.raw.use({ onRequest: () => undefined });
  seen.length = 0;
  await call(client).catch(() => undefined);
  const [request] = seen;
  if (!request) throw new Error('nothing reached the server');
  return request;
}

const cases: Array<[string, ClientOptions, (client: ReturnType<typeof createStabilityClient>) => Promise<unknown>]> = [
  ['engines.list', {}, (client) => client.engines.list()],
  [
    'client headers, a defaultHeaders null removing one, call headers overriding by another case',
    {
      organization: 'org-1',
      clientId: 'cid',
      clientVersion: '1.0',
      defaultHeaders: { 'X-Extra': 'a', 'User-Agent': null, 'X-Other': 'b' },
    },
    (client) => client.user.balance({ headers: { 'x-extra': 'call', 'X-Third': 'c' } }),
  ],
  ['a 4xx answer', {}, (client) => client.user.account()],
  [
    'a JSON body',
    { defaultHeaders: { 'X-Extra': 'a' } },
    (client) =>
      client.generation.textToImage('stable-diffusion-v1-6', { text_prompts: [{ text: 'a lighthouse, é' }] }, {}),
  ],
  [
    'a JSON body, Content-Type given by the call',
    {},
    (client) =>
      client.generation.textToImage(
        'stable-diffusion-v1-6',
        { text_prompts: [{ text: 'x' }] },
        { headers: { 'content-type': 'application/json' } },
      ),
  ],
  [
    'a path value that needs encoding',
    {},
    (client) => client.generation.textToImage('engine with space/é', { text_prompts: [{ text: 'x' }] }),
  ],
];

describe('direct path and openapi-fetch put the same request on the wire', () => {
  it.each(cases)('%s', async (_, options, call) => {
    const direct = await wire(options, false, call);
    const throughOpenapiFetch = await wire(options, true, call);
    expect(direct).toEqual(throughOpenapiFetch);
  });
});
