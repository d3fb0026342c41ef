import { describe, expect, inject, it } from 'vitest';
import { createStabilityClient } from '../src/index.js';

const stability = createStabilityClient({ apiKey: 'sk-raw-client', baseUrl: inject('prismUrl') });

describe('stability.raw at run time, as its own type declares it', () => {
  it('GET returns the JSON data of a path of the spec', async () => {
    const { data, error, response } = await stability.raw.GET('/v1/user/balance');
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(typeof data?.credits).toBe('number');
  });

  it('POST sends path parameters and a JSON body, and puts an error body in error', async () => {
    const { data, error, response } = await stability.raw.POST('/v1/generation/{engine_id}/text-to-image', {
      // Unlike the methods, the raw client sends only what it is given: Accept among them.
      params: { path: { engine_id: 'stable-diffusion-v1-6' }, header: { Accept: 'application/json' } },
      body: { text_prompts: [{ text: 'a lighthouse' }] },
      headers: { Prefer: 'code=404' },
    });
    expect(response.headers.get('sl-violations')).toBeNull();
    expect(response.status).toBe(404);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ name: expect.any(String), message: expect.any(String) });
  });
});

describe('stability.raw is made on first use', () => {
  it('creating a client does not touch fetch classes; reading raw makes one client, kept', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'Request');
    let reads = 0;
    Object.defineProperty(globalThis, 'Request', {
      configurable: true,
      get() {
        reads++;
        return descriptor?.value ?? descriptor?.get?.call(globalThis);
      },
    });
    try {
      const client = createStabilityClient({ apiKey: 'sk-lazy-raw', baseUrl: inject('prismUrl') });
      expect(reads).toBe(0);
      const raw = client.raw;
      expect(reads).toBeGreaterThan(0);
      expect(client.raw).toBe(raw);
      expect(Object.keys(client)).toContain('raw');
    } finally {
      if (descriptor) Object.defineProperty(globalThis, 'Request', descriptor);
    }
    const { response } = await createStabilityClient({ apiKey: 'sk-lazy-raw', baseUrl: inject('prismUrl') }).raw.GET(
      '/v1/user/balance',
    );
    expect(response.status).toBe(200);
  });
});
