import { describe, expect, it } from 'vitest';
import { readBody } from '../src/wrappers/direct.js';

/**
 * `readBody` reads a 2xx body into one buffer of the announced length (src/wrappers/direct.ts). Whatever
 * the server announces, the bytes returned are exactly the bytes sent.
 */

/** A response whose body arrives in the given chunks, with the given headers. */
function chunked(chunks: readonly number[][], headers: Record<string, string> = {}): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(Uint8Array.from(chunk));
      controller.close();
    },
  });
  return new Response(stream, { headers });
}

const chunks = [[1, 2, 3], [4, 5], [6]];
const all = [1, 2, 3, 4, 5, 6];

describe('readBody', () => {
  it('reads a body of the announced length into one buffer of that length', async () => {
    const bytes = await readBody(chunked(chunks, { 'Content-Length': '6' }));
    expect([...bytes]).toEqual(all);
    expect(bytes.buffer.byteLength).toBe(6);
  });

  it('joins the chunks of a body without a length', async () => {
    expect([...(await readBody(chunked(chunks)))]).toEqual(all);
  });

  it('keeps every byte of a body longer than announced', async () => {
    expect([...(await readBody(chunked(chunks, { 'Content-Length': '4' })))]).toEqual(all);
  });

  it('returns only the bytes sent when the body is shorter than announced, in a buffer of their size', async () => {
    const bytes = await readBody(chunked(chunks, { 'Content-Length': '10' }));
    expect([...bytes]).toEqual(all);
    expect(bytes.buffer.byteLength).toBe(6);
  });

  it('does not trust the length of a content-encoded body (it is the encoded length)', async () => {
    const bytes = await readBody(chunked(chunks, { 'Content-Length': '2', 'Content-Encoding': 'identity' }));
    expect([...bytes]).toEqual(all);
  });

  it('does not allocate an absurd announced length up front', async () => {
    const bytes = await readBody(chunked(chunks, { 'Content-Length': String(2 ** 40) }));
    expect([...bytes]).toEqual(all);
  });

  it('reads an empty body as no bytes', async () => {
    expect((await readBody(new Response(null))).byteLength).toBe(0);
    expect((await readBody(chunked([], { 'Content-Length': '5' }))).byteLength).toBe(0);
  });
});
