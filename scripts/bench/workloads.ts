/**
 * The timed workloads: what one operation is, how many run, and how a contender's result is checked
 * against the server's manifest before any timing. Cold start is measured apart (cold-start.ts).
 */
import { createHash } from 'node:crypto';
import type { BenchClient, Generated, Uploaded } from './contenders/types.js';
import { benchPrompt, type ExpectedArtifact, jsonEngines, type Manifest, pngEngines } from './fixtures.js';

/** How many operations a worker runs: untimed warm-up, then timed batches. */
export interface Iterations {
  warmup: number;
  batches: number;
  opsPerBatch: number;
}

/** What a workload's operation and check get. */
export interface WorkloadContext {
  client: BenchClient;
  manifest: Manifest;
  /** The upload image on disk, and the same bytes in memory. */
  uploadPath: string;
  uploadImage: Uint8Array;
  uploadSha256: string;
}

/** One workload. */
export interface Workload {
  id: string;
  title: string;
  /** Operations in flight at once (1: sequential). */
  concurrency: number;
  iterations: { full: Iterations; smoke: Iterations };
  /** One operation. */
  run(context: WorkloadContext): Promise<unknown>;
  /** One operation whose result is checked; throws, saying what differs, when it is wrong. */
  verify(context: WorkloadContext): Promise<void>;
}

const smoke: Iterations = { warmup: 0, batches: 1, opsPerBatch: 1 };

/** sha256 of bytes, hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Throws unless `result` holds exactly the expected artifacts, in order. */
export function checkGenerated(result: Generated, expected: readonly ExpectedArtifact[]): void {
  if (result.images.length !== expected.length) {
    throw new Error(`expected ${expected.length} images, got ${result.images.length}`);
  }
  expected.forEach((want, index) => {
    const image = result.images[index] as Uint8Array;
    const got = {
      sha256: sha256(image),
      bytes: image.length,
      seed: result.seeds[index],
      finishReason: result.finishReasons[index],
    };
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      throw new Error(`artifact ${index}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
  });
}

function checkUpload(result: Uploaded, context: WorkloadContext): void {
  const echo = {
    sha256: result.headers.get('X-Upload-Sha256'),
    type: result.headers.get('X-Upload-Type'),
    prompt: decodeURIComponent(result.headers.get('X-Upload-Prompt') ?? ''),
  };
  const want = { sha256: context.uploadSha256, type: 'image/png', prompt: benchPrompt };
  if (JSON.stringify(echo) !== JSON.stringify(want)) {
    throw new Error(`the server received ${JSON.stringify(echo)}, expected ${JSON.stringify(want)}`);
  }
  checkGenerated(result, [context.manifest.upload]);
}

function jsonWorkload(id: string, title: string, engineId: string, full: Iterations): Workload {
  const samples = engineId === jsonEngines.ten ? 10 : 1;
  return {
    id,
    title,
    concurrency: 1,
    iterations: { full, smoke },
    run: ({ client }) => client.generateJson(engineId, samples),
    verify: async ({ client, manifest }) =>
      checkGenerated(await client.generateJson(engineId, samples), manifest.json[engineId] ?? []),
  };
}

function pngWorkload(id: string, title: string, engineId: string, full: Iterations): Workload {
  return {
    id,
    title,
    concurrency: 1,
    iterations: { full, smoke },
    run: ({ client }) => client.generatePng(engineId),
    verify: async ({ client, manifest }) => {
      const expected = manifest.png[engineId];
      checkGenerated(await client.generatePng(engineId), expected ? [expected] : []);
    },
  };
}

async function verifyEngines({ client, manifest }: WorkloadContext): Promise<void> {
  const ids = (await client.listEngines()).map((engine) => engine.id);
  if (JSON.stringify(ids) !== JSON.stringify(manifest.engineIds)) throw new Error(`engines ${ids.join(', ')}`);
}

/** Every timed workload, in report order. */
export const workloads: readonly Workload[] = [
  {
    id: 'get-sequential',
    title: 'Small GET (engines list), sequential',
    concurrency: 1,
    iterations: { full: { warmup: 100, batches: 7, opsPerBatch: 150 }, smoke },
    run: ({ client }) => client.listEngines(),
    verify: verifyEngines,
  },
  {
    id: 'get-32-in-flight',
    title: 'Small GET, 32 in flight (throughput)',
    concurrency: 32,
    iterations: { full: { warmup: 320, batches: 7, opsPerBatch: 640 }, smoke: { ...smoke, opsPerBatch: 32 } },
    run: ({ client }) => client.listEngines(),
    verify: verifyEngines,
  },
  jsonWorkload('json-1x1.5mb', 'JSON generation, 1 artifact of 1.5 MB base64', jsonEngines.one, {
    warmup: 4,
    batches: 7,
    opsPerBatch: 10,
  }),
  jsonWorkload('json-10x1.5mb', 'JSON generation, 10 artifacts of 1.5 MB base64', jsonEngines.ten, {
    warmup: 2,
    batches: 7,
    opsPerBatch: 2,
  }),
  pngWorkload('png-1.5mb', 'PNG generation, 1.5 MB', pngEngines.small, { warmup: 4, batches: 7, opsPerBatch: 10 }),
  pngWorkload('png-30mb', 'PNG generation, 30 MB', pngEngines.large, { warmup: 1, batches: 7, opsPerBatch: 1 }),
  {
    id: 'upload-4mb-bytes',
    title: 'Multipart upload (image-to-image), 4 MB from bytes',
    concurrency: 1,
    iterations: { full: { warmup: 4, batches: 7, opsPerBatch: 8 }, smoke },
    run: ({ client, uploadImage }) => client.uploadBytes(uploadImage, false),
    verify: async (context) => checkUpload(await context.client.uploadBytes(context.uploadImage, true), context),
  },
  {
    id: 'upload-4mb-file',
    title: 'Multipart upload, 4 MB from a file (fileFromPath; the raw samples read it whole)',
    concurrency: 1,
    iterations: { full: { warmup: 4, batches: 7, opsPerBatch: 8 }, smoke },
    run: ({ client, uploadPath }) => client.uploadFile(uploadPath, false),
    verify: async (context) => checkUpload(await context.client.uploadFile(context.uploadPath, true), context),
  },
];

/** The workload of an id, or an error naming the known ones. */
export function workloadById(id: string): Workload {
  const workload = workloads.find((candidate) => candidate.id === id);
  if (!workload) throw new Error(`unknown workload ${id} (known: ${workloads.map((w) => w.id).join(', ')})`);
  return workload;
}
