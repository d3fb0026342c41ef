import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from './helpers/spec.js';
import { tableEntries } from './helpers/table.js';

const run = promisify(execFile);
const examplesDir = join(repoRoot, 'examples');
let folder = '';

/** The examples there are, by name (their file names without `.ts`). */
async function exampleNames(): Promise<string[]> {
  return (await readdir(examplesDir))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

/** Whether an operation answers images (then its example writes PNG files). */
const answersImages = (operationId: string) =>
  tableEntries
    .find((entry) => entry.operationId === operationId)
    ?.responses.some((response) => response.media.some((media) => media.kind === 'image'));

describe('examples/', () => {
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'stability-rest-examples-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('has one example per operation of the table, named by its operationId', async () => {
    expect(await exampleNames()).toEqual(tableEntries.map((entry) => entry.operationId).sort());
  });

  it.each(tableEntries.map((entry) => entry.operationId))(
    'npm run example -- %s runs against Prism',
    async (name) => {
      const cwd = join(folder, name);
      await run('mkdir', ['-p', cwd]);
      const { STABILITY_API_KEY: _key, ...env } = process.env;
      const { stdout } = await run(
        join(repoRoot, 'node_modules', '.bin', 'tsx'),
        ['--tsconfig', join(repoRoot, 'tsconfig.json'), join(repoRoot, 'scripts', 'example.ts'), name],
        { cwd, env: { ...env, STABILITY_BASE_URL: inject('prismUrl'), STABILITY_API_KEY: 'sk-examples' } },
      );
      const lines = stdout.trim().split('\n');
      expect(lines.length).toBeGreaterThan(0);
      expect(stdout).not.toMatch(/Error/);
      if (!answersImages(name)) return;
      const images = await readdir(join(cwd, 'out'));
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) {
        expect(stdout).toContain(`out/${image}`);
        const bytes = await readFile(join(cwd, 'out', image));
        expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      }
    },
    60_000,
  );
});
