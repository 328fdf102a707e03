import { setImmediate as nextTurn } from 'node:timers/promises';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { checkingHeap, collectGarbage, createHeapGuard } from './collect-garbage.js';

describe('collectGarbage', () => {
  it('collects an object that is no longer reachable', async () => {
    let target: object | undefined = { payload: new Array(1000).fill('x') };
    const ref = new WeakRef(target);
    target = undefined;
    // A WeakRef keeps its target alive until the end of the job that created or read it.
    await nextTurn();
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });

  it('leaves no gc function behind in new contexts', () => {
    collectGarbage();
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});

describe('createHeapGuard', () => {
  it('collects only once the heap has grown by more than its amount since the last collection', async () => {
    const guard = createHeapGuard(8 * 2 ** 20);
    let garbage: string[] | undefined = Array.from({ length: 1000 }, (_, index) => `small ${index}`);
    const small = new WeakRef(garbage);
    // Moved to the old generation while reachable (two full collections), so that only a full collection, not a
    // young-generation scavenge, could free it once it is dropped.
    collectGarbage();
    collectGarbage();
    garbage = undefined;
    await nextTurn();
    guard.check();
    expect(small.deref()).toBeDefined();

    // ~32 MB of strings, then unreachable: the next check collects them.
    let large: string[] | undefined = Array.from({ length: 2 ** 15 }, (_, index) =>
      `${index}`.padEnd(1000, '.'),
    );
    const big = new WeakRef(large);
    large = undefined;
    await nextTurn();
    guard.check();
    expect(big.deref()).toBeUndefined();
  });
});

describe('checkingHeap', () => {
  it('passes the items through in order and checks the heap after every n of them', () => {
    const checkedAfter: number[] = [];
    let seen = 0;
    const guard = { check: () => checkedAfter.push(seen), collect: () => undefined };
    const out: number[] = [];
    for (const item of checkingHeap([1, 2, 3, 4, 5, 6, 7], guard, 3)) {
      out.push(item);
      seen += 1;
    }
    expect(out).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(checkedAfter).toEqual([3, 6]);
  });
});
