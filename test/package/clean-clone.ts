import { execFile } from 'node:child_process';
import { copyFile, mkdir, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Copies what a fresh clone of the repository holds (tracked files, and new files git does not ignore, so
 * uncommitted work is packed as it will be committed) into `target`: no dist/, no node_modules. The
 * repository's node_modules is linked in, as `npm ci` would have put it there.
 */
export async function cleanClone(repoRoot: string, target: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  const files = stdout.split('\0').filter(Boolean);
  for (const file of files) {
    await mkdir(dirname(join(target, file)), { recursive: true });
    await copyFile(join(repoRoot, file), join(target, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // deleted but not yet committed
    });
  }
  await symlink(join(repoRoot, 'node_modules'), join(target, 'node_modules'), 'dir');
}
