import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStabilityClient } from '../../src/index.js';
import { formEntries, toFormData } from '../../src/wrappers/multipart.js';
import { streamedMultipart } from '../../src/wrappers/streamed-body.js';
import { prepareUploads } from '../../src/wrappers/uploads.js';
import { type RecordingServer, startRecordingServer } from '../helpers/hostile-servers.js';

let server: RecordingServer;

type Entry = [name: string, value: string | { name: string; type: string; bytes: number[] }];

/** The entries a server reads from a multipart body, files as name, type and bytes. */
async function parsedEntries(body: ArrayBuffer | Uint8Array<ArrayBuffer>, contentType: string): Promise<Entry[]> {
  const form = await new Response(body, {
    headers: { 'content-type': contentType },
  }).formData();
  const entries: Entry[] = [];
  for (const [name, value] of form.entries()) {
    entries.push(
      typeof value === 'string'
        ? [name, value]
        : [name, { name: value.name, type: value.type, bytes: [...new Uint8Array(await value.arrayBuffer())] }],
    );
  }
  return entries;
}

/** What fetch sends for the FormData the non-streaming path builds from the same body, as a server reads it. */
async function formDataEntries(body: Record<string, unknown>): Promise<Entry[]> {
  const request = new Request('http://localhost/', { method: 'POST', body: toFormData(prepareUploads(body) as never) });
  return parsedEntries(await request.arrayBuffer(), request.headers.get('content-type') ?? '');
}

const pngBytes = (extra: number[]) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...extra]);
const jpegBytes = (extra: number[]) => new Uint8Array([0xff, 0xd8, 0xff, ...extra]);
/** Text with what multipart must carry faithfully: quotes, CR, LF, CRLF, boundaries-alike, non-ASCII. */
const awkwardText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .array(fc.constantFrom('"', '\r', '\n', '\r\n', '--', '----stability-rest-', 'é', '😀', '%22', ';', 'a', ' '), {
      maxLength: 12,
    })
    .map((parts) => parts.join('')),
);
const awkwardName = fc
  .array(fc.constantFrom('"', '\r', '\n', 'x', 'é', '%', '[', ']', ' ', ';', '='), { minLength: 1, maxLength: 8 })
  .map((parts) => `f_${parts.join('')}`);
const upload = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }).map((bytes) => pngBytes(bytes)),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }).map((bytes) => jpegBytes(bytes)),
  fc
    .tuple(awkwardText, fc.constantFrom('image/png', 'image/webp', ''), fc.uint8Array({ minLength: 1, maxLength: 64 }))
    .map(([name, type, bytes]) => new File([bytes], `${name}.png`, { type })),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => new Blob([bytes], { type: 'image/png' })),
);

describe('the streamed multipart body (Node) is what FormData would send', () => {
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server.close());

  it('for any prompts, extra fields (awkward names) and uploads, over the wire', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ text: awkwardText, weight: fc.double({ min: -5, max: 5, noNaN: true }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        upload,
        fc.dictionary(awkwardName, awkwardText, { maxKeys: 3 }),
        async (prompts, image, extras) => {
          const body = { text_prompts: prompts, init_image: image, ...extras, cfg_scale: 7 };
          const before = server.requests.length;
          await createStabilityClient({
            apiKey: 'sk-wire',
            baseUrl: server.url,
            validate: false,
          }).generation.imageToImage('e', body as never);
          const [request] = server.requests.slice(before);
          const contentType = String(request?.headers['content-type']);
          expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
          expect(request?.headers['content-length']).toBe(String(request?.body.length));
          expect(request?.headers['transfer-encoding']).toBeUndefined();
          const streamed = await parsedEntries(new Uint8Array(request?.body ?? []), contentType);
          expect(streamed).toEqual(await formDataEntries(body));
          // And the values are the user's: names and order, prompt text with line breaks as CRLF.
          expect(streamed.map(([name]) => name)).toEqual((await formDataEntries(body)).map(([name]) => name));
          const texts = streamed
            .filter(([name]) => /^text_prompts\[\d+\]\[text\]$/.test(name))
            .map(([, value]) => value);
          expect(texts).toEqual(prompts.map((prompt) => prompt.text.replace(/\r\n|\r|\n/g, '\r\n')));
          const file = streamed.find(([name]) => name === 'init_image')?.[1];
          const bytes = image instanceof Uint8Array ? [...image] : [...new Uint8Array(await image.arrayBuffer())];
          expect(file).toMatchObject({ bytes });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sniffs the type and names the file after its field for bytes; a File keeps its name and type', async () => {
    const before = server.requests.length;
    const stability = createStabilityClient({ apiKey: 'sk-wire', baseUrl: server.url });
    await stability.generation.imageToImage('e', { text_prompts: [{ text: 'x' }], init_image: jpegBytes([1, 2]) });
    await stability.generation.upscale('esrgan-v1-x2plus', {
      image: new File([pngBytes([3])], 'my "photo".png', { type: 'image/png' }),
    });
    const [jpeg, file] = await Promise.all(
      server.requests
        .slice(before)
        .map((request) => parsedEntries(new Uint8Array(request.body), String(request.headers['content-type']))),
    );
    expect(jpeg?.find(([name]) => name === 'init_image')?.[1]).toEqual({
      name: 'init_image.jpg',
      type: 'image/jpeg',
      bytes: [...jpegBytes([1, 2])],
    });
    expect(file?.find(([name]) => name === 'image')?.[1]).toEqual({
      name: 'my "photo".png',
      type: 'image/png',
      bytes: [...pngBytes([3])],
    });
  });

  it('the stream can be read again from the first byte, with the same bytes and the announced length', async () => {
    await fc.assert(
      fc.asyncProperty(awkwardText, upload, async (text, image) => {
        const body = prepareUploads({ text_prompts: [{ text }], init_image: image }) as Record<string, unknown>;
        const streamed = streamedMultipart(formEntries(body));
        const first = new Uint8Array(await new Response(streamed.stream()).arrayBuffer());
        const second = new Uint8Array(await new Response(streamed.stream()).arrayBuffer());
        expect(first.length).toBe(streamed.contentLength);
        expect(second).toEqual(first);
      }),
      { numRuns: 40 },
    );
  });
});
