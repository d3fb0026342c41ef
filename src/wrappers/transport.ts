import type { StreamInit } from './body-encoding.js';
import { isIdempotent, provesNotDelivered } from './connection-failures.js';
import { type DirectBase, type DirectResult, directRequest, directUrl, readDirect } from './direct.js';
import {
  type APIError,
  type APIErrorBody,
  apiErrorFor,
  ConnectionError,
  RedirectError,
  TimeoutError,
  UserAbortError,
} from './errors.js';
import { describeHeaders, type Log, redact, redactDeep } from './logger.js';
import type { FetchOptions, RequestOptions } from './options.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RawClient } from './raw-client.js';
import { isRetryableStatus, type RetryBackoff, retryDelayMs } from './retry.js';
import { AttemptSignal, sleep } from './timing.js';

/** What the operation groups share: the raw client and the client-wide settings. */
export interface Transport {
  /** The openapi-fetch client behind `stability.raw`, made on first use. */
  raw: () => RawClient;
  validate: boolean;
  maxRetries: number;
  timeoutMs: number;
  backoff: RetryBackoff;
  rateLimiter: RateLimiter | undefined;
  /** Whether connection failures that may have reached the server are retried too. */
  retryMaybeDelivered: boolean | 'idempotent';
  log: Log;
  /** Values redacted from every error and log line (the API key). */
  secrets: readonly string[];
  /** The `fetch` given to the client (or the global one), looked up per attempt. */
  fetch: () => (request: Request, init?: FetchOptions) => Promise<Response>;
  /** The client's `fetchOptions`, which a call's own extend. */
  fetchOptions: FetchOptions | undefined;
  /**
   * Whether the wrappers' calls may go straight to the runtime's fetch with a URL and init, around
   * openapi-fetch (see `direct.ts`): no `fetch` option was given and no middleware was added to `raw`.
   */
  direct: () => boolean;
  /** The base URL and headers openapi-fetch's client was made with, for the direct path. */
  base: DirectBase;
}

/**
 * `fetch` with the given options as its second argument (none when there are none, so that a fetch which
 * takes one argument sees exactly what it did before).
 */
export function withFetchOptions(
  fetch: (request: Request, init?: FetchOptions) => Promise<Response>,
  fetchOptions: FetchOptions | undefined,
): (request: Request) => Promise<Response> {
  return fetchOptions && Object.keys(fetchOptions).length > 0
    ? (request) => fetch(request, fetchOptions)
    : (request) => fetch(request);
}

/**
 * A request body fetch accepts. `RequestInit['body']` rather than the DOM-only `BodyInit`, so the
 * declarations compile in Node (from @types/node's globals) without the DOM library.
 */
export type RequestBody = NonNullable<RequestInit['body']>;

/** One request as the call pipeline describes it to openapi-fetch. */
export interface Call {
  /** The HTTP method, as the operation table writes it (`get`, `post`, ...). */
  method: string;
  /** The path template of the spec, e.g. `/v1/generation/{engine_id}/text-to-image`. */
  template: string;
  /** Values of the path parameters, by name. */
  pathValues: Record<string, string>;
  query?: Record<string, unknown>;
  /** Serialises `query` as the spec's parameters say (style, explode). */
  querySerializer?: (query: Record<string, unknown>) => string;
  /** Header parameters of the call (`Accept` included), by the spec's names. */
  headers: Record<string, string>;
  body?: unknown;
  bodySerializer?: (body: never) => RequestBody;
  /** Extra fetch init the body needs (for a stream: see `streamedInit` in body-encoding.ts). */
  init?: StreamInit;
  /** For a streamed body: whether fetch read the attempt's body to its end (see body-encoding.ts). */
  bodyFullyRead?: () => boolean;
  options: RequestOptions;
}

/** A 2xx response with its body read as bytes, and how many attempts it took. */
export interface ReadResponse {
  /** The body; a reader that has taken it as text replaces it with no bytes, so that it can be collected. */
  bytes: Uint8Array;
  response: Response;
  attempts: number;
}

type Attempt =
  | { ok: true; bytes: Uint8Array; response: Response }
  | { ok: false; error: APIError | ConnectionError | TimeoutError; retryAfter?: string | null };

/**
 * Sends a call, straight to fetch (`direct.ts`) or through openapi-fetch, retrying 429, 5xx and failed
 * connections with backoff, and returns the bytes of the 2xx body. Each attempt rebuilds the request (and its multipart body) from the call.
 */
export async function send(transport: Transport, call: Call): Promise<ReadResponse> {
  const path = concretePath(call);
  const url = directUrl(transport.base.baseUrl, path, call);
  const method = call.method.toUpperCase();
  const describe = (): [string, string] => [method, path];
  const maxRetries = call.options.maxRetries ?? transport.maxRetries;
  const { signal } = call.options;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new UserAbortError(method, path, signal.reason);
    const release = transport.rateLimiter ? await transport.rateLimiter.acquire(signal, describe) : undefined;
    let outcome: Attempt;
    try {
      outcome = await attemptOnce(transport, call, path, url);
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
      () => `${method} ${path}: ${error.message}; retry ${attempt} of ${maxRetries} in ${Math.round(delay)} ms`,
    );
    await sleep(delay, signal, describe);
  }
}

/**
 * One attempt. A retryable failure carries `retryAfter` (the header's value, or null); a final one does not.
 */
async function attemptOnce(transport: Transport, call: Call, path: string, url: string): Promise<Attempt> {
  const method = call.method.toUpperCase();
  const timeoutMs = call.options.timeout ?? transport.timeoutMs;
  const attemptAbort = new AttemptSignal(call.options.signal, timeoutMs);
  let received: Response | undefined;
  const fetchOptions = call.options.fetchOptions
    ? { ...transport.fetchOptions, ...call.options.fetchOptions }
    : transport.fetchOptions;
  try {
    let result: DirectResult;
    if (transport.direct()) {
      const sent = directRequest(transport.base, call, url, method, attemptAbort.signal, fetchOptions);
      transport.log(
        'debug',
        () => `${method} ${sent.url} (${describeHeaders(new Headers(sent.init.headers as Record<string, string>))})`,
      );
      try {
        received = await globalThis.fetch(sent.url, sent.init);
      } catch (error) {
        throw fetchFailure(transport, call, attemptAbort, path, error);
      }
      result = await readDirect(received, method);
    } else {
      const fetchOnce = async (request: Request): Promise<Response> => {
        transport.log('debug', () => `${request.method} ${request.url} (${describeHeaders(request.headers)})`);
        try {
          received = await withFetchOptions(transport.fetch(), fetchOptions)(request);
          return received;
        } catch (error) {
          throw fetchFailure(transport, call, attemptAbort, path, error);
        }
      };
      result = await request(transport)(call.method, call.template, {
        ...openapiInit(call),
        signal: attemptAbort.signal,
        fetch: fetchOnce,
      });
    }
    const { data, error, response } = result;
    transport.log('debug', () => `${method} ${path}: ${response.status}`);
    if (isRedirect(response)) return { ok: false, error: redirectError(response, method, path) };
    if (response.ok) return { ok: true, bytes: asBytes(data), response };
    const body = typeof error === 'object' && error !== null ? (error as APIErrorBody) : String(error ?? '');
    const apiError = apiErrorFor({
      status: response.status,
      headers: response.headers,
      body: redactDeep(body, transport.secrets),
      method,
      path,
    });
    return isRetryableStatus(response.status)
      ? { ok: false, error: apiError, retryAfter: response.headers.get('Retry-After') }
      : { ok: false, error: apiError };
  } catch (error) {
    if (call.options.signal?.aborted) throw new UserAbortError(method, path, call.options.signal.reason);
    if (error instanceof RedirectError) return { ok: false, error };
    if (attemptAbort.timedOut()) return { ok: false, error: new TimeoutError(method, path, timeoutMs) };
    const failure =
      error instanceof ConnectionError
        ? error
        : received
          ? connectionError(transport, method, path, error, received.status)
          : undefined;
    if (!failure) throw error;
    return mayRetryConnectionFailure(transport, call, failure)
      ? { ok: false, error: failure, retryAfter: null }
      : { ok: false, error: failure };
  } finally {
    attemptAbort.dispose();
  }
}

/**
 * What a fetch that threw becomes: the abort itself when the attempt's signal aborted (the caller or the
 * timeout, told apart by the caller), a `RedirectError` for a redirect refused with `redirect: 'error'`,
 * else a `ConnectionError`.
 */
function fetchFailure(
  transport: Transport,
  call: Call,
  attemptAbort: AttemptSignal,
  path: string,
  error: unknown,
): unknown {
  const method = call.method.toUpperCase();
  if (attemptAbort.signal.aborted) return error;
  if (call.init?.redirect === 'error' && isRefusedRedirect(error)) return redirectError(undefined, method, path);
  return connectionError(transport, method, path, error, undefined, call.bodyFullyRead?.() === false);
}

/**
 * A connection failure, its message redacted (a custom fetch may put anything in it). It proves the request
 * undelivered when no response had begun and either its cause says so or fetch had not read the whole
 * (streamed) body: Node reports a reset while the body is still being written as a failed `read`, the
 * same as a reset after the server read it all, so the body's own progress tells them apart.
 */
function connectionError(
  transport: Transport,
  method: string,
  path: string,
  cause: unknown,
  status?: number,
  bodyUnfinished = false,
) {
  const failure = new ConnectionError(method, path, cause, status);
  failure.message = redact(failure.message, transport.secrets);
  failure.notDelivered = status === undefined && (bodyUnfinished || provesNotDelivered(cause));
  return failure;
}

/**
 * Whether a connection failure may be retried: when it proves the request never reached the server, or
 * when the caller opted in for requests that may have (`retryMaybeDelivered`).
 */
function mayRetryConnectionFailure(transport: Transport, call: Call, failure: ConnectionError): boolean {
  if (failure.notDelivered) return true;
  const policy = call.options.retryMaybeDelivered ?? transport.retryMaybeDelivered;
  return policy === true || (policy === 'idempotent' && isIdempotent(call.method));
}

/** A 2xx body as bytes: the direct path reads them so (`readBody`), openapi-fetch gives an ArrayBuffer. */
function asBytes(data: DirectResult['data']): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data ?? new ArrayBuffer(0));
}

/** A 3xx, or the opaque answer a browser gives for a redirect it was told not to follow. */
function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

/**
 * Whether fetch failed because the server redirected a request sent with `redirect: 'error'` (undici: a
 * TypeError whose cause says "unexpected redirect").
 */
function isRefusedRedirect(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return error instanceof TypeError && cause instanceof Error && cause.message === 'unexpected redirect';
}

/** The error for a redirect; without a response (refused by fetch), its status is 0 and its Location unknown. */
function redirectError(response: Response | undefined, method: string, path: string): RedirectError {
  const location = response?.headers.get('Location') ?? undefined;
  let targetHost: string | undefined;
  try {
    targetHost = location === undefined ? undefined : new URL(location, response?.url || undefined).host;
  } catch {
    targetHost = undefined;
  }
  return new RedirectError({
    status: response?.status ?? 0,
    headers: response?.headers ?? new Headers(),
    body: '',
    method,
    path,
    location,
    targetHost,
  });
}

/** The path with its parameters filled in, as error messages and logs show it. */
export function concretePath(call: Pick<Call, 'template' | 'pathValues'>): string {
  return call.template.replace(/\{([^}]+)\}/g, (match, name: string) => {
    const value = call.pathValues[name];
    return value === undefined ? match : encodeURIComponent(value);
  });
}

function openapiInit(call: Call) {
  return {
    params: { path: call.pathValues, query: call.query, header: call.headers },
    ...(call.querySerializer ? { querySerializer: call.querySerializer } : {}),
    ...(call.body === undefined ? {} : { body: call.body }),
    ...(call.bodySerializer ? { bodySerializer: call.bodySerializer } : {}),
    headers: call.options.headers,
    parseAs: 'arrayBuffer' as const,
    // The API never redirects: a 3xx is reported, not followed, so nothing is sent to another host.
    redirect: 'manual' as const,
    ...call.init,
  };
}

/**
 * openapi-fetch's `request`, for a path and method the operation table gives at run time. The public
 * methods are typed from the generated types per operation, the table's paths are checked against `paths`
 * when it compiles (`CheckedPaths`), and every value passed here has been validated against the spec.
 */
function request(transport: Transport) {
  return transport.raw().request as unknown as (method: string, path: string, init: object) => Promise<DirectResult>;
}
