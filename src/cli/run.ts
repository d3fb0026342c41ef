import type { OperationEntry } from '../generated/operations.js';
import type { Artifact } from '../wrappers/artifacts.js';
import { createStabilityClient } from '../wrappers/client.js';
import { UserAbortError, ValidationError } from '../wrappers/errors.js';
import type { ClientOptions } from '../wrappers/options.js';
import { type RunOutcome, runBatch } from './batch.js';
import { buildCallInput, type CallInput } from './call-input.js';
import { commandLabel } from './commands.js';
import { capturingFetch, describeRequest, formatRequest } from './dry-run.js';
import { exitCodeOf, exitCodes } from './exit-codes.js';
import { errorLine, refusalLines } from './messages.js';
import { startMock } from './mock.js';
import { errorJson, fileLine, type SavedFile, saveArtifact } from './output.js';
import type { ParsedCommandLine } from './parse.js';
import { startProgress } from './progress.js';

/** Where the command line writes: stdout and stderr, one call per line or document, the key already redacted. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

type CommandLine = Extract<ParsedCommandLine, { kind: 'command' }>;

/** What one successful run produced: saved images, or the operation's JSON result. */
type RunResult = { files: SavedFile[] } | { data: unknown };

/** A key the client accepts where none is sent (dry runs, validation, the mock). */
const placeholderKey = 'sk-not-sent';

/**
 * Runs one subcommand: checks it (every problem listed, nothing sent), then (unless `--dry-run`) calls the
 * operation `--count` times and reports each result. Resolves to the exit code.
 */
export async function runCommand(
  line: CommandLine,
  apiKey: string | undefined,
  signal: AbortSignal,
  io: Io,
): Promise<number> {
  const { command, model, global } = line;
  const { input, problems } = await buildCallInput(command.operation, model, line.values, line.promptTokens);
  problems.unshift(...line.problems);
  const capture = capturingFetch();
  const baseUrl = global.baseUrl ?? (global.mock ? 'http://127.0.0.1:1' : undefined);
  // Checked first with a client that sends nothing, so that every issue is listed before any network call.
  const checked = await attempt(() =>
    call(
      client({ apiKey: placeholderKey, baseUrl, fetch: capture.fetch, maxRetries: 0 }),
      command.operation,
      input,
      signal,
    ),
  );
  const request = capture.captured();
  if (problems.length > 0 || checked instanceof ValidationError || !request) {
    const refusal = problems.length > 0 || checked instanceof ValidationError;
    if (refusal) for (const text of refusalLines(problems, checked, model)) io.err(text);
    else io.err(errorLine(checked));
    if (global.json)
      io.out(JSON.stringify({ command: commandLabel(command), sent: false, problems, error: errorJson(checked) }));
    return refusal ? exitCodes.usage : exitCodeOf(checked);
  }
  if (global.dryRun) {
    const described = await describeRequest(request);
    io.out(
      global.json
        ? JSON.stringify({ command: commandLabel(command), sent: false, request: described })
        : formatRequest(described),
    );
    return exitCodes.ok;
  }
  if (!apiKey && !global.mock) {
    io.err(
      'STABILITY_API_KEY is not set: export your key (or use --dry-run, or --mock from a clone of the repository).',
    );
    return exitCodes.auth;
  }
  const mock = global.mock ? await startMock() : undefined;
  try {
    const live = client({ apiKey: apiKey ?? placeholderKey, baseUrl: mock?.url ?? global.baseUrl, rateLimit: true });
    return await runAll(line, (run) => runOnce(line, live, input, signal, run), io);
  } finally {
    await mock?.stop();
  }
}

/** Runs the batch with progress on a terminal, reports each run as it ends, and returns the exit code. */
async function runAll(line: CommandLine, task: (run: number) => Promise<RunResult>, io: Io): Promise<number> {
  const { command, global } = line;
  const progress = startProgress(commandLabel(command));
  let done = 0;
  const outcomes = await runBatch(global.count, global.concurrency, task, (outcome) => {
    progress.update(++done, global.count);
    if (global.json) return;
    progress.clear();
    report(outcome, global.count, io);
  }).finally(() => progress.stop());
  if (global.json) io.out(JSON.stringify(jsonDocument(line, outcomes)));
  const failure = outcomes.find((outcome) => !outcome.ok);
  if (!failure) return exitCodes.ok;
  for (const outcome of outcomes)
    if (!outcome.ok && global.json) io.err(`run ${outcome.run}: ${errorLine(outcome.error)}`);
  const interrupted = outcomes.some((outcome) => !outcome.ok && outcome.error instanceof UserAbortError);
  return interrupted ? exitCodes.interrupted : exitCodeOf(failure.error);
}

function report(outcome: RunOutcome<RunResult>, count: number, io: Io): void {
  const prefix = count > 1 ? `run ${outcome.run}: ` : '';
  if (!outcome.ok) io.err(`${prefix}${errorLine(outcome.error)}`);
  else if ('files' in outcome.value) for (const file of outcome.value.files) io.out(fileLine(file));
  else io.out(JSON.stringify(outcome.value.data, null, 2));
}

function jsonDocument(line: CommandLine, outcomes: readonly RunOutcome<RunResult>[]): Record<string, unknown> {
  const ok = outcomes.filter((outcome) => outcome.ok);
  const failures = outcomes.flatMap((outcome) =>
    outcome.ok ? [] : [{ run: outcome.run, error: errorJson(outcome.error) }],
  );
  const images = ok.some((outcome) => 'files' in outcome.value);
  return {
    command: commandLabel(line.command),
    operationId: line.command.operation.operationId,
    runs: outcomes.length,
    ...(images
      ? { files: ok.flatMap((outcome) => ('files' in outcome.value ? outcome.value.files : [])) }
      : { results: ok.map((outcome) => ('data' in outcome.value ? outcome.value.data : undefined)) }),
    failures,
  };
}

/** One call, then its images saved (or its data kept). */
async function runOnce(
  line: CommandLine,
  live: Client,
  input: CallInput,
  signal: AbortSignal,
  run: number,
): Promise<RunResult> {
  const result = await call(live, line.command.operation, input, signal);
  const artifacts = (result as { artifacts?: Artifact[] } | undefined)?.artifacts;
  if (!Array.isArray(artifacts)) return { data: result };
  const files: SavedFile[] = [];
  for (const artifact of artifacts) files.push(await saveArtifact(line.global.out, line.command.name, artifact, run));
  return { files };
}

type Client = ReturnType<typeof createStabilityClient>;

function client(options: ClientOptions): Client {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return createStabilityClient(defined);
}

/** Calls the client's method for the operation: path values, then the body (if it takes one), then options. */
function call(live: Client, operation: OperationEntry, input: CallInput, signal: AbortSignal): Promise<unknown> {
  const group = (live as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>)[
    operation.group
  ];
  const method = group?.[operation.name];
  if (!method) throw new Error(`the client has no method ${operation.group}.${operation.name}`);
  const params = Object.fromEntries(
    Object.entries(input.params).filter(([, values]) => Object.keys(values).length > 0),
  );
  const options = { signal, params, ...(input.accept ? { accept: input.accept } : {}) };
  return method(...input.pathValues, ...(operation.request ? [input.body] : []), options);
}

/** The error a function throws, or `undefined` when it succeeds. */
async function attempt(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error;
  }
}
