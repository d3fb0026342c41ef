import { copyFile, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildPackage } from '../../scripts/build/package.js';
import { repoRoot } from '../helpers/spec.js';

const here = join(repoRoot, 'test', 'runtimes');

/** A folder laid out as a user's project with the package installed, holding the smoke's entries. */
export interface SmokeProject {
  folder: string;
  /** The browser entry bundled with the package (esbuild, ESM). */
  browserBundle: string;
}

/**
 * Builds the package with its own build (scripts/build/package.ts) into `<tmp>/node_modules/stability-rest`, links its
 * one dependency, and copies the smoke entries beside a package.json: each runtime then imports
 * 'stability-rest' by name, resolved the way it resolves an installed package.
 */
export async function smokeProject(): Promise<SmokeProject> {
  const folder = await mkdtemp(join(tmpdir(), 'stability-rest-runtimes-'));
  const installed = join(folder, 'node_modules', 'stability-rest');
  await mkdir(installed, { recursive: true });
  await buildPackage(join(installed, 'dist'));
  await copyFile(join(repoRoot, 'package.json'), join(installed, 'package.json'));
  await symlink(join(repoRoot, 'node_modules', 'openapi-fetch'), join(folder, 'node_modules', 'openapi-fetch'), 'dir');
  await writeFile(
    join(folder, 'package.json'),
    JSON.stringify({ name: 'smoke', private: true, type: 'module', dependencies: { 'stability-rest': '*' } }),
  );
  for (const file of ['smoke.js', 'cli.js', 'browser.js']) await copyFile(join(here, file), join(folder, file));
  const bundled = await build({
    entryPoints: [join(folder, 'browser.js')],
    absWorkingDir: folder,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return { folder, browserBundle: bundled.outputFiles[0]?.text ?? '' };
}
