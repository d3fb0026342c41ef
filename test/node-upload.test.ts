import { createHash } from 'node:crypto';
import { readdirSync, readlinkSync } from 'node:fs';
import { mkdtemp, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { samplePng } from '../scripts/sample-image.js';
import { ConnectionError, createStabilityClient } from '../src/index.js';
import { fileFromPath } from '../src/node.js';
import { encodeBody } from '../src/wrappers/body-encoding.js';
import { toFormData } from '../src/wrappers/multipart.js';
import { prepareUploads } from '../src/wrappers/uploads.js';
import { fakeApi } from './helpers/fake-api.js';
import { patternHash, startUploadServer, uploadPattern } from './helpers/hostile-upload.js';

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

  it('is an ordinary File in a FormData, as other runtimes send it', async () => {
    const form = toFormData(prepareUploads({ image: await fileFromPath(join(folder, 'photo.png')) }) as never);
    const part = (await new Response(form).formData()).get('image') as File;
    expect([part.name, part.type]).toEqual(['photo.png', 'image/png']);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(png);
  });
});

/** The messages of an error and of its causes, outermost first. */
function causes(error: unknown): string[] {
  const messages: string[] = [];
  for (let at = error; at instanceof Error; at = at.cause) messages.push(at.message);
  return messages;
}

/** The descriptors of this process open on `path` (Linux: /proc/self/fd), or undefined elsewhere. */
function descriptorsOn(path: string): number | undefined {
  try {
    return readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false;
      }
    }).length;
  } catch {
    return undefined;
  }
}

describe('a fileFromPath() upload is streamed from the file (Node)', () => {
  // 2.5 MB of a pattern: three chunks, the last one short, and a misplaced chunk changes the hash.
  const size = 2.5 * 1024 * 1024;
  let streamFolder = '';
  let path = '';

  beforeAll(async () => {
    streamFolder = await realpath(await mkdtemp(join(tmpdir(), 'stability-rest-stream-')));
    path = join(streamFolder, 'big.png');
    const bytes = new Uint8Array(size);
    const pattern = uploadPattern();
    for (let offset = 0; offset < size; offset += pattern.length) bytes.set(pattern.subarray(0, size - offset), offset);
    await writeFile(path, bytes);
  });
  afterAll(() => rm(streamFolder, { recursive: true, force: true }));

  for (const [operation, field] of [
    ['imageToImage', 'init_image'],
    ['upscale', 'image'],
  ] as const) {
    it(`${operation}: each attempt sends the exact bytes, Content-Length, read from the file`, async () => {
      const server = await startUploadServer(field, 1);
      const blobReads = vi.spyOn(Blob.prototype, 'slice');
      try {
        const stability = createStabilityClient({
          apiKey: 'sk-node',
          baseUrl: server.url,
          maxRetries: 1,
          retryBackoff: { initialDelayMs: 1, maxDelayMs: 1 },
        });
        const file = await fileFromPath(path);
        const result =
          operation === 'upscale'
            ? await stability.generation.upscale('esrgan-v1-x2plus', { image: file })
            : await stability.generation.imageToImage('e', { text_prompts: [{ text: 'file' }], init_image: file });
        expect(result.attempts).toBe(2);
        expect(server.uploads).toHaveLength(2);
        for (const upload of server.uploads) {
          expect([upload.fileBytes, upload.fileHash]).toEqual([size, patternHash(size)]);
          expect(upload.transferEncoding).toBeUndefined();
          expect(upload.contentLength).toBe(String(upload.received));
        }
        expect(blobReads).not.toHaveBeenCalled();
        const open = descriptorsOn(path);
        if (open !== undefined) expect(open).toBe(0);
      } finally {
        blobReads.mockRestore();
        await server.close();
      }
    });
  }

  it('a binary body of a fileFromPath() File is streamed too, with its length', async () => {
    const media = { mediaType: 'application/octet-stream', encoding: 'binary', selector: {}, variants: [] } as never;
    const encoding = encodeBody(media, prepareUploads(await fileFromPath(path)));
    expect(encoding.headers['Content-Length']).toBe(String(size));
    const body = encoding.bodySerializer?.(undefined as never) as unknown as ReadableStream<Uint8Array>;
    const sent = Buffer.from(await new Response(body).arrayBuffer());
    expect([sent.length, createHash('sha256').update(sent).digest('hex')]).toEqual([size, patternHash(size)]);
    expect(encoding.fullyRead?.()).toBe(true);
  });

  it('a body cancelled part-way closes the file', async () => {
    const stability = createStabilityClient({
      apiKey: 'sk-node',
      maxRetries: 0,
      fetch: async (request) => {
        const reader = (request.body as ReadableStream<Uint8Array>).getReader();
        await reader.read();
        await reader.read();
        await reader.cancel();
        throw new TypeError('fetch failed');
      },
    });
    const call = stability.generation.upscale('esrgan-v1-x2plus', { image: await fileFromPath(path) });
    await expect(call).rejects.toBeInstanceOf(ConnectionError);
    const open = descriptorsOn(path);
    if (open !== undefined) expect(open).toBe(0);
  });

  for (const [change, apply] of [
    ['rewritten with other bytes', (file: string) => writeFile(file, new Uint8Array(1024))],
    ['touched (same bytes, new time)', (file: string) => utimes(file, new Date(), new Date(Date.now() + 5_000))],
  ] as const) {
    it(`a file ${change} after fileFromPath() fails the upload instead of sending other bytes`, async () => {
      const changing = join(streamFolder, `changing-${change.length}.png`);
      await writeFile(changing, png);
      const file = await fileFromPath(changing);
      await apply(changing);
      const server = await startUploadServer('image', 0);
      try {
        const stability = createStabilityClient({ apiKey: 'sk-node', baseUrl: server.url, maxRetries: 0 });
        const call = stability.generation.upscale('esrgan-v1-x2plus', { image: file });
        const error = await call.then(
          () => undefined,
          (failure: unknown) => failure,
        );
        expect(error).toBeInstanceOf(ConnectionError);
        expect(causes(error)).toContainEqual(expect.stringMatching(/changed after fileFromPath\(\) opened it/));
        expect(server.uploads.filter((upload) => upload.fileHash !== 'closing boundary missing')).toEqual([]);
      } finally {
        await server.close();
      }
    });
  }
});
