/**
 * `npm run bench [-- --smoke] [--rounds N] [--cold-samples N] [--only id,id] [--out dir] [--no-pin]`:
 * the CLI of the benchmark (see README, "Benchmark"). Exits non-zero when a correctness check fails.
 */
import { parseArgs } from 'node:util';
import { defaultOptions, runBench } from './main.js';
import { toMarkdown } from './report.js';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    'cold-samples': { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string' },
    'no-pin': { type: 'boolean', default: false },
  },
});

/** A positive integer option, or an error naming it. */
function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return parsed;
}

const smoke = values.smoke || values.quick;
const defaults = defaultOptions(smoke);
const report = await runBench({
  ...defaults,
  rounds: count('rounds', values.rounds, defaults.rounds),
  coldSamples: count('cold-samples', values['cold-samples'], defaults.coldSamples),
  pin: !values['no-pin'],
  only: values.only ? values.only.split(',') : [],
  outDir: values.out ?? (smoke ? 'bench/results/smoke' : defaults.outDir),
  log: (line) => console.error(line),
});
console.log(toMarkdown(report));
process.exitCode = report.ok ? 0 : 1;
