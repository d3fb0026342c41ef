import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePng } from '../scripts/sample-image.js';
import { createStabilityClient } from '../src/index.js';
import { fileFromPath } from '../src/node.js';
import { fakeApi } from './helpers/fake-api.js';

let folder = '';
const png = samplePng(32, 16);

describe('fileFromPath (stability-rest/node)', () => {
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'stability-rest-upload-'));
    await writeFile(join(folder, 'photo.png'), png);
    await writeFile(join(folder, 'photo.JPG'), new Uint8Array([0xff, 0xd8, 0xff]));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('gives a File named after the path, typed from the extension, with the file bytes', async () => {
    const file = await fileFromPath(join(folder, 'photo.png'));
    expect([file.name, file.type, file.size]).toEqual(['photo.png', 'image/png', png.length]);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
    expect((await fileFromPath(join(folder, 'photo.JPG'))).type).toBe('image/jpeg');
  });

  it('uploads it as a file part with its own name', async () => {
    const api = fakeApi();
    const stability = createStabilityClient({ apiKey: 'sk-node', fetch: api.fetch });
    await stability.generation.upscale('esrgan-v1-x2plus', { image: await fileFromPath(join(folder, 'photo.png')) });
    const part = (await (api.requests[0] as Request).formData()).get('image') as File;
    expect([part.name, part.type]).toEqual(['photo.png', 'image/png']);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(png);
  });

  it('fails on a missing file before any request', async () => {
    await expect(fileFromPath(join(folder, 'missing.png'))).rejects.toThrow(/ENOENT.*missing\.png/);
  });
});
