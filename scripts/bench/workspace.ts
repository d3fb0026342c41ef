/**
 * The bench workspace: a temporary folder laid out as a consumer's project. The package is compiled from
 * `src/` straight into node_modules/stability-rest/dist (as `npm run build` would, without touching the
 * repository's own dist/, which tests may be rebuilding), openapi-fetch is copied beside it, and the bench
 * scripts the child processes run are compiled to plain JS, so every contender runs on plain `node`.
 */

import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildPackage } from '../build/package.js';
import { uploadBytes } from './fixtures.js';

/** The repository root (scripts/bench/ is two levels down). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A prepared workspace. */
export interface Workspace {
  dir: string;
  /** Where the compiled bench scripts are. */
  scripts: string;
  /** The 4 MB upload image, and its sha256. */
  uploadPath: string;
  uploadSha256: string;
  remove(): void;
}

/** Builds the package as `npm run build` does into the workspace's node_modules/stability-rest. */
async function installPackage(dir: string): Promise<void> {
  const target = join(dir, 'node_modules', 'stability-rest');
  await buildPackage(join(target, 'dist'));
  cpSync(join(repoRoot, 'package.json'), join(target, 'package.json'));
  cpSync(join(repoRoot, 'node_modules', 'openapi-fetch'), join(dir, 'node_modules', 'openapi-fetch'), {
    recursive: true,
  });
}

/** Compiles scripts/bench/**.ts file by file (no bundling: each module stays the module it is). */
async function compileScripts(out: string): Promise<void> {
  const source = join(repoRoot, 'scripts', 'bench');
  const entryPoints = readdirSync(source, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(source, file));
  await build({
    entryPoints,
    outdir: out,
    outbase: source,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
}

function writeUploadImage(path: string): string {
  const bytes = randomBytes(uploadBytes);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  writeFileSync(path, bytes);
  return createHash('sha256').update(bytes).digest('hex');
}

/** Creates the workspace: package built, scripts compiled, upload image written. */
export async function prepareWorkspace(): Promise<Workspace> {
  const dir = mkdtempSync(join(tmpdir(), 'stability-rest-bench-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{"name":"bench-workspace","private":true,"type":"module"}\n');
    mkdirSync(join(dir, 'node_modules'));
    const scripts = join(dir, 'bench');
    await Promise.all([installPackage(dir), compileScripts(scripts)]);
    const uploadPath = join(dir, 'upload.png');
    const uploadSha256 = writeUploadImage(uploadPath);
    return { dir, scripts, uploadPath, uploadSha256, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
