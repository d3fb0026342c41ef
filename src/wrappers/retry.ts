/** How long to wait between attempts. */
export interface RetryBackoff {
  /**
   * Wait before the first retry; each further retry doubles it, up to `maxDelayMs`. A random part of up
   * to a quarter is taken off (jitter), so that many clients do not retry in step.
   * @default 500
   */
  initialDelayMs?: number;
  /**
   * The longest wait computed by backoff.
   * @default 8000
   */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` honoured. A server asking for a longer wait gets no retry: the error is
   * raised at once rather than retrying too early.
   * @default 60000
   */
  maxRetryAfterMs?: number;
}

/** Statuses worth another attempt: rate limited, or a server failure that may pass. */
const retryableStatuses = new Set([429, 500, 502, 503, 504]);

/** Whether a response with this status may be retried. */
export function isRetryableStatus(status: number): boolean {
  return retryableStatuses.has(status);
}

/** The three date forms RFC 9110 (section 5.6.7) lets `Retry-After` use: IMF-fixdate, RFC 850 and asctime. */
const httpDateForms = [
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
];

/**
 * Milliseconds a `Retry-After` header asks for, as RFC 9110 writes it: whole seconds (digits only) or an
 * HTTP date. `undefined` for anything else (`-1`, `1.5`, `1, 1` from a duplicated header, ...): the
 * caller then falls back to its own backoff rather than guessing.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!httpDateForms.some((form) => form.test(text))) return undefined;
  // asctime carries no zone: it is GMT too, which Date.parse would otherwise read as local time.
  const date = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retry number `retry` (1 for the first): the server's `Retry-After` when it gives one
 * within the cap, else exponential backoff with jitter. `undefined` means do not retry.
 */
export function retryDelayMs(retry: number, retryAfter: string | null, backoff: RetryBackoff = {}): number | undefined {
  const { initialDelayMs = 500, maxDelayMs = 8000, maxRetryAfterMs = 60_000 } = backoff;
  const asked = parseRetryAfter(retryAfter);
  if (asked !== undefined) return asked <= maxRetryAfterMs ? asked : undefined;
  const exponential = Math.min(initialDelayMs * 2 ** (retry - 1), maxDelayMs);
  return exponential * (1 - Math.random() * 0.25);
}
