import { createHash, type Hash } from 'node:crypto';
import { createServer } from 'node:http';
import { fakeImage } from './fake-api.js';
import { listenOnLoopback } from './local-server.js';

const megabyte = 1024 * 1024;

/** The 1 MB the big uploads repeat: not all one value, so a misplaced chunk changes the hash. */
export function uploadPattern(): Uint8Array {
  const pattern = new Uint8Array(megabyte);
  for (let index = 0; index < pattern.length; index++) pattern[index] = (index * 31 + (index >> 10)) & 0xff;
  return pattern;
}

/** The SHA-256 of an upload of `size` bytes of {@link uploadPattern}, computed without holding it. */
export function patternHash(size: number): string {
  const pattern = uploadPattern();
  const hash = createHash('sha256');
  for (let offset = 0; offset < size; offset += pattern.length) hash.update(pattern.subarray(0, size - offset));
  return hash.digest('hex');
}

/** What the upload server saw of one request. */
export interface ReceivedUpload {
  /** Bytes of the body as they arrived. */
  received: number;
  /** The `Content-Length` header, if sent. */
  contentLength: string | undefined;
  transferEncoding: string | undefined;
  /** SHA-256 of the file bytes: the part named `field` of a multipart body. */
  fileHash: string;
  fileBytes: number;
}

/**
 * A loopback server for big multipart uploads that holds none of them: it hashes the bytes of the file
 * part named `field` as they stream in (the part must be the body's last, as the client writes a body
 * whose upload field comes last), and answers 500 to the first `failures` requests, 200 after.
 */
export async function startUploadServer(field: string, failures: number) {
  const uploads: ReceivedUpload[] = [];
  const server = createServer((request, response) => {
    const boundary = /boundary=(.+)$/.exec(String(request.headers['content-type']))?.[1] ?? '';
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const marker = Buffer.from(`name="${field}"`);
    let head = Buffer.alloc(0);
    let inFile = false;
    let held = Buffer.alloc(0);
    let hash: Hash = createHash('sha256');
    let received = 0;
    let fileBytes = 0;
    const feed = (chunk: Buffer) => {
      // Everything but the last tail.length bytes belongs to the file; the rest may be the closing boundary.
      const joined = held.length ? Buffer.concat([held, chunk]) : chunk;
      const keep = Math.min(tail.length, joined.length);
      const ready = joined.subarray(0, joined.length - keep);
      hash.update(ready);
      fileBytes += ready.length;
      held = Buffer.from(joined.subarray(joined.length - keep));
    };
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (inFile) return feed(chunk);
      head = Buffer.concat([head, chunk]);
      const at = head.indexOf(marker);
      const start = at < 0 ? -1 : head.indexOf('\r\n\r\n', at);
      if (start < 0) return;
      inFile = true;
      hash = createHash('sha256');
      feed(head.subarray(start + 4));
      head = Buffer.alloc(0);
    });
    request.on('end', () => {
      if (request.method === 'GET') {
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"credits":1}');
        return;
      }
      const whole = held.equals(tail);
      uploads.push({
        received,
        contentLength: request.headers['content-length'],
        transferEncoding: request.headers['transfer-encoding'],
        fileHash: whole ? hash.digest('hex') : 'closing boundary missing',
        fileBytes,
      });
      if (uploads.length <= failures) {
        response.writeHead(500, { 'Content-Type': 'application/json' }).end('{"name":"try_again"}');
        return;
      }
      const artifact = { base64: Buffer.from(fakeImage).toString('base64'), seed: 1, finishReason: 'SUCCESS' };
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ artifacts: [artifact] }));
    });
  });
  return { ...(await listenOnLoopback(server)), uploads };
}
