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

  it('imports in plain node from an installed tarball and validates a body', async () => {
    const script = [
      "import { requestBodies } from 'stability-rest';",
      'const { validate } = requestBodies.textToImage.variants.TextToImageRequestBody;',
      "const good = validate({ text_prompts: [{ text: 'a lighthouse' }] });",
      'const bad = validate({ text_prompts: [], width: 100 });',
      'console.log(JSON.stringify({ good, bad, errors: validate.errors.map((e) => e.instancePath + " " + e.keyword) }));',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: join(workspace, 'consumer'),
    });
    expect(JSON.parse(stdout)).toEqual({
      good: true,
      bad: false,
      errors: ['/text_prompts minItems', '/width minimum', '/width multipleOf'],
    });
  });
});
