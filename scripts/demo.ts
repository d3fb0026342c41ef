/**
 * `npm run demo`: runs all seven operations through the public API and writes the images to ./out/.
 *
 * - By default it starts Prism (a mock server) on the bundled spec: free, no key needed.
 * - `npm run demo -- --real` calls the real API with STABILITY_API_KEY (this costs credits).
 * - With STABILITY_BASE_URL set (and no --real), it calls that server instead of starting Prism.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Accept, createStabilityClient, type GenerationResult, type StabilityClient } from '../src/index.js';
import { startPrism } from './prism/server.js';
import { samplePng } from './sample-image.js';

interface Row {
  operation: string;
  accept: string;
  status: string;
  seed: string;
  finishReason: string;
  bytes: string;
  file: string;
}

const outDir = 'out';
const real = process.argv.includes('--real');
const apiKey = process.env.STABILITY_API_KEY;
const customBaseUrl = process.env.STABILITY_BASE_URL;

async function main(): Promise<number> {
  if (real && !apiKey) {
    console.error('--real needs STABILITY_API_KEY: the real API cannot be called without a key.');
    return 2;
  }
  if (!real && apiKey) console.log('STABILITY_API_KEY is set, but the demo only spends credits with --real.');
  const prism = real || customBaseUrl ? undefined : await startPrism();
  const baseUrl = prism?.url ?? customBaseUrl;
  console.log(`Target: ${real ? 'the real Stability API' : prism ? `Prism mock server at ${prism.url}` : baseUrl}\n`);
  try {
    const stability = createStabilityClient({
      apiKey: real ? apiKey : (apiKey ?? 'sk-demo-placeholder'),
      ...(real && !customBaseUrl ? {} : { baseUrl }),
      clientId: 'stability-rest-demo',
    });
    await mkdir(outDir, { recursive: true });
    const rows = await runAll(stability, real ? ['application/json'] : ['application/json', 'image/png']);
    printTable(rows);
    if (!real) {
      console.log(
        "\nThis ran against a mock server: its JSON-mode images are one sample gradient PNG (put into the mock's " +
          "copy of the spec in place of a placeholder), its image/png bodies are the spec's text example, not PNGs. " +
          'Run `npm run demo -- --real` with STABILITY_API_KEY for real images (costs credits).',
      );
    }
    return rows.some((row) => row.status !== 'ok') ? 1 : 0;
  } finally {
    await prism?.stop();
  }
}

async function runAll(stability: StabilityClient, accepts: Accept[]): Promise<Row[]> {
  const rows: Row[] = [];
  const record = async (operation: string, call: () => Promise<Partial<Row>>) => {
    const blank: Row = { operation, accept: '', status: 'ok', seed: '', finishReason: '', bytes: '', file: '' };
    try {
      rows.push({ ...blank, ...(await call()) });
    } catch (error) {
      rows.push({ ...blank, status: `${(error as Error).name}: ${(error as Error).message}`.slice(0, 100) });
    }
  };
  await record('engines.list', async () => ({ bytes: `${(await stability.engines.list()).length} engines` }));
  await record('user.account', async () => ({ bytes: `id ${(await stability.user.account()).id}` }));
  await record('user.balance', async () => ({ bytes: `${(await stability.user.balance()).credits} credits` }));

  const image = samplePng(512, 512);
  const withHole = samplePng(512, 512, { alphaHole: true });
  const text_prompts = [{ text: 'A lighthouse on a cliff at dawn, oil painting', weight: 1 }];
  const generations: Array<[string, (accept: Accept) => Promise<GenerationResult>]> = [
    [
      'generation.textToImage',
      (accept) =>
        stability.generation.textToImage(
          'stable-diffusion-v1-6',
          { text_prompts, width: 512, height: 512, steps: 30 },
          { accept },
        ),
    ],
    [
      'generation.imageToImage',
      (accept) =>
        stability.generation.imageToImage(
          'stable-diffusion-v1-6',
          { text_prompts, init_image: image, image_strength: 0.35 },
          { accept },
        ),
    ],
    [
      'generation.masking',
      (accept) =>
        stability.generation.masking(
          'stable-diffusion-v1-6',
          { text_prompts, init_image: withHole, mask_source: 'INIT_IMAGE_ALPHA' },
          { accept },
        ),
    ],
    ['generation.upscale', (accept) => stability.generation.upscale('esrgan-v1-x2plus', { image }, { accept })],
  ];
  for (const [operation, generate] of generations) {
    for (const accept of accepts) {
      await record(operation, async () => {
        const { artifacts, response } = await generate(accept);
        const files = await Promise.all(
          artifacts.map(async (artifact, index) => {
            const file = join(
              outDir,
              `${operation.split('.')[1]}-${accept === 'image/png' ? 'png' : 'json'}-${index}.png`,
            );
            await writeFile(file, artifact.image);
            return file;
          }),
        );
        return {
          accept,
          status: `ok ${response.status}`.replace('ok 200', 'ok'),
          seed: artifacts.map((artifact) => artifact.seed).join(', '),
          finishReason: artifacts.map((artifact) => artifact.finishReason).join(', '),
          bytes: artifacts.map((artifact) => artifact.image.length).join(', '),
          file: files.join(', '),
        };
      });
    }
  }
  return rows;
}

function printTable(rows: Row[]): void {
  const columns: Array<[keyof Row, string]> = [
    ['operation', 'operation'],
    ['accept', 'accept'],
    ['status', 'status'],
    ['seed', 'seed'],
    ['finishReason', 'finish reason'],
    ['bytes', 'bytes (or result)'],
    ['file', 'written to'],
  ];
  const widths = columns.map(([key, title]) => Math.max(title.length, ...rows.map((row) => row[key].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(columns.map(([, title]) => title)));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(columns.map(([key]) => row[key])));
}

process.exitCode = await main();
