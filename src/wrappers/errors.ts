/** The base of every error this package throws. */
export class StabilityError extends Error {
  override name: string = 'StabilityError';
}

/**
 * A client option, given to `createStabilityClient()`, is invalid: `option` names it and `rule` the rule it
 * breaks. Per-call options are checked with the rest of the call and reported as `ValidationError` issues.
 */
export class OptionError extends StabilityError {
  override name = 'OptionError' as const;
  /** The option, e.g. `timeout` or `retryBackoff.initialDelayMs`. */
  readonly option: string;
  /** The rule it breaks, e.g. `positive-integer`. */
  readonly rule: string;

  constructor(option: string, rule: string, message: string) {
    super(`Invalid option ${option}: ${message} [${rule}]`);
    this.option = option;
    this.rule = rule;
  }
}

/** One reason a request was refused before sending: the field's JSON path, the rule, and what is wrong. */
export interface ValidationIssue {
  /** JSON pointer to the field, e.g. `/text_prompts/0/text`; `''` for the body itself. */
  path: string;
  /** The rule that failed: a JSON-schema keyword (`maximum`, `enum`, ...) or a client rule (`engine-dimensions`, ...). */
  rule: string;
  /** What is wrong, in words. */
  message: string;
}

/**
 * A request the client refused before sending: the body breaks the spec's schema or a rule the spec
 * states in prose. Nothing reached the network. `issues` lists every problem found, not just the first.
 */
export class ValidationError extends StabilityError {
  override name = 'ValidationError' as const;
  /** Every problem found, each with its field path and rule. */
  readonly issues: readonly ValidationIssue[];
  /** The operationId of the refused call. */
  readonly operation: string;

  constructor(operation: string, issues: readonly ValidationIssue[]) {
    const list = issues.map((issue) => `  ${issue.path || '(body)'}: ${issue.message} [${issue.rule}]`).join('\n');
    super(`${operation}: request not sent, ${issues.length} invalid field(s):\n${list}`);
    this.operation = operation;
    this.issues = issues;
  }
}

/** The parsed error body the API sends: `{ id, name, message }` (fields may be missing). */
export interface APIErrorBody {
  id?: string;
  name?: string;
  message?: string;
  [key: string]: unknown;
}

/** What every API error carries besides its message. */
export interface APIErrorDetails {
  status: number;
  headers: Headers;
  /** The error body: parsed JSON when it was JSON, else the raw text (possibly empty). */
  body: APIErrorBody | string;
  method: string;
  /** The request path, e.g. `/v1/generation/stable-diffusion-v1-6/text-to-image`. */
  path: string;
}

/** The API answered with a non-2xx status. Subclasses name the common statuses. */
export class APIError extends StabilityError {
  override name: string = 'APIError';
  /** HTTP status of the response. */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
  /** The error body as received: parsed JSON, or the raw text when it was not JSON. */
  readonly body: APIErrorBody | string;
  /** The API's error name, e.g. `not_found` (from the body, when present). */
  readonly errorName: string | undefined;
  /** The API's error message (from the body, when present). */
  readonly errorMessage: string | undefined;
  /** The id the API gave this error occurrence (body `id`, else an `x-request-id` header). */
  readonly requestId: string | undefined;
  /** HTTP method of the request. */
  readonly method: string;
  /** Path of the request. */
  readonly path: string;
  /** How many attempts were made, retries included. */
  attempts = 1;

  constructor(details: APIErrorDetails) {
    const fields = typeof details.body === 'object' && details.body !== null ? details.body : {};
    const errorName = stringField(fields.name);
    const errorMessage = stringField(fields.message) ?? excerpt(typeof details.body === 'string' ? details.body : '');
    super(
      `${details.method} ${details.path} failed with ${details.status}` +
        `${errorName ? ` ${errorName}` : ''}${errorMessage ? `: ${errorMessage}` : ''}`,
    );
    this.status = details.status;
    this.headers = details.headers;
    this.body = details.body;
    this.errorName = errorName;
    this.errorMessage = errorMessage;
    this.requestId = stringField(fields.id) ?? details.headers.get('x-request-id') ?? undefined;
    this.method = details.method;
    this.path = details.path;
  }
}

/** 400: a parameter the API refused (`bad_request`, `invalid_samples`, ...). */
export class BadRequestError extends APIError {
  override name = 'BadRequestError' as const;
}

/** 401: the API key is missing or invalid. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError' as const;
}

/** 403: the key lacks permission for this resource. */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError' as const;
}

/** 404: the resource (usually the engine) does not exist. */
export class NotFoundError extends APIError {
  override name = 'NotFoundError' as const;
}

/** 429: too many requests (the API allows 150 per 10 s). */
export class RateLimitError extends APIError {
  override name = 'RateLimitError' as const;
}

/** 5xx: the API failed. */
export class InternalServerError extends APIError {
  override name = 'InternalServerError' as const;
}

/** A 2xx response whose body the client cannot read as the spec describes (bad JSON, wrong shape, invalid base64, ...). */
export class ResponseFormatError extends StabilityError {
  override name = 'ResponseFormatError' as const;
  /** HTTP status of the response. */
  readonly status: number;
  /** The start of the body as received, for diagnosis. */
  readonly bodyExcerpt: string;

  constructor(message: string, status: number, bodyExcerpt: string) {
    super(`${message} (status ${status}${bodyExcerpt ? `, body starts: ${bodyExcerpt}` : ''})`);
    this.status = status;
    this.bodyExcerpt = bodyExcerpt;
  }
}

/**
 * The server answered with a redirect (3xx). The API never redirects, so the client does not follow it:
 * nothing (prompt, image, headers) is sent to the target. `location` is the target as the server gave it.
 */
export class RedirectError extends APIError {
  override name = 'RedirectError' as const;
  /** The `Location` the server pointed to, when it was readable. */
  readonly location: string | undefined;
  /** The host of `location` (`undefined` when no location could be read, e.g. a browser's opaque redirect). */
  readonly targetHost: string | undefined;

  constructor(details: APIErrorDetails & { location: string | undefined; targetHost: string | undefined }) {
    super(details);
    this.location = details.location;
    this.targetHost = details.targetHost;
    this.message =
      `${details.method} ${details.path} answered ${details.status || 'a'} redirect` +
      `${details.targetHost ? ` to ${details.targetHost}` : ''}; not followed, as the API never redirects ` +
      '(check baseUrl)';
  }
}

const errorClassByStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  429: RateLimitError,
};

/** The API error for a non-2xx response, of the subclass its status calls for. */
export function apiErrorFor(details: APIErrorDetails): APIError {
  const ErrorClass = errorClassByStatus[details.status] ?? (details.status >= 500 ? InternalServerError : APIError);
  return new ErrorClass(details);
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The first 200 characters of a text, on one line. */
export function excerpt(text: string): string {
  const line = text.trimStart().slice(0, 1_000).replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * The connection failed before a complete response arrived. Retried only when the failure proves the
 * request never reached the server (`notDelivered`: refused, DNS, TLS handshake, a reset while connecting
 * or writing), since the API may already be running, and billing, a request it received.
 */
export class ConnectionError extends StabilityError {
  override name = 'ConnectionError' as const;
  /** The status of the response whose body was cut off, if one had arrived. */
  readonly status: number | undefined;
  /** Whether the failure proves the request was never delivered (so a retry cannot repeat it). */
  notDelivered = false;
  /** How many attempts were made, retries included. */
  attempts = 1;

  constructor(method: string, path: string, cause: unknown, status?: number) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      status === undefined
        ? `${method} ${path}: no response (${reason})`
        : `${method} ${path}: connection lost while reading the ${status} response body (${reason})`,
      { cause },
    );
    this.status = status;
  }
}

/** An attempt took longer than the `timeout` option allows (headers and body together). */
export class TimeoutError extends StabilityError {
  override name = 'TimeoutError' as const;
  /** How many attempts were made, retries included. */
  attempts = 1;

  constructor(method: string, path: string, timeoutMs: number) {
    super(`${method} ${path}: no complete response within ${timeoutMs} ms (timeout option)`);
  }
}

/** The caller's `AbortSignal` aborted the call (during a request, a retry wait or a rate-limit wait). */
export class UserAbortError extends StabilityError {
  override name = 'UserAbortError' as const;

  constructor(method: string, path: string, reason?: unknown) {
    super(`${method} ${path}: aborted by the caller's signal`, { cause: reason });
  }
}

/** A generation returned images the content filter blurred, and the call asked to throw (`contentFiltered: 'throw'`). */
export class ContentFilteredError extends StabilityError {
  override name = 'ContentFilteredError' as const;
  /** Indexes of the filtered artifacts in `result.artifacts`. */
  readonly filtered: readonly number[];
  /** The whole result, filtered images included (blurred). */
  readonly result: unknown;

  constructor(operation: string, filtered: readonly number[], result: unknown) {
    super(`${operation}: the content filter blurred ${filtered.length} image(s) (artifacts ${filtered.join(', ')})`);
    this.filtered = filtered;
    this.result = result;
  }
}
