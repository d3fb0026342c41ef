import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type BuildOptions, build, type Plugin } from 'esbuild';

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..');

/**
 * The entry points of the package, each bundled into one ESM file: importing the package then loads one
 * file instead of some 30 modules (import 44 ms -> 8 ms measured by `npm run bench`'s cold start, on this
 * machine). Keys are the output paths in dist/ without `.js`, as package.json's `exports` and `bin` name them.
 */
export const entryPoints: Record<string, string> = {
  index: 'src/index.ts',
  node: 'src/node.ts',
  'cli/bin': 'src/cli/bin.ts',
};

/**
 * Entry points built for browsers (package.json's `browser` condition): the same sources, each module with
 * a `<name>.browser.ts` sibling replaced by it, so that code only Node runs (the streamed upload bodies)
 * stays out of browser bundles.
 */
export const browserEntryPoints: Record<string, string> = {
  browser: 'src/index.ts',
};

/** Resolves a relative import of `./x.js` to `./x.browser.ts` where that sibling exists. */
const browserSiblings: Plugin = {
  name: 'browser-siblings',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.?\/.*\.js$/ }, ({ path, resolveDir }) => {
      const sibling = join(resolveDir, path.replace(/\.js$/, '.browser.ts'));
      return existsSync(sibling) ? { path: sibling } : undefined;
    });
  },
};

/**
 * Builds the package into `outDir`: one bundled ESM file per entry point with its source map (esbuild,
 * openapi-fetch and node: modules left as imports), and tsc's declarations with their maps for every
 * source file, so editors show the types and "go to definition" opens src/.
 */
export async function buildPackage(outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--emitDeclarationOnly', '--outDir', outDir], {
    cwd: repoRoot,
  });
  const options: BuildOptions = {
    absWorkingDir: repoRoot,
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    sourcemap: true,
    external: ['openapi-fetch', 'node:*'],
    logLevel: 'warning',
  };
  const entries = (points: Record<string, string>) =>
    Object.entries(points).map(([out, source]) => ({ in: source, out }));
  await Promise.all([
    build({ ...options, entryPoints: entries(entryPoints) }),
    build({ ...options, entryPoints: entries(browserEntryPoints), plugins: [browserSiblings] }),
  ]);
}
