import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../app-error.js';

/** Reads a text file a command was given (relative to its cwd): a missing or unreadable file names the path and the fix. */
export async function readInputText(path: string, options: { cwd: string; fix: string }): Promise<string> {
  try {
    return await readFile(resolve(options.cwd, path), 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(
      missing ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `${missing ? 'no such file' : 'cannot read'}: ${path}`,
      {
        fix: options.fix,
        cause: error,
      },
    );
  }
}
