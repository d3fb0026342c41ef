import { describe, expect, it } from 'vitest';
import { createStabilityClient } from '../src/index.js';
import { isUpload } from '../src/wrappers/uploads.js';
import { allOptionalCases, type GenerationCase, requiredOnlyCases } from './helpers/bodies.js';
import { fakeApi } from './helpers/fake-api.js';
import { rebuildFromForm } from './helpers/multipart.js';
import { variantValidator } from './helpers/table.js';

const apiKey = 'sk-wire-test-key';

function clientWith(api = fakeApi()) {
  return {
    api,
    stability: createStabilityClient({
      apiKey,
      baseUrl: 'https://api.example.test',
      organization: 'org-1234',
      clientId: 'wire-tests',
      clientVersion: '1.2.3',
      fetch: api.fetch,
    }),
  };
}

async function send(testCase: GenerationCase, accept: 'application/json' | 'image/png' = 'application/json') {
  const { api, stability } = clientWith();
  // biome-ignore lint/suspicious/noExplicitAny: each case carries the body type of its own method
  await stability.generation[testCase.method](testCase.engineId, testCase.body as any, { accept });
  const [request] = api.requests;
  if (!request) throw new Error('no request reached fetch');
  return request;
}

/** The body as the user gave it, with uploads and undefined fields left out, for comparison with the wire. */
function withoutUploads(body: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined && !isUpload(value)));
}

async function bytesOf(upload: unknown): Promise<Uint8Array> {
  if (upload instanceof Blob) return new Uint8Array(await upload.arrayBuffer());
  if (ArrayBuffer.isView(upload)) return new Uint8Array(upload.buffer, upload.byteOffset, upload.byteLength);
  return new Uint8Array(upload as ArrayBuffer);
}

const multipartCases = [...requiredOnlyCases, ...allOptionalCases].filter((c) => c.method !== 'textToImage');

describe('wire format', () => {
  describe.each(multipartCases)('multipart $method: $name', (testCase) => {
    it('decodes into the nested body the user gave, valid against the real schema', async () => {
      const request = await send(testCase);
      expect(request.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
      const form = await request.clone().formData();
      const rebuilt = rebuildFromForm(form, testCase.schemaName);
      const files = Object.entries(rebuilt).filter(([, value]) => value instanceof File);
      const fields = Object.fromEntries(Object.entries(rebuilt).filter(([, value]) => !(value instanceof File)));
      expect(fields).toEqual(withoutUploads(testCase.body));
      const forSchema = { ...rebuilt, ...Object.fromEntries(files.map(([name]) => [name, '<upload>'])) };
      const validate = variantValidator(testCase.schemaName);
      expect(validate(forSchema), JSON.stringify(validate.errors)).toBe(true);
    });

    it('sends every upload as a typed, named file part with the bytes given', async () => {
      const request = await send(testCase);
      const form = await request.formData();
      const uploads = Object.entries(testCase.body).filter(([, value]) => isUpload(value));
      expect(uploads.length).toBeGreaterThan(0);
      for (const [field, value] of uploads) {
        const part = form.get(field);
        expect(part, field).toBeInstanceOf(File);
        const file = part as File;
        expect(file.type).toBe('image/png');
        expect(file.name).toBe(value instanceof File ? value.name : `${field}.png`);
        expect(new Uint8Array(await file.arrayBuffer())).toEqual(await bytesOf(value));
      }
    });
  });

  it('names prompt parts text_prompts[i][text] and [weight], weight only when given', async () => {
    const testCase = allOptionalCases.find((c) => c.name === 'imageToImage (IMAGE_STRENGTH)');
    if (!testCase) throw new Error('missing case');
    const form = await (await send(testCase)).formData();
    const promptNames = [...form.keys()].filter((name) => name.startsWith('text_prompts'));
    expect(promptNames).toEqual([
      'text_prompts[0][text]',
      'text_prompts[0][weight]',
      'text_prompts[1][text]',
      'text_prompts[1][weight]',
      'text_prompts[2][text]',
    ]);
    expect(form.get('text_prompts[1][weight]')).toBe('-0.5');
    expect(form.get('seed')).toBe('4294967295');
    expect(form.get('cfg_scale')).toBe('7.5');
  });

  it('leaves out of the form the options the user left out', async () => {
    const testCase = requiredOnlyCases.find((c) => c.method === 'imageToImage');
    if (!testCase) throw new Error('missing case');
    const { api, stability } = clientWith();
    await stability.generation.imageToImage(testCase.engineId, {
      text_prompts: [{ text: 'x' }],
      init_image: new Uint8Array([1, 2, 3]),
      cfg_scale: undefined,
    });
    const form = await (api.requests[0] as Request).formData();
    expect([...form.keys()].sort()).toEqual(['init_image', 'text_prompts[0][text]']);
  });

  it('writes small numbers in decimal, not exponent notation', async () => {
    const { api, stability } = clientWith();
    await stability.generation.imageToImage('stable-diffusion-v1-6', {
      text_prompts: [{ text: 'x', weight: 0.0000001 }],
      init_image: new Uint8Array([1]),
      step_schedule_end: 1e-7,
      init_image_mode: 'STEP_SCHEDULE',
    });
    const form = await (api.requests[0] as Request).formData();
    expect(form.get('text_prompts[0][weight]')).toBe('0.0000001');
    expect(form.get('step_schedule_end')).toBe('0.0000001');
  });

  it('types bytes from their signature: JPEG bytes go out as image/jpeg', async () => {
    const { api, stability } = clientWith();
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    await stability.generation.upscale('esrgan-v1-x2plus', { image: jpeg });
    const file = (await (api.requests[0] as Request).formData()).get('image') as File;
    expect([file.type, file.name]).toEqual(['image/jpeg', 'image.jpg']);
  });

  it.each(['application/json', 'image/png'] as const)('sends text-to-image as JSON with Accept %s', async (accept) => {
    const testCase = allOptionalCases.find((c) => c.method === 'textToImage');
    if (!testCase) throw new Error('missing case');
    const request = await send({ ...testCase, body: { ...testCase.body, samples: 1 } }, accept);
    expect(request.method).toBe('POST');
    expect(new URL(request.url).pathname).toBe('/v1/generation/stable-diffusion-xl-1024-v1-0/text-to-image');
    expect(request.headers.get('Content-Type')).toBe('application/json');
    expect(request.headers.get('Accept')).toBe(accept);
    expect(await request.json()).toEqual({ ...testCase.body, samples: 1 });
  });

  it('always sends Accept explicitly, and the key and client headers on every call', async () => {
    const { api, stability } = clientWith(fakeApi(() => Response.json([])));
    await stability.engines.list();
    await stability.generation.upscale('esrgan-v1-x2plus', { image: new Uint8Array([1]) }).catch(() => undefined);
    for (const request of api.requests) {
      expect(request.headers.get('Authorization')).toBe(`Bearer ${apiKey}`);
      expect(request.headers.get('Organization')).toBe('org-1234');
      expect(request.headers.get('Stability-Client-ID')).toBe('wire-tests');
      expect(request.headers.get('Stability-Client-Version')).toBe('1.2.3');
    }
    expect(api.requests.map((request) => request.headers.get('Accept'))).toEqual([
      'application/json',
      'application/json',
    ]);
  });
});
