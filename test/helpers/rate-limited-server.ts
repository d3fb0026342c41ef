import { createServer } from 'node:http';
import { listenOnLoopback } from './local-server.js';

/** A local server that, like the API, answers 429 beyond `limit` requests per `windowMs` (sliding window). */
export interface RateLimitedServer {
  url: string;
  /** Answers given, by status. */
  counts: { ok: number; tooMany: number };
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1, port 0. */
export async function startRateLimitedServer(limit: number, windowMs: number): Promise<RateLimitedServer> {
  const served: number[] = [];
  const counts = { ok: 0, tooMany: 0 };
  const server = createServer((request, response) => {
    request.resume();
    const now = performance.now();
    while (served.length > 0 && (served[0] ?? 0) <= now - windowMs) served.shift();
    if (served.length >= limit) {
      counts.tooMany += 1;
      const waitSeconds = Math.max(0, ((served[0] ?? now) + windowMs - now) / 1000);
      response
        .writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': waitSeconds.toFixed(3) })
        .end(JSON.stringify({ id: 'rate', name: 'rate_limit_exceeded', message: 'slow down' }));
      return;
    }
    served.push(now);
    counts.ok += 1;
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ credits: counts.ok }));
  });
  return { ...(await listenOnLoopback(server)), counts };
}
