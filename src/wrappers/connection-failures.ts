/**
 * Which connection failures prove that the server never received the request, so that sending it again
 * cannot run a generation twice. Everything else (a reset or close after the request was written, an
 * error from a custom `fetch` that says nothing) may have reached the server and is final unless the
 * user opts in (`retryMaybeDelivered`).
 *
 * Node's fetch (undici) reports the cause as `error.cause` with a `code` and, for socket errors, the
 * `syscall` that failed. Measured on Node 20 against loopback servers:
 * - refused, DNS, connect timeout: `ECONNREFUSED`, `ENOTFOUND`/`EAI_AGAIN`, `UND_ERR_CONNECT_TIMEOUT`;
 * - a reset while connecting: `ECONNRESET` with `syscall: 'connect'`;
 * - a reset while the request was being written: sometimes `EPIPE`/`ECONNRESET` with `syscall: 'write'`,
 *   but mostly `ECONNRESET` with `syscall: 'read'`, like the next case; for a streamed body the transport
 *   tells them apart by whether fetch had read the body to its end (see `transport.ts`);
 * - a server that read the whole request, then reset or closed: `ECONNRESET` with `syscall: 'read'`, or
 *   `UND_ERR_SOCKET` ("other side closed"). Those are the duplicate-generation case: never proof.
 */

/** Codes that can only arise before the request left: no connection, no name, no route. */
const beforeConnectionCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NODATA',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** System calls during which a failure means the request was not (fully) written. */
const beforeDeliverySyscalls = new Set(['connect', 'getaddrinfo', 'write']);

/** TLS handshake failures: the encrypted channel never opened, so no byte of the request was readable. */
function isTlsHandshakeFailure(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/.test(code) || code === 'EPROTO';
}

/** Whether `error` (or an error in its `cause` chain) proves that the request never reached the server. */
export function provesNotDelivered(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Object && !seen.has(current); current = causeOf(current)) {
    seen.add(current);
    const { code, syscall } = current as { code?: unknown; syscall?: unknown };
    if (typeof code === 'string' && (beforeConnectionCodes.has(code) || isTlsHandshakeFailure(code))) return true;
    if (typeof syscall === 'string' && beforeDeliverySyscalls.has(syscall)) return true;
  }
  return false;
}

function causeOf(error: object): unknown {
  try {
    return (error as { cause?: unknown }).cause;
  } catch {
    return undefined;
  }
}

/** Methods RFC 9110 (section 9.2.2) calls idempotent: sending them twice has the effect of sending them once. */
const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** Whether a request with this method may be repeated without a second effect. */
export function isIdempotent(method: string): boolean {
  return idempotentMethods.has(method.toUpperCase());
}
