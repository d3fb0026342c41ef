import type { FetchOptions } from './options.js';
import type { Call, RequestBody } from './transport.js';

/**
 * The wrappers' own calls, sent straight to the runtime's fetch when the client has no `fetch` option and
 * no middleware on `raw` (`Transport.direct()`). It does what openapi-fetch 0.17's `coreFetch` does for
 * these calls, to the byte on the wire, without its per-call work that the wrappers do not need: the
 * URL from the path template and the query serializer, the headers merged the way its `mergeHeaders`
 * does (with the same names, case and order, since fetch sends a headers object in that order), the body
 * from the call's serializer or JSON, and the response read as `parseAs: 'arrayBuffer'` reads it. With a
 * `fetch` option or middleware, calls still go through openapi-fetch (see transport.ts), so `raw`'s
 * middleware and a user's fetch see real `Request`s.
 */

/** Header values as openapi-fetch merges them: `null` removes a header, `undefined` leaves it. */
export type HeaderValues = Record<string, string | null | undefined>;

/** What openapi-fetch's client was made with, which the direct path needs too. */
export interface DirectBase {
  /** The base URL, without a trailing slash. */
  baseUrl: string;
  /** The client's headers (Authorization, User-Agent, client option headers, `defaultHeaders`). */
  headers: HeaderValues;
}

/** What openapi-fetch answers for a call: `data` for a 2xx body, `error` for another's. */
export interface DirectResult {
  /** The bytes of a 2xx body: read by {@link readBody} on the direct path, an ArrayBuffer from openapi-fetch. */
  data?: ArrayBuffer | Uint8Array;
  error?: unknown;
  response: Response;
}

/**
 * The headers of a call, merged as openapi-fetch's `mergeHeaders` merges them into a `Headers`: later
 * sources override earlier ones whatever the case of the name, the last name's case wins, a replaced
 * header keeps its place, and `null` removes one. A plain object in that order, which fetch reads as it
 * reads the `Headers` openapi-fetch built.
 */
export function mergedHeaders(...sources: ReadonlyArray<HeaderValues | undefined>): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  for (const source of sources) {
    if (!source) continue;
    for (const name in source) {
      const value = source[name];
      if (value === null) merged.delete(name.toLowerCase());
      else if (value !== undefined) merged.set(name.toLowerCase(), [name, value]);
    }
  }
  // fromEntries defines own properties: a header named `__proto__` stays a header.
  return Object.fromEntries(merged.values());
}

/** The value of a header in a plain headers object, whatever the case of its name (`lowerName` in lower case). */
export function headerIn(headers: Record<string, string> | undefined, lowerName: string): string | undefined {
  for (const name in headers) if (name.toLowerCase() === lowerName) return headers[name];
  return undefined;
}

/** The URL of a call: the base URL, the path with its values filled in (already encoded), the query. */
export function directUrl(baseUrl: string, path: string, call: Call): string {
  const url = baseUrl + path;
  if (!call.querySerializer) return url;
  let search = call.querySerializer(call.query ?? {});
  if (search.startsWith('?')) search = search.substring(1);
  return search ? `${url}?${search}` : url;
}

/** The body of one attempt, as openapi-fetch's `bodySerializer` (or its default) makes it. */
function serializedBody(call: Call, headers: Record<string, string>): RequestBody | undefined {
  if (call.body === undefined) return undefined;
  if (call.bodySerializer) return call.bodySerializer(call.body as never);
  if (call.body instanceof FormData) return call.body;
  if (headerIn(headers, 'content-type') === 'application/x-www-form-urlencoded') {
    return new URLSearchParams(call.body as Record<string, string>).toString();
  }
  return JSON.stringify(call.body);
}

/** The request one attempt sends: URL and fetch init, as openapi-fetch would hand them to fetch. */
export function directRequest(
  base: DirectBase,
  call: Call,
  url: string,
  method: string,
  signal: AbortSignal,
  fetchOptions: FetchOptions | undefined,
): { url: string; init: RequestInit } {
  const callHeaders = call.options.headers;
  const withoutType = mergedHeaders(base.headers, callHeaders, call.headers);
  const body = serializedBody(call, withoutType);
  // openapi-fetch sets `Content-Type: application/json` first, for any body but a FormData, so that the
  // call's own headers override it; the merge is done again with it.
  const headers =
    body === undefined || body instanceof FormData
      ? withoutType
      : mergedHeaders({ 'Content-Type': 'application/json' }, base.headers, callHeaders, call.headers);
  const init: RequestInit = {
    redirect: 'manual',
    method,
    ...call.init,
    signal,
    body,
    headers,
  };
  return { url, init: fetchOptions ? { ...fetchOptions, ...init } : init };
}

/**
 * Reads a response as openapi-fetch does with `parseAs: 'arrayBuffer'`, except that a 2xx body is read by
 * {@link readBody} (one copy of it rather than two).
 */
export async function readDirect(response: Response, method: string): Promise<DirectResult> {
  const contentLength = response.headers.get('Content-Length');
  if (
    response.status === 204 ||
    method === 'HEAD' ||
    (contentLength === '0' && !response.headers.get('Transfer-Encoding')?.includes('chunked'))
  ) {
    return { response };
  }
  if (response.ok) return { data: await readBody(response, contentLength), response };
  let error: unknown = await response.text();
  try {
    error = JSON.parse(error as string);
  } catch {
    // Not JSON: the text itself.
  }
  return { error, response };
}

/**
 * Bodies announced larger than this are not allocated up front (a server could announce any length);
 * they are gathered chunk by chunk instead.
 */
const largestPreallocation = 512 * 1024 * 1024;

/** Bodies announced at most this long are read by `arrayBuffer()` (an engine list, a balance). */
const smallBody = 64 * 1024;

/**
 * A response body, whole, as bytes. `Response.arrayBuffer()` gathers the chunks, joins them, then copies
 * the joined bytes into a new ArrayBuffer (undici: `new Uint8Array(bytes).buffer`), so a body is briefly
 * held twice. Here each chunk is copied once, into a buffer of the announced `Content-Length` (when the
 * body is not content-encoded, so that length is the body's): a 30 MB image peaks at 30 MB, not 60.
 */
export async function readBody(
  response: Response,
  contentLength = response.headers.get('Content-Length'),
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const length = contentLength === null ? Number.NaN : Number(contentLength);
  // A small body's second copy costs less than reading it chunk by chunk here (whatever its real length).
  if (length <= smallBody) return new Uint8Array(await response.arrayBuffer());
  // A content-encoded body's length is the encoded one: not the length of what is read.
  const announced = response.headers.has('Content-Encoding') ? Number.NaN : length;
  const reader = response.body.getReader();
  if (!Number.isSafeInteger(announced) || announced > largestPreallocation) {
    return joined(await remainingChunks(reader, []));
  }
  const bytes = unfilledBytes(announced);
  let filled = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (filled + value.byteLength > bytes.byteLength) {
      // Longer than announced: gather the rest, then join it all.
      return joined(await remainingChunks(reader, [bytes.subarray(0, filled), value]));
    }
    bytes.set(value, filled);
    filled += value.byteLength;
  }
  // Shorter than announced: a copy of what was read, so no byte left unwritten is ever handed out.
  return filled === bytes.byteLength ? bytes : bytes.slice(0, filled);
}

/**
 * Bytes to be written over, all of them, before anyone reads them. In Node and Bun they are not zeroed
 * first (`Buffer.allocUnsafeSlow`: memory of its own, not a slice of the shared pool), which halves the
 * cost of reading a large body: zeroing 2 MB then copying into it took 530 µs here, the copy alone 210 µs.
 * Elsewhere, a zeroed `Uint8Array`. Either way a plain `Uint8Array` view, not a `Buffer`.
 */
function unfilledBytes(length: number): Uint8Array {
  const NodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow?: (size: number) => Uint8Array } }).Buffer;
  if (typeof NodeBuffer?.allocUnsafeSlow !== 'function') return new Uint8Array(length);
  const buffer = NodeBuffer.allocUnsafeSlow(length);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
}

async function remainingChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  chunks: Uint8Array[],
): Promise<Uint8Array[]> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

function joined(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const bytes = unfilledBytes(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
