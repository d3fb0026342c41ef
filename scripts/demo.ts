/**
 * `npm run demo`: calls every operation of the spec through the public API, as the operation table lists
 * them, and writes the images to ./out/. The calls are made from the spec (scripts/samples.ts): engine ids
 * from its examples, bodies with what each variant requires, a prompt where the body takes `text_prompts`.
 *
 * - By default it starts Prism (a mock server) on the bundled spec: free, no key needed.
 * - `npm run demo -- --real` calls the real API with STABILITY_API_KEY (this costs credits).
 * - With STABILITY_BASE_URL set (and no --real), it calls that server instead of starting Prism.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createStabilityClient, type GenerationResult, type StabilityClient } from '../src/index.js';
import { generate, readNamingText, specPath } from './generate/index.js';
import type { OperationModel } from './generate/model.js';
import { loadSpec, type OpenApiDocument } from './generate/spec.js';
import { startPrism } from './prism/server.js';
import { samplePng } from './sample-image.js';
import { imageAccepts, type SampleCall, sampleCalls } from './samples.js';

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
/** What the demo asks for in a body that takes `text_prompts`. */
const prompt = [{ text: 'A lighthouse on a cliff at dawn, oil painting', weight: 1 }];

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
    const repoRoot = new URL('..', import.meta.url).pathname;
    const specText = await readFile(join(repoRoot, specPath), 'utf8');
    const { model } = await generate(specText, readNamingText(repoRoot));
    const rows = await runAll(stability, loadSpec(specText).document, model.operations);
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

/** The demo's calls of an operation: the spec's samples, with 512x512 images and a real prompt, without repeats. */
function demoCalls(document: OpenApiDocument, operation: OperationModel): SampleCall[] {
  const image = samplePng(512, 512, { alphaHole: true });
  const seen = new Set<string>();
  return sampleCalls(document, operation)
    .map((call) => ({
      ...call,
      args: call.args.map((arg) =>
        arg && typeof arg === 'object' && !ArrayBuffer.isView(arg)
          ? Object.fromEntries(
              Object.entries(arg).map(([key, value]) => [
                key,
                key === 'text_prompts' ? prompt : ArrayBuffer.isView(value) ? image : value,
              ]),
            )
          : arg,
      ),
    }))
    .filter((call) => {
      const key = JSON.stringify(call.args, (_key, value) => (ArrayBuffer.isView(value) ? '<image>' : value));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

async function runAll(
  stability: StabilityClient,
  document: OpenApiDocument,
  operations: OperationModel[],
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const operation of operations) {
    const label = `${operation.group}.${operation.name}`;
    const method = (stability as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>)[
      operation.group
    ]?.[operation.name];
    const calls = demoCalls(document, operation);
    for (const [index, call] of calls.entries()) {
      for (const accept of real ? [undefined] : (imageAccepts(operation) ?? [undefined])) {
        const blank: Row = {
          operation: label,
          accept: accept ?? '',
          status: 'ok',
          seed: '',
          finishReason: '',
          bytes: '',
          file: '',
        };
        try {
          if (!method) throw new Error(`no method ${label}`);
          const result = await method(...call.args, accept ? { accept } : {});
          const name = `${operation.name}${calls.length > 1 ? `-${index + 1}` : ''}-${accept?.startsWith('image/') ? 'png' : 'json'}`;
          rows.push({ ...blank, ...(await describeResult(result, name)) });
        } catch (error) {
          rows.push({ ...blank, status: `${(error as Error).name}: ${(error as Error).message}`.slice(0, 100) });
        }
      }
    }
  }
  return rows;
}

/** A row's cells for a result: the images written to ./out, or what the data holds. */
async function describeResult(result: unknown, name: string): Promise<Partial<Row>> {
  const { artifacts, response } = result as Partial<GenerationResult> & { response: Response };
  if (!artifacts) {
    const data = result as Record<string, unknown>;
    const summary = Array.isArray(data)
      ? `${data.length} items`
      : Object.entries(data)
          .map(([key, value]) => `${key} ${typeof value === 'object' ? '...' : String(value)}`)
          .join(', ')
          .slice(0, 60);
    return { bytes: summary };
  }
  const files = await Promise.all(
    artifacts.map(async (artifact, index) => {
      const file = join(outDir, `${name}-${index}.png`);
      await writeFile(file, artifact.image);
      return file;
    }),
  );
  return {
    status: `ok ${response.status}`.replace('ok 200', 'ok'),
    seed: artifacts.map((artifact) => artifact.seed).join(', '),
    finishReason: artifacts.map((artifact) => artifact.finishReason).join(', '),
    bytes: artifacts.map((artifact) => artifact.image.length).join(', '),
    file: files.join(', '),
  };
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
