/**
 * A benchmark worker (plain node, compiled into the bench workspace): one contender, one workload, in a fresh
 * process. It checks a result first, then times warm-up and batches, and prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type ContenderName, contenders } from './contenders/index.js';
import type { ContenderModule } from './contenders/types.js';
import { benchApiKey, type Manifest } from './fixtures.js';
import { countGcs, type GcCounts, peakRss, resetPeakRss } from './measure.js';
import { type Iterations, type WorkloadContext, workloadById } from './workloads.js';

/** What the orchestrator asks a worker to do (argv[2], JSON). */
export interface WorkerTask {
  contender: ContenderName;
  workload: string;
  iterations: Iterations;
  baseUrl: string;
  manifest: Manifest;
  uploadPath: string;
  uploadSha256: string;
}

/** What a worker reports. */
export interface WorkerResult {
  contender: ContenderName;
  workload: string;
  verified: boolean;
  error?: string;
  /** Milliseconds per operation of each timed batch. */
  batchMsPerOp: number[];
  /** CPU time (user + system) of this process per operation, over the timed batches. */
  cpuMsPerOp: number;
  /** Peak RSS over warm-up and batches, and the RSS when they began. */
  peakRssBytes: number;
  baselineRssBytes: number;
  peakRssReset: boolean;
  /** Garbage collections per operation over the timed batches. */
  gcPerOp: GcCounts;
}

/** Runs `count` operations with at most `concurrency` in flight. */
async function runOps(count: number, concurrency: number, op: () => Promise<unknown>): Promise<void> {
  let started = 0;
  const lane = async () => {
    while (started < count) {
      started++;
      await op();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

function perOp(counts: GcCounts, ops: number): GcCounts {
  return {
    minor: counts.minor / ops,
    major: counts.major / ops,
    other: counts.other / ops,
    pauseMs: counts.pauseMs / ops,
  };
}

async function main(task: WorkerTask): Promise<WorkerResult> {
  const workload = workloadById(task.workload);
  const { module } = contenders[task.contender];
  const contender = (await import(`./contenders/${module}.js`)) as ContenderModule;
  const uploadImage = readFileSync(task.uploadPath);
  const context: WorkloadContext = {
    client: contender.create({ baseUrl: task.baseUrl, apiKey: benchApiKey }),
    manifest: task.manifest,
    uploadPath: task.uploadPath,
    uploadImage,
    uploadSha256: task.uploadSha256,
  };
  const empty = { batchMsPerOp: [], cpuMsPerOp: 0, peakRssBytes: 0, baselineRssBytes: 0, peakRssReset: false };
  const base = { contender: task.contender, workload: task.workload };
  try {
    await workload.verify(context);
  } catch (error) {
    return {
      ...base,
      ...empty,
      verified: false,
      error: String(error),
      gcPerOp: perOp({ minor: 0, major: 0, other: 0, pauseMs: 0 }, 1),
    };
  }
  const { warmup, batches, opsPerBatch } = task.iterations;
  const op = () => workload.run(context);
  const peakRssReset = resetPeakRss();
  const baselineRssBytes = process.memoryUsage.rss();
  await runOps(warmup, workload.concurrency, op);
  const gcs = countGcs();
  const cpuBefore = process.cpuUsage();
  const batchMsPerOp: number[] = [];
  for (let batch = 0; batch < batches; batch++) {
    const start = performance.now();
    await runOps(opsPerBatch, workload.concurrency, op);
    batchMsPerOp.push((performance.now() - start) / opsPerBatch);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const peakRssBytes = peakRss();
  const ops = batches * opsPerBatch;
  return {
    ...base,
    verified: true,
    batchMsPerOp,
    cpuMsPerOp: (cpu.user + cpu.system) / 1000 / ops,
    peakRssBytes,
    baselineRssBytes,
    peakRssReset,
    gcPerOp: perOp(await gcs.stop(), ops),
  };
}

const result = await main(JSON.parse(process.argv[2] ?? '{}') as WorkerTask);
process.stdout.write(`${JSON.stringify(result)}\n`);
// Keep-alive sockets would hold the process open for a while: the result is out, so leave now.
process.exit(0);
