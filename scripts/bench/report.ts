/** The bench report: its JSON shape, the issue's targets checked against it (never asserted), and markdown. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BundleReport } from './bundle.js';
import { type ContenderName, contenderNames, contenders } from './contenders/index.js';
import type { Spread } from './stats.js';
import type { ColdStartFigures, WorkloadFigures } from './summary.js';

/** The machine and its load, so figures are read with their context. */
export interface MachineInfo {
  cpuModel: string;
  cpuCount: number;
  memoryGB: number;
  os: string;
  node: string;
  /** 1, 5 and 15 minute load averages. */
  loadBefore: number[];
  loadAfter: number[];
}

/** One target of issue 10 and whether this run met it. */
export interface Target {
  name: string;
  value: number;
  limit: number;
  met: boolean;
}

/** Everything a run produced. */
export interface BenchReport {
  date: string;
  mode: 'full' | 'smoke';
  rounds: number;
  pinned: boolean;
  machine: MachineInfo;
  /** Every correctness check passed. */
  ok: boolean;
  failures: string[];
  workloads: WorkloadFigures[];
  coldStart: Partial<Record<ContenderName, ColdStartFigures>>;
  bundle: BundleReport;
  targets: Target[];
  durationSeconds: number;
}

/** The machine as os reports it, with the load average now. */
export function machineInfo(loadBefore: number[]): MachineInfo {
  const [first] = cpus();
  return {
    cpuModel: first?.model ?? 'unknown',
    cpuCount: cpus().length,
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    loadBefore,
    loadAfter: loadavg(),
  };
}

/** Every correctness failure, named by workload and contender. */
export function failuresOf(workloads: readonly WorkloadFigures[], coldStart: BenchReport['coldStart']): string[] {
  const timed = workloads.flatMap((workload) =>
    contenderNames.flatMap((name) => {
      const figures = workload.contenders[name];
      if (figures?.verified) return [];
      return [`${workload.id} / ${name}: ${figures?.errors.join('; ') || 'not run'}`];
    }),
  );
  const cold = contenderNames.filter((name) => !coldStart[name]?.verified).map((name) => `cold-start / ${name}`);
  return [...timed, ...cold];
}

/** The issue's targets, from this run's medians (a report, not an assertion). */
export function targetsOf(
  workloads: readonly WorkloadFigures[],
  report: Pick<BenchReport, 'coldStart' | 'bundle'>,
): Target[] {
  const target = (name: string, value: number | undefined, limit: number): Target => ({
    name,
    value: value ?? Number.NaN,
    limit,
    met: value !== undefined && value <= limit,
  });
  const ours = (id: string) => workloads.find((workload) => workload.id === id)?.contenders['stability-rest'];
  const time = workloads.map((workload) => target(`time ${workload.id}`, ours(workload.id)?.ratio.median, 1.05));
  const rss = workloads
    .filter((workload) => /^(json|png)/.test(workload.id))
    .map((workload) => target(`peak RSS ${workload.id}`, ours(workload.id)?.rssRatio.median, 1.05));
  const rawBytes = workloads.find((workload) => workload.id === 'upload-4mb-bytes')?.contenders['raw-fetch'];
  const fileGrowth = ours('upload-4mb-file')?.rssGrowthMB.median;
  const upload = target(
    'RSS growth of a fileFromPath upload / raw fetch from bytes',
    fileGrowth !== undefined && rawBytes ? fileGrowth / rawBytes.rssGrowthMB.median : undefined,
    0.3,
  );
  const ready = target(
    'import + client ready / openapi-fetch',
    report.coldStart['stability-rest']?.readyVsOpenapiFetch.median,
    1.05,
  );
  const bundle = target('browser app, gzipped kB', report.bundle.stabilityRest.gzipped / 1000, 10);
  return [...time, ...rss, upload, ready, bundle];
}

/** Writes `latest.json` and `latest.md` into `outDir`. */
export function writeReport(report: BenchReport, outDir: string): { json: string; markdown: string } {
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, 'latest.json');
  const markdown = join(outDir, 'latest.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, toMarkdown(report));
  return { json, markdown };
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ranged = (value: Spread, digits = 2) =>
  `${fixed(value.median, digits)} (${fixed(value.min, digits)}–${fixed(value.max, digits)})`;

function workloadRows(workload: WorkloadFigures): string[] {
  return contenderNames.flatMap((name) => {
    const figures = workload.contenders[name];
    if (!figures) return [];
    const cells = [
      workload.id,
      name,
      figures.verified ? 'yes' : 'NO',
      fixed(figures.msPerOp.median, 3),
      ranged(figures.ratio),
      `${fixed(figures.cpuMsPerOp.median, 3)} / ${fixed(figures.cpuRatio.median)}×`,
      `${fixed(figures.peakRssMB.median, 0)} / ${fixed(figures.rssRatio.median)}×`,
      `${fixed(figures.rssGrowthMB.median, 1)}`,
      `${fixed(figures.gcPerOp.minor)} / ${fixed(figures.gcPerOp.major)}`,
    ];
    return [`| ${cells.join(' | ')} |`];
  });
}

function coldStartRows(coldStart: BenchReport['coldStart']): string[] {
  return contenderNames.flatMap((name) => {
    const figures = coldStart[name];
    if (!figures) return [];
    const cells = [
      name,
      figures.verified ? 'yes' : 'NO',
      fixed(figures.nodeStartMs.median, 1),
      fixed(figures.importMs.median, 1),
      `${fixed(figures.readyMs.median, 1)} / ${ranged(figures.readyRatio)}`,
      `${fixed(figures.firstCallMs.median, 1)} / ${ranged(figures.firstCallRatio)}`,
      ranged(figures.readyVsOpenapiFetch),
    ];
    return [`| ${cells.join(' | ')} |`];
  });
}

/** The report as markdown: context, one table of workloads, cold start, bundle, targets. */
export function toMarkdown(report: BenchReport): string {
  const { machine } = report;
  const kB = (bytes: number) => (bytes / 1000).toFixed(1);
  return [
    `# stability-rest benchmark (${report.mode})`,
    '',
    `${report.date}; ${machine.cpuModel}, ${machine.cpuCount} CPUs, ${machine.memoryGB} GB; ${machine.os}; node ${machine.node}.`,
    `Load average before ${machine.loadBefore.map((load) => load.toFixed(2)).join(' ')}, after ${machine.loadAfter.map((load) => load.toFixed(2)).join(' ')}.`,
    `${report.rounds} rounds, contenders interleaved in each, every (workload, contender) in a fresh process${report.pinned ? ' pinned to CPU 1, the server to CPU 0' : ''}. ${report.durationSeconds.toFixed(0)} s.`,
    `Correctness: ${report.ok ? 'every result checked and right' : `FAILED: ${report.failures.join('; ')}`}.`,
    '',
    `Contenders: ${contenderNames.map((name) => `\`${name}\` ${contenders[name].label}`).join('; ')}.`,
    'Ratios are to `raw-fetch` in the same round: median (min–max) over rounds; `raw-fetch-b` shows the noise floor.',
    '',
    '| workload | contender | ok | ms/op | time ratio | CPU ms/op / ratio | peak RSS MB / ratio | RSS growth MB | GCs/op minor / major |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.workloads.flatMap(workloadRows),
    '',
    '## Cold start (ms since process start)',
    '',
    '| contender | ok | node start | import | client ready / ratio | first call done / ratio | ready / openapi-fetch |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...coldStartRows(report.coldStart),
    '',
    '## Bundle (esbuild, minified, browser, ESM)',
    '',
    `- App importing \`createStabilityClient\`, one call: ${kB(report.bundle.stabilityRest.minified)} kB minified, **${kB(report.bundle.stabilityRest.gzipped)} kB gzipped** (level ${report.bundle.gzipLevel}).`,
    `- The same call with plain openapi-fetch: ${kB(report.bundle.openapiFetch.minified)} kB minified, ${kB(report.bundle.openapiFetch.gzipped)} kB gzipped.`,
    `- ESM files a Node import of stability-rest loads: ${report.bundle.esmFilesAtImport}.`,
    '',
    '## Targets of issue 10 (this run, not asserted)',
    '',
    '| target | value | limit | met |',
    '| --- | --- | --- | --- |',
    ...report.targets.map(
      (target) => `| ${target.name} | ${fixed(target.value)} | ${target.limit} | ${target.met ? 'yes' : 'no'} |`,
    ),
    '',
  ].join('\n');
}
