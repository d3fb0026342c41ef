import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/spec.js';
import { tableEntries } from './helpers/table.js';

const run = promisify(execFile);
let folder = '';

describe('npm run demo', () => {
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('runs every operation of the spec on Prism with no key, writes the images, prints the table and stops Prism', async () => {
    folder = await mkdtemp(join(tmpdir(), 'stability-rest-demo-'));
    const { STABILITY_API_KEY: _key, STABILITY_BASE_URL: _url, ...env } = process.env;
    const { stdout } = await run(
      join(repoRoot, 'node_modules', '.bin', 'tsx'),
      [join(repoRoot, 'scripts', 'demo.ts')],
      {
        cwd: folder,
        env,
      },
    );
    const rows = stdout.split('\n').filter((line) => /^(engines|user|generation)\./.test(line));
    const methods = new Set(rows.map((row) => row.split(/\s+/)[0]));
    expect([...methods].sort()).toEqual(tableEntries.map((entry) => `${entry.group}.${entry.name}`).sort());
    // Every generation in both formats; image-to-image and masking once per body variant.
    expect(rows.filter((row) => row.startsWith('generation.masking'))).toHaveLength(4);
    expect(rows.filter((row) => row.startsWith('generation.upscale'))).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/\sok\s/);
    expect(stdout).toContain('sample gradient PNG');
    const files = await readdir(join(folder, 'out'));
    expect(files).toContain('textToImage-png-0.png');
    expect(files).toContain('upscale-json-0.png');
    expect(files).toContain('masking-2-png-0.png');
    const prismUrl = /Prism mock server at (\S+)/.exec(stdout)?.[1];
    expect(prismUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(fetch(`${prismUrl}/v1/engines/list`)).rejects.toThrow();
  }, 60_000);
});
