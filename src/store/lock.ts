import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { AppError } from '../app-error.js';

/**
 * PGlite has no cross-process lock and a second process opening the same data folder corrupts it, so Steward
 * holds a lock file beside the folder: created exclusively (`wx`), holding the owner's pid, host and a random
 * token, and read back after writing. A lock left by a process that no longer exists (killed with -9) is taken
 * over; when several processes find the same stale lock at once, exactly one of them gets it (see
 * `claimStaleLock`).
 */
export interface LockFile {
  path: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** An unreadable lock may be one another process has created but not yet written: stale only when this old. */
const UNREADABLE_LOCK_GRACE_MS = 10_000;
const ATTEMPTS = 5;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return undefined;
    return { pid: owner.pid, host: owner.host, since: String(owner.since) };
  } catch {
    return undefined;
  }
}

function ageInMilliseconds(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Stale: written by a process on this host that has exited, or unreadable and older than the grace period. */
function isStale(text: string, path: string): boolean {
  const owner = parseOwner(text);
  if (owner === undefined) return ageInMilliseconds(path) > UNREADABLE_LOCK_GRACE_MS;
  return owner.host === hostname() && !isAlive(owner.pid);
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException).code === code;
}

/** Creates the lock with `wx` and reads it back: true only when the file holds exactly what we wrote. */
function tryCreate(path: string, content: string): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'wx');
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    writeSync(descriptor, content);
  } finally {
    closeSync(descriptor);
  }
  return readText(path) === content;
}

type Claim = 'claimed' | 'gone' | 'taken';

/**
 * Removes a stale lock so that exactly one of the processes that saw it does so. A claim is a hard link to the
 * lock under a name derived from the stale content: link() fails for everyone but the first, and the winner
 * checks that what it linked is still that stale content before unlinking the lock. Only a claimant unlinks
 * the lock, so nobody can remove a lock that a new owner wrote in the meantime. The claim goes once the lock
 * does; a late process that links a newer lock sees different content and removes only its own link.
 */
function claimStaleLock(path: string, staleText: string): Claim {
  const claim = `${path}.takeover-${createHash('sha256').update(staleText).digest('hex').slice(0, 16)}`;
  try {
    linkSync(path, claim);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'gone';
    if (!isCode(error, 'EEXIST')) throw error;
    if (ageInMilliseconds(claim) <= UNREADABLE_LOCK_GRACE_MS) return 'taken';
    // Only a process killed between link() and unlink() leaves a claim behind; removing it automatically
    // could let two processes claim the same lock, so a person decides.
    throw new AppError(
      'DATABASE_LOCKED',
      `an interrupted takeover of the lock ${path} left ${claim} behind`,
      {
        fix: `Make sure no Steward process uses this database, then delete ${claim} and ${path}.`,
        details: { lockFile: path, claimFile: claim },
      },
    );
  }
  try {
    if (readText(claim) !== staleText || !isStale(staleText, claim)) return 'gone';
    unlinkSync(path);
    return 'claimed';
  } finally {
    rmSync(claim, { force: true });
  }
}

function lockedError(path: string, text: string | undefined): AppError {
  const owner = text === undefined ? undefined : parseOwner(text);
  if (owner === undefined) {
    return new AppError('DATABASE_LOCKED', `the database is being opened by another process (${path})`, {
      fix: 'Wait for that process to finish, or use another --db folder.',
      details: { lockFile: path },
    });
  }
  return new AppError(
    'DATABASE_LOCKED',
    `the database is in use by process ${owner.pid} on ${owner.host} (since ${owner.since})`,
    {
      fix: `Wait for that process to finish, or use another --db folder. If no such process exists, delete ${path}.`,
      details: { lockFile: path, ...owner },
    },
  );
}

export function acquireLock(path: string): LockFile {
  mkdirSync(dirname(path), { recursive: true });
  const content = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomUUID(),
  });
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (tryCreate(path, content)) {
      return {
        path,
        release: () => {
          // Only our own file, token included: never a lock someone took over after us.
          if (readText(path) === content) rmSync(path, { force: true });
        },
      };
    }
    const text = readText(path);
    if (text === undefined) continue;
    if (!isStale(text, path)) throw lockedError(path, text);
    const claim = claimStaleLock(path, text);
    if (claim === 'taken') {
      throw new AppError('DATABASE_LOCKED', `another process is taking over the stale lock ${path}`, {
        fix: 'Wait for that process to finish, or use another --db folder.',
        details: { lockFile: path },
      });
    }
  }
  throw new AppError('DATABASE_LOCKED', `could not take the database lock ${path}`, {
    fix: 'Another process keeps creating it; retry when it has finished.',
    details: { lockFile: path },
  });
}
