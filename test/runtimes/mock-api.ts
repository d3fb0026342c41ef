import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fakeImage } from '../helpers/fake-api.js';
import { listenOnLoopback } from '../helpers/local-server.js';

/** A file part of a multipart request, as the mock received it. */
export interface ReceivedFile {
  field: string;
  name: string;
  type: string;
  size: number;
}

/** The runtime smoke's mock of the API, on 127.0.0.1 and a free port. */
export interface MockApi {
  /** e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The file parts of every multipart request, in order of arrival. */
  files: ReceivedFile[];
  /** Serves `body` at `path` (the browser smoke's page and bundle), from the same server. */
  serve(path: string, contentType: string, body: string): void;
  close(): Promise<void>;
}

/** The engine id the mock answers 404 for. */
export const missingEngine = 'no-such-engine';

/**
 * CORS as a browser needs it for a page on another origin: the preflight allows the client's headers
 * (Authorization is never covered by a wildcard), and `Seed` and `Finish-Reason` are exposed to scripts.
 */
function corsHeaders(request: IncomingMessage): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': request.headers.origin ?? '*',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': String(request.headers['access-control-request-headers'] ?? ''),
    'Access-Control-Expose-Headers': 'Seed, Finish-Reason',
    Vary: 'Origin',
  };
}

/** Reads a request's body whole. */
async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The file parts of a multipart body, decoded with the platform's own parser. */
async function fileParts(request: IncomingMessage, body: Buffer): Promise<ReceivedFile[]> {
  const form = await new Request('http://mock/', {
    method: 'POST',
    headers: { 'Content-Type': String(request.headers['content-type']) },
    body: new Uint8Array(body),
  }).formData();
  return [...form.entries()].flatMap(([field, value]) =>
    typeof value === 'string' ? [] : [{ field, name: value.name, type: value.type, size: value.size }],
  );
}

/** Starts the mock: engines, generations in JSON or PNG (seed = total bytes of the files received), a 404. */
export async function startMockApi(): Promise<MockApi> {
  const files: ReceivedFile[] = [];
  const statics = new Map<string, { contentType: string; body: string }>();
  const server = createServer((request, response) => {
    answer(request, response).catch((error: Error) => {
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end(error.stack);
    });
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://mock').pathname;
    const cors = corsHeaders(request);
    const page = statics.get(path);
    if (page) {
      response.writeHead(200, { 'Content-Type': page.contentType }).end(page.body);
      return;
    }
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    const json = (status: number, value: unknown) =>
      response.writeHead(status, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify(value));
    if (path === '/v1/engines/list') {
      json(200, [
        { id: 'stable-diffusion-v1-6', name: 'Stable Diffusion v1.6', description: 'v1.6', type: 'PICTURE' },
        { id: 'esrgan-v1-x2plus', name: 'Real-ESRGAN x2', description: 'upscaler', type: 'PICTURE' },
      ]);
      return;
    }
    const generation = /^\/v1\/generation\/([^/]+)\//.exec(path);
    if (!generation) {
      json(404, { id: 'mock-404', name: 'not_found', message: `no route ${path}` });
      return;
    }
    const body = await bodyOf(request);
    if (generation[1] === missingEngine) {
      json(404, {
        id: 'mock-engine',
        name: 'not_found',
        message: `The specified engine (ID ${missingEngine}) was not found.`,
      });
      return;
    }
    const received = String(request.headers['content-type']).startsWith('multipart/')
      ? await fileParts(request, body)
      : [];
    files.push(...received);
    const seed = received.length > 0 ? received.reduce((sum, file) => sum + file.size, 0) : 11;
    if (request.headers.accept === 'image/png') {
      response
        .writeHead(200, { ...cors, 'Content-Type': 'image/png', Seed: String(seed), 'Finish-Reason': 'SUCCESS' })
        .end(fakeImage);
      return;
    }
    json(200, { artifacts: [{ base64: Buffer.from(fakeImage).toString('base64'), seed, finishReason: 'SUCCESS' }] });
  }

  const listening = await listenOnLoopback(server);
  return {
    ...listening,
    files,
    serve: (path, contentType, body) => statics.set(path, { contentType, body }),
  };
}
