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

/** A log function over `logger` that drops lines below `level` and redacts credentials in every line. */
export function createLog(logger: Logger | undefined, level: LogLevel, secrets: readonly string[]): Log {
  if (!logger || level === 'off') return () => undefined;
  return (lineLevel, message) => {
    if (rank[lineLevel] >= rank[level]) logger[lineLevel](`[stability-rest] ${redact(message(), secrets)}`);
  };
}

/** Replaces every occurrence of a secret, and any bearer token, with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text.replace(/(Bearer\s+)[^\s,;"']+/gi, '$1***');
  for (const secret of secrets) if (secret) result = result.split(secret).join('***');
  return result;
}

/** Request headers as a log line shows them: `Authorization` is always redacted. */
export function describeHeaders(headers: Headers): string {
  return [...headers.entries()]
    .map(([name, value]) => `${name}: ${name.toLowerCase() === 'authorization' ? '***' : value}`)
    .join(', ');
}
