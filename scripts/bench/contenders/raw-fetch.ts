/**
 * The baseline: `fetch` written as the spec's x-codeSamples write it (headers by hand, `response.ok` checked,
 * `response.json()`, `Buffer.from(base64, 'base64')`, `fs.readFileSync` for an upload), with Node's own
 * `fetch` and `FormData` in place of node-fetch and form-data.
 */
import { readFileSync } from 'node:fs';
import { benchPrompt, uploadEngine, verifyHeader } from '../fixtures.js';
import type { BenchClient, ClientConfig, Generated, Uploaded } from './types.js';

interface GenerationResponse {
  artifacts: Array<{ base64: string; seed: number; finishReason: string }>;
}

/** Makes the raw-fetch contender. */
export function create({ baseUrl, apiKey }: ClientConfig): BenchClient {
  const authorization = `Bearer ${apiKey}`;

  async function ok(response: Response): Promise<Response> {
    if (!response.ok) throw new Error(`Non-200 response: ${await response.text()}`);
    return response;
  }

  function decoded(body: GenerationResponse): Generated {
    return {
      images: body.artifacts.map((image) => Buffer.from(image.base64, 'base64')),
      seeds: body.artifacts.map((image) => image.seed),
      finishReasons: body.artifacts.map((image) => image.finishReason),
    };
  }

  async function upload(image: Uint8Array, verify: boolean): Promise<Uploaded> {
    const formData = new FormData();
    formData.append(
      'init_image',
      new Blob([image as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
      'init_image.png',
    );
    formData.append('init_image_mode', 'IMAGE_STRENGTH');
    formData.append('image_strength', '0.35');
    formData.append('text_prompts[0][text]', benchPrompt);
    const response = await ok(
      await fetch(`${baseUrl}/v1/generation/${uploadEngine}/image-to-image`, {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          Authorization: authorization,
          ...(verify ? { [verifyHeader]: '1' } : {}),
        },
        body: formData,
      }),
    );
    return { ...decoded((await response.json()) as GenerationResponse), headers: response.headers };
  }

  return {
    async listEngines() {
      const response = await ok(
        await fetch(`${baseUrl}/v1/engines/list`, { method: 'GET', headers: { Authorization: authorization } }),
      );
      return (await response.json()) as Array<{ id: string }>;
    },
    async generateJson(engineId, samples) {
      const response = await ok(
        await fetch(`${baseUrl}/v1/generation/${engineId}/text-to-image`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: authorization },
          body: JSON.stringify({ text_prompts: [{ text: benchPrompt }], samples }),
        }),
      );
      return decoded((await response.json()) as GenerationResponse);
    },
    async generatePng(engineId) {
      const response = await ok(
        await fetch(`${baseUrl}/v1/generation/${engineId}/text-to-image`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'image/png', Authorization: authorization },
          body: JSON.stringify({ text_prompts: [{ text: benchPrompt }], samples: 1 }),
        }),
      );
      const image = await response.arrayBuffer();
      return {
        images: [Buffer.from(image)],
        seeds: [Number(response.headers.get('Seed'))],
        finishReasons: [response.headers.get('Finish-Reason') ?? ''],
      };
    },
    uploadBytes: (bytes, verify) => upload(bytes, verify),
    uploadFile: (path, verify) => upload(readFileSync(path), verify),
  };
}
