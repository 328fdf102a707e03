import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { AppError } from '../app-error.js';

/**
 * PGlite has no cross-process lock and a second process opening the same data folder corrupts it, so Steward
 * holds a lock file beside the folder: created atomically, holding the owner's pid and host. A lock left by a
 * process that no longer exists (killed with -9) is taken over.
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return undefined;
    return { pid: owner.pid, host: owner.host, since: String(owner.since) };
  } catch {
    return undefined;
  }
}

const UNREADABLE_LOCK_GRACE_MS = 10_000;

function ageInMilliseconds(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function tryCreate(path: string): boolean {
  try {
    const descriptor = openSync(path, 'wx');
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    writeSync(descriptor, JSON.stringify(owner));
    closeSync(descriptor);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

export function acquireLock(path: string): LockFile {
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path)) {
      return {
        path,
        release: () => {
          const owner = readOwner(path);
          if (owner?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    }
    const owner = readOwner(path);
    // An unreadable lock may be one another process has created but not yet written: stale only when old.
    const stale =
      owner === undefined
        ? ageInMilliseconds(path) > UNREADABLE_LOCK_GRACE_MS
        : owner.host === hostname() && !isAlive(owner.pid);
    if (owner === undefined && !stale) {
      throw new AppError('DATABASE_LOCKED', `the database is being opened by another process (${path})`, {
        fix: 'Wait for that process to finish, or use another --db folder.',
        details: { lockFile: path },
      });
    }
    if (!stale && owner !== undefined) {
      throw new AppError(
        'DATABASE_LOCKED',
        `the database is in use by process ${owner.pid} on ${owner.host} (since ${owner.since})`,
        {
          fix: `Wait for that process to finish, or use another --db folder. If no such process exists, delete ${path}.`,
          details: { lockFile: path, ...owner },
        },
      );
    }
    rmSync(path, { force: true });
  }
  throw new AppError('DATABASE_LOCKED', `could not take the database lock ${path}`, {
    fix: 'Another process keeps creating it; retry when it has finished.',
  });
}
