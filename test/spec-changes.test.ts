import { describe, expect, it } from 'vitest';
import { generateFiles } from '../scripts/generate/index.js';
import type { OpenApiDocument } from '../scripts/generate/spec.js';
import type { Validator } from '../src/generated/validators.js';
import { importValidatorsInIsolation } from './helpers/generated-module.js';
import { specDocument } from './helpers/spec.js';

/** Regenerates from an edited copy of the spec and loads the new validators and types. */
async function regenerate(edit: (document: OpenApiDocument) => void) {
  const document = specDocument();
  edit(document);
  const files = await generateFiles(JSON.stringify(document, null, 2));
  const validators = await importValidatorsInIsolation(files.get('validators.js') ?? '');
  return {
    types: files.get('types.ts') ?? '',
    textToImage: validators.validateTextToImageRequestBody as Validator<unknown>,
    upscale: validators.validateLatentUpscalerUpscaleRequestBody as Validator<unknown>,
  };
}

const prompt = { text_prompts: [{ text: 'a lighthouse' }] };

describe('a spec change reaches validators and types with no other edit', () => {
  it('accepts a new Sampler value and types it', async () => {
    const { types, textToImage } = await regenerate((document) => {
      document.components?.schemas?.Sampler?.enum?.push('K_TEST_SAMPLER');
    });
    expect(textToImage({ ...prompt, sampler: 'K_TEST_SAMPLER' })).toBe(true);
    expect(textToImage({ ...prompt, sampler: 'K_OTHER' })).toBe(false);
    expect(types).toMatch(/"K_LMS" \| "K_TEST_SAMPLER"/);
  });

  it('follows a changed Steps maximum in every operation that uses it', async () => {
    const { textToImage, upscale } = await regenerate((document) => {
      const steps = document.components?.schemas?.Steps;
      if (steps) steps.maximum = 60;
    });
    expect(textToImage({ ...prompt, steps: 60 })).toBe(true);
    expect(textToImage({ ...prompt, steps: 61 })).toBe(false);
    expect(textToImage.errors?.[0]).toMatchObject({ instancePath: '/steps', keyword: 'maximum' });
    expect(upscale({ image: 'placeholder', steps: 60 })).toBe(true);
  });

  it('validates and types a new optional field', async () => {
    const { types, textToImage } = await regenerate((document) => {
      const optional = document.components?.schemas?.GenerationRequestOptionalParams;
      if (optional?.properties) optional.properties.tiling = { type: 'string', enum: ['NONE', 'SEAMLESS'] };
    });
    expect(textToImage({ ...prompt, tiling: 'SEAMLESS' })).toBe(true);
    expect(textToImage({ ...prompt, tiling: 'WRAP' })).toBe(false);
    expect(textToImage.errors?.[0]).toMatchObject({ instancePath: '/tiling', keyword: 'enum' });
    expect(types).toMatch(/tiling\?: "NONE" \| "SEAMLESS";/);
  });

  it('leaves the committed validators unchanged: they still follow the original spec', async () => {
    const { validateTextToImageRequestBody } = await import('../src/generated/validators.js');
    expect(validateTextToImageRequestBody({ ...prompt, steps: 60 })).toBe(false);
  });
});
