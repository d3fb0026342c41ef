/**
 * `npm run bench:instructions [-- --only id,id] [--contenders a,b] [--out dir]`: CPU instructions per
 * operation, counted by valgrind (cachegrind, no cache simulation) with node `--single-threaded`, so that
 * the JIT's compiler and the GC run on the measured thread and in the same order every time. Repeatable to
 * about 0.5% for the small calls and to a few % for large bodies (how the socket hands over the chunks
 * varies), on a busy machine where the time figures of `npm run bench` move by 10% or more between runs;
 * it is the instrument for telling small changes apart. It counts work, not time: it does not see
 * waiting, memory bandwidth or the cost of a page fault. It needs valgrind (`apt-get install valgrind`).
 *
 * Each (workload, contender) runs the bench worker twice in fresh processes, with the workload's warm-up
 * and then 1 or 1 + N operations, N being the operations the full bench times; the difference, divided by
 * N, is the cost of one operation as the bench's timed batches see it (the JIT as warm as there).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { baseline, type ContenderName, contenderNames } from './contenders/index.js';
import { startServer } from './processes.js';
import type { WorkerTask } from './worker.js';
import { type Workload, workloads } from './workloads.js';
import { prepareWorkspace, type Workspace } from './workspace.js';

/** Instructions per operation of one (workload, contender), and its ratio to the baseline's. */
interface InstructionFigure {
  workload: string;
  contender: ContenderName;
  operations: number;
  instructionsPerOp: number;
  ratio: number;
}

/** The instruction count valgrind reports for a whole process. */
function parseInstructionCount(valgrindLog: string): number {
  const match = /I\s+refs:\s+([\d,]+)/.exec(valgrindLog);
  if (!match?.[1]) throw new Error(`no instruction count in valgrind's output: ${valgrindLog.slice(-300)}`);
  return Number(match[1].replaceAll(',', ''));
}

/** Runs one worker under valgrind and returns the instructions the whole process executed. */
function countInstructions(workspace: Workspace, task: WorkerTask, logDir: string): Promise<number> {
  const log = join(logDir, `${task.workload}-${task.contender}-${task.iterations.opsPerBatch}.log`);
  const args = [
    '--tool=cachegrind',
    '--cache-sim=no',
    '--cachegrind-out-file=/dev/null',
    `--log-file=${log}`,
    process.execPath,
    '--single-threaded',
    join(workspace.scripts, 'worker.js'),
    JSON.stringify(task),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', (error) => reject(new Error(`valgrind could not be started (${error.message}): install it`)));
    child.on('close', () => {
      const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { verified?: boolean; error?: string };
      if (!result.verified) reject(new Error(`${task.workload} ${task.contender}: ${result.error ?? output}`));
      else resolve(parseInstructionCount(readFileSync(log, 'utf8')));
    });
  });
}

async function measure(
  workspace: Workspace,
  baseTask: Omit<WorkerTask, 'contender' | 'workload' | 'iterations'>,
  workload: Workload,
  contender: ContenderName,
  logDir: string,
): Promise<{ operations: number; instructionsPerOp: number }> {
  const { warmup, batches, opsPerBatch } = workload.iterations.full;
  const operations = batches * opsPerBatch;
  const task = (ops: number): WorkerTask => ({
    ...baseTask,
    contender,
    workload: workload.id,
    iterations: { warmup, batches: 1, opsPerBatch: ops },
  });
  const [short, long] = await Promise.all([
    countInstructions(workspace, task(1), logDir),
    countInstructions(workspace, task(1 + operations), logDir),
  ]);
  return { operations, instructionsPerOp: (long - short) / operations };
}

function toMarkdown(figures: readonly InstructionFigure[], date: string): string {
  const rows = figures.map(
    (figure) =>
      `| ${figure.workload} | ${figure.contender} | ${figure.operations} | ${Math.round(figure.instructionsPerOp).toLocaleString('en')} | ${figure.ratio.toFixed(3)} |`,
  );
  return [
    '# stability-rest benchmark: instructions per operation',
    '',
    `${date}; node ${process.version}, valgrind cachegrind, node --single-threaded. Ratios to ${baseline}.`,
    '',
    '| workload | contender | operations | instructions / op | ratio |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    contenders: { type: 'string' },
    out: { type: 'string', default: 'bench/results' },
  },
});
const selected = values.only
  ? workloads.filter((workload) => values.only?.split(',').includes(workload.id))
  : workloads;
const chosen = (values.contenders?.split(',') ?? [baseline, 'stability-rest']) as ContenderName[];
const unknown = chosen.filter((name) => !contenderNames.includes(name));
if (unknown.length > 0)
  throw new Error(`unknown contenders ${unknown.join(', ')} (known: ${contenderNames.join(', ')})`);
const measured = chosen.includes(baseline) ? chosen : [baseline, ...chosen];

const workspace = await prepareWorkspace();
const logDir = mkdtempSync(join(tmpdir(), 'stability-rest-valgrind-'));
const server = await startServer(join(workspace.scripts, 'server.js'), undefined);
const figures: InstructionFigure[] = [];
try {
  const baseTask = {
    baseUrl: server.url,
    manifest: server.manifest,
    uploadPath: workspace.uploadPath,
    uploadSha256: workspace.uploadSha256,
  };
  for (const workload of selected) {
    const counts = new Map<ContenderName, { operations: number; instructionsPerOp: number }>();
    for (const contender of measured) {
      counts.set(contender, await measure(workspace, baseTask, workload, contender, logDir));
      console.error(`${workload.id} ${contender}: ${Math.round(counts.get(contender)?.instructionsPerOp ?? 0)}`);
    }
    const reference = counts.get(baseline)?.instructionsPerOp ?? Number.NaN;
    for (const [contender, count] of counts) {
      figures.push({ workload: workload.id, contender, ...count, ratio: count.instructionsPerOp / reference });
    }
  }
} finally {
  await server.stop();
  workspace.remove();
  rmSync(logDir, { recursive: true, force: true });
}
const date = new Date().toISOString();
const markdown = toMarkdown(figures, date);
mkdirSync(values.out, { recursive: true });
writeFileSync(
  join(values.out, 'instructions.json'),
  `${JSON.stringify({ date, node: process.version, figures }, null, 2)}\n`,
);
writeFileSync(join(values.out, 'instructions.md'), markdown);
console.log(markdown);
