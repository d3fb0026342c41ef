import { describe, expect, it } from 'vitest';
import { createStabilityClient, ValidationError, type ValidationIssue } from '../src/index.js';
import { fakeApi } from './helpers/fake-api.js';

const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
const prompt = { text_prompts: [{ text: 'a lighthouse' }] };

function client(validate = true) {
  const api = fakeApi();
  return {
    api,
    stability: createStabilityClient({
      apiKey: 'sk-validation',
      baseUrl: 'https://api.example.test',
      fetch: api.fetch,
      validate,
    }),
  };
}

/** Runs a call that must be refused and returns its issues as `path rule`; asserts nothing was sent. */
async function refusal(
  call: (stability: ReturnType<typeof client>['stability']) => Promise<unknown>,
): Promise<string[]> {
  const { api, stability } = client();
  const error = await call(stability).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect(api.requests).toHaveLength(0);
  return (error as ValidationError).issues.map((issue: ValidationIssue) => `${issue.path} ${issue.rule}`);
}

/** Runs a call that must be sent and returns how many requests reached the network. */
async function sent(call: (stability: ReturnType<typeof client>['stability']) => Promise<unknown>): Promise<number> {
  const { api, stability } = client();
  await call(stability);
  return api.requests.length;
}

describe('validation before sending', () => {
  it('lists every schema issue at once, with field paths and rules', async () => {
    const issues = await refusal((s) =>
      s.generation.textToImage('stable-diffusion-v1-6', {
        text_prompts: [{ text: 'x'.repeat(2001), weight: 1 }],
        width: 500,
        steps: 5,
        sampler: 'K_TURBO' as 'K_LMS',
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        '/text_prompts/0/text maxLength',
        '/width multipleOf',
        '/steps minimum',
        '/sampler enum',
      ]),
    );
  });

  it('names missing required fields', async () => {
    const issues = await refusal((s) =>
      s.generation.imageToImage('stable-diffusion-v1-6', { init_image: image } as never),
    );
    expect(issues).toEqual(['/text_prompts required']);
  });

  it('refuses a typo in a field name rather than sending a field the API ignores', async () => {
    const issues = await refusal((s) =>
      s.generation.textToImage('stable-diffusion-v1-6', { ...prompt, cfgScale: 7 } as never),
    );
    expect(issues).toEqual(['/cfgScale unknown-field']);
  });

  it('checks uploads as files: a path string is refused with a hint', async () => {
    const { stability } = client();
    const error = (await stability.generation
      .upscale('esrgan-v1-x2plus', { image: './photo.png' } as never)
      .catch((thrown: unknown) => thrown)) as ValidationError;
    expect(error.issues).toEqual([expect.objectContaining({ path: '/image', rule: 'upload' })]);
    expect(error.message).toContain('fileFromPath');
  });

  it('refuses samples > 1 with accept image/png, accepts it with JSON', async () => {
    const body = { ...prompt, samples: 2 };
    expect(
      await refusal((s) => s.generation.textToImage('stable-diffusion-v1-6', body, { accept: 'image/png' })),
    ).toEqual(['/samples samples-accept']);
    expect(await sent((s) => s.generation.textToImage('stable-diffusion-v1-6', body))).toBe(1);
  });

  describe('engine dimension rules the spec states in prose', () => {
    it.each([
      ['stable-diffusion-xl-1024-v1-0', 1024, 1024, true],
      ['stable-diffusion-xl-1024-v1-0', 896, 1152, true],
      ['stable-diffusion-xl-1024-v1-0', 512, 512, false],
      ['stable-diffusion-xl-1024-v0-9', 1152, 1152, false],
      ['stable-diffusion-v1-6', 320, 1536, true],
      ['stable-diffusion-v1-6', 256, 512, false],
      ['stable-diffusion-v1-6', 1600, 512, false],
      ['stable-diffusion-xl-beta-v2-2-2', 512, 896, true],
      ['stable-diffusion-xl-beta-v2-2-2', 640, 768, false],
      ['stable-diffusion-xl-beta-v2-2-2', 128, 960, false],
    ])('%s %ix%i allowed: %s', async (engineId, width, height, allowed) => {
      const call = (s: ReturnType<typeof client>['stability']) =>
        s.generation.textToImage(engineId, { ...prompt, width, height });
      if (allowed) expect(await sent(call)).toBe(1);
      else expect(await refusal(call)).toEqual([expect.stringMatching(/^\/(width|height) engine-dimensions$/)]);
    });

    it('applies only the schema to an engine the spec does not name', async () => {
      expect(
        await sent((s) =>
          s.generation.textToImage('stable-diffusion-v9-brand-new', { ...prompt, width: 4096, height: 128 }),
        ),
      ).toBe(1);
      expect(
        await refusal((s) => s.generation.textToImage('stable-diffusion-v9-brand-new', { ...prompt, width: 100 })),
      ).toEqual(['/width minimum', '/width multipleOf']);
    });
  });

  describe('variants', () => {
    it('requires mask_image for MASK_IMAGE_WHITE and MASK_IMAGE_BLACK, not for INIT_IMAGE_ALPHA', async () => {
      for (const mask_source of ['MASK_IMAGE_WHITE', 'MASK_IMAGE_BLACK'] as const) {
        expect(
          await refusal((s) =>
            s.generation.masking('stable-diffusion-v1-6', { ...prompt, init_image: image, mask_source } as never),
          ),
        ).toEqual(['/mask_image required']);
      }
      expect(
        await sent((s) =>
          s.generation.masking('stable-diffusion-v1-6', {
            ...prompt,
            init_image: image,
            mask_source: 'INIT_IMAGE_ALPHA',
          }),
        ),
      ).toBe(1);
    });

    it('refuses a mask_source outside the spec mapping', async () => {
      const issues = await refusal((s) =>
        s.generation.masking('stable-diffusion-v1-6', { ...prompt, init_image: image, mask_source: 'MASK_IMAGE_GREY' }),
      );
      expect(issues).toEqual(['/mask_source enum']);
    });

    it('checks image-to-image against the variant init_image_mode selects', async () => {
      const body = { ...prompt, init_image: image, init_image_mode: 'STEP_SCHEDULE' as const, step_schedule_start: 2 };
      expect(await refusal((s) => s.generation.imageToImage('stable-diffusion-v1-6', body))).toEqual([
        '/step_schedule_start maximum',
      ]);
      expect(
        await refusal((s) =>
          s.generation.imageToImage('stable-diffusion-v1-6', { ...prompt, init_image: image, image_strength: -1 }),
        ),
      ).toEqual(['/image_strength minimum']);
    });

    it('picks the upscale branch from the engine, so an image-only body is valid for both', async () => {
      expect(await sent((s) => s.generation.upscale('esrgan-v1-x2plus', { image }))).toBe(1);
      expect(
        await sent((s) => s.generation.upscale('stable-diffusion-x4-latent-upscaler', { image, ...prompt, steps: 40 })),
      ).toBe(1);
      expect(
        await refusal((s) => s.generation.upscale('stable-diffusion-x4-latent-upscaler', { image, steps: 51 })),
      ).toEqual(['/steps maximum']);
    });

    it('refuses latent-upscaler fields on an ESRGAN engine, which would ignore them', async () => {
      expect(await refusal((s) => s.generation.upscale('esrgan-v1-x2plus', { image, ...prompt }))).toEqual([
        '/text_prompts unknown-field',
      ]);
    });

    it('refuses upscale with both width and height', async () => {
      expect(
        await refusal((s) => s.generation.upscale('esrgan-v1-x2plus', { image, width: 1024, height: 1024 })),
      ).toEqual(['/height upscale-one-dimension']);
    });
  });

  it('refuses an accept option the API does not know', async () => {
    expect(
      await refusal((s) =>
        s.generation.textToImage('stable-diffusion-v1-6', prompt, { accept: 'image/jpeg' as 'image/png' }),
      ),
    ).toEqual(['options.accept enum']);
  });

  it('sends whatever it is given with validate: false', async () => {
    const { api, stability } = client(false);
    await stability.generation.textToImage('stable-diffusion-v1-6', { text_prompts: [], width: 1 });
    expect(api.requests).toHaveLength(1);
  });

  it('puts the operation, each path and rule in the message', async () => {
    const { stability } = client();
    const error = (await stability.generation
      .textToImage('stable-diffusion-v1-6', { text_prompts: [], steps: 99 })
      .catch((thrown: unknown) => thrown)) as ValidationError;
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain('textToImage: request not sent, 2 invalid field(s)');
    expect(error.message).toContain('/text_prompts: must NOT have fewer than 1 items [minItems]');
    expect(error.message).toContain('/steps: must be <= 50 [maximum]');
  });
});
