import type { Client } from 'openapi-fetch';
import type { paths } from '../generated/types.js';
import { type APIErrorBody, apiErrorFor, ConnectionError, excerpt, ResponseFormatError } from './errors.js';
import type { RequestOptions } from './options.js';

/** The typed openapi-fetch client, for any call the wrappers do not cover. */
export type RawClient = Client<paths>;

/** What the operation groups share: the raw client and whether to validate requests. */
export interface Transport {
  raw: RawClient;
  validate: boolean;
}

/** One request as the wrappers describe it to openapi-fetch. */
export interface Call {
  method: 'GET' | 'POST';
  /** The path template of the spec, e.g. `/v1/generation/{engine_id}/text-to-image`. */
  template: string;
  engineId?: string;
  accept?: string;
  body?: unknown;
  bodySerializer?: (body: never) => BodyInit;
  options: RequestOptions;
}

/** A 2xx response with its body read as bytes. */
export interface ReadResponse {
  bytes: Uint8Array;
  response: Response;
}

/**
 * Sends a call through openapi-fetch and returns the raw bytes of a 2xx body; a non-2xx response
 * becomes the matching `APIError`, a failed connection a `ConnectionError`.
 */
export async function send(transport: Transport, call: Call): Promise<ReadResponse> {
  const path =
    call.engineId === undefined
      ? call.template
      : call.template.replace('{engine_id}', encodeURIComponent(call.engineId));
  const init = {
    params: {
      ...(call.engineId === undefined ? {} : { path: { engine_id: call.engineId } }),
      ...(call.accept === undefined ? {} : { header: { Accept: call.accept } }),
    },
    ...(call.body === undefined ? {} : { body: call.body }),
    ...(call.bodySerializer ? { bodySerializer: call.bodySerializer } : {}),
    headers: call.options.headers,
    signal: call.options.signal,
    parseAs: 'arrayBuffer' as const,
  };
  // One untyped seam: the public methods are typed from the generated types; here the path varies.
  const request = transport.raw[call.method] as unknown as (
    template: string,
    init: object,
  ) => Promise<{ data?: ArrayBuffer; error?: unknown; response: Response }>;
  const { data, error, response } = await request(call.template, init);
  if (!response.ok) {
    const body = typeof error === 'object' && error !== null ? (error as APIErrorBody) : String(error ?? '');
    throw apiErrorFor({ status: response.status, headers: response.headers, body, method: call.method, path });
  }
  return { bytes: new Uint8Array(data ?? new ArrayBuffer(0)), response };
}

/**
 * Wraps `fetch` so that a request that gets no response (refused, reset, DNS, TLS) throws a
 * `ConnectionError`, while an abort by the caller's signal stays the `AbortError` it is.
 */
export function withConnectionErrors(fetchImpl: () => (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      return await fetchImpl()(request);
    } catch (error) {
      if (request.signal.aborted) throw error;
      throw new ConnectionError(request.method, new URL(request.url).pathname, error);
    }
  };
}

/** Parses a 2xx JSON body, or throws a `ResponseFormatError` with an excerpt of it. */
export function parseJson({ bytes, response }: ReadResponse, what: string): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new ResponseFormatError(`${what} response is not valid JSON`, response.status, excerpt(text));
  }
}
