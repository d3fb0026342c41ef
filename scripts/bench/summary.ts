/** Turns raw worker results into the report's figures: per workload and contender, ratios to raw fetch. */
import type { ColdStartResult } from './cold-start.js';
import { baseline, type ContenderName, contenderNames } from './contenders/index.js';
import { median, pairedRatios, type Spread, spread } from './stats.js';
import type { WorkerResult } from './worker.js';
import { workloads } from './workloads.js';

/** One contender on one workload, over all rounds. */
export interface ContenderFigures {
  verified: boolean;
  errors: string[];
  rounds: number;
  msPerOp: Spread;
  /** Time per operation over raw fetch's in the same round. */
  ratio: Spread;
  cpuMsPerOp: Spread;
  cpuRatio: Spread;
  peakRssMB: Spread;
  rssRatio: Spread;
  /** Peak RSS minus the RSS before the workload began. */
  rssGrowthMB: Spread;
  rssGrowthRatio: Spread;
  gcPerOp: { minor: number; major: number };
}

/** One workload's figures. */
export interface WorkloadFigures {
  id: string;
  title: string;
  contenders: Partial<Record<ContenderName, ContenderFigures>>;
}

/** One contender's cold start. */
export interface ColdStartFigures {
  verified: boolean;
  samples: number;
  /** Node's own start-up, until the bench script ran. */
  nodeStartMs: Spread;
  /** Importing the contender's module (the library). */
  importMs: Spread;
  /** Process start to client ready. */
  readyMs: Spread;
  /** Process start to the first call answered. */
  firstCallMs: Spread;
  readyRatio: Spread;
  firstCallRatio: Spread;
  /** Process start to client ready over plain openapi-fetch's. */
  readyVsOpenapiFetch: Spread;
}

const megabyte = 1024 * 1024;

/** Per-round values of one metric, in round order. */
function perRound(results: readonly WorkerResult[], metric: (result: WorkerResult) => number): number[] {
  return results.map((result) => (result.verified ? metric(result) : Number.NaN));
}

const metrics = {
  time: (result: WorkerResult) => median(result.batchMsPerOp),
  cpu: (result: WorkerResult) => result.cpuMsPerOp,
  rss: (result: WorkerResult) => result.peakRssBytes / megabyte,
  growth: (result: WorkerResult) => (result.peakRssBytes - result.baselineRssBytes) / megabyte,
};

function contenderFigures(mine: WorkerResult[], base: WorkerResult[]): ContenderFigures {
  const values = (metric: (result: WorkerResult) => number) => perRound(mine, metric);
  const ratios = (metric: (result: WorkerResult) => number) =>
    spread(pairedRatios(perRound(mine, metric), perRound(base, metric)));
  const verifiedRuns = mine.filter((result) => result.verified);
  return {
    verified: mine.length > 0 && verifiedRuns.length === mine.length,
    errors: mine.flatMap((result) => (result.error ? [result.error] : [])),
    rounds: mine.length,
    msPerOp: spread(values(metrics.time)),
    ratio: ratios(metrics.time),
    cpuMsPerOp: spread(values(metrics.cpu)),
    cpuRatio: ratios(metrics.cpu),
    peakRssMB: spread(values(metrics.rss)),
    rssRatio: ratios(metrics.rss),
    rssGrowthMB: spread(values(metrics.growth)),
    rssGrowthRatio: ratios(metrics.growth),
    gcPerOp: {
      minor: median(verifiedRuns.map((result) => result.gcPerOp.minor)),
      major: median(verifiedRuns.map((result) => result.gcPerOp.major)),
    },
  };
}

/** Figures of every workload run, each contender against raw fetch of the same round. */
export function summarizeWorkloads(results: readonly WorkerResult[]): WorkloadFigures[] {
  const ran = workloads.filter((workload) => results.some((result) => result.workload === workload.id));
  return ran.map((workload) => {
    const of = (name: ContenderName) =>
      results.filter((result) => result.workload === workload.id && result.contender === name);
    const base = of(baseline);
    const figures = Object.fromEntries(contenderNames.map((name) => [name, contenderFigures(of(name), base)]));
    return { id: workload.id, title: workload.title, contenders: figures };
  });
}

/** A cold-start sample set for one round: the median of its samples per contender. */
export type ColdStartRound = Partial<Record<ContenderName, ColdStartResult[]>>;

/** Cold-start figures: each round's median sample, then ratios paired by round. */
export function summarizeColdStart(
  rounds: readonly ColdStartRound[],
): Partial<Record<ContenderName, ColdStartFigures>> {
  const roundMedian = (name: ContenderName, metric: (sample: ColdStartResult) => number) =>
    rounds.map((round) => median((round[name] ?? []).filter((sample) => sample.verified).map(metric)));
  const ready = (sample: ColdStartResult) => sample.readyMs;
  const firstCall = (sample: ColdStartResult) => sample.firstCallMs;
  return Object.fromEntries(
    contenderNames.map((name) => {
      const samples = rounds.flatMap((round) => round[name] ?? []);
      const figures: ColdStartFigures = {
        verified: samples.length > 0 && samples.every((sample) => sample.verified),
        samples: samples.length,
        nodeStartMs: spread(roundMedian(name, (sample) => sample.scriptStartMs)),
        importMs: spread(roundMedian(name, (sample) => sample.importedMs - sample.scriptStartMs)),
        readyMs: spread(roundMedian(name, ready)),
        firstCallMs: spread(roundMedian(name, firstCall)),
        readyRatio: spread(pairedRatios(roundMedian(name, ready), roundMedian(baseline, ready))),
        firstCallRatio: spread(pairedRatios(roundMedian(name, firstCall), roundMedian(baseline, firstCall))),
        readyVsOpenapiFetch: spread(pairedRatios(roundMedian(name, ready), roundMedian('openapi-fetch', ready))),
      };
      return [name, figures];
    }),
  );
}
