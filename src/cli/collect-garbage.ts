import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * A full garbage collection, for a batch command at the end of a phase that allocated much and kept little.
 *
 * V8 does not collect the old generation until it reaches its first limit, which on a machine with a few GiB is well
 * over 100 MB. The audit's verification promotes that much short-lived data (verdicts, SQL text, parameters) while
 * keeping about 50 MB, so without a collection the garbage stays resident through triage and the report: the first
 * audit of the v1.0 split peaked at about 350 MB, and at about 295 MB with one collection after verification, which
 * costs about 50 ms.
 *
 * Node exposes `gc` only under `--expose-gc`; the flag is set for the moment it takes to fetch the function from a
 * new context (as Jest does for `--logHeapUsage`) and cleared again, so no global `gc` appears anywhere else.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
  }
  collect();
}

/** Collects garbage once the heap has grown by a set amount since the last collection: see {@link createHeapGuard}. */
export interface HeapGuard {
  /** Collects when the heap grew by more than the guard's amount since the guard's last collection (or start). */
  check(): void;
  /** Collects now (the end of a phase). */
  collect(): void;
}

/**
 * For a long batch loop: `check()` at each batch boundary collects garbage once the used heap has grown by more than
 * `growthBytes` since the last collection. Through the first audit's verification the heap grows by ~40 MB of
 * garbage over ~50 MB live; with a 24 MB guard it is collected two or three times there (~25 ms each), which takes
 * another 15–20 MB off the peak.
 */
export function createHeapGuard(growthBytes: number): HeapGuard {
  const used = () => getHeapStatistics().used_heap_size;
  let baseline = used();
  const collect = () => {
    collectGarbage();
    baseline = used();
  };
  return {
    check() {
      if (used() - baseline > growthBytes) collect();
    },
    collect,
  };
}

/** `items` as they are, with `guard.check()` after every `every` of them (a long rendering loop's batch boundary). */
export function* checkingHeap<T>(items: Iterable<T>, guard: HeapGuard, every: number): Generator<T> {
  let count = 0;
  for (const item of items) {
    yield item;
    count += 1;
    if (count % every === 0) guard.check();
  }
}
