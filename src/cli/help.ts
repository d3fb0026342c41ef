import { type OperationDocs, operationDocs } from '../generated/docs.js';
import { specInfo } from '../generated/operations.js';
import type { ArgumentModel, FlagSpec } from './arguments.js';
import { type Command, commandLabel } from './commands.js';
import { exitCodeMeanings } from './exit-codes.js';
import { globalFlags } from './parse.js';
import { negativeWeight } from './prompts.js';

/** The program's name, as users type it. */
export const programName = 'stability-rest';

/** `stability-rest --help`: every subcommand with the spec's summary, the global flags, exit codes. */
export function globalHelp(commands: readonly Command[]): string {
  const rows = commands.map((command) => [
    commandLabel(command) + (command.aliases.length > 0 ? ` (${command.aliases.join(', ')})` : ''),
    firstSentence(descriptionOf(operationDocs[command.operation.operationId])),
  ]);
  return [
    `${programName}: the ${specInfo.title} (${specInfo.version}) from a terminal, one subcommand per operation of its spec.`,
    '',
    `Usage: ${programName} <group> <operation> [flags]    (or the alias in parentheses)`,
    `       ${programName} <group> <operation> --help     (the operation's flags, from the spec)`,
    '',
    'Subcommands:',
    ...table(rows),
    '',
    'Global flags:',
    ...table(globalFlags.map((flag) => [flagLabel(flag.name, flag.value, flag.short), flag.description])),
    '',
    'Environment: STABILITY_API_KEY (required, except with --dry-run or --mock), STABILITY_BASE_URL.',
    '',
    'Exit codes:',
    ...table(exitCodeMeanings.map(([code, meaning]) => [String(code), meaning])),
    '',
  ].join('\n');
}

/** An operation's description, else its summary. */
function descriptionOf(docs: OperationDocs | undefined): string {
  return docs?.description ?? docs?.summary ?? '';
}

/** `stability-rest <group> <operation> --help`: the operation's words and its flags with type, enum, default, range. */
export function commandHelp(command: Command, model: ArgumentModel): string {
  const { operation } = command;
  const description = descriptionOf(model.docs);
  const prompt = model.prompts;
  const rows = model.flags.map((spec) => [flagLabel(spec.flag, valueName(spec)), flagDescription(spec)]);
  if (prompt) {
    rows.unshift(
      [
        '--prompt TEXT',
        `${firstSentence(prompt.description ?? '')} Repeatable; the first may be given without --prompt.${prompt.required ? ' (required)' : ''}`,
      ],
      ['--negative TEXT', `a prompt of weight ${negativeWeight} (what the image should not show). Repeatable.`],
      ...(prompt.weight ? [['--weight N', 'the weight of the --prompt before it']] : []),
    );
  }
  return [
    `${programName} ${commandLabel(command)}${command.aliases.length > 0 ? ` (alias: ${command.aliases.join(', ')})` : ''}`,
    '',
    ...wrap(description, 100),
    '',
    `${operation.method.toUpperCase()} ${operation.path} (operationId ${operation.operationId})`,
    '',
    `Usage: ${programName} ${commandLabel(command)}${prompt ? ' [PROMPT]' : ''} [flags]`,
    '',
    'Flags:',
    ...table(rows),
    '',
    `Global flags (${globalFlags.map((flag) => `--${flag.name}`).join(', ')}): see ${programName} --help.`,
    '',
  ].join('\n');
}

function valueName(spec: FlagSpec): string | undefined {
  if (spec.kind === 'boolean') return undefined;
  if (spec.kind === 'file') return 'FILE';
  if (spec.kind === 'json') return 'JSON';
  return (spec.type ?? 'string').toUpperCase();
}

/** What a flag's help line says: the spec's first sentence, then its facts. */
function flagDescription(spec: FlagSpec): string {
  const facts = [
    spec.required ? 'required' : undefined,
    spec.kind === 'list' ? 'repeatable' : undefined,
    spec.enum ? `one of: ${spec.enum.join(', ')}` : undefined,
    spec.minimum !== undefined || spec.maximum !== undefined
      ? `range: ${spec.minimum ?? ''}..${spec.maximum ?? ''}`
      : undefined,
    spec.default !== undefined ? `default: ${JSON.stringify(spec.default)}` : undefined,
    spec.example !== undefined ? `default: ${String(spec.example)} (the spec's example)` : undefined,
    spec.kind === 'file' ? 'a file path, streamed' : undefined,
  ].filter(Boolean);
  const words = firstSentence(spec.description ?? '');
  return [words, facts.length > 0 ? `[${facts.join('; ')}]` : ''].filter(Boolean).join(' ');
}

function flagLabel(name: string, value?: string, short?: string): string {
  return `${short ? `-${short}, ` : ''}--${name}${value ? ` ${value}` : ''}`;
}

/** The first sentence (or line) of a description, without markup. */
export function firstSentence(text: string): string {
  const line = text.replace(/<br\s*\/?>/g, ' ').split(/\n\s*\n|\n/)[0] ?? '';
  const sentence = /^(.*?[.!?])(\s|$)/.exec(line)?.[1] ?? line;
  return sentence.replace(/\s+/g, ' ').trim();
}

/** Two columns; the second wrapped under itself. */
function table(rows: readonly (readonly string[])[]): string[] {
  const width = Math.min(34, Math.max(...rows.map(([left = '']) => left.length)) + 2);
  return rows.flatMap(([left = '', right = '']) => {
    const lines = wrap(right, 100 - width - 2);
    const first = left.length + 2 > width ? [`  ${left}`, ...lines.map((line) => ' '.repeat(width + 2) + line)] : [];
    if (first.length > 0) return first;
    return lines.map((line, index) => `  ${(index === 0 ? left : '').padEnd(width)}${line}`);
  });
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines.length > 0 ? lines : [''];
}
