import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';

/** Where Linux keeps a memory-backed file system (tmpfs) open to every user. */
const SHARED_MEMORY = '/dev/shm';
/** `statfs` type of a tmpfs. */
const TMPFS_MAGIC = 0x01021994;
/**
 * Free space the tmpfs must have: the suite's embedded data folders take about 40 MB each, and the workers hold a
 * few at once. Containers often mount a 64 MB /dev/shm, which would fill up: there the disk is used.
 */
const REQUIRED_FREE_BYTES = 2 * 1024 ** 3;

let scratch: string | undefined;

function hasRoomInMemory(): boolean {
  try {
    const stats = statfsSync(SHARED_MEMORY);
    return stats.type === TMPFS_MAGIC && stats.bavail * stats.bsize >= REQUIRED_FREE_BYTES;
  } catch {
    return false;
  }
}

/**
 * vitest's global setup, run once before the test workers start: when /dev/shm is a tmpfs with room to spare, the
 * tests' temporary folders (`os.tmpdir()`, inherited by the workers and every child process) go to a folder of
 * their own in it. Creating an embedded data folder writes about 1,000 files: on the check machine's ext4 disk that
 * cost about 1 s of CPU each (mostly the kernel's journal), on a tmpfs about 0.2 s. Nothing the tests check (files,
 * locks, sockets, transactions) depends on the file system; `STEWARD_TEST_TMPDIR=disk` keeps the system's folder.
 */
export function setup(): void {
  if (process.env['STEWARD_TEST_TMPDIR'] === 'disk' || !hasRoomInMemory()) return;
  scratch = mkdtempSync(join(SHARED_MEMORY, 'steward-tests-'));
  process.env['TMPDIR'] = scratch;
}

/** Removes the folder, with whatever a test left behind. */
export function teardown(): void {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
}
