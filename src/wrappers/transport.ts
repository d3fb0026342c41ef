import type { Client } from 'openapi-fetch';
import type { paths } from '../generated/types.js';
import {
  type APIError,
  type APIErrorBody,
  apiErrorFor,
  ConnectionError,
  excerpt,
  ResponseFormatError,
  TimeoutError,
  UserAbortError,
} from './errors.js';
import { describeHeaders, type Log } from './logger.js';
import type { RequestOptions } from './options.js';
import type { RateLimiter } from './rate-limiter.js';
import { isRetryableStatus, type RetryBackoff, retryDelayMs } from './retry.js';
import { attemptSignal, sleep } from './timing.js';

/** The typed openapi-fetch client, for any call the wrappers do not cover. */
export type RawClient = Client<paths>;

/** What the operation groups share: the raw client and the client-wide settings. */
export interface Transport {
  raw: RawClient;
  validate: boolean;
  maxRetries: number;
  timeoutMs: number;
  backoff: RetryBackoff;
  rateLimiter: RateLimiter | undefined;
  log: Log;
  /** The `fetch` given to the client (or the global one), looked up per attempt. */
  fetch: () => (request: Request) => Promise<Response>;
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

/** A 2xx response with its body read as bytes, and how many attempts it took. */
export interface ReadResponse {
  bytes: Uint8Array;
  response: Response;
  attempts: number;
}

type Attempt =
  | { ok: true; bytes: Uint8Array; response: Response }
  | { ok: false; error: APIError | ConnectionError | TimeoutError; retryAfter?: string | null };

/**
 * Sends a call through openapi-fetch, retrying 429, 5xx and failed connections with backoff, and returns
 * the bytes of the 2xx body. Each attempt rebuilds the request (and its multipart body) from the call.
 */
export async function send(transport: Transport, call: Call): Promise<ReadResponse> {
  const path = concretePath(call);
  const describe = (): [string, string] => [call.method, path];
  const maxRetries = call.options.maxRetries ?? transport.maxRetries;
  const { signal } = call.options;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new UserAbortError(call.method, path, signal.reason);
    const release = await transport.rateLimiter?.acquire(signal, describe);
    let outcome: Attempt;
    try {
      outcome = await attemptOnce(transport, call, path);
    } finally {
      release?.();
    }
    if (outcome.ok) return { bytes: outcome.bytes, response: outcome.response, attempts: attempt };
    const { error } = outcome;
    error.attempts = attempt;
    const delay =
      outcome.retryAfter === undefined || attempt > maxRetries
        ? undefined
        : retryDelayMs(attempt, outcome.retryAfter, transport.backoff);
    if (delay === undefined) throw error;
    transport.log(
      'info',
      () => `${call.method} ${path}: ${error.message}; retry ${attempt} of ${maxRetries} in ${Math.round(delay)} ms`,
    );
    await sleep(delay, signal, describe);
  }
}

/**
 * One attempt. A retryable failure carries `retryAfter` (the header's value, or null); a final one does not.
 */
async function attemptOnce(transport: Transport, call: Call, path: string): Promise<Attempt> {
  const timeoutMs = call.options.timeout ?? transport.timeoutMs;
  const attemptAbort = attemptSignal(call.options.signal, timeoutMs);
  let received: Response | undefined;
  const fetchOnce = async (request: Request): Promise<Response> => {
    transport.log('debug', () => `${request.method} ${request.url} (${describeHeaders(request.headers)})`);
    try {
      received = await transport.fetch()(request);
      return received;
    } catch (error) {
      if (attemptAbort.signal.aborted) throw error;
      throw new ConnectionError(request.method, path, error);
    }
  };
  try {
    const { data, error, response } = await requestFunction(transport, call)(call.template, {
      ...openapiInit(call),
      signal: attemptAbort.signal,
      fetch: fetchOnce,
    });
    transport.log('debug', () => `${call.method} ${path}: ${response.status}`);
    if (response.ok) return { ok: true, bytes: new Uint8Array(data ?? new ArrayBuffer(0)), response };
    const body = typeof error === 'object' && error !== null ? (error as APIErrorBody) : String(error ?? '');
    const apiError = apiErrorFor({
      status: response.status,
      headers: response.headers,
      body,
      method: call.method,
      path,
    });
    return isRetryableStatus(response.status)
      ? { ok: false, error: apiError, retryAfter: response.headers.get('Retry-After') }
      : { ok: false, error: apiError };
  } catch (error) {
    if (call.options.signal?.aborted) throw new UserAbortError(call.method, path, call.options.signal.reason);
    if (attemptAbort.timedOut()) return { ok: false, error: new TimeoutError(call.method, path, timeoutMs) };
    if (error instanceof ConnectionError) return { ok: false, error, retryAfter: null };
    if (received) return { ok: false, error: new ConnectionError(call.method, path, error, received.status) };
    throw error;
  } finally {
    attemptAbort.dispose();
  }
}

function concretePath(call: Call): string {
  return call.engineId === undefined
    ? call.template
    : call.template.replace('{engine_id}', encodeURIComponent(call.engineId));
}

function openapiInit(call: Call) {
  return {
    params: {
      ...(call.engineId === undefined ? {} : { path: { engine_id: call.engineId } }),
      ...(call.accept === undefined ? {} : { header: { Accept: call.accept } }),
    },
    ...(call.body === undefined ? {} : { body: call.body }),
    ...(call.bodySerializer ? { bodySerializer: call.bodySerializer } : {}),
    headers: call.options.headers,
    parseAs: 'arrayBuffer' as const,
  };
}

/** One untyped seam: the public methods are typed from the generated types; here the path varies. */
function requestFunction(transport: Transport, call: Call) {
  return transport.raw[call.method] as unknown as (
    template: string,
    init: object,
  ) => Promise<{ data?: ArrayBuffer; error?: unknown; response: Response }>;
}

/** Parses a 2xx JSON body, or throws a `ResponseFormatError` with an excerpt of it. */
export function parseJson({ bytes, response }: Pick<ReadResponse, 'bytes' | 'response'>, what: string): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new ResponseFormatError(`${what} response is not valid JSON`, response.status, excerpt(text));
  }
}
