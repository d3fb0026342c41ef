import {
  APIError,
  AuthenticationError,
  ConnectionError,
  PermissionDeniedError,
  ResponseFormatError,
  StabilityError,
  TimeoutError,
  UserAbortError,
  ValidationError,
} from '../wrappers/errors.js';

/** The exit codes of `stability-rest`, documented in `--help` and the README. */
export const exitCodes = {
  /** Every call succeeded. */
  ok: 0,
  /** Something the command line did not expect (a bug, or an error of the machine). */
  unexpected: 1,
  /** Bad arguments, or a request the client refused before sending (`ValidationError`). */
  usage: 2,
  /** No API key, or the API refused it (`AuthenticationError` 401, `PermissionDeniedError` 403). */
  auth: 3,
  /** The API answered with an error or a body it should not have (`APIError`, `ResponseFormatError`). */
  api: 4,
  /** No answer in time or no connection (`ConnectionError`, `TimeoutError`). */
  network: 5,
  /** Interrupted with Ctrl-C (`UserAbortError`): 128 + SIGINT. */
  interrupted: 130,
} as const;

/** What each exit code means, one line each, for `--help`. */
export const exitCodeMeanings: ReadonlyArray<readonly [number, string]> = [
  [exitCodes.ok, 'success'],
  [exitCodes.unexpected, 'unexpected error'],
  [exitCodes.usage, 'bad arguments, or a request refused before sending (ValidationError)'],
  [exitCodes.auth, 'no API key, or the API refused it (401 AuthenticationError, 403 PermissionDeniedError)'],
  [exitCodes.api, 'the API answered with an error (APIError: 400, 404, 429, 5xx) or an unreadable body'],
  [exitCodes.network, 'no connection or no answer in time (ConnectionError, TimeoutError)'],
  [exitCodes.interrupted, 'interrupted by Ctrl-C (SIGINT)'],
];

/** The exit code for an error a call ended with. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof ValidationError) return exitCodes.usage;
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) return exitCodes.auth;
  if (error instanceof APIError || error instanceof ResponseFormatError) return exitCodes.api;
  if (error instanceof ConnectionError || error instanceof TimeoutError) return exitCodes.network;
  if (error instanceof UserAbortError) return exitCodes.interrupted;
  // Other client errors are about its configuration (a base URL it refuses, say): the arguments.
  if (error instanceof StabilityError) return exitCodes.usage;
  return exitCodes.unexpected;
}
