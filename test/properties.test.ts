import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { createStabilityClient, ValidationError } from '../src/index.js';
import { fakeApi } from './helpers/fake-api.js';
import { rebuildFromForm } from './helpers/multipart.js';
import { specDocument } from './helpers/spec.js';

const schemas = specDocument().components?.schemas ?? {};
const enumOf = (name: string) => (schemas[name]?.enum ?? []) as string[];
/** Mostly valid values, sometimes not. */
const maybe = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 15, arbitrary: valid }, { weight: 1, arbitrary: invalid as fc.Arbitrary<unknown> });
const number = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const jsonValue = fc.oneof(text, fc.integer(), number(-1e6, 1e6), fc.boolean(), fc.constant(null));

/** Engine id the prose rules do not name: only the schema applies, which is what Prism checks. */
const unnamedEngine = 'stable-diffusion-future-v9';

const textToImageBody = fc.record(
  {
    text_prompts: maybe(
      fc.array(
        fc.record(
          {
            text: maybe(text, fc.oneof(fc.string({ minLength: 2001, maxLength: 2010 }), fc.integer())),
            weight: maybe(number(-10, 10), fc.string()),
          },
          { requiredKeys: ['text'] },
        ),
        { minLength: 1, maxLength: 3 },
      ),
      fc.oneof(fc.constant([]), text, fc.constant(undefined)),
    ),
    width: maybe(
      fc.integer({ min: 2, max: 24 }).map((n) => n * 64),
      fc.oneof(fc.integer({ min: -100, max: 3000 }), text),
    ),
    height: maybe(
      fc.integer({ min: 2, max: 24 }).map((n) => n * 64),
      fc.integer({ min: -100, max: 3000 }),
    ),
    cfg_scale: maybe(number(0, 35), number(-50, 100)),
    clip_guidance_preset: maybe(fc.constantFrom(...enumOf('ClipGuidancePreset')), text),
    sampler: maybe(fc.constantFrom(...enumOf('Sampler')), text),
    samples: maybe(fc.integer({ min: 1, max: 10 }), fc.integer({ min: -5, max: 20 })),
    seed: maybe(fc.integer({ min: 0, max: 4294967295 }), fc.oneof(fc.integer({ min: -9, max: -1 }), number(0.1, 0.9))),
    steps: maybe(fc.integer({ min: 10, max: 50 }), fc.integer({ min: 0, max: 100 })),
    style_preset: maybe(fc.constantFrom(...enumOf('StylePreset')), text),
    extras: maybe(fc.dictionary(fc.string({ maxLength: 8 }), jsonValue, { maxKeys: 3 }), text),
  },
  { requiredKeys: ['text_prompts'] },
);

interface Violation {
  location: string[];
}

/** Whether Prism finds a request violation in this JSON body. */
async function prismRefuses(body: unknown): Promise<boolean> {
  const response = await fetch(`${inject('prismUrl')}/v1/generation/${unnamedEngine}/text-to-image`, {
    method: 'POST',
    headers: { Authorization: 'Bearer sk-fuzz', Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]') as Violation[];
  return violations.some((violation) => violation.location[0] === 'request');
}

describe('property-based', () => {
  it('agrees with Prism on random text-to-image bodies, and never sends one it refuses', async () => {
    const tally = { runs: 0, refused: 0, sent: 0, disagreements: [] as string[] };
    await fc.assert(
      fc.asyncProperty(textToImageBody, async (body) => {
        const api = fakeApi();
        const stability = createStabilityClient({ apiKey: 'sk-fuzz', fetch: api.fetch, maxRetries: 0 });
        const clientRefuses = await stability.generation.textToImage(unnamedEngine, body as never).then(
          () => false,
          (error: unknown) => {
            if (!(error instanceof ValidationError)) throw error;
            return true;
          },
        );
        tally.runs += 1;
        if (clientRefuses) {
          tally.refused += 1;
          expect(api.requests).toHaveLength(0);
        } else {
          tally.sent += 1;
          expect(api.requests).toHaveLength(1);
        }
        if (clientRefuses !== (await prismRefuses(body))) tally.disagreements.push(JSON.stringify(body));
      }),
      { numRuns: 300 },
    );
    console.log(
      `fuzz text-to-image vs Prism: ${tally.runs} bodies, ${tally.refused} refused, ${tally.sent} sent, ${tally.disagreements.length} disagreements`,
    );
    expect(tally.disagreements).toEqual([]);
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.sent).toBeGreaterThan(0);
  }, 120_000);

  const prompts = fc.array(
    fc.record(
      { text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), weight: number(-5, 5) },
      { requiredKeys: ['text'] },
    ),
    { minLength: 1, maxLength: 4 },
  );
  const bytes = fc.uint8Array({ minLength: 1, maxLength: 64 });
  const optional = {
    cfg_scale: number(0, 35),
    sampler: fc.constantFrom(...enumOf('Sampler')),
    samples: fc.integer({ min: 1, max: 10 }),
    seed: fc.integer({ min: 0, max: 4294967295 }),
    steps: fc.integer({ min: 10, max: 50 }),
    style_preset: fc.constantFrom(...enumOf('StylePreset')),
    extras: fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !/[[\]]/.test(key)),
      text,
      {
        minKeys: 1,
        maxKeys: 3,
      },
    ),
  };
  const multipartCases = [
    {
      name: 'imageToImage',
      schemaName: 'ImageToImageUsingImageStrengthRequestBody',
      method: 'imageToImage' as const,
      engineId: 'stable-diffusion-v1-6',
      body: fc.record(
        { text_prompts: prompts, init_image: bytes, image_strength: number(0, 1), ...optional },
        { requiredKeys: ['text_prompts', 'init_image'] },
      ),
    },
    {
      name: 'masking',
      schemaName: 'MaskingUsingMaskImageRequestBody',
      method: 'masking' as const,
      engineId: 'stable-diffusion-v1-6',
      body: fc.record(
        {
          text_prompts: prompts,
          init_image: bytes,
          mask_image: bytes,
          mask_source: fc.constantFrom('MASK_IMAGE_WHITE', 'MASK_IMAGE_BLACK'),
          ...optional,
        },
        { requiredKeys: ['text_prompts', 'init_image', 'mask_image', 'mask_source'] },
      ),
    },
    {
      name: 'upscale',
      schemaName: 'LatentUpscalerUpscaleRequestBody',
      method: 'upscale' as const,
      engineId: 'stable-diffusion-x4-latent-upscaler',
      body: fc.record(
        {
          image: bytes,
          text_prompts: prompts,
          height: fc.integer({ min: 512, max: 2048 }),
          seed: optional.seed,
          steps: optional.steps,
          cfg_scale: optional.cfg_scale,
        },
        { requiredKeys: ['image'] },
      ),
    },
  ];

  it.each(multipartCases)(
    'round-trips random valid $name bodies through the wire form',
    async ({ schemaName, method, engineId, body }) => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(body, async (input) => {
          const api = fakeApi();
          await createStabilityClient({ apiKey: 'sk-fuzz', fetch: api.fetch }).generation[method](
            engineId,
            input as never,
          );
          const rebuilt = rebuildFromForm(await (api.requests[0] as Request).formData(), schemaName);
          const { fields: expectedFields, files } = splitUploads(input);
          const { fields: actualFields, files: actualFiles } = splitUploads(rebuilt);
          expect(actualFields).toEqual(expectedFields);
          expect(Object.keys(actualFiles).sort()).toEqual(Object.keys(files).sort());
          for (const [name, file] of Object.entries(actualFiles)) {
            expect(new Uint8Array(await (file as File).arrayBuffer())).toEqual(files[name]);
          }
          runs += 1;
        }),
        { numRuns: 100 },
      );
      console.log(`fuzz multipart round trip ${schemaName}: ${runs} bodies`);
      expect(runs).toBe(100);
    },
    60_000,
  );
});

/**
 * Separates file fields from the rest. Text is compared as multipart/form-data carries it: the form
 * encoding (HTML standard) turns every line break into CRLF.
 */
function splitUploads(body: Record<string, unknown>) {
  const files: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (value instanceof Uint8Array || value instanceof File) files[name] = value;
    else fields[name] = normalizeLineBreaks(value);
  }
  return { files, fields };
}

function normalizeLineBreaks(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\r\n|\r|\n/g, '\r\n');
  if (Array.isArray(value)) return value.map(normalizeLineBreaks);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalizeLineBreaks(item)]));
  }
  return value;
}
