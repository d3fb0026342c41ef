/**
 * The cold-start worker (plain node, a fresh process per sample): from process start to the contender's
 * client ready, and to its first call done. `performance.now()` counts from the process's time origin.
 */
import { performance } from 'node:perf_hooks';
import { type ContenderName, contenders } from './contenders/index.js';
import type { ContenderModule } from './contenders/types.js';
import { benchApiKey } from './fixtures.js';

/** What the orchestrator asks (argv[2], JSON). */
export interface ColdStartTask {
  contender: ContenderName;
  baseUrl: string;
  engineIds: string[];
}

/** Milliseconds since process start at each point. */
export interface ColdStartResult {
  contender: ContenderName;
  verified: boolean;
  error?: string;
  /** When this script began (node's own start-up). */
  scriptStartMs: number;
  /** The contender's module, and so its library, imported. */
  importedMs: number;
  /** The client created. */
  readyMs: number;
  /** The first call (engines list) answered and parsed. */
  firstCallMs: number;
}

async function main(task: ColdStartTask): Promise<ColdStartResult> {
  const scriptStartMs = performance.now();
  const { module } = contenders[task.contender];
  const contender = (await import(`./contenders/${module}.js`)) as ContenderModule;
  const importedMs = performance.now();
  const client = contender.create({ baseUrl: task.baseUrl, apiKey: benchApiKey });
  const readyMs = performance.now();
  const engines = await client.listEngines();
  const firstCallMs = performance.now();
  const ids = engines.map((engine) => engine.id);
  const verified = JSON.stringify(ids) === JSON.stringify(task.engineIds);
  return {
    contender: task.contender,
    verified,
    ...(verified ? {} : { error: `engines ${ids.join(', ')}` }),
    scriptStartMs,
    importedMs,
    readyMs,
    firstCallMs,
  };
}

const result = await main(JSON.parse(process.argv[2] ?? '{}') as ColdStartTask);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
