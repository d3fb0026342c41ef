import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  createStabilityClient,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from '../../src/index.js';
import { provesNotDelivered } from '../../src/wrappers/connection-failures.js';
import { startFaultServer } from '../helpers/fault-server.js';
import {
  type RecordingServer,
  refusedPort,
  rejectionOf,
  startRawServer,
  startRecordingServer,
} from '../helpers/hostile-servers.js';

const apiKey = 'sk-retry-safety';
const prompt = { text_prompts: [{ text: 'a lighthouse' }] };
const backoff = { initialDelayMs: 2, maxDelayMs: 4 };
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function client(baseUrl: string, options: Parameters<typeof createStabilityClient>[0] = {}) {
  return createStabilityClient({ apiKey, baseUrl, retryBackoff: backoff, ...options });
}

/** A server that reads the whole request, then drops the connection without answering (the first `times`). */
async function dropsAfterReading(times = Number.POSITIVE_INFINITY): Promise<RecordingServer> {
  const server = await startRecordingServer((_request, response, index) => {
    if (index >= times) return undefined;
    response.socket?.destroy();
    return 'answered';
  });
  closers.push(server.close);
  return server;
}

describe('a request the server may have received is not sent again', () => {
  it('POST read whole, then the connection dropped: one request, a ConnectionError, notDelivered false', async () => {
    const server = await dropsAfterReading();
    const error = await rejectionOf(client(server.url).generation.textToImage('e', prompt));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).notDelivered).toBe(false);
    expect((error as ConnectionError).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(JSON.parse(server.requests[0]?.body.toString() ?? '')).toEqual(prompt);
  });

  it('a multipart POST read whole, then dropped: one request', async () => {
    const server = await dropsAfterReading();
    const error = await rejectionOf(
      client(server.url).generation.imageToImage('e', { ...prompt, init_image: new Uint8Array(100_000).fill(3) }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).notDelivered).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('GET read whole, then dropped: one request by default too', async () => {
    const server = await dropsAfterReading();
    const error = await rejectionOf(client(server.url, { maxRetries: 4 }).engines.list());
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).notDelivered).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it("retryMaybeDelivered: 'idempotent' retries the GET, not the POST", async () => {
    const server = await dropsAfterReading(2);
    const engines = await client(server.url, { retryMaybeDelivered: 'idempotent' }).engines.list();
    expect(engines.attempts).toBe(3);
    expect(server.requests.map((request) => request.method)).toEqual(['GET', 'GET', 'GET']);
    const posts = await dropsAfterReading();
    const error = await rejectionOf(
      client(posts.url, { retryMaybeDelivered: 'idempotent' }).generation.textToImage('e', prompt),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(posts.requests).toHaveLength(1);
  });

  it('retryMaybeDelivered: true retries the POST too, up to maxRetries, client-wide or per call', async () => {
    const always = await dropsAfterReading();
    const error = await rejectionOf(
      client(always.url, { retryMaybeDelivered: true, maxRetries: 3 }).generation.textToImage('e', prompt),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).attempts).toBe(4);
    expect(always.requests).toHaveLength(4);
    const once = await dropsAfterReading(1);
    const result = await client(once.url).generation.textToImage('e', prompt, { retryMaybeDelivered: true });
    expect(result.attempts).toBe(2);
    expect(once.requests).toHaveLength(2);
    const perCallOff = await dropsAfterReading();
    await rejectionOf(
      client(perCallOff.url, { retryMaybeDelivered: true }).generation.textToImage('e', prompt, {
        retryMaybeDelivered: false,
      }),
    );
    expect(perCallOff.requests).toHaveLength(1);
  });

  it('an error thrown by a custom fetch says nothing: final, unless opted in', async () => {
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      throw new TypeError('fetch failed');
    };
    const error = await rejectionOf(createStabilityClient({ apiKey, fetch, retryBackoff: backoff }).user.balance());
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).notDelivered).toBe(false);
    expect(calls).toBe(1);
    await rejectionOf(
      createStabilityClient({ apiKey, fetch, retryBackoff: backoff, retryMaybeDelivered: 'idempotent' }).user.balance(),
    );
    expect(calls).toBe(1 + 3);
  });
});

describe('a request that provably never arrived is retried', () => {
  it('connection refused: retried maxRetries times, notDelivered true, for a POST too', async () => {
    const port = await refusedPort();
    for (const maxRetries of [0, 1, 3]) {
      const error = await rejectionOf(
        client(`http://127.0.0.1:${port}`, { maxRetries }).generation.textToImage('e', prompt),
      );
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).notDelivered).toBe(true);
      expect((error as ConnectionError).attempts).toBe(maxRetries + 1);
    }
  });

  it('a reset as soon as the connection is accepted (nothing read): retried', async () => {
    const server = await startRawServer((socket) => socket.resetAndDestroy());
    closers.push(server.close);
    const error = await rejectionOf(client(server.url, { maxRetries: 2 }).generation.textToImage('e', prompt));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).notDelivered).toBe(true);
    expect((error as ConnectionError).attempts).toBe(3);
    expect(server.connections).toBe(3);
  });

  it('a reset while the request is being written (a large upload cut after 64 KB): retried', async () => {
    const server = await startRawServer((socket) => {
      let read = 0;
      socket.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= 64 * 1024 && !socket.destroyed) socket.resetAndDestroy();
      });
    });
    closers.push(server.close);
    const body = { ...prompt, init_image: new Uint8Array(16 * 1024 * 1024).fill(5) };
    const error = await rejectionOf(client(server.url, { maxRetries: 2 }).generation.imageToImage('e', body));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).notDelivered).toBe(true);
    expect(server.connections).toBe(3);
  });

  it('a refused first connection, then a healthy server: the call succeeds on the retry', async () => {
    const server = await startRawServer((socket, index) => {
      if (index === 0) socket.resetAndDestroy();
      else
        socket.once('data', () =>
          socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{"credits":1.5}'),
        );
    });
    closers.push(server.close);
    const balance = await client(server.url).user.balance();
    expect(balance.credits).toBe(1.5);
    expect(balance.attempts).toBe(2);
  });

  it('classifies causes: only codes and syscalls before delivery prove it', () => {
    const cause = (code: string, syscall?: string) => new TypeError('fetch failed', { cause: { code, syscall } });
    for (const code of [
      'ECONNREFUSED',
      'ENOTFOUND',
      'EAI_AGAIN',
      'UND_ERR_CONNECT_TIMEOUT',
      'ERR_TLS_CERT_ALTNAME_INVALID',
    ]) {
      expect(provesNotDelivered(cause(code)), code).toBe(true);
    }
    expect(provesNotDelivered(cause('ECONNRESET', 'connect'))).toBe(true);
    expect(provesNotDelivered(cause('EPIPE', 'write'))).toBe(true);
    expect(provesNotDelivered(cause('ECONNRESET', 'read'))).toBe(false);
    expect(provesNotDelivered(cause('UND_ERR_SOCKET'))).toBe(false);
    expect(provesNotDelivered(new TypeError('fetch failed'))).toBe(false);
    const circular: { code?: string; cause?: unknown } = {};
    circular.cause = circular;
    expect(provesNotDelivered(circular)).toBe(false);
  });
});

describe('statuses are retried as before', () => {
  it('429 and 5xx are retried; 4xx are final', async () => {
    const server = await startFaultServer();
    closers.push(server.close);
    const cases = [
      ['status-429', RateLimitError, 3],
      ['status-500', InternalServerError, 3],
      ['status-502', InternalServerError, 3],
      ['status-503', InternalServerError, 3],
      ['status-504', InternalServerError, 3],
      ['status-400', BadRequestError, 1],
      ['status-401', AuthenticationError, 1],
      ['status-404', NotFoundError, 1],
    ] as const;
    for (const [fault, ErrorClass, attempts] of cases) {
      const headers = { 'X-Fault': fault, 'X-Fault-Times': '99', 'X-Scenario': `safety-${fault}` };
      const error = await rejectionOf(client(server.url).generation.textToImage('e', prompt, { headers }));
      expect(error, fault).toBeInstanceOf(ErrorClass);
      expect((error as InternalServerError).attempts, fault).toBe(attempts);
      expect(server.hits.get(`safety-${fault}`), fault).toBe(attempts);
    }
  });
});
