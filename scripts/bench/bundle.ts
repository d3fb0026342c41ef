/**
 * Bundle figures with esbuild: the minified and gzipped size of a browser app that imports only
 * `createStabilityClient` and makes one call (and of the same app on plain openapi-fetch), and how many
 * ESM files a Node import of the package loads.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Sizes of one app, in bytes. */
export interface BundleSize {
  minified: number;
  gzipped: number;
}

/** What {@link measureBundles} reports. */
export interface BundleReport {
  /** The app importing `createStabilityClient` and calling `engines.list()`. */
  stabilityRest: BundleSize;
  /** The same call with plain openapi-fetch, for scale. */
  openapiFetch: BundleSize;
  /** ESM files a Node `import 'stability-rest'` loads (its own and openapi-fetch's). */
  esmFilesAtImport: number;
  /** The gzip level used (9, as `gzip -9`). */
  gzipLevel: number;
}

const gzipLevel = 9;

const stabilityApp = `import { createStabilityClient } from 'stability-rest';
const stability = createStabilityClient({ apiKey: 'sk-demo' });
stability.engines.list().then((engines) => console.log(engines.length));
`;

const openapiFetchApp = `import createClient from 'openapi-fetch';
const client = createClient({ baseUrl: 'https://api.stability.ai', headers: { Authorization: 'Bearer sk-demo' } });
client.GET('/v1/engines/list').then(({ data }) => console.log(data.length));
`;

async function appSize(workspace: string, contents: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents, resolveDir: workspace, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.length, gzipped: gzipSync(code, { level: gzipLevel }).length };
}

/** Counts the module files reachable from the package entry, as Node would load them. */
async function esmFiles(workspace: string): Promise<number> {
  const result = await build({
    stdin: { contents: "export * from 'stability-rest';", resolveDir: workspace, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules')).length;
}

/** Measures both apps against the packages installed in the bench workspace. */
export async function measureBundles(workspace: string): Promise<BundleReport> {
  const dir = join(workspace);
  return {
    stabilityRest: await appSize(dir, stabilityApp),
    openapiFetch: await appSize(dir, openapiFetchApp),
    esmFilesAtImport: await esmFiles(dir),
    gzipLevel,
  };
}
