import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contenderNames } from '../scripts/bench/contenders/index.js';
import { defaultOptions, runBench } from '../scripts/bench/main.js';
import type { BenchReport } from '../scripts/bench/report.js';
import { workloads } from '../scripts/bench/workloads.js';

let outDir = '';
let report: BenchReport;

// The smoke of `npm run bench`: it runs, every contender's results are right. Times are never asserted.
describe('npm run bench -- --smoke', () => {
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'stability-rest-bench-smoke-'));
    report = await runBench({ ...defaultOptions(true), outDir, log: () => {} });
  }, 180_000);

  afterAll(() => rm(outDir, { recursive: true, force: true }));

  it('passes every correctness check', () => {
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('reports every workload for every contender, each verified', () => {
    expect(report.workloads.map((workload) => workload.id)).toEqual(workloads.map((workload) => workload.id));
    for (const workload of report.workloads) {
      expect(Object.keys(workload.contenders).sort(), workload.id).toEqual([...contenderNames].sort());
      const verified = contenderNames.map((name) => workload.contenders[name]?.verified);
      expect(verified, workload.id).toEqual(contenderNames.map(() => true));
    }
  });

  it('reports cold start for every contender and the bundle size', () => {
    expect(contenderNames.map((name) => report.coldStart[name]?.verified)).toEqual(contenderNames.map(() => true));
    expect(report.bundle.stabilityRest.gzipped).toBeGreaterThan(1000);
    expect(report.bundle.esmFilesAtImport).toBeGreaterThan(1);
  });

  it('writes the report as JSON and markdown, with the machine it ran on', async () => {
    const json = JSON.parse(await readFile(join(outDir, 'latest.json'), 'utf8')) as BenchReport;
    expect([json.mode, json.ok, json.machine.node]).toEqual(['smoke', true, process.version]);
    const markdown = await readFile(join(outDir, 'latest.md'), 'utf8');
    for (const workload of workloads) expect(markdown).toContain(`| ${workload.id} | stability-rest | yes |`);
    expect(markdown).toContain(json.machine.cpuModel);
  });
});
