/**
 * A child process for the lock race test. It prints `ready`, waits for a line on stdin (sent to every contender
 * at once), tries to take each lock file in turn, prints which it won as one JSON line, and holds them (stays
 * alive, so its locks are not stale) until its stdin closes.
 */
import { once } from 'node:events';
import { join } from 'node:path';
import { AppError } from '../../app-error.js';
import { acquireLock } from '../lock.js';

const [directory, countText] = process.argv.slice(2);
if (directory === undefined || countText === undefined) {
  throw new Error('usage: lock-contender <directory> <count>');
}

process.stdout.write('ready\n');
await once(process.stdin, 'data');
const won: number[] = [];
const refused: string[] = [];
for (let index = 0; index < Number(countText); index++) {
  try {
    acquireLock(join(directory, `db${index}.lock`));
    won.push(index);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refused.push(error.code);
  }
}
process.stdout.write(`${JSON.stringify({ pid: process.pid, won, refused })}\n`);
process.stdin.on('end', () => process.exit(0));
