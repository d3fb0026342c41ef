/**
 * The benchmark's loopback server, run as its own child process (plain node, compiled): it answers like the
 * API from fixtures built once at start, and prints `{ url, manifest }` as its first stdout line.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  benchApiKey,
  bytesForBase64Length,
  type ExpectedArtifact,
  engines,
  jsonEngines,
  type Manifest,
  oneAndAHalfMegabytes,
  pngEngines,
  thirtyMegabytes,
  verifyHeader,
} from './fixtures.js';

/** A prepared answer: the body is built once, so the server costs every contender the same. */
interface Answer {
  body: Buffer;
  headers: Record<string, string>;
}

/** An image of `size` random bytes behind a PNG signature (the clients check bytes, not pixels). */
function image(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
}

function expected(bytes: Buffer, seed: number): ExpectedArtifact {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    seed,
    finishReason: 'SUCCESS',
  };
}

function jsonAnswer(value: unknown): Answer {
  return { body: Buffer.from(JSON.stringify(value)), headers: { 'Content-Type': 'application/json' } };
}

/** A JSON generation of `count` artifacts, each `base64Length` characters of base64. */
function jsonGeneration(count: number, base64Length: number, firstSeed: number) {
  const images = Array.from({ length: count }, () => image(bytesForBase64Length(base64Length)));
  const artifacts = images.map((bytes, index) => ({
    base64: bytes.toString('base64'),
    seed: firstSeed + index,
    finishReason: 'SUCCESS',
  }));
  return {
    answer: jsonAnswer({ artifacts }),
    expected: images.map((bytes, index) => expected(bytes, firstSeed + index)),
  };
}

function pngGeneration(size: number, seed: number) {
  const bytes = image(size);
  const answer = {
    body: bytes,
    headers: { 'Content-Type': 'image/png', Seed: String(seed), 'Finish-Reason': 'SUCCESS' },
  };
  return { answer, expected: expected(bytes, seed) };
}

/** Builds every fixture and the manifest that describes them. */
function buildFixtures() {
  const one = jsonGeneration(1, oneAndAHalfMegabytes, 1000);
  const ten = jsonGeneration(10, oneAndAHalfMegabytes, 2000);
  const small = pngGeneration(oneAndAHalfMegabytes, 3000);
  const large = pngGeneration(thirtyMegabytes, 4000);
  const upload = jsonGeneration(1, 1024, 5000);
  const manifest: Manifest = {
    engineIds: engines.map((engine) => engine.id),
    json: { [jsonEngines.one]: one.expected, [jsonEngines.ten]: ten.expected },
    png: { [pngEngines.small]: small.expected, [pngEngines.large]: large.expected },
    upload: upload.expected[0] as ExpectedArtifact,
  };
  const answers = {
    engines: jsonAnswer(engines),
    json: new Map<string, Answer>([
      [jsonEngines.one, one.answer],
      [jsonEngines.ten, ten.answer],
    ]),
    png: new Map<string, Answer>([
      [pngEngines.small, small.answer],
      [pngEngines.large, large.answer],
    ]),
    upload: upload.answer,
  };
  return { manifest, answers };
}

type Answers = ReturnType<typeof buildFixtures>['answers'];

function send(response: ServerResponse, status: number, answer: Answer, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...answer.headers, ...extra, 'Content-Length': String(answer.body.length) });
  response.end(answer.body);
}

function fail(response: ServerResponse, status: number, message: string): void {
  send(response, status, jsonAnswer({ id: 'bench', name: 'bench_error', message }));
}

/** The request body, read whole (only in verify mode: timed uploads are drained without buffering). */
async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Drains the body, counting bytes; resolves when it has all arrived. */
function drain(request: IncomingMessage): Promise<number> {
  let received = 0;
  request.on('data', (chunk: Buffer) => {
    received += chunk.length;
  });
  return new Promise((resolve, reject) => {
    request.on('end', () => resolve(received));
    request.on('error', reject);
  });
}

/** In verify mode: what the multipart form held, echoed in headers so every contender's encoding is checked. */
async function echoUpload(request: IncomingMessage): Promise<Record<string, string>> {
  const body = await readBody(request);
  const form = await new Response(new Uint8Array(body), {
    headers: { 'Content-Type': String(request.headers['content-type']) },
  }).formData();
  const file = form.get('init_image');
  if (!(file instanceof Blob)) return { 'X-Upload-Error': 'no init_image file part' };
  const bytes = Buffer.from(await file.arrayBuffer());
  return {
    'X-Upload-Sha256': createHash('sha256').update(bytes).digest('hex'),
    'X-Upload-Type': file.type,
    'X-Upload-Prompt': encodeURIComponent(String(form.get('text_prompts[0][text]'))),
  };
}

async function route(answers: Answers, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.headers.authorization !== `Bearer ${benchApiKey}`) return fail(response, 401, 'bad key');
  const url = request.url ?? '';
  const accept = request.headers.accept ?? '';
  if (request.method === 'GET' && url === '/v1/engines/list') return send(response, 200, answers.engines);
  const generation = /^\/v1\/generation\/([^/]+)\/(text-to-image|image-to-image)$/.exec(url);
  if (request.method !== 'POST' || !generation) return fail(response, 404, `no route ${request.method} ${url}`);
  const [, engine = '', operation] = generation;
  if (operation === 'image-to-image') {
    const echo = request.headers[verifyHeader.toLowerCase()] ? await echoUpload(request) : {};
    if (!request.headers[verifyHeader.toLowerCase()]) await drain(request);
    return send(response, 200, answers.upload, echo);
  }
  await drain(request);
  const answer = accept === 'image/png' ? answers.png.get(engine) : answers.json.get(engine);
  if (!answer) return fail(response, 400, `no fixture for ${engine} with Accept ${accept}`);
  return send(response, 200, answer);
}

/** Starts the server on 127.0.0.1 and a free port, and announces it on stdout. */
async function main(): Promise<void> {
  const { manifest, answers } = buildFixtures();
  const server = createServer((request, response) => {
    route(answers, request, response).catch((error: unknown) => fail(response, 500, String(error)));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, manifest })}\n`);
  // The parent stops the server by closing stdin (or by pid): no orphan survives a crashed parent.
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

await main();
