import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../app-error.js';

/** Fails before any work is done when an output file could not be written later. */
export function checkWritable(path: string, what: string): void {
  const folder = dirname(path);
  let problem: string | undefined;
  try {
    if (!statSync(folder).isDirectory()) problem = `${folder} is not a folder`;
    else accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problem =
      code === 'ENOENT' ? `the folder ${folder} does not exist` : `the folder ${folder} is not writable`;
  }
  if (problem === undefined && existsSync(path) && statSync(path).isDirectory())
    problem = `${path} is a folder`;
  if (problem !== undefined) {
    throw new AppError('FILE_UNREADABLE', `cannot write the ${what} to ${path}: ${problem}`, {
      fix: 'Create the folder first, or choose another path.',
      details: { path },
    });
  }
}

/** Writes beside the target and renames, so a crash never leaves half a file. */
export function writeFileAtomically(path: string, content: string): void {
  writePartsAtomically(path, [content]);
}

/** Writes every byte (`writeSync` may write fewer than it is given). */
function writeAll(file: number, bytes: Buffer): void {
  for (let written = 0; written < bytes.length;) written += writeSync(file, bytes, written);
}

/**
 * `writeFileAtomically` for a text made of consecutive parts (a report rendered piece by piece): each part is written
 * as it comes, so the whole text is never held in memory.
 */
export function writePartsAtomically(path: string, parts: Iterable<string>): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const file = openSync(temporary, 'w');
    try {
      for (const part of parts) writeAll(file, Buffer.from(part, 'utf8'));
    } finally {
      closeSync(file);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new AppError('FILE_UNREADABLE', `cannot write ${path}: ${(error as Error).message}`, {
      fix: 'Check the folder exists and is writable.',
      cause: error,
    });
  }
}
