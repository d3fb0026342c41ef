import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/spec.js';

const run = promisify(execFile);
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

/** Runs a tool and returns its exit code and output, without throwing on failure. */
async function exitOf(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: repoRoot });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? 1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

describe('project checks', () => {
  it('typechecks sources, scripts and tests in strict mode', async () => {
    const { code, output } = await exitOf(bin('tsc'), ['-p', 'tsconfig.json']);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 120_000);

  it('passes the formatter and linter (biome check)', async () => {
    const { code, output } = await exitOf(bin('biome'), ['check', '.', '--colors=off']);
    expect(code, output).toBe(0);
  }, 60_000);
});
