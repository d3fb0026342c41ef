#!/usr/bin/env node
/**
 * The `stability-rest` executable: runs {@link main} with the process's arguments, Ctrl-C and streams.
 * @packageDocumentation
 */
import { environmentVariable } from '../wrappers/options.js';
import { exitCodes } from './exit-codes.js';
import { programName } from './help.js';
import { main } from './main.js';
import type { Io } from './run.js';

/** Writes that never show the API key, whatever the text (an error quoting a header, say). */
function redactingIo(secret: string | undefined): Io {
  const clean = (text: string) => (secret ? text.replaceAll(secret, '[redacted]') : text);
  return {
    out: (text) => process.stdout.write(`${clean(text)}\n`),
    // Indented lines continue the one before them: only a first line is named.
    err: (text) => process.stderr.write(`${/^\s/.test(text) ? '' : `${programName}: `}${clean(text)}\n`),
  };
}

/** The first Ctrl-C aborts the calls (they end with UserAbortError, exit 130); a second one exits at once. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(exitCodes.interrupted);
    controller.abort(new Error('interrupted (SIGINT)'));
  });
  return controller.signal;
}

process.exitCode = await main(
  process.argv.slice(2),
  interruptSignal(),
  redactingIo(environmentVariable('STABILITY_API_KEY')),
);
