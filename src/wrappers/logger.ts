/** Where the client's log lines go: `console` fits, as does any logger with these four methods. */
export interface Logger {
  /** Every request and response, with credentials redacted. */
  debug(message: string): void;
  /** Retries and waits. */
  info(message: string): void;
  /** Problems the client worked around. */
  warn(message: string): void;
  /** Failures. */
  error(message: string): void;
}

/** How much the client logs: `debug` is every request; `info` adds retries; `warn`/`error` only problems. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

/** Writes a line at a level, if the configured level lets it through; the message is built only then. */
export type Log = (level: Exclude<LogLevel, 'off'>, message: () => string) => void;

/**
 * A log function over `logger` that drops lines below `level` and redacts credentials in every line. A
 * logger can never break a call: a level it lacks falls back to its `log` method (else the line is dropped),
 * and whatever it throws is swallowed.
 */
export function createLog(logger: Logger | undefined, level: LogLevel, secrets: readonly string[]): Log {
  if (!logger || level === 'off') return () => undefined;
  return (lineLevel, message) => {
    if (rank[lineLevel] < rank[level]) return;
    try {
      const write = methodOf(logger, lineLevel) ?? methodOf(logger, 'log');
      const result: unknown = write?.call(logger, `[stability-rest] ${redact(message(), secrets)}`);
      // An async logger's rejection would otherwise be unhandled, which ends a Node process.
      if (result instanceof Promise) result.catch(() => undefined);
    } catch {
      // A broken logger loses its line, never the call.
    }
  };
}

function methodOf(logger: Logger, name: string): ((line: string) => void) | undefined {
  const method = (logger as unknown as Record<string, unknown>)[name];
  return typeof method === 'function' ? (method as (line: string) => void) : undefined;
}

/** Replaces every occurrence of a secret, and any bearer token, with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text.replace(/(Bearer\s+)[^\s,;"']+/gi, '$1***');
  for (const secret of secrets) if (secret) result = result.split(secret).join('***');
  return result;
}

/**
 * A copy of a parsed body (an error body the server sent) with every secret redacted from its strings, keys
 * included: a server whose error page echoes the request headers must not put the key into an error.
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key, secrets), redactDeep(item, secrets)]),
    ) as T;
  }
  return value;
}

/** Request headers as a log line shows them: `Authorization` is always redacted. */
export function describeHeaders(headers: Headers): string {
  return [...headers.entries()]
    .map(([name, value]) => `${name}: ${name.toLowerCase() === 'authorization' ? '***' : value}`)
    .join(', ');
}

/**
 * The error with every secret redacted from what it shows: its message and stack, and the response text
 * it quotes (`bodyExcerpt`, `body`, `location`), wherever the server echoed the key. Changed in place.
 */
export function redactError<E extends Error>(error: E, secrets: readonly string[]): E {
  const fields = error as unknown as Record<string, unknown>;
  for (const name of ['message', 'stack', 'bodyExcerpt', 'location']) {
    const value = fields[name];
    if (typeof value !== 'string') continue;
    const redacted = redactCutSecrets(redact(value, secrets), secrets);
    if (redacted !== value) {
      Object.defineProperty(error, name, { value: redacted, writable: true, configurable: true });
    }
  }
  if (fields.body !== undefined) {
    Object.defineProperty(error, 'body', {
      value: redactDeep(fields.body, secrets),
      writable: true,
      configurable: true,
    });
  }
  return error;
}

/**
 * Redacts the start of a secret that an excerpt cut off (`sk-abc…` at the 200-character limit): a prefix of
 * a secret, 6 characters or more, right before `…` or the end of the text.
 */
function redactCutSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    for (let length = secret.length - 1; length >= 6; length--) {
      const prefix = secret.slice(0, length);
      result = result.split(`${prefix}…`).join('***…');
      if (result.endsWith(prefix)) result = `${result.slice(0, -prefix.length)}***`;
    }
  }
  return result;
}
