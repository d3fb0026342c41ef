import { parseArgs } from 'node:util';
import { type ArgumentModel, argumentModel, promptFlags } from './arguments.js';
import type { FlagValues } from './call-input.js';
import { type Command, findCommand } from './commands.js';
import type { PromptToken } from './prompts.js';

/** A flag every subcommand takes. */
export interface GlobalFlag {
  readonly name: string;
  readonly short?: string;
  /** The value's placeholder in help, for a flag that takes one. */
  readonly value?: string;
  readonly description: string;
}

/** The flags of the command line itself; flags made from the spec never take these names. */
export const globalFlags: readonly GlobalFlag[] = [
  { name: 'help', short: 'h', description: 'show help (for a subcommand: its flags, from the spec)' },
  { name: 'out', short: 'o', value: 'DIR', description: 'where generated images are written (default: .)' },
  { name: 'json', description: 'print one JSON document (results, file paths, errors) on stdout' },
  { name: 'count', short: 'n', value: 'N', description: 'run the call N times (default: 1)' },
  { name: 'concurrency', value: 'K', description: 'with --count: at most K calls in flight (default: 1)' },
  { name: 'dry-run', description: 'validate and print the request instead of sending it (no key needed)' },
  { name: 'mock', description: 'call the embedded Prism mock server (from a clone of the repository)' },
  { name: 'base-url', value: 'URL', description: 'the API server (default: STABILITY_BASE_URL, else the spec)' },
];

/** The global flags' values. */
export interface GlobalValues {
  help: boolean;
  out: string;
  json: boolean;
  count: number;
  concurrency: number;
  dryRun: boolean;
  mock: boolean;
  baseUrl?: string;
}

/** A command line, read. */
export type ParsedCommandLine =
  | { kind: 'global'; global: GlobalValues; problems: string[]; words: string[] }
  | {
      kind: 'command';
      command: Command;
      model: ArgumentModel;
      values: FlagValues;
      promptTokens: PromptToken[];
      global: GlobalValues;
      problems: string[];
    };

/** Thrown for arguments that cannot be read at all (an unknown flag, a missing value). */
export class UsageError extends Error {
  override name = 'UsageError' as const;
}

/** Reads the arguments: which subcommand, its flags and prompts, and the global flags. */
export function parseCommandLine(args: readonly string[], commands: readonly Command[]): ParsedCommandLine {
  const words = commandWords(args);
  const found = findCommand(commands, words);
  if (!found) {
    const { values } = parse(args, {}, false);
    const { global, problems } = globalValues(values);
    return { kind: 'global', global, problems, words };
  }
  const model = argumentModel(
    found.command.operation,
    globalFlags.map((flag) => flag.name),
  );
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const spec of model.flags) {
    options[spec.flag] = { type: spec.kind === 'boolean' ? 'boolean' : 'string', multiple: spec.kind === 'list' };
  }
  if (model.prompts) for (const name of promptFlags) options[name] = { type: 'string', multiple: true };
  const { values, tokens } = parse(joinNegativeValues(args, options), options, true);
  const { global, problems } = globalValues(values);
  const positionals = tokens.filter((token) => token.kind === 'positional').slice(found.used);
  const promptTokens: PromptToken[] = [];
  for (const token of tokens) {
    if (token.kind === 'option' && promptFlags.includes(token.name as never) && model.prompts) {
      promptTokens.push({ kind: token.name as PromptToken['kind'], value: token.value ?? '' });
    } else if (token.kind === 'positional' && positionals.includes(token)) {
      if (model.prompts) promptTokens.push({ kind: 'prompt', value: token.value });
      else problems.push(`unexpected argument: ${token.value}`);
    }
  }
  return { kind: 'command', command: found.command, model, values, promptTokens, global, problems };
}

type Options = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

function parse(args: readonly string[], options: Options, strict: boolean) {
  const all: Options = { ...options };
  for (const flag of globalFlags) {
    all[flag.name] = { type: flag.value ? 'string' : 'boolean', ...(flag.short ? { short: flag.short } : {}) };
  }
  try {
    return parseArgs({ args: [...args], options: all, strict, allowPositionals: true, tokens: true });
  } catch (error) {
    // parseArgs adds advice on `--` that does not fit here: its first sentence says what is wrong.
    throw new UsageError((error as Error).message.split(/\.\s|\n/)[0] ?? String(error));
  }
}

/** The first two words that are not flags (or values of global flags): the subcommand, or an alias and more. */
function commandWords(args: readonly string[]): string[] {
  const valued = new Set(
    globalFlags.filter((flag) => flag.value).flatMap((flag) => [`--${flag.name}`, `-${flag.short}`]),
  );
  const words: string[] = [];
  for (let index = 0; index < args.length && words.length < 2; index++) {
    const arg = args[index] as string;
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (valued.has(arg)) index++;
      continue;
    }
    words.push(arg);
  }
  return words;
}

/** `--weight -0.5` as `--weight=-0.5`: parseArgs takes a value that starts with a dash for a flag. */
function joinNegativeValues(args: readonly string[], options: Options): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    const next = args[index + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else joined.push(arg);
  }
  return joined;
}

function globalValues(values: Record<string, unknown>): { global: GlobalValues; problems: string[] } {
  const problems: string[] = [];
  const count = positiveInteger(values.count, 'count', problems);
  const concurrency = positiveInteger(values.concurrency, 'concurrency', problems);
  const global: GlobalValues = {
    help: values.help === true,
    out: typeof values.out === 'string' ? values.out : '.',
    json: values.json === true,
    count,
    concurrency,
    dryRun: values['dry-run'] === true,
    mock: values.mock === true,
    ...(typeof values['base-url'] === 'string' ? { baseUrl: values['base-url'] } : {}),
  };
  return { global, problems };
}

function positiveInteger(value: unknown, name: string, problems: string[]): number {
  if (value === undefined) return 1;
  const number = Number(value);
  if (Number.isInteger(number) && number >= 1) return number;
  problems.push(`--${name} ${String(value)}: must be a whole number of at least 1`);
  return 1;
}
