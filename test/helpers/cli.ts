import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { listenOnLoopback } from './local-server.js';
import { repoRoot } from './spec.js';

/** What a finished run of the command line left: exit code and both streams. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment without the variables the command line reads, plus `env`. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { STABILITY_API_KEY: _key, STABILITY_BASE_URL: _url, ...rest } = process.env;
  return { ...rest, ...env };
}

/**
 * Starts `stability-rest` as a user's shell would, in a child process: the TypeScript entry through tsx's
 * loader, or a built `bin` file when given.
 */
export function spawnCli(
  args: readonly string[],
  { cwd = repoRoot, env = {}, bin }: { cwd?: string; env?: Record<string, string>; bin?: string } = {},
): { child: ChildProcess; done: Promise<CliRun> } {
  const entry = bin
    ? [bin]
    : ['--import', join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs'), join(repoRoot, 'src', 'cli', 'bin.ts')];
  const child = spawn(process.execPath, [...entry, ...args], { cwd, env: cleanEnv(env), stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Runs `stability-rest` to the end. */
export function runCli(...args: Parameters<typeof spawnCli>): Promise<CliRun> {
  return spawnCli(...args).done;
}

/** A loopback server whose answers a test scripts, counting requests and how many were in flight at once. */
export interface ScriptedServer {
  url: string;
  /** Requests received so far, in order: method and path. */
  requests: string[];
  /** The most requests it held open at the same time. */
  maxInFlight(): number;
  /** Resolves when the `n`th request has arrived. */
  received(n: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 and a free port that answers each request with `answer(request, index)`
 * (index from 1). An answer may never end, for a slow server.
 */
export async function startScriptedServer(
  answer: (request: IncomingMessage, response: ServerResponse, index: number) => void,
): Promise<ScriptedServer> {
  const requests: string[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const index = requests.length;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => inFlight--);
    for (const waiter of waiters.filter((item) => item.n <= requests.length)) waiter.resolve();
    request.resume();
    request.on('end', () => answer(request, response, index));
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    requests,
    maxInFlight: () => maxInFlight,
    received: (n) =>
      n <= requests.length ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
    close,
  };
}
