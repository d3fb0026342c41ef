import { describe, expectTypeOf, it } from 'vitest';
import { createStabilityClient } from '../src/index.js';

const stability = createStabilityClient({ apiKey: 'sk-types' });

describe('stability.raw, typed by the package itself', () => {
  it('types the JSON data of a GET from the spec', async () => {
    const { data } = await stability.raw.GET('/v1/engines/list');
    expectTypeOf(data).toEqualTypeOf<
      | {
          id: string;
          name: string;
          description: string;
          type: 'AUDIO' | 'CLASSIFICATION' | 'PICTURE' | 'STORAGE' | 'TEXT' | 'VIDEO';
        }[]
      | undefined
    >();
  });

  it('takes path parameters and the body of the operation', () => {
    void stability.raw.POST('/v1/generation/{engine_id}/text-to-image', {
      params: { path: { engine_id: 'stable-diffusion-v1-6' } },
      body: { text_prompts: [{ text: 'a lighthouse' }], cfg_scale: 7 },
    });
    // @ts-expect-error a path with no GET operation
    void stability.raw.GET('/v1/generation/{engine_id}/text-to-image');
    // @ts-expect-error a body field of the wrong type
    void stability.raw.POST('/v1/generation/{engine_id}/text-to-image', { body: { text_prompts: [], cfg_scale: 'x' } });
  });
});
