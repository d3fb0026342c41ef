import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec, type OpenApiDocument } from '../generate/spec.js';
import { derivePrismSpec } from './derive-spec.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const prismEntry = join(repoRoot, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');

/** A running Prism mock server. */
export interface PrismServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Process id of the Prism process. */
  pid: number;
  /** Stops Prism (by its pid) and removes the derived spec. */
  stop(): Promise<void>;
}

/** A port nobody listens on now, picked by the OS. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts Prism from node_modules on 127.0.0.1 and a free port, on the Prism-only copy of a spec
 * (openapi/stabilityai.json unless `document` gives another), and resolves once it listens.
 */
export async function startPrism({
  timeoutMs = 30_000,
  document,
}: {
  timeoutMs?: number;
  document?: OpenApiDocument;
} = {}): Promise<PrismServer> {
  const folder = await mkdtemp(join(tmpdir(), 'stability-rest-prism-'));
  const specFile = join(folder, 'stabilityai.prism.json');
  const spec = document ?? loadSpec(await readFile(join(repoRoot, 'openapi', 'stabilityai.json'), 'utf8')).document;
  await writeFile(specFile, JSON.stringify(derivePrismSpec(spec)));
  const port = await freePort();
  const child = spawn(process.execPath, [prismEntry, 'mock', specFile, '-h', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    await stopProcess(child);
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await waitForListening(child, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid ?? -1, stop };
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`Prism did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => fail(new Error(`Prism exited with ${code} before listening:\n${output}`)));
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(
    () => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'),
    5_000,
  );
  await exited;
  clearTimeout(timer);
}
