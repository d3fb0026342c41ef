import type { RequestMediaEntry } from '../generated/operations.js';
import { formEntries, toFormData, toUrlEncoded } from './multipart.js';
import { type StreamedBody, streamedFile, streamedMultipart, streamsBodies } from './streamed-body.js';
import type { RequestBody } from './transport.js';
import { FilePart, rangesOf } from './uploads.js';

/** How one call's body goes on the wire, worked out once per call and reused by every attempt. */
export interface BodyEncoding {
  /** Headers the body needs set by hand (`Content-Type`, and `Content-Length` for a stream). */
  headers: Record<string, string>;
  /** Builds the body for one attempt from the call's prepared body. */
  bodySerializer?: (body: never) => RequestBody;
  /** Extra fetch init the body needs (`duplex` and `redirect` for a stream, see {@link streamedInit}). */
  init?: StreamInit;
  /**
   * For a streamed body: whether fetch read the last attempt's body to its end. `false` proves the server
   * never got the whole request, so a connection failure then may be retried.
   */
  fullyRead?: () => boolean;
}

/**
 * The encoding of a prepared body (its uploads already {@link FilePart}s) for the chosen media type. In Node,
 * a body with uploads is streamed from the user's own bytes (see `streamed-body.ts`); elsewhere it is a
 * `FormData` or a `Blob`. The Content-Type is the spec's media type, except for a FormData (fetch adds the
 * boundary), plain `application/json` (openapi-fetch sets it) and a wildcard (`image/*`: the file's own type).
 */
export function encodeBody(media: RequestMediaEntry, body: unknown): BodyEncoding {
  switch (media.encoding) {
    case 'multipart':
      return multipart(body as Record<string, unknown>);
    case 'form':
      return { headers: { 'Content-Type': media.mediaType }, bodySerializer: toUrlEncoded };
    case 'binary':
      return binary(media, body);
    case 'text':
      return { headers: { 'Content-Type': media.mediaType }, bodySerializer: (text: never) => String(text) };
    default:
      return { headers: media.mediaType === 'application/json' ? {} : { 'Content-Type': media.mediaType } };
  }
}

function multipart(body: Record<string, unknown>): BodyEncoding {
  const entries = formEntries(body);
  if (streamsBodies() && entries.some(([, value]) => value instanceof FilePart)) {
    return streamed(streamedMultipart(entries));
  }
  return { headers: {}, bodySerializer: toFormData };
}

function binary(media: RequestMediaEntry, body: unknown): BodyEncoding {
  if (!(body instanceof FilePart)) {
    // Only with `validate: false`: sent as given.
    return { headers: { 'Content-Type': media.mediaType }, bodySerializer: (given: never) => given as RequestBody };
  }
  const contentType = media.mediaType.includes('*') ? body.type : media.mediaType;
  // Bytes, and a `fileFromPath()` file, stream as multipart does; another Blob goes to fetch as it is.
  if (streamsBodies() && (body.source instanceof Uint8Array || rangesOf(body.source))) {
    return streamed(streamedFile(body, contentType));
  }
  return { headers: { 'Content-Type': contentType }, bodySerializer: () => body.blob };
}

/** The fetch init of a streamed body. */
export interface StreamInit {
  duplex: 'half';
  redirect: 'error';
}

/**
 * What a streamed body adds to fetch's init: `duplex: 'half'`, which fetch requires for a stream, and
 * `redirect: 'error'` instead of the client's `'manual'`. Node's fetch (undici) copies every request whose
 * redirect mode is not `'error'`, and the copy tees the body: the branch left on the original is never
 * read, so it keeps every chunk until the call ends, and a file streamed from disk would be held whole
 * (a 200 MB upload from `fileFromPath` grew RSS by 223 MB with `'manual'`; test/hardening/upload-memory).
 * Neither mode follows a redirect; with `'error'` fetch fails without showing the 3xx status or its
 * Location, and transport.ts reports a `RedirectError` without them.
 */
export const streamedInit: StreamInit = { duplex: 'half', redirect: 'error' };

function streamed(body: StreamedBody): BodyEncoding {
  let ended = false;
  return {
    headers: { 'Content-Type': body.contentType, 'Content-Length': String(body.contentLength) },
    bodySerializer: () => {
      ended = false;
      return body.stream(() => {
        ended = true;
      }) as unknown as RequestBody;
    },
    init: streamedInit,
    fullyRead: () => ended,
  };
}
