import { describe, expectTypeOf, it } from 'vitest';
import type { components } from '../src/generated/types.js';

type Schemas = components['schemas'];

describe('generated types', () => {
  it('types binary request fields as uploads, not strings', () => {
    expectTypeOf<Blob>().toExtend<Schemas['InitImage']>();
    expectTypeOf<Uint8Array>().toExtend<Schemas['MaskImage']>();
    expectTypeOf<ArrayBuffer>().toExtend<Schemas['InputImage']>();
    // @ts-expect-error a file path or base64 text is not an upload
    const notAnUpload: Schemas['InitImage'] = 'photo.png';
    void notAnUpload;
  });

  it('lets extras carry arbitrary keys', () => {
    const extras: Schemas['Extras'] = { experimental_flag: true, nested: { depth: 2 } };
    expectTypeOf(extras).toEqualTypeOf<Record<string, unknown>>();
  });

  it('types request bodies from the spec', () => {
    const body: Schemas['TextToImageRequestBody'] = { text_prompts: [{ text: 'a lighthouse', weight: 1 }] };
    void body;
    // @ts-expect-error sampler is an enum
    const wrong: Schemas['TextToImageRequestBody'] = { text_prompts: [{ text: 'x' }], sampler: 'K_UNKNOWN' };
    void wrong;
  });
});
