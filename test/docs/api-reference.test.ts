import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/spec.js';

const run = promisify(execFile);
let out = '';

describe('npm run docs (TypeDoc)', () => {
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('builds the API reference with no warning: every export documented, every link resolved', async () => {
    out = await mkdtemp(join(tmpdir(), 'stability-rest-docs-'));
    // typedoc.json treats warnings as errors, so a new undocumented export fails here.
    const { stdout, stderr } = await run(join(repoRoot, 'node_modules', '.bin', 'typedoc'), ['--out', out], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(`${stdout}${stderr}`).not.toMatch(/\[warning\]|\[error\]/);
    const page = await readFile(join(out, 'functions', 'index.createStabilityClient.html'), 'utf8');
    expect(page).toContain('createStabilityClient');
    const fileFromPath = await readFile(join(out, 'functions', 'node.fileFromPath.html'), 'utf8');
    expect(fileFromPath).toContain('openAsBlob');
  }, 120_000);
});
