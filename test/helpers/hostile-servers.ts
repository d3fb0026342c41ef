import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { fakeImage } from './fake-api.js';
import { listenOnLoopback } from './local-server.js';

/** One request as a {@link RecordingServer} received it: raw URL, headers and every body byte. */
export interface ReceivedRequest {
  method: string;
  /** The request target exactly as sent (`request.url`), percent-encoding untouched. */
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** What a {@link RecordingServer} answers: `undefined` for the API's normal answer. */
export type Answer = (request: ReceivedRequest, response: ServerResponse, index: number) => undefined | 'answered';

/** A loopback HTTP server that reads each request whole, records it, then answers. */
export interface RecordingServer {
  url: string;
  /** The requests received, in order (only complete ones: the body was read to its end). */
  requests: ReceivedRequest[];
  /** TCP connections accepted. */
  connections: number;
  close(): Promise<void>;
}

/** Starts a {@link RecordingServer}; `answer` may answer (or drop) a request itself. */
export async function startRecordingServer(answer?: Answer): Promise<RecordingServer> {
  const requests: ReceivedRequest[] = [];
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: ReceivedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(received);
      if (answer?.(received, response, requests.length - 1) === 'answered') return;
      answerLikeApi(received, response);
    });
  });
  const state = { connections: 0 };
  server.on('connection', () => {
    state.connections += 1;
  });
  const listening = await listenOnLoopback(server);
  return {
    url: listening.url,
    requests,
    get connections() {
      return state.connections;
    },
    close: listening.close,
  };
}

/** The API's answer to a successful call of the path (JSON, or a PNG when asked). */
export function answerLikeApi(request: Pick<ReceivedRequest, 'url' | 'headers'>, response: ServerResponse): void {
  const path = new URL(request.url, 'http://localhost').pathname;
  const fixed: Record<string, unknown> = {
    '/engines/list': [{ id: 'e', name: 'E', description: 'd', type: 'PICTURE' }],
    '/user/account': { id: 'user-1', email: 'a@example.test', organizations: [] },
    '/user/balance': { credits: 1.5 },
  };
  const answer = Object.entries(fixed).find(([suffix]) => path.endsWith(suffix))?.[1];
  if (answer !== undefined) {
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    return;
  }
  if (request.headers.accept === 'image/png') {
    response.writeHead(200, { 'Content-Type': 'image/png', Seed: '11', 'Finish-Reason': 'SUCCESS' }).end(fakeImage);
    return;
  }
  const artifact = { base64: Buffer.from(fakeImage).toString('base64'), seed: 11, finishReason: 'SUCCESS' };
  response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ artifacts: [artifact] }));
}

/**
 * A raw TCP server on loopback: `onConnection` gets each socket as soon as it is accepted, before any byte
 * is read. Counts connections and the bytes read on each.
 */
export async function startRawServer(onConnection: (socket: Socket, index: number) => void) {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket, connections++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on: bound by the OS, then released. */
export async function refusedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Collects the process warnings (`TimeoutOverflowWarning`, ...) emitted while it is active. */
export function collectWarnings() {
  const warnings: Error[] = [];
  const listener = (warning: Error) => warnings.push(warning);
  process.on('warning', listener);
  return {
    warnings,
    /** Waits for warnings emitted on the next ticks, then stops listening. */
    stop: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      process.off('warning', listener);
      return warnings;
    },
  };
}

/** What a rejected promise rejected with (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Every way a secret could surface from an error. */
export function renderingsOf(error: unknown, inspect: (value: unknown, options: object) => string): string[] {
  const value = error as Error & { body?: unknown; errorMessage?: unknown };
  return [
    String(error),
    value.message,
    value.stack ?? '',
    JSON.stringify(error) ?? '',
    JSON.stringify(value.body) ?? '',
    String(value.errorMessage ?? ''),
    inspect(error, { depth: 20, showHidden: true }),
  ];
}
