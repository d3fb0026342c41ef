/**
 * `stability-rest`: the command line. One subcommand per operation of the generated table, its flags made
 * from the operation's parameters and body fields. See `stability-rest --help` and the README; `bin.ts`
 * runs it.
 * @packageDocumentation
 */
import { type OperationEntry, operations } from '../generated/operations.js';
import { environmentVariable } from '../wrappers/options.js';
import { commandsOf } from './commands.js';
import { exitCodes } from './exit-codes.js';
import { commandHelp, globalHelp, programName } from './help.js';
import { MockUnavailableError } from './mock.js';
import { parseCommandLine, UsageError } from './parse.js';
import { type Io, runCommand } from './run.js';

/**
 * Runs the command line with `args` (without node and the script) and resolves to the exit code. Ctrl-C
 * aborts the calls in flight through `signal`.
 */
export async function main(args: readonly string[], signal: AbortSignal, io: Io): Promise<number> {
  const commands = commandsOf(Object.values(operations) as OperationEntry[]);
  try {
    const line = parseCommandLine(args, commands);
    if (line.kind === 'global') {
      if (line.global.help || line.words.length === 0) {
        (line.global.help ? io.out : io.err)(globalHelp(commands));
        return line.global.help ? exitCodes.ok : exitCodes.usage;
      }
      io.err(`unknown command: ${line.words.join(' ')} (see ${programName} --help)`);
      return exitCodes.usage;
    }
    if (line.global.help) {
      io.out(commandHelp(line.command, line.model));
      return exitCodes.ok;
    }
    return await runCommand(line, environmentVariable('STABILITY_API_KEY'), signal, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message} (see ${programName} --help)`);
      return exitCodes.usage;
    }
    if (error instanceof MockUnavailableError) {
      io.err(error.message);
      return exitCodes.usage;
    }
    io.err(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return exitCodes.unexpected;
  }
}
