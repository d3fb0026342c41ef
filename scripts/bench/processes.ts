/** Child processes of the bench: the server and the workers, on plain `node`, optionally pinned to a CPU. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Manifest } from './fixtures.js';

/** Where a child runs: a CPU to pin it to with `taskset`, or none. */
export type Pin = number | undefined;

/** Whether `taskset` is there to pin processes with. */
export function canPin(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function spawnNode(script: string, args: string[], cpu: Pin, stdin: 'ignore' | 'pipe'): ChildProcess {
  const node = [process.execPath, script, ...args];
  const [command = '', ...rest] = cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node];
  // execArgv stays empty: the orchestrator may run under tsx, the children must not.
  return spawn(command, rest, { stdio: [stdin, 'pipe', 'inherit'] });
}

/** Runs a worker script with one JSON argument and returns the JSON of its last stdout line. */
export function runJsonChild<T>(script: string, task: unknown, cpu: Pin, timeoutMs = 180_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawnNode(script, [JSON.stringify(task)], cpu, 'ignore');
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = output.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} exited with ${code} without a result: ${output.slice(-500)}`));
      }
    });
  });
}

/** The running benchmark server. */
export interface BenchServer {
  url: string;
  manifest: Manifest;
  stop(): Promise<void>;
}

/** Starts the server script and waits for its announcement (`{ url, manifest }`). */
export function startServer(script: string, cpu: Pin): Promise<BenchServer> {
  const child = spawnNode(script, [], cpu, 'pipe');
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the bench server exited with ${code} before it listened`)));
    lines.once('line', (line) => {
      const { url, manifest } = JSON.parse(line) as { url: string; manifest: Manifest };
      resolve({ url, manifest, stop });
    });
  });
}
