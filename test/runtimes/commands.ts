import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../helpers/spec.js';

const run = promisify(execFile);

/** A runtime with a command line: how to start the smoke's CLI entry, and how to ask its version. */
export interface RuntimeCommand {
  name: string;
  command: string;
  /** Arguments before the script. */
  args: string[];
  /** The version it must report: the package's own pins. */
  version: RegExp;
}

const modules = join(repoRoot, 'node_modules');
const toolchains = join(repoRoot, 'test', 'toolchains', 'node_modules');

/**
 * The runtimes, each from the npm registry through a lockfile: Node 20 is the one running the tests; Node 22
 * comes from test/toolchains (apart, since its `node` command would shadow this one); Bun and Deno from the
 * root's devDependencies (their platform binaries are optional dependencies of the `bun` and `deno` packages).
 * Deno gets network access to the loopback address only: no environment, no files.
 */
export const runtimes: RuntimeCommand[] = [
  { name: 'Node 20', command: process.execPath, args: [], version: /^v20\./ },
  { name: 'Node 22', command: join(toolchains, 'node22', 'bin', 'node'), args: [], version: /^v22\./ },
  { name: 'Bun', command: join(modules, '.bin', 'bun'), args: ['run'], version: /^1\./ },
  {
    name: 'Deno',
    command: join(modules, '.bin', 'deno'),
    args: ['run', '--no-prompt', '--allow-net=127.0.0.1'],
    version: /^deno 2\./,
  },
];

/** Environment for the runtimes: no update checks or telemetry, no colours in output. */
const quietEnv = { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DO_NOT_TRACK: '1' };

/** The version line a runtime prints. */
export async function versionOf(runtime: RuntimeCommand): Promise<string> {
  const { stdout } = await run(runtime.command, ['--version'], { env: quietEnv });
  return stdout.split('\n')[0]?.trim() ?? '';
}

/** Runs the smoke's CLI entry in `folder` with `runtime` against `baseUrl` and parses what it prints. */
export async function runSmoke(runtime: RuntimeCommand, folder: string, baseUrl: string): Promise<unknown> {
  const { stdout } = await run(runtime.command, [...runtime.args, 'cli.js', baseUrl], {
    cwd: folder,
    env: quietEnv,
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
}
