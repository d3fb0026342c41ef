import { describe, expectTypeOf, it } from 'vitest';
import {
  type Artifact,
  createStabilityClient,
  type Engine,
  type FinishReason,
  type GenerationResult,
  type OperationArgs,
  type OperationResult,
  type OperationTypes,
  type TextToImageBody,
  type Upload,
  type WithResponseInfo,
} from '../src/index.js';

const stability = createStabilityClient({ apiKey: 'sk-types' });
const prompt = { text_prompts: [{ text: 'a lighthouse' }] };

describe('public types', () => {
  it('returns the same result shape in both Accept modes', () => {
    expectTypeOf(stability.generation.textToImage('e', prompt)).resolves.toEqualTypeOf<GenerationResult>();
    expectTypeOf(
      stability.generation.textToImage('e', prompt, { accept: 'image/png' }),
    ).resolves.toEqualTypeOf<GenerationResult>();
    expectTypeOf<Artifact>().toEqualTypeOf<{ image: Uint8Array; seed: number; finishReason: FinishReason }>();
    expectTypeOf<FinishReason>().toEqualTypeOf<'SUCCESS' | 'ERROR' | 'CONTENT_FILTERED'>();
    expectTypeOf<GenerationResult['response']>().toEqualTypeOf<Response>();
    // @ts-expect-error only the two formats the API knows
    void stability.generation.textToImage('e', prompt, { accept: 'image/jpeg' });
  });

  it('types the other operations', () => {
    expectTypeOf(stability.engines.list()).resolves.toEqualTypeOf<WithResponseInfo<Engine[]>>();
    expectTypeOf(stability.engines.list()).resolves.toExtend<Engine[]>();
    expectTypeOf(stability.user.balance()).resolves.toHaveProperty('credits').toEqualTypeOf<number>();
    expectTypeOf(stability.user.account()).resolves.toHaveProperty('attempts').toEqualTypeOf<number>();
    expectTypeOf(stability.user.balance()).resolves.toHaveProperty('response').toEqualTypeOf<Response>();
  });

  it('takes Blob, File, Uint8Array, Buffer and ArrayBuffer as uploads, not strings', () => {
    expectTypeOf<Blob>().toExtend<Upload>();
    expectTypeOf<File>().toExtend<Upload>();
    expectTypeOf<Uint8Array>().toExtend<Upload>();
    expectTypeOf<Buffer>().toExtend<Upload>();
    expectTypeOf<ArrayBuffer>().toExtend<Upload>();
    void stability.generation.upscale('esrgan-v1-x2plus', { image: new Uint8Array() });
    void stability.generation.masking('e', { ...prompt, init_image: new Blob(), mask_source: 'INIT_IMAGE_ALPHA' });
    // @ts-expect-error a path is not an upload: use fileFromPath() from stability-rest/node
    void stability.generation.upscale('esrgan-v1-x2plus', { image: './photo.png' });
  });

  it('rejects bodies that break the spec at compile time', () => {
    // @ts-expect-error text_prompts is required
    void stability.generation.textToImage('e', { width: 512 });
    // @ts-expect-error init_image is required
    void stability.generation.imageToImage('e', prompt);
    // @ts-expect-error sampler is an enum
    void stability.generation.textToImage('e', { ...prompt, sampler: 'K_TURBO' });
  });

  it('types every method from the generated operation table', () => {
    expectTypeOf<OperationResult<'listEngines'>>().toEqualTypeOf<WithResponseInfo<Engine[]>>();
    expectTypeOf<OperationResult<'upscaleImage'>>().toEqualTypeOf<GenerationResult>();
    expectTypeOf<OperationArgs<'textToImage'>[0]>().toEqualTypeOf<string>();
    expectTypeOf<OperationArgs<'textToImage'>[1]>().toEqualTypeOf<TextToImageBody>();
    expectTypeOf<TextToImageBody>().toEqualTypeOf<OperationTypes['textToImage']['body']>();
    expectTypeOf<OperationTypes['textToImage']['accept']>().toEqualTypeOf<'application/json' | 'image/png'>();
    // @ts-expect-error the engine id is a path parameter: required
    void stability.generation.textToImage();
    // @ts-expect-error engines.list takes no body, only options
    void stability.engines.list({ text_prompts: [] });
    // @ts-expect-error no such operation in the spec
    void stability.generation.outpaint;
  });
});
