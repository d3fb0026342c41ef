/**
 * Plain openapi-fetch 0.17 with the generated `paths`, as a user of it would write the same calls: its
 * default JSON body serializer, a FormData `bodySerializer` for multipart, `parseAs: 'arrayBuffer'` for PNG.
 */
import { readFileSync } from 'node:fs';
import createClient from 'openapi-fetch';
import type { paths } from '../../../src/generated/types.js';
import { benchPrompt, uploadEngine, verifyHeader } from '../fixtures.js';
import type { BenchClient, ClientConfig, Generated, Uploaded } from './types.js';

interface GenerationResponse {
  artifacts?: Array<{ base64?: string; seed?: number; finishReason?: string }>;
}

function decoded(body: GenerationResponse | undefined): Generated {
  const artifacts = body?.artifacts ?? [];
  return {
    images: artifacts.map((image) => Buffer.from(image.base64 ?? '', 'base64')),
    seeds: artifacts.map((image) => image.seed ?? Number.NaN),
    finishReasons: artifacts.map((image) => image.finishReason ?? ''),
  };
}

/** The multipart form of an image-to-image body, as openapi-fetch's docs suggest (a `bodySerializer`). */
function toForm(body: { init_image: Uint8Array; text_prompts: Array<{ text: string }> }): FormData {
  const form = new FormData();
  form.append(
    'init_image',
    new Blob([body.init_image as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
    'init_image.png',
  );
  form.append('init_image_mode', 'IMAGE_STRENGTH');
  form.append('image_strength', '0.35');
  body.text_prompts.forEach((prompt, index) => {
    form.append(`text_prompts[${index}][text]`, prompt.text);
  });
  return form;
}

/** Makes the openapi-fetch contender. */
export function create({ baseUrl, apiKey }: ClientConfig): BenchClient {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });

  async function upload(image: Uint8Array, verify: boolean): Promise<Uploaded> {
    const { data, error, response } = await client.POST('/v1/generation/{engine_id}/image-to-image', {
      params: { path: { engine_id: uploadEngine }, header: { Accept: 'application/json' } },
      headers: verify ? { [verifyHeader]: '1' } : {},
      body: { init_image: image, text_prompts: [{ text: benchPrompt }] },
      bodySerializer: (body) => toForm(body as never),
    });
    if (error !== undefined) throw new Error(`Non-200 response: ${JSON.stringify(error)}`);
    return { ...decoded(data as GenerationResponse), headers: response.headers };
  }

  return {
    async listEngines() {
      const { data, error } = await client.GET('/v1/engines/list');
      if (error !== undefined || !data) throw new Error(`Non-200 response: ${JSON.stringify(error)}`);
      return data;
    },
    async generateJson(engineId, samples) {
      const { data, error } = await client.POST('/v1/generation/{engine_id}/text-to-image', {
        params: { path: { engine_id: engineId }, header: { Accept: 'application/json' } },
        body: { text_prompts: [{ text: benchPrompt }], samples },
      });
      if (error !== undefined) throw new Error(`Non-200 response: ${JSON.stringify(error)}`);
      return decoded(data as GenerationResponse);
    },
    async generatePng(engineId) {
      const { data, error, response } = await client.POST('/v1/generation/{engine_id}/text-to-image', {
        params: { path: { engine_id: engineId }, header: { Accept: 'image/png' } },
        body: { text_prompts: [{ text: benchPrompt }], samples: 1 },
        parseAs: 'arrayBuffer',
      });
      if (error !== undefined || !data) throw new Error(`Non-200 response: ${JSON.stringify(error)}`);
      return {
        images: [Buffer.from(data)],
        seeds: [Number(response.headers.get('Seed'))],
        finishReasons: [response.headers.get('Finish-Reason') ?? ''],
      };
    },
    uploadBytes: (bytes, verify) => upload(bytes, verify),
    uploadFile: (path, verify) => upload(readFileSync(path), verify),
  };
}
