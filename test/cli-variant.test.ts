import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePng } from '../scripts/sample-image.js';
import { runCli } from './helpers/cli.js';
import { specDocument } from './helpers/spec.js';
import { specVariants } from './helpers/spec-variants.js';
import { buildVariantProject, type VariantProject } from './helpers/variant-project.js';

let project: VariantProject;
let workspace = '';
const bin = () => join(project.folder, 'dist', 'cli', 'bin.js');

/** Today's spec with the `operations-added` revision's two operations, and a field added to text-to-image. */
function revision() {
  const document = specDocument();
  specVariants.find((variant) => variant.name === 'operations-added')?.edit(document);
  const schemas = document.components?.schemas as Record<string, { properties?: Record<string, unknown> }>;
  const body = schemas.TextToImageRequestBody as { allOf?: Array<{ properties?: Record<string, unknown> }> };
  const target = body.allOf?.find((branch) => branch.properties) ?? (body as { properties?: Record<string, unknown> });
  target.properties = {
    ...target.properties,
    tiling: { type: 'boolean', default: false, description: 'Make the image tile seamlessly. Costs nothing extra.' },
  };
  return document;
}

describe('stability-rest built from a revision of the spec', () => {
  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'stability-rest-cli-variant-'));
    project = await buildVariantProject(revision());
  }, 120_000);
  afterAll(async () => {
    await project?.remove();
    await rm(workspace, { recursive: true, force: true });
  });

  it('lists the added operations as subcommands, with the descriptions the revision gives them', async () => {
    const run = await runCli(['--help'], { bin: bin() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}generation outpaint \(outpaint\)\s+Extend an image beyond its borders$/m);
    expect(run.stdout).toMatch(/^ {2}user usage \(usage\)\s+Credits used per day$/m);
  });

  it("an added operation's --help shows its fields with type, enum, default and range, and the prompt flags", async () => {
    const run = await runCli(['generation', 'outpaint', '--help'], { bin: bin() });
    expect(run.code).toBe(0);
    const flags = run.stdout.split('\n').map((line) => line.trim().replace(/\s+/g, ' '));
    expect(flags).toContain('--direction STRING [required; one of: left, right, up, down]');
    expect(flags).toContain('--pixels INTEGER [range: 64..1024; default: 256]');
    expect(flags).toContain('--image FILE [required; a file path, streamed]');
    expect(run.stdout).toContain('--prompt TEXT');
    const usage = await runCli(['user', 'usage', '--help'], { bin: bin() });
    expect(usage.stdout).toContain('--limit INTEGER');
  });

  it('an added body field becomes a flag of the existing subcommand, and goes into the request', async () => {
    const help = await runCli(['text-to-image', '--help'], { bin: bin() });
    expect(help.stdout).toMatch(/--tiling\s+Make the image tile seamlessly\. \[default: false\]/);
    const dry = await runCli(['text-to-image', 'tiles', '--tiling', '--dry-run', '--json'], { bin: bin() });
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).request.body).toEqual({ text_prompts: [{ text: 'tiles' }], tiling: true });
  });

  it('the added multipart operation is called with its file and fields (dry run)', async () => {
    const image = join(workspace, 'in.png');
    await writeFile(image, samplePng(8, 8));
    const run = await runCli(['outpaint', 'sea', '--image', image, '--direction', 'left', '--dry-run', '--json'], {
      bin: bin(),
    });
    expect(run.code).toBe(0);
    const { request } = JSON.parse(run.stdout);
    expect(request.url).toMatch(/\/v1\/generation\/stable-diffusion-v1-6\/image-to-image\/outpaint$/);
    expect(request.parts).toEqual([
      { name: 'direction', value: 'left' },
      { name: 'image', file: 'in.png', type: 'image/png', bytes: samplePng(8, 8).length },
      { name: 'text_prompts[0][text]', value: 'sea' },
    ]);
    const refused = await runCli(['outpaint', 'sea', '--image', image, '--direction', 'diagonal'], { bin: bin() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--direction (/direction): must be one of left, right, up, down');
  });
});
