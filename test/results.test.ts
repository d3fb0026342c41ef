import { describe, expect, it } from 'vitest';
import { createStabilityClient, ResponseFormatError } from '../src/index.js';
import { fakeApi, fakeImage } from './helpers/fake-api.js';

function client(respond?: (request: Request) => Response) {
  return createStabilityClient({
    apiKey: 'sk-results',
    baseUrl: 'https://api.example.test',
    fetch: fakeApi(respond).fetch,
  });
}

const body = { text_prompts: [{ text: 'a lighthouse' }] };

describe('generation results', () => {
  it('decodes JSON artifacts into bytes, seed and finish reason', async () => {
    const result = await client().generation.textToImage('stable-diffusion-v1-6', { ...body, samples: 2 });
    expect(result.artifacts).toEqual([
      { image: fakeImage, seed: 42, finishReason: 'SUCCESS' },
      { image: fakeImage, seed: 43, finishReason: 'CONTENT_FILTERED' },
    ]);
    expect(result.response.status).toBe(200);
    expect(result.response.headers.get('Content-Type')).toContain('application/json');
  });

  it('reads a PNG body as the single artifact, seed and finish reason from the headers', async () => {
    const result = await client().generation.textToImage('stable-diffusion-v1-6', body, { accept: 'image/png' });
    expect(result.artifacts).toEqual([{ image: fakeImage, seed: 4294967295, finishReason: 'CONTENT_FILTERED' }]);
    expect(result.response.headers.get('Content-Type')).toBe('image/png');
  });

  it('reads the artifacts nested in an array, as mock servers send them from the spec example', async () => {
    const nested = () => Response.json({ artifacts: [[{ base64: 'AQID', seed: 1, finishReason: 'SUCCESS' }]] });
    const result = await client(nested).generation.textToImage('stable-diffusion-v1-6', body);
    expect(result.artifacts).toEqual([{ image: new Uint8Array([1, 2, 3]), seed: 1, finishReason: 'SUCCESS' }]);
  });

  it.each([
    ['invalid JSON', () => new Response('{"artifacts": [', { headers: { 'Content-Type': 'application/json' } })],
    ['a wrong shape', () => Response.json({ artifacts: [{ base64: 5 }] })],
    ['an artifact without seed', () => Response.json({ artifacts: [{ base64: 'AQID', finishReason: 'SUCCESS' }] })],
    ['a PNG without Seed header', () => new Response(fakeImage, { headers: { 'Content-Type': 'image/png' } })],
    ['invalid base64', () => Response.json({ artifacts: [{ base64: 'AQ!D', seed: 1, finishReason: 'SUCCESS' }] })],
  ])('raises ResponseFormatError for %s', async (_label, respond) => {
    const error = await client(respond)
      .generation.textToImage('stable-diffusion-v1-6', body)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect((error as ResponseFormatError).status).toBe(200);
  });

  it('names the artifact and the offending character when base64 is invalid', async () => {
    const artifacts = [
      { base64: 'AQID', seed: 1, finishReason: 'SUCCESS' },
      { base64: '...very long string...', seed: 2, finishReason: 'SUCCESS' },
    ];
    const error = await client(() => Response.json({ artifacts }))
      .generation.textToImage('stable-diffusion-v1-6', { ...body, samples: 2 })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect((error as ResponseFormatError).message).toContain(
      'artifact 1: base64 is not valid base64 ("." at offset 0)',
    );
    expect((error as ResponseFormatError).bodyExcerpt).toContain('"base64":"AQID"');
  });

  it('returns engines, account and balance as the API sends them', async () => {
    const engines = [{ id: 'stable-diffusion-v1-6', name: 'SD 1.6', description: 'd', type: 'PICTURE' }];
    const account = { id: 'user-1', email: 'a@example.test', organizations: [] };
    const answers: Record<string, unknown> = {
      '/v1/engines/list': engines,
      '/v1/user/account': account,
      '/v1/user/balance': { credits: 12.5 },
    };
    const stability = client((request) => Response.json(answers[new URL(request.url).pathname]));
    expect(await stability.engines.list()).toEqual(engines);
    expect(await stability.user.account()).toEqual(account);
    expect(await stability.user.balance()).toEqual({ credits: 12.5 });
  });

  it('carries response and attempts on engines, account and balance without changing their data', async () => {
    const stability = client((request) =>
      new URL(request.url).pathname === '/v1/user/balance'
        ? Response.json({ credits: 3 }, { headers: { 'X-Request-Id': 'req-7' } })
        : Response.json([{ id: 'e', name: 'E', description: 'd', type: 'PICTURE' }]),
    );
    const balance = await stability.user.balance();
    expect([balance.attempts, balance.response.status, balance.response.headers.get('X-Request-Id')]).toEqual([
      1,
      200,
      'req-7',
    ]);
    expect([JSON.stringify(balance), Object.keys(balance), { ...balance }]).toEqual([
      '{"credits":3}',
      ['credits'],
      { credits: 3 },
    ]);
    const engines = await stability.engines.list();
    expect([engines.attempts, engines.length, JSON.stringify(engines.map((engine) => engine.id))]).toEqual([
      1,
      1,
      '["e"]',
    ]);
  });

  describe('JSON responses are checked against the spec for their operation and status', () => {
    const answering = (body: unknown) => client(() => Response.json(body));

    it.each([
      ['engines.list', [{ nope: 1 }, 42], '/0 must have required property'],
      ['user.account', { email: 'a@example.test', organizations: [] }, "must have required property 'id'"],
      ['user.balance', { credits: 'many' }, '/credits must be number'],
    ] as const)('%s refuses %j', async (method, body, problem) => {
      const stability = answering(body);
      const call =
        method === 'engines.list'
          ? stability.engines.list()
          : method === 'user.account'
            ? stability.user.account()
            : stability.user.balance();
      const error = await call.catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ResponseFormatError);
      expect((error as ResponseFormatError).message).toContain('response does not match the spec');
      expect((error as ResponseFormatError).message).toContain(problem);
      expect((error as ResponseFormatError).status).toBe(200);
    });

    it('refuses a generation whose artifacts break the Image schema', async () => {
      const error = await answering({ artifacts: [{ base64: 'AQID', seed: 'x', finishReason: 'SUCCESS' }] })
        .generation.textToImage('stable-diffusion-v1-6', { text_prompts: [{ text: 'x' }] })
        .catch((thrown: unknown) => thrown);
      expect((error as ResponseFormatError).message).toContain('/artifacts/0/seed must be number');
    });

    it('reads the bare array of images some revisions declare, as the live API sends { artifacts }', async () => {
      const image = Buffer.from(fakeImage).toString('base64');
      const result = await answering([{ base64: image, seed: 9, finishReason: 'SUCCESS' }]).generation.textToImage(
        'stable-diffusion-v1-6',
        { text_prompts: [{ text: 'x' }] },
      );
      expect(result.artifacts.map((artifact) => [artifact.seed, artifact.image.length])).toEqual([
        [9, fakeImage.length],
      ]);
    });

    it('refuses a Content-Type the spec does not declare for the status', async () => {
      const error = await client(() => new Response('<xml/>', { headers: { 'Content-Type': 'application/xml' } }))
        .user.balance()
        .catch((thrown: unknown) => thrown);
      expect((error as ResponseFormatError).message).toContain(
        'response has Content-Type application/xml; the spec declares application/json for 200',
      );
    });
  });
});
