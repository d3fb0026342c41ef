import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserEntryPoints, entryPoints } from '../../scripts/build/package.js';
import { repoRoot } from '../helpers/spec.js';
import { cleanClone } from './clean-clone.js';
import { compileConsumer, mainEntryUsage, nodeEntryUsage } from './consumer-types.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);
const typescriptLatest = join(repoRoot, 'node_modules', 'typescript');
/** The oldest TypeScript the README promises, installed by test/toolchains. */
const typescriptOldest = join(repoRoot, 'test', 'toolchains', 'node_modules', 'typescript5.0');
const typeRoots = [join(repoRoot, 'node_modules', '@types')];
/** A Node consumer without the DOM library: lib es2022 and @types/node only. */
const nodeWithoutDom = { lib: ['es2022'], types: ['node'], typeRoots, source: nodeEntryUsage };

let workspace = '';
let tarball = '';
let consumer = '';
let packedPaths: string[] = [];
let sourceFiles: string[] = [];

/** Runs a command and returns its exit code and output, without throwing on failure. */
async function exitOf(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: workspace, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? 1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

/** The declarations tsc emits for one file of src/ (scripts/build/package.ts). */
function declarations(source: string): string[] {
  const base = `dist/${source.slice('src/'.length).replace(/\.(ts|js)$/, '')}`;
  return [`${base}.d.ts`, `${base}.d.ts.map`];
}

/** The bundled entry points esbuild writes, each with its source map. */
const bundles = [...Object.keys(entryPoints), ...Object.keys(browserEntryPoints)].flatMap((entry) => [
  `dist/${entry}.js`,
  `dist/${entry}.js.map`,
]);

describe('the package packed from a clean clone', () => {
  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'stability-rest-pack-'));
    const clone = join(workspace, 'clone');
    await cleanClone(repoRoot, clone);
    // prepack builds: the clone has no dist/ until npm pack runs it.
    const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', workspace], {
      cwd: clone,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    if (!packed) throw new Error(`npm pack printed no package: ${stdout}`);
    tarball = join(workspace, packed.filename);
    packedPaths = packed.files.map((file) => file.path).sort();
    const { stdout: listed } = await run('git', ['ls-files', '-co', '--exclude-standard', 'src'], { cwd: repoRoot });
    sourceFiles = listed.split('\n').filter(Boolean);
    consumer = join(workspace, 'consumer');
    await mkdir(consumer);
    await writeFile(join(consumer, 'package.json'), '{"name":"consumer","private":true,"type":"module"}');
    await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: consumer });
  }, 240_000);

  afterAll(async () => {
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('holds exactly the built ESM with source and declaration maps, the sources they map to, and the docs', () => {
    const expected = [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      ...sourceFiles,
      ...sourceFiles.flatMap(declarations),
      ...bundles,
    ].sort();
    expect(packedPaths).toEqual(expected);
    expect(packedPaths).toContain('dist/index.js');
    expect(packedPaths.filter((path) => /^(test|scripts|examples|openapi)\//.test(path))).toEqual([]);
  });

  it('maps every declaration back to a source file that ships', async () => {
    const maps = packedPaths.filter((path) => path.endsWith('.d.ts.map'));
    expect(maps.length).toBeGreaterThan(10);
    const unpacked = join(consumer, 'node_modules', 'stability-rest');
    for (const map of maps) {
      const { sources } = JSON.parse(await readFile(join(unpacked, map), 'utf8')) as { sources: string[] };
      for (const source of sources) expect(packedPaths).toContain(posix.join(posix.dirname(map), source));
    }
  });

  it('passes publint with no suggestion, warning or error', async () => {
    const { code, output } = await exitOf(bin('publint'), ['run', tarball, '--level', 'suggestion', '--strict']);
    expect(output).toContain('All good!');
    expect(code).toBe(0);
  }, 60_000);

  it('passes arethetypeswrong with the ESM-only profile', async () => {
    const { code, output } = await exitOf(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'json']);
    const { problems } = JSON.parse(output) as { problems: Record<string, Array<{ resolutionKind?: string }>> };
    // The ESM-only profile leaves out CommonJS resolution (node10, node16-cjs): this package has no CommonJS build.
    const esmProblems = Object.values(problems)
      .flat()
      .filter((problem) => !['node10', 'node16-cjs'].includes(problem.resolutionKind ?? ''));
    expect(esmProblems).toEqual([]);
    expect(code).toBe(0);
  }, 60_000);

  it('compiles for Node without the DOM library: lib es2022, @types/node, skipLibCheck false', async () => {
    const output = await compileConsumer(consumer, typescriptLatest, nodeWithoutDom);
    expect(output).toBe('');
  }, 60_000);

  it('compiles on the oldest supported TypeScript (5.0), the same way', async () => {
    const { version } = JSON.parse(await readFile(join(typescriptOldest, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(version).toMatch(/^5\.0\./);
    const output = await compileConsumer(consumer, typescriptOldest, nodeWithoutDom);
    expect(output).toBe('');
  }, 60_000);

  it('compiles for browsers: the DOM library and no @types/node (main entry)', async () => {
    const output = await compileConsumer(consumer, typescriptLatest, {
      lib: ['es2022', 'dom', 'dom.iterable'],
      types: [],
      typeRoots: [],
      source: mainEntryUsage,
    });
    expect(output).toBe('');
  }, 60_000);

  it('reports a type error in the consumer, so a clean compile means something', async () => {
    const output = await compileConsumer(consumer, typescriptLatest, {
      lib: ['es2022'],
      types: ['node'],
      typeRoots,
      source: `${nodeEntryUsage}\nexport const wrong: string = 1;\n`,
    });
    expect(output).toMatch(/index\.ts\(\d+,\d+\): error TS2322/);
  }, 60_000);

  it('imports in plain node from an installed tarball: validators, client and the node entry', async () => {
    const script = [
      "import { operations, createStabilityClient, ValidationError } from 'stability-rest';",
      "import { fileFromPath } from 'stability-rest/node';",
      'const { validate } = operations.textToImage.request.media[0].variants[0];',
      "const good = validate({ text_prompts: [{ text: 'a lighthouse' }] });",
      'const bad = validate({ text_prompts: [], width: 100 });',
      "const errors = validate.errors.map((e) => e.instancePath + ' ' + e.keyword);",
      "const fetch = async () => new Response(new Uint8Array([1, 2]), { headers: { 'Content-Type': 'image/png', Seed: '7', 'Finish-Reason': 'SUCCESS' } });",
      "const stability = createStabilityClient({ apiKey: 'sk-pack', fetch });",
      "const { artifacts } = await stability.generation.textToImage('stable-diffusion-v1-6', { text_prompts: [{ text: 'x' }] }, { accept: 'image/png' });",
      "const refused = await stability.generation.textToImage('stable-diffusion-v1-6', { text_prompts: [] }).catch((e) => e instanceof ValidationError);",
      "const file = await fileFromPath('package.json');",
      'console.log(JSON.stringify({ good, bad, errors, artifact: { ...artifacts[0], image: [...artifacts[0].image] }, refused, file: file.name }));',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual({
      good: true,
      bad: false,
      errors: ['/text_prompts minItems', '/width minimum', '/width multipleOf'],
      artifact: { image: [1, 2], seed: 7, finishReason: 'SUCCESS' },
      refused: true,
      file: 'package.json',
    });
  });
  it('gives bundlers for browsers the browser build, without the streamed upload bodies only Node sends', async () => {
    const bundle = async (platform: 'browser' | 'node') => {
      const result = await build({
        absWorkingDir: consumer,
        stdin: { contents: "export { createStabilityClient } from 'stability-rest';", resolveDir: consumer },
        bundle: true,
        format: 'esm',
        platform,
        external: ['openapi-fetch'],
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      return { text: result.outputFiles[0]?.text ?? '', inputs: Object.keys(result.metafile.inputs) };
    };
    const [browser, node] = await Promise.all([bundle('browser'), bundle('node')]);
    expect(browser.inputs).toContain('node_modules/stability-rest/dist/browser.js');
    expect(node.inputs).toContain('node_modules/stability-rest/dist/index.js');
    // The multipart stream writer's boundary prefix: in the Node build only.
    expect(node.text).toContain('----stability-rest-');
    expect(browser.text).not.toContain('----stability-rest-');
  });

  it('runs the stability-rest bin with npx: help, a dry run, and --mock refused in one line', async () => {
    const { STABILITY_API_KEY: _key, STABILITY_BASE_URL: _url, ...env } = process.env;
    const npx = (...args: string[]) =>
      run(npm.replace('npm', 'npx'), ['--no-install', 'stability-rest', ...args], { cwd: consumer, env });
    const help = await npx('--help');
    expect(help.stdout).toMatch(/^ {2}generation text-to-image \(text-to-image\)/m);
    const dry = await npx('text-to-image', 'a lighthouse', '--dry-run', '--json');
    expect(JSON.parse(dry.stdout).request.body).toEqual({ text_prompts: [{ text: 'a lighthouse' }] });
    const mock = await npx('balance', '--mock').catch((error: { code: number; stderr: string }) => error);
    expect(mock).toMatchObject({ code: 2 });
    expect((mock as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
    expect((mock as { stderr: string }).stderr).toContain('--mock needs a clone of the stability-rest repository');
  });
});
