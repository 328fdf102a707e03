import { CommanderError } from 'commander';
import { EXIT_CODES, toAppError } from '../app-error.js';
import { readProcessEnvironment } from '../config.js';
import type { CliIo } from './io.js';
import { readStreamText } from './io.js';
import { buildProgram } from './program.js';

const interruption = new AbortController();

/**
 * The process's own output. A reader that goes away (`steward --help | head`) makes writes fail with EPIPE: the rest
 * of the output is dropped and the command runs to its end (an audit still commits and closes its database),
 * instead of crashing on an unhandled stream error.
 */
function defaultIo(): CliIo {
  let readerGone = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  });
  return {
    stdout: (text) => {
      if (!readerGone) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    env: readProcessEnvironment(),
    cwd: process.cwd(),
    isTty: process.stdout.isTTY,
    ...(process.stderr.isTTY ? { progressStream: process.stderr } : {}),
    signal: interruption.signal,
    stdin: { isTty: () => process.stdin.isTTY === true, readText: () => readStreamText(process.stdin) },
  };
}

/**
 * The first Ctrl-C (or SIGTERM) asks long commands to stop after their current transaction and close the
 * database cleanly; a second one exits at once.
 */
function installInterruptHandlers(): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (interruption.signal.aborted) process.exit(130);
    interruption.abort(new Error(`received ${signal}`));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/**
 * Runs the CLI and returns the exit code. The only place that catches errors: an AppError prints a one-line
 * cause and its fix; anything else is reported as an internal error (stack only with STEWARD_DEBUG=1).
 */
export async function runCli(argv: readonly string[], io?: CliIo): Promise<number> {
  if (io === undefined) {
    const removeHandlers = installInterruptHandlers();
    try {
      return await runCliWith(argv, defaultIo());
    } finally {
      removeHandlers();
    }
  }
  return runCliWith(argv, io);
}

async function runCliWith(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_CODES.ARGUMENT_INVALID;
    }
    const appError = toAppError(error);
    io.stderr(`error: ${appError.message}\n`);
    if (appError.fix !== undefined) io.stderr(`  fix: ${appError.fix}\n`);
    if (appError.code === 'INTERNAL' && io.env['STEWARD_DEBUG'] === '1' && appError.cause instanceof Error) {
      io.stderr(`${appError.cause.stack ?? ''}\n`);
    }
    return EXIT_CODES[appError.code];
  }
}
