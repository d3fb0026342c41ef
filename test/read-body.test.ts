import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBody } from '../src/wrappers/direct.js';

/**
 * `readBody` reads a 2xx body into one buffer of the announced length (src/wrappers/direct.ts), and a
 * small one (64 KiB or less) with `arrayBuffer()`. Whatever the server announces, the bytes returned are
 * exactly the bytes sent.
 */

const chunkSize = 50_000;

/** Three chunks of 50,000 bytes each, every byte telling its chunk and place apart. */
const chunks = [0, 1, 2].map((chunk) =>
  Uint8Array.from({ length: chunkSize }, (_, index) => (index * 7 + chunk) % 251),
);
const all = Uint8Array.from(chunks.flatMap((chunk) => [...chunk]));

/** A response whose body arrives in the given chunks, with the given headers. */
function chunked(parts: readonly Uint8Array[], headers: Record<string, string> = {}): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(part.slice());
      controller.close();
    },
  });
  return new Response(stream, { headers });
}

describe('readBody', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads a body of the announced length into one buffer of that length', async () => {
    const bytes = await readBody(chunked(chunks, { 'Content-Length': String(all.length) }));
    expect(bytes).toEqual(all);
    expect(bytes.buffer.byteLength).toBe(all.length);
    // Node's uninitialised memory is handed out as a plain Uint8Array, not a Buffer.
    expect(bytes.constructor).toBe(Uint8Array);
  });

  it('reads the same bytes where the runtime has no Buffer.allocUnsafeSlow (browsers, Deno)', async () => {
    // undici itself needs the rest of Buffer.
    const withoutUnsafe = new Proxy(Buffer, {
      get: (target, key) => (key === 'allocUnsafeSlow' ? undefined : Reflect.get(target, key)),
    });
    vi.stubGlobal('Buffer', withoutUnsafe);
    const announced = await readBody(chunked(chunks, { 'Content-Length': String(all.length) }));
    const joinedChunks = await readBody(chunked(chunks));
    vi.unstubAllGlobals();
    expect(announced).toEqual(all);
    expect(joinedChunks).toEqual(all);
    expect(joinedChunks.constructor).toBe(Uint8Array);
  });

  it('joins the chunks of a body without a length', async () => {
    const bytes = await readBody(chunked(chunks));
    expect(bytes).toEqual(all);
    expect(bytes.constructor).toBe(Uint8Array);
  });

  it('keeps every byte of a body longer than announced', async () => {
    expect(await readBody(chunked(chunks, { 'Content-Length': String(chunkSize + 10) }))).toEqual(all);
  });

  it('returns only the bytes sent when the body is shorter than announced, in a buffer of their size', async () => {
    const bytes = await readBody(chunked(chunks, { 'Content-Length': String(all.length * 2) }));
    expect(bytes).toEqual(all);
    expect(bytes.buffer.byteLength).toBe(all.length);
  });

  it('does not trust the length of a content-encoded body (it is the encoded length)', async () => {
    const bytes = await readBody(chunked(chunks, { 'Content-Length': '200000', 'Content-Encoding': 'identity' }));
    expect(bytes).toEqual(all);
  });

  it('does not allocate an absurd announced length up front', async () => {
    expect(await readBody(chunked(chunks, { 'Content-Length': String(2 ** 40) }))).toEqual(all);
  });

  it('reads a small body whole, and an empty one as no bytes', async () => {
    expect([...(await readBody(chunked([Uint8Array.of(1, 2), Uint8Array.of(3)], { 'Content-Length': '3' })))]).toEqual([
      1, 2, 3,
    ]);
    expect((await readBody(new Response(null))).byteLength).toBe(0);
    expect((await readBody(chunked([], { 'Content-Length': '70000' }))).byteLength).toBe(0);
  });
});
