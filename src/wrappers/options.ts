import { type OperationId, type OperationTypes, specInfo } from '../generated/operations.js';
import type { Logger, LogLevel } from './logger.js';
import {
  describe,
  headersObject,
  headerValueProblem,
  isPlainObject,
  nonNegativeInteger,
  objectOf,
  ofType,
  oneOf,
  positiveInteger,
  single,
  timeoutProblem,
} from './option-checks.js';
import type { RateLimit } from './rate-limiter.js';
import type { RetryBackoff } from './retry.js';

/** The response formats the operations can ask for (from the spec: `application/json`, `image/png`). */
export type Accept = OperationTypes[OperationId]['accept'];

/** Options of {@link createStabilityClient}. */
export interface ClientOptions {
  /**
   * Your Stability API key, sent as `Authorization: Bearer <key>`.
   * @default process.env.STABILITY_API_KEY
   */
  apiKey?: string;
  /**
   * Where the API lives: the URL the spec's paths are appended to. It replaces the spec's server URL
   * whole, path included (when the spec's server URL has a path, give yours with the same path).
   * @default process.env.STABILITY_BASE_URL, else the spec's `servers[0].url` (`specInfo.serverUrl`)
   */
  baseUrl?: string;
  /** Sent as the `Organization` header: scope requests to an organization other than your default. */
  organization?: string;
  /** Sent as `Stability-Client-ID`: names your application. */
  clientId?: string;
  /** Sent as `Stability-Client-Version`: your application's version. */
  clientVersion?: string;
  /**
   * The `fetch` to use (a test double, an instrumented one, ...). It gets the `Request`, and the
   * `fetchOptions` of the call as its second argument.
   * @default globalThis.fetch
   */
  fetch?: (request: Request, init?: FetchOptions) => Promise<Response>;
  /**
   * Extra options passed to every `fetch` call as its second argument, e.g. an undici `dispatcher` to go
   * through a proxy in Node. The client's own (`method`, `body`, `headers`, `signal`, `redirect`, `duplex`)
   * cannot be set here. Merged with the call's own `fetchOptions`.
   */
  fetchOptions?: FetchOptions;
  /**
   * Headers sent with every request, e.g. for a gateway in front of the API. They override the client's own
   * (`User-Agent`, `Organization`, ...), and a call's `headers` override them; `null` removes a header.
   */
  defaultHeaders?: Record<string, string | null>;
  /**
   * Let the client run in a web page even though the API key given to it is then readable by anyone who
   * opens the page. Without it, the client refuses to start in a browser: keep the key on a server, and
   * have the page call your server (see the README's "Browsers" section).
   * @default false
   */
  dangerouslyAllowBrowser?: boolean;
  /**
   * Check every request body against the spec before sending it, and refuse invalid ones with a
   * `ValidationError`. Turn off only to send something the spec does not describe yet.
   * @default true
   */
  validate?: boolean;
  /**
   * How many times to retry a call that got 429, 500, 502, 503 or 504, or whose connection failed in a way
   * that proves the request never reached the server (refused, DNS, TLS handshake, reset while connecting
   * or writing). Other statuses are never retried, nor a timeout. A whole number, 0 or more; overridable
   * per call.
   * @default 2
   */
  maxRetries?: number;
  /**
   * Also retry connection failures that may have reached the server (a reset or close after the request
   * was written, a custom `fetch` that threw): `true` for every method, `'idempotent'` for GET, HEAD,
   * OPTIONS, PUT and DELETE only. Off by default because a generation the server received may run and be
   * billed even when its answer is lost; retrying it could bill it again. Overridable per call.
   * @default false
   */
  retryMaybeDelivered?: boolean | 'idempotent';
  /**
   * Milliseconds one attempt may take, response headers and body together, before a `TimeoutError`.
   * Above 0 and at most `Number.MAX_SAFE_INTEGER` (long waits are chained timers), or `Infinity` for none.
   * Generations can take tens of seconds, hence the generous default. Overridable per call.
   * @default 180000
   */
  timeout?: number;
  /** The waits between retries. @default { initialDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60000 } */
  retryBackoff?: RetryBackoff;
  /**
   * Opt-in client-side rate limiting shared by all calls of this client: `true` for the API's limit
   * (150 requests per 10 s), or your own. Calls wait in a queue; none is dropped.
   * @default undefined (no limiting)
   */
  rateLimit?: boolean | RateLimit;
  /** Where log lines go (e.g. `console`). The `Authorization` header and the key are always redacted. @default undefined (quiet) */
  logger?: Logger;
  /** @default 'info' when a logger is given */
  logLevel?: LogLevel;
  /**
   * Allow sending the API key over plain `http://` to a host that is not loopback. Without it the
   * client refuses such a `baseUrl`, so the key never crosses a network in clear text.
   * @default false
   */
  allowInsecureHttp?: boolean;
  /**
   * What to do when the API filtered an image: `'return'` it as an artifact whose `finishReason` is
   * `CONTENT_FILTERED` (its image is blurred), or `'throw'` a `ContentFilteredError`. Overridable per call.
   * @default 'return'
   */
  contentFiltered?: 'return' | 'throw';
}

/** Options of a single call. */
export interface RequestOptions {
  /** Aborts the call at once: the request, a retry wait or a rate-limit wait. Rejects with `UserAbortError`. */
  signal?: AbortSignal;
  /** Extra headers for this call; they override the client's own. */
  headers?: Record<string, string>;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
  /** Overrides the client's `timeout` (ms per attempt) for this call. */
  timeout?: number;
  /** Overrides the client's `retryMaybeDelivered` for this call. */
  retryMaybeDelivered?: boolean | 'idempotent';
  /** Extra options for this call's `fetch` (second argument), over the client's `fetchOptions`. */
  fetchOptions?: FetchOptions;
}

/**
 * Options passed to `fetch` as its second argument: whatever the runtime's fetch accepts besides what the
 * client sets itself, e.g. `{ dispatcher }` (Node, undici), `{ credentials }`, `{ priority }`, `{ cache }`.
 */
export type FetchOptions = Record<string, unknown>;

/** The fetch options the client sets itself, which `fetchOptions` cannot override. */
export const reservedFetchOptions: readonly string[] = [
  'method',
  'body',
  'headers',
  'signal',
  'redirect',
  'duplex',
  'window',
];

/** Options of a call to an operation that answers images (a generation). */
export interface GenerationOptions extends RequestOptions {
  /**
   * The response format asked of the API. Either way the result has the same shape; `image/png`
   * saves the base64 overhead but returns a single image (`samples` must be 1).
   * @default the spec's `Accept` default ('application/json')
   */
  accept?: Accept;
  /** Overrides the client's `contentFiltered` for this call. */
  contentFiltered?: 'return' | 'throw';
}

/** Every option a method accepts, as the call pipeline reads them (each method's own type is narrower). */
export interface OperationCallOptions extends RequestOptions {
  /** The media type to ask for (`Accept`). */
  accept?: string;
  /** The request media type to send, for an operation whose spec offers several. */
  contentType?: string;
  /** Overrides the client's `contentFiltered` for this call. */
  contentFiltered?: 'return' | 'throw';
  /** Query and header parameters the spec declares for the operation. */
  params?: { query?: Record<string, unknown>; header?: Record<string, unknown> };
}

/**
 * The base URL used when neither the option nor `STABILITY_BASE_URL` gives one: the spec's
 * `servers[0].url`, path included. `''` when the spec names no server (then `baseUrl` is required).
 */
export const defaultBaseUrl: string = specInfo.serverUrl;

/** Defaults of the numeric options, documented on {@link ClientOptions}. */
export const defaults = { maxRetries: 2, timeoutMs: 180_000 } as const;

const headerValue = single(headerValueProblem);
const logLevels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];
const contentFilteredModes = ['return', 'throw'] as const;
const retryMaybeDeliveredModes = [false, true, 'idempotent'] as const;

/** The API key: a header value (its message never quotes it), not empty. */
function apiKeyProblem(value: unknown) {
  if (value === '') return { rule: 'non-empty', message: 'must not be empty' };
  const problem = headerValueProblem(value);
  return problem && { ...problem, message: `${problem.message}; check how the key was read` };
}

const retryBackoffRules = {
  initialDelayMs: single(positiveInteger),
  maxDelayMs: single(positiveInteger),
  maxRetryAfterMs: single(positiveInteger),
};

/** `fetchOptions`: an object whose keys are not the client's own. */
function fetchOptionsCheck(value: unknown, at: string) {
  if (!isPlainObject(value)) return [{ at, rule: 'type', message: 'must be an object' }];
  return Object.keys(value)
    .filter((key) => reservedFetchOptions.includes(key))
    .map((key) => ({ at: `${at}.${key}`, rule: 'reserved', message: 'is set by the client and cannot be overridden' }));
}

const rateLimitRules = { requests: single(positiveInteger), intervalMs: single(positiveInteger) };

/** The rule of each client option, checked by `createStabilityClient()`; an option not listed is refused. */
export const clientOptionRules = {
  apiKey: single(apiKeyProblem),
  baseUrl: single(ofType('string')),
  organization: headerValue,
  clientId: headerValue,
  clientVersion: headerValue,
  fetch: single(ofType('function')),
  validate: single(ofType('boolean')),
  maxRetries: single(nonNegativeInteger),
  retryMaybeDelivered: single(oneOf(retryMaybeDeliveredModes)),
  timeout: single(timeoutProblem),
  retryBackoff: objectOf(retryBackoffRules),
  rateLimit: (value: unknown, at: string) => (typeof value === 'boolean' ? [] : objectOf(rateLimitRules)(value, at)),
  logger: single((value) =>
    value !== null && (typeof value === 'object' || typeof value === 'function')
      ? undefined
      : { rule: 'type', message: 'must be an object with debug, info, warn and error methods, e.g. console' },
  ),
  logLevel: single(oneOf(logLevels)),
  allowInsecureHttp: single(ofType('boolean')),
  contentFiltered: single(oneOf(contentFilteredModes)),
  fetchOptions: fetchOptionsCheck,
  defaultHeaders: headersObject({ allowNull: true }),
  dangerouslyAllowBrowser: single(ofType('boolean')),
} satisfies Record<keyof ClientOptions, unknown>;

/** The rule of each per-call option, checked before every call; an option not listed is refused. */
export const callOptionRules = {
  signal: single((value) => (isAbortSignal(value) ? undefined : { rule: 'type', message: 'must be an AbortSignal' })),
  headers: headersObject({ allowNull: false }),
  maxRetries: single(nonNegativeInteger),
  retryMaybeDelivered: single(oneOf(retryMaybeDeliveredModes)),
  timeout: single(timeoutProblem),
  accept: single(ofType('string')),
  contentType: single(ofType('string')),
  contentFiltered: single(oneOf(contentFilteredModes)),
  params: objectOf({
    query: single(plainObject),
    header: single(plainObject),
  }),
  fetchOptions: fetchOptionsCheck,
} satisfies Record<keyof OperationCallOptions, unknown>;

function plainObject(value: unknown) {
  return isPlainObject(value) ? undefined : { rule: 'type', message: `must be an object (got ${describe(value)})` };
}

function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof AbortSignal !== 'undefined' && value instanceof AbortSignal) return true;
  const candidate = value as Partial<AbortSignal> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.aborted === 'boolean' &&
    typeof candidate.addEventListener === 'function' &&
    typeof candidate.removeEventListener === 'function'
  );
}

/**
 * Reads an environment variable where there is one (Node, Deno, Bun), `undefined` elsewhere, and also where
 * the runtime forbids reading it (Deno without `--allow-env` throws `NotCapable`): every variable the client
 * reads is optional.
 */
export function environmentVariable(name: string): string | undefined {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name];
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}
