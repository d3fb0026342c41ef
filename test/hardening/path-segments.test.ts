import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStabilityClient, StabilityError, ValidationError } from '../../src/index.js';
import { type RecordingServer, rejectionOf, startRecordingServer } from '../helpers/hostile-servers.js';

const apiKey = 'sk-paths';
const prompt = { text_prompts: [{ text: 'a lighthouse' }] };
const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
let server: RecordingServer;

const client = (validate = true) => createStabilityClient({ apiKey, baseUrl: server.url, validate, maxRetries: 0 });

describe('engine ids are one encoded path segment', () => {
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server.close());

  for (const validate of [true, false]) {
    it(`'.', '..' and '' are refused, naming path.engine_id, nothing sent (validate: ${validate})`, async () => {
      for (const engine of ['.', '..', '']) {
        const before = server.requests.length;
        for (const call of [
          () => client(validate).generation.textToImage(engine, prompt),
          () => client(validate).generation.imageToImage(engine, { ...prompt, init_image: image }),
          () => client(validate).generation.upscale(engine, { image }),
        ]) {
          const error = await rejectionOf(call());
          expect(error, JSON.stringify(engine)).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('path.engine_id');
        }
        expect(server.requests.length).toBe(before);
      }
    });
  }

  it('a non-string engine id is a ValidationError, even with validate: false', async () => {
    for (const engine of [undefined, null, {}, ['e']]) {
      const error = await rejectionOf(client(false).generation.textToImage(engine as never, prompt));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe('path.engine_id');
    }
  });

  it("'a/b', '%2e%2e', '__proto__', 'constructor', 'valueOf' travel as one encoded segment", async () => {
    for (const engine of [
      'a/b',
      '%2e%2e',
      '__proto__',
      'constructor',
      'valueOf',
      'toString',
      '...',
      '../x',
      '?a=b',
      '#x',
    ]) {
      const before = server.requests.length;
      await client().generation.textToImage(engine, prompt);
      await client().generation.upscale(engine, { image });
      expect(server.requests.slice(before).map((request) => request.url)).toEqual([
        `/v1/generation/${encodeURIComponent(engine)}/text-to-image`,
        `/v1/generation/${encodeURIComponent(engine)}/image-to-image/upscale`,
      ]);
    }
  });

  it('any other engine id arrives as exactly its encoded segment', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((id) => id !== '.' && id !== '..'),
        async (engine) => {
          const before = server.requests.length;
          await client(false).generation.textToImage(engine, prompt);
          const [request] = server.requests.slice(before);
          expect(request?.url).toBe(`/v1/generation/${encodeURIComponent(engine)}/text-to-image`);
          expect(decodeURIComponent(request?.url.split('/')[3] ?? '')).toBe(engine);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a lone surrogate in an engine id is refused (it would arrive as U+FFFD)', async () => {
    const error = await rejectionOf(client(false).generation.textToImage('e\uD800', prompt));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe('path.engine_id');
  });
});

describe('Object.prototype names are plain values, never lookups', () => {
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server.close());

  const names = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];
  const cases = {
    'textToImage style_preset': (name: string) =>
      client().generation.textToImage('e', { ...prompt, style_preset: name as never }),
    'textToImage sampler': (name: string) =>
      client().generation.textToImage('e', { ...prompt, sampler: name as never }),
    'textToImage clip_guidance_preset': (name: string) =>
      client().generation.textToImage('e', { ...prompt, clip_guidance_preset: name as never }),
    'imageToImage init_image_mode': (name: string) =>
      client().generation.imageToImage('e', { ...prompt, init_image: image, init_image_mode: name as never }),
    'imageToImage style_preset': (name: string) =>
      client().generation.imageToImage('e', { ...prompt, init_image: image, style_preset: name as never }),
    'masking mask_source': (name: string) =>
      client().generation.masking('e', { ...prompt, init_image: image, mask_source: name as never }),
  };

  for (const [field, call] of Object.entries(cases)) {
    it(`as ${field}: a ValidationError, never a TypeError`, async () => {
      for (const name of names) {
        const before = server.requests.length;
        const error = await rejectionOf(call(name));
        expect(error, name).toBeInstanceOf(ValidationError);
        expect(error, name).not.toBeInstanceOf(TypeError);
        expect(server.requests.length).toBe(before);
      }
    });
  }

  it('as engine ids with the prose rules (dimensions): sent, or a ValidationError, never a TypeError', async () => {
    for (const name of names) {
      const outcome = await client()
        .generation.textToImage(name, { ...prompt, width: 1024, height: 1024 })
        .then(
          () => 'sent',
          (error: unknown) => error,
        );
      if (outcome !== 'sent') expect(outcome, name).toBeInstanceOf(StabilityError);
      if (outcome !== 'sent') expect(outcome, name).toBeInstanceOf(ValidationError);
    }
  });

  it('as body keys (own __proto__ from JSON.parse): refused or sent as data, never a TypeError', async () => {
    const body = JSON.parse('{"text_prompts":[{"text":"x"}],"__proto__":{"cfg_scale":99}}') as typeof prompt;
    const outcome = await client()
      .generation.textToImage('e', body)
      .then(
        () => 'sent',
        (error: unknown) => error,
      );
    if (outcome !== 'sent') expect(outcome).toBeInstanceOf(ValidationError);
    const polluted = JSON.parse('{"text_prompts":[{"text":"x","__proto__":{"weight":"heavy"}}]}') as typeof prompt;
    const second = await client()
      .generation.textToImage('e', polluted)
      .then(
        () => 'sent',
        (error: unknown) => error,
      );
    if (second !== 'sent') expect(second).toBeInstanceOf(ValidationError);
  });
});
