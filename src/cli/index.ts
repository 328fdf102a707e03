import { CommanderError } from 'commander';
import { EXIT_CODES, toAppError } from '../app-error.js';
import { readProcessEnvironment } from '../config.js';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';

function defaultIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: readProcessEnvironment(),
    cwd: process.cwd(),
    isTty: process.stdout.isTTY,
  };
}

/**
 * Runs the CLI and returns the exit code. The only place that catches errors: an AppError prints a one-line
 * cause and its fix; anything else is reported as an internal error (stack only with STEWARD_DEBUG=1).
 */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
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
