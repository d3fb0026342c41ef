import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/spec.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let workspace = '';
let packed: { filename: string; files: Array<{ path: string }> };

describe('the published package', () => {
  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'stability-rest-pack-'));
    await run(npm, ['run', 'build'], { cwd: repoRoot });
    const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', workspace], { cwd: repoRoot });
    [packed] = JSON.parse(stdout);
    const consumer = join(workspace, 'consumer');
    await run('mkdir', ['-p', consumer]);
    await writeFile(join(consumer, 'package.json'), '{"name":"consumer","private":true,"type":"module"}');
    await run(npm, ['install', '--no-audit', '--no-fund', join(workspace, packed.filename)], { cwd: consumer });
  }, 180_000);

  afterAll(async () => {
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('contains the built ESM and declarations, not sources or tests', () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/generated/validators.js',
      ]),
    );
    expect(
      paths.filter((path) => !path.startsWith('dist/') && !/^(package\.json|README\.md|LICENSE)$/.test(path)),
    ).toEqual([]);
  });

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
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: join(workspace, 'consumer'),
    });
    expect(JSON.parse(stdout)).toEqual({
      good: true,
      bad: false,
      errors: ['/text_prompts minItems', '/width minimum', '/width multipleOf'],
      artifact: { image: [1, 2], seed: 7, finishReason: 'SUCCESS' },
      refused: true,
      file: 'package.json',
    });
  });

  it('runs the stability-rest bin with npx: help, a dry run, and --mock refused in one line', async () => {
    const cwd = join(workspace, 'consumer');
    const { STABILITY_API_KEY: _key, STABILITY_BASE_URL: _url, ...env } = process.env;
    const npx = (...args: string[]) =>
      run(npm.replace('npm', 'npx'), ['--no-install', 'stability-rest', ...args], { cwd, env });
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
