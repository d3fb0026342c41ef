/**
 * `runBench`: builds the workspace, starts the server, runs every workload for every contender in rounds
 * (the order rotating so no contender always goes first), then cold start and bundle size, and writes the
 * report. Correctness is checked in every worker before it times anything.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { measureBundles } from './bundle.js';
import type { ColdStartResult, ColdStartTask } from './cold-start.js';
import { type ContenderName, contenderNames } from './contenders/index.js';
import { type BenchServer, canPin, type Pin, runJsonChild, startServer } from './processes.js';
import { type BenchReport, failuresOf, machineInfo, targetsOf, writeReport } from './report.js';
import { type ColdStartRound, summarizeColdStart, summarizeWorkloads } from './summary.js';
import type { WorkerResult, WorkerTask } from './worker.js';
import { type Workload, workloads } from './workloads.js';
import { prepareWorkspace, type Workspace } from './workspace.js';

/** How to run. */
export interface BenchOptions {
  /** Tiny iterations and one round: checks that everything runs and is correct; its times mean nothing. */
  smoke: boolean;
  rounds: number;
  /** Cold-start processes per contender and round. */
  coldSamples: number;
  /** Pin the server to CPU 0 and the workers to CPU 1 (when there are two CPUs and taskset). */
  pin: boolean;
  /** Only these workload ids (all when empty). */
  only: string[];
  /** Where `latest.json` and `latest.md` go. */
  outDir: string;
  /** Progress lines. */
  log: (line: string) => void;
}

/** The defaults of `npm run bench`, and of `--smoke`. */
export function defaultOptions(smoke: boolean): Omit<BenchOptions, 'log'> {
  return {
    smoke,
    rounds: smoke ? 1 : 5,
    coldSamples: smoke ? 1 : 3,
    pin: true,
    only: [],
    outDir: 'bench/results',
  };
}

/** The contenders in the order of one slot: rotated by `shift`. */
function rotated(shift: number): ContenderName[] {
  const offset = shift % contenderNames.length;
  return [...contenderNames.slice(offset), ...contenderNames.slice(0, offset)];
}

interface Run {
  workspace: Workspace;
  server: BenchServer;
  options: BenchOptions;
  cpu: Pin;
}

async function runWorkload(run: Run, workload: Workload, round: number, slot: number): Promise<WorkerResult[]> {
  const runOne = async (contender: ContenderName) => {
    const task: WorkerTask = {
      contender,
      workload: workload.id,
      iterations: run.options.smoke ? workload.iterations.smoke : workload.iterations.full,
      baseUrl: run.server.url,
      manifest: run.server.manifest,
      uploadPath: run.workspace.uploadPath,
      uploadSha256: run.workspace.uploadSha256,
    };
    const result = await runJsonChild<WorkerResult>(join(run.workspace.scripts, 'worker.js'), task, run.cpu);
    run.options.log(
      `  ${workload.id} ${contender}: ${result.verified ? `${result.batchMsPerOp.map((ms) => ms.toFixed(3)).join(' ')} ms/op` : `FAILED ${result.error}`}`,
    );
    return result;
  };
  const order = rotated(round + slot);
  // A smoke run times nothing that matters: its contenders run side by side to keep CI short.
  if (run.options.smoke) return Promise.all(order.map(runOne));
  const results: WorkerResult[] = [];
  for (const contender of order) results.push(await runOne(contender));
  return results;
}

async function runColdStart(run: Run, round: number): Promise<ColdStartRound> {
  const samples: ColdStartRound = {};
  for (let sample = 0; sample < run.options.coldSamples; sample++) {
    for (const contender of rotated(round + sample)) {
      const task: ColdStartTask = { contender, baseUrl: run.server.url, engineIds: run.server.manifest.engineIds };
      const result = await runJsonChild<ColdStartResult>(join(run.workspace.scripts, 'cold-start.js'), task, run.cpu);
      samples[contender] = [...(samples[contender] ?? []), result];
    }
  }
  return samples;
}

async function runRounds(run: Run, selected: readonly Workload[]) {
  const results: WorkerResult[] = [];
  const cold: ColdStartRound[] = [];
  for (let round = 0; round < run.options.rounds; round++) {
    run.options.log(`round ${round + 1} of ${run.options.rounds}`);
    for (const [slot, workload] of selected.entries()) results.push(...(await runWorkload(run, workload, round, slot)));
    cold.push(await runColdStart(run, round));
  }
  return { results, cold };
}

/** Runs the benchmark and writes its report; resolves with the report (check `ok` for correctness). */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const loadBefore = loadavg();
  const selected = options.only.length > 0 ? workloads.filter((w) => options.only.includes(w.id)) : workloads;
  const pinned = options.pin && !options.smoke && canPin() && (await import('node:os')).cpus().length >= 2;
  options.log('building the package and the bench scripts into a temporary workspace');
  const workspace = await prepareWorkspace();
  try {
    const server = await startServer(join(workspace.scripts, 'server.js'), pinned ? 0 : undefined);
    try {
      const run: Run = { workspace, server, options, cpu: pinned ? 1 : undefined };
      const { results, cold } = await runRounds(run, selected);
      const figures = summarizeWorkloads(results);
      const coldStart = summarizeColdStart(cold);
      const bundle = await measureBundles(workspace.dir);
      const failures = failuresOf(figures, coldStart);
      const report: BenchReport = {
        date: new Date().toISOString(),
        mode: options.smoke ? 'smoke' : 'full',
        rounds: options.rounds,
        pinned,
        machine: machineInfo(loadBefore),
        ok: failures.length === 0,
        failures,
        workloads: figures,
        coldStart,
        bundle,
        targets: targetsOf(figures, { coldStart, bundle }),
        durationSeconds: (performance.now() - started) / 1000,
      };
      writeReport(report, options.outDir);
      return report;
    } finally {
      await server.stop();
    }
  } finally {
    workspace.remove();
  }
}
