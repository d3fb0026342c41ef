import type { OperationEntry } from '../generated/operations.js';
import { words } from '../wrappers/words.js';

/** One subcommand: an operation of the table, named as the client names its method, in kebab case. */
export interface Command {
  readonly operation: OperationEntry;
  /** The group's name in kebab case (`generation`). */
  readonly group: string;
  /** The method's name in kebab case (`text-to-image`). */
  readonly name: string;
  /** Shorter names that also select it (the method name alone, when no other group has it). */
  readonly aliases: readonly string[];
}

/** A name in kebab case: `textToImage` gives `text-to-image`, `engine_id` gives `engine-id`. */
export function kebabCase(name: string): string {
  return words(name).join('-');
}

/** The subcommands of a table, in its order, with their aliases. */
export function commandsOf(operations: readonly OperationEntry[]): Command[] {
  const named = operations.map((operation) => ({
    operation,
    group: kebabCase(operation.group),
    name: kebabCase(operation.name),
  }));
  const groups = new Set(named.map((command) => command.group));
  const count = (name: string) => named.filter((command) => command.name === name).length;
  return named.map((command) => ({
    ...command,
    aliases: count(command.name) === 1 && !groups.has(command.name) ? [command.name] : [],
  }));
}

/** The command named by the first words (`group name`, or an alias), and how many words it took. */
export function findCommand(
  commands: readonly Command[],
  positionals: readonly string[],
): { command: Command; used: number } | undefined {
  const [first, second] = positionals;
  const full = commands.find((command) => command.group === first && command.name === second);
  if (full) return { command: full, used: 2 };
  const alias = commands.find((command) => first !== undefined && command.aliases.includes(first));
  return alias ? { command: alias, used: 1 } : undefined;
}

/** How the command is written on the command line: `generation text-to-image`. */
export function commandLabel(command: Command): string {
  return `${command.group} ${command.name}`;
}
