/**
 * `prepare` (runs after `npm ci` and `npm install` in this repository, never for users of the package):
 * installs test/toolchains/ (Node 22, the oldest supported TypeScript) from its own lockfile. They live
 * apart from the root's devDependencies because their commands would replace the root's in
 * node_modules/.bin: `node` (every npm script would then run on Node 22) and `tsc`.
 * Skipped before `npm pack` / `npm publish`, and when the lockfile has not changed since the last install.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../test/toolchains/', import.meta.url));
const stamp = join(folder, 'node_modules', '.lockfile-sha256');

/** The lockfile's hash: the install is current when the stamp holds it. */
function lockHash(): string {
  return createHash('sha256')
    .update(readFileSync(join(folder, 'package-lock.json')))
    .digest('hex');
}

function main(): void {
  if (['pack', 'publish'].includes(process.env.npm_command ?? '')) return;
  if (!existsSync(join(folder, 'package-lock.json'))) return; // not a clone of the repository
  const hash = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: folder, stdio: 'inherit' });
  writeFileSync(stamp, hash);
}

main();
