import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createStabilityClient, OptionError, ResponseFormatError, ValidationError } from '../src/index.js';
import { packageVersion } from '../src/wrappers/runtime.js';
import { fakeApi, fakeImage } from './helpers/fake-api.js';

const apiKey = 'sk-conventions-test-key';
const prompt = { text_prompts: [{ text: 'a lighthouse' }] };

describe('identification and transport options', () => {
  it('names the package and its version in User-Agent, with the version of package.json', async () => {
    const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
    expect(packageVersion).toBe(version);
    const api = fakeApi(() => Response.json({ credits: 1 }));
    await createStabilityClient({ apiKey, fetch: api.fetch }).user.balance();
    expect(api.requests[0]?.headers.get('User-Agent')).toBe(
      `stability-rest/${version} (node ${process.versions.node})`,
    );
  });

  it("sends defaultHeaders on every request, under a call's own headers; null removes one", async () => {
    const api = fakeApi(() => Response.json({ credits: 1 }));
    const stability = createStabilityClient({
      apiKey,
      fetch: api.fetch,
      organization: 'org-1',
      defaultHeaders: { 'X-Gateway': 'g1', 'User-Agent': null },
    });
    await stability.user.balance();
    await stability.user.balance({ headers: { 'X-Gateway': 'g2' } });
    const [first, second] = api.requests;
    expect(first?.headers.get('X-Gateway')).toBe('g1');
    expect(first?.headers.get('User-Agent')).toBeNull();
    expect(first?.headers.get('Organization')).toBe('org-1');
    expect(second?.headers.get('X-Gateway')).toBe('g2');
  });

  it("passes fetchOptions to fetch as its second argument, a call's own over the client's", async () => {
    const seen: unknown[] = [];
    const fetch = async (_request: Request, init?: Record<string, unknown>) => {
      seen.push(init);
      return Response.json({ credits: 1 });
    };
    const dispatcher = { name: 'proxy-agent' };
    const stability = createStabilityClient({ apiKey, fetch, fetchOptions: { dispatcher, priority: 'low' } });
    await stability.user.balance();
    await stability.user.balance({ fetchOptions: { priority: 'high' } });
    await createStabilityClient({ apiKey, fetch }).user.balance();
    expect(seen).toEqual([{ dispatcher, priority: 'low' }, { dispatcher, priority: 'high' }, undefined]);
  });

  it('refuses fetchOptions that would override what the client sets, by name', async () => {
    expect(() => createStabilityClient({ apiKey, fetchOptions: { redirect: 'follow' } })).toThrow(
      expect.objectContaining({ name: 'OptionError', option: 'fetchOptions.redirect', rule: 'reserved' }),
    );
    const api = fakeApi(() => Response.json({ credits: 1 }));
    const error = await createStabilityClient({ apiKey, fetch: api.fetch })
      .user.balance({ fetchOptions: { body: 'x', signal: null } })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => `${issue.path} ${issue.rule}`)).toEqual([
      'options.fetchOptions.body reserved',
      'options.fetchOptions.signal reserved',
    ]);
    expect(api.requests).toHaveLength(0);
  });
});

describe('in a web page', () => {
  const scope = globalThis as Record<string, unknown>;
  const original = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  const pretendBrowser = () => {
    scope.window = { document: {} };
    Object.defineProperty(globalThis, 'navigator', { value: { userAgent: 'test' }, configurable: true });
  };
  afterEach(() => {
    delete scope.window;
    if (original) Object.defineProperty(globalThis, 'navigator', original);
  });

  it('refuses to hold an API key unless dangerouslyAllowBrowser is set', async () => {
    pretendBrowser();
    expect(() => createStabilityClient({ apiKey })).toThrow(OptionError);
    expect(() => createStabilityClient({ apiKey })).toThrow(/dangerouslyAllowBrowser/);
    const api = fakeApi(() => Response.json({ credits: 1 }));
    const stability = createStabilityClient({ apiKey, fetch: api.fetch, dangerouslyAllowBrowser: true });
    await stability.user.balance();
    // A browser owns User-Agent (and setting it would need a CORS preflight that allows it).
    expect(api.requests[0]?.headers.get('User-Agent')).toBeNull();
  });

  it("says why when a PNG response's Seed and Finish-Reason headers are not exposed (CORS)", async () => {
    pretendBrowser();
    const api = fakeApi(() => new Response(fakeImage, { headers: { 'Content-Type': 'image/png' } }));
    const stability = createStabilityClient({ apiKey, fetch: api.fetch, dangerouslyAllowBrowser: true });
    const error = await stability.generation
      .textToImage('stable-diffusion-v1-6', prompt, { accept: 'image/png' })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect((error as Error).message).toContain('Access-Control-Expose-Headers: Seed, Finish-Reason');
  });
});

describe('environment variables', () => {
  it('are optional where the runtime forbids reading them (Deno without --allow-env throws)', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(process, 'env');
    Object.defineProperty(process, 'env', {
      configurable: true,
      get() {
        throw new Error('NotCapable: Requires env access');
      },
    });
    try {
      const api = fakeApi(() => Response.json({ credits: 1 }));
      const { credits } = await createStabilityClient({ apiKey, fetch: api.fetch }).user.balance();
      expect(credits).toBe(1);
    } finally {
      if (descriptor) Object.defineProperty(process, 'env', descriptor);
    }
  });
});
