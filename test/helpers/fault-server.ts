import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fakeImage } from './fake-api.js';
import { listenOnLoopback } from './local-server.js';

/** The faults the server can inject, named by the `X-Fault` request header. */
export const faults = [
  'none',
  'status-429',
  'status-500',
  'status-502',
  'status-503',
  'status-504',
  'status-400',
  'status-401',
  'status-403',
  'status-404',
  'html-502',
  'reset-before-response',
  'hang',
  'slow-body',
  'reset-mid-body',
  'invalid-json',
  'truncated-json',
  'wrong-content-type',
  'empty-artifacts',
  'invalid-base64',
] as const;

/** One of {@link faults}. */
export type Fault = (typeof faults)[number];

/**
 * A real HTTP server on 127.0.0.1 (port 0) that answers like the API, except that the first
 * `X-Fault-Times` requests carrying the same `X-Scenario` id get the fault named by `X-Fault`.
 */
export interface FaultServer {
  url: string;
  /** Requests received per scenario id. */
  hits: Map<string, number>;
  /** Byte length of each request body received, per scenario id. */
  bodies: Map<string, number[]>;
  close(): Promise<void>;
}

/** Starts the fault server. */
export async function startFaultServer(): Promise<FaultServer> {
  const hits = new Map<string, number>();
  const bodies = new Map<string, number[]>();
  const server: Server = createServer((request, response) => {
    const scenario = String(request.headers['x-scenario'] ?? '');
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    request.on('end', () => bodies.set(scenario, [...(bodies.get(scenario) ?? []), received]));
    const count = (hits.get(scenario) ?? 0) + 1;
    hits.set(scenario, count);
    const times = Number(request.headers['x-fault-times'] ?? '0');
    const fault = (count <= times ? request.headers['x-fault'] : 'none') as Fault;
    answer(fault, request, response);
  });
  return { ...(await listenOnLoopback(server)), hits, bodies };
}

/** Faults that are one complete answer: a status, a Content-Type and a fixed body. */
const fixedAnswers: Partial<Record<Fault, { status: number; contentType: string; body: string }>> = {
  'html-502': { status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
  'invalid-json': { status: 200, contentType: 'application/json', body: '{"artifacts": [ nope' },
  'truncated-json': { status: 200, contentType: 'application/json', body: '{"artifacts": [{"base64": "AQID", "se' },
  'wrong-content-type': { status: 200, contentType: 'text/plain', body: 'generated, but where?' },
  'empty-artifacts': { status: 200, contentType: 'application/json', body: '{"artifacts": []}' },
  'invalid-base64': {
    status: 200,
    contentType: 'application/json',
    body: '{"artifacts": [{"base64": "!!not base64!!", "seed": 1, "finishReason": "SUCCESS"}]}',
  },
};

const errorBody = (name: string) => JSON.stringify({ id: `fault-${name}`, name, message: `injected ${name}` });

function answer(fault: Fault, request: IncomingMessage, response: ServerResponse): void {
  const status = /^status-(\d{3})$/.exec(fault)?.[1];
  if (status) {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (status === '429' || status === '503') headers['Retry-After'] = String(request.headers['x-retry-after'] ?? '0');
    response.writeHead(Number(status), headers).end(errorBody(`status_${status}`));
    return;
  }
  const fixed = fixedAnswers[fault];
  if (fixed) {
    response.writeHead(fixed.status, { 'Content-Type': fixed.contentType }).end(fixed.body);
    return;
  }
  switch (fault) {
    case 'reset-before-response':
      request.socket.destroy();
      return;
    case 'hang':
      return; // never answers; the client's timeout must end the attempt
    case 'slow-body':
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"artifacts": ['); // and nothing more
      return;
    case 'reset-mid-body':
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
      response.write('{"artifacts": [{"base64": "AAAA', () => request.socket.destroy());
      return;
    default:
      success(request, response);
  }
}

function success(request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const json = (value: unknown): void => {
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
  };
  const answers: Record<string, unknown> = {
    '/v1/engines/list': [{ id: 'e', name: 'E', description: 'd', type: 'PICTURE' }],
    '/v1/user/account': { id: 'user-1', email: 'a@example.test', organizations: [] },
    '/v1/user/balance': { credits: 1.5 },
  };
  if (path in answers) {
    json(answers[path]);
    return;
  }
  if (request.headers.accept === 'image/png') {
    response.writeHead(200, { 'Content-Type': 'image/png', Seed: '11', 'Finish-Reason': 'SUCCESS' }).end(fakeImage);
    return;
  }
  json({ artifacts: [{ base64: Buffer.from(fakeImage).toString('base64'), seed: 11, finishReason: 'SUCCESS' }] });
}
