import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIError, createStabilityClient, StabilityError } from '../../src/index.js';
import { RedirectError } from '../../src/wrappers/errors.js';
import { type RecordingServer, rejectionOf, startRecordingServer } from '../helpers/hostile-servers.js';

const apiKey = 'sk-redirects-key';
const prompt = { text_prompts: [{ text: 'a secret prompt' }] };
let target: RecordingServer;
let origin: RecordingServer;
/** Where the origin server points its redirects, per request (by `X-Location`), with the status of `X-Status`. */

describe('redirects are never followed', () => {
  beforeAll(async () => {
    target = await startRecordingServer();
    origin = await startRecordingServer((request, response) => {
      const status = Number(request.headers['x-status']);
      const location = String(request.headers['x-location'] ?? `${target.url}${request.url}`);
      response.writeHead(status, { Location: location, 'Content-Type': 'text/plain' }).end('moved');
      return 'answered';
    });
  });
  afterAll(async () => {
    await Promise.all([target.close(), origin.close()]);
  });

  const statuses = [301, 302, 303, 307, 308];
  const calls = {
    'POST text-to-image': (headers: Record<string, string>) =>
      createStabilityClient({ apiKey, baseUrl: origin.url, organization: 'org-1' }).generation.textToImage(
        'e',
        prompt,
        { headers },
      ),
    'POST image-to-image (streamed upload)': (headers: Record<string, string>) =>
      createStabilityClient({ apiKey, baseUrl: origin.url }).generation.imageToImage(
        'e',
        { ...prompt, init_image: new Uint8Array(10_000).fill(9) },
        { headers },
      ),
    'GET engines': (headers: Record<string, string>) =>
      createStabilityClient({ apiKey, baseUrl: origin.url }).engines.list({ headers }),
  };

  for (const status of statuses) {
    for (const [name, call] of Object.entries(calls)) {
      it(`${status} to another loopback origin, ${name}: RedirectError, nothing sent there`, async () => {
        const before = origin.requests.length;
        const error = await rejectionOf(call({ 'X-Status': String(status) }));
        expect(error).toBeInstanceOf(RedirectError);
        expect(error).toBeInstanceOf(APIError);
        expect(error).toBeInstanceOf(StabilityError);
        const redirect = error as RedirectError;
        if (name.includes('streamed')) {
          // Sent with redirect: 'error' (see streamedInit in body-encoding.ts): fetch hides status and Location.
          expect(redirect.status).toBe(0);
          expect(redirect.targetHost).toBeUndefined();
          expect(redirect.message).toContain('answered a redirect; not followed');
        } else {
          expect(redirect.status).toBe(status);
          expect(redirect.targetHost).toBe(new URL(target.url).host);
          expect(redirect.message).toContain(String(status));
          expect(redirect.message).toContain(new URL(target.url).host);
        }
        expect(redirect.attempts).toBe(1);
        expect(origin.requests.length - before).toBe(1);
        expect(target.requests).toHaveLength(0);
        expect(target.connections).toBe(0);
      });
    }
  }

  it('an https origin pointing to plain http elsewhere: the target host is named, not followed', async () => {
    const error = await rejectionOf(
      calls['GET engines']({ 'X-Status': '301', 'X-Location': 'http://downgrade.example.test/v1' }),
    );
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as RedirectError).targetHost).toBe('downgrade.example.test');
    expect((error as RedirectError).location).toBe('http://downgrade.example.test/v1');
  });

  it('a relative Location resolves against the origin; a missing one leaves targetHost undefined', async () => {
    const relative = await rejectionOf(calls['GET engines']({ 'X-Status': '307', 'X-Location': '/elsewhere' }));
    expect((relative as RedirectError).targetHost).toBe(new URL(origin.url).host);
    const server = await startRecordingServer((_request, response) => {
      response.writeHead(302).end();
      return 'answered';
    });
    const missing = await rejectionOf(createStabilityClient({ apiKey, baseUrl: server.url }).user.balance());
    await server.close();
    expect(missing).toBeInstanceOf(RedirectError);
    expect((missing as RedirectError).targetHost).toBeUndefined();
    expect((missing as RedirectError).status).toBe(302);
  });

  it('a redirect is not retried, even with retryMaybeDelivered', async () => {
    const before = origin.requests.length;
    const error = await rejectionOf(
      createStabilityClient({ apiKey, baseUrl: origin.url, maxRetries: 3, retryMaybeDelivered: true }).engines.list({
        headers: { 'X-Status': '308' },
      }),
    );
    expect(error).toBeInstanceOf(RedirectError);
    expect(origin.requests.length - before).toBe(1);
    expect(target.requests).toHaveLength(0);
  });
});

describe('a custom fetch is told not to follow', () => {
  it("every request it gets has redirect: 'manual', or 'error' for a streamed upload", async () => {
    const seen: string[] = [];
    const fetch = async (request: Request) => {
      seen.push(request.redirect);
      return Response.json({ credits: 1 });
    };
    await createStabilityClient({ apiKey, fetch }).user.balance();
    await createStabilityClient({ apiKey, fetch })
      .generation.textToImage('e', prompt)
      .catch(() => undefined);
    await createStabilityClient({ apiKey, fetch })
      .generation.imageToImage('e', { ...prompt, init_image: new Uint8Array(10).fill(9) })
      .catch(() => undefined);
    expect(seen).toEqual(['manual', 'manual', 'error']);
  });
});
