import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/spec.js';

describe('no timer or socket left behind', () => {
  it('lets a process that made calls (retries, timeout, abort, rate limit) exit by itself', async () => {
    const child = spawn(
      join(repoRoot, 'node_modules', '.bin', 'tsx'),
      [join(repoRoot, 'test', 'fixtures', 'no-leaks.ts')],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const watchdog = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000).unref());
    const code = await Promise.race([exit, watchdog]);
    if (code === 'hung') child.kill('SIGKILL');
    expect(code).toBe(0);
    expect(JSON.parse(output.trim().split('\n').at(-1) ?? '[]')).toEqual([
      'ok',
      'TimeoutError',
      'ok',
      'UserAbortError',
      'ok',
      ...['ok', 'ok', 'ok', 'ok', 'ok', 'UserAbortError'],
    ]);
  }, 30_000);
});
