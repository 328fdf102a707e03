/**
 * Runs `work` on every task with at most `limit` running at once and returns the results in the tasks' order
 * (whatever order they finish in). `shouldStart` is asked before each task starts: once it says no, the tasks
 * not yet started are skipped (their result is `undefined`) and those running are awaited. If `work` throws,
 * no further task starts and the first error is thrown once the running ones have settled.
 */
export async function mapWithConcurrency<Task, Result>(
  tasks: readonly Task[],
  work: (task: Task, index: number) => Promise<Result>,
  options: { limit: number; shouldStart?: () => boolean },
): Promise<(Result | undefined)[]> {
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new RangeError(`the concurrency limit must be a positive integer, not ${options.limit}`);
  }
  const results: (Result | undefined)[] = new Array<Result | undefined>(tasks.length).fill(undefined);
  let next = 0;
  let failed = false;
  const runWorker = async (): Promise<void> => {
    while (next < tasks.length && !failed) {
      if (options.shouldStart?.() === false) return;
      const index = next++;
      try {
        results[index] = await work(tasks[index] as Task, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(options.limit, tasks.length) }, runWorker),
  );
  const rejected = settled.find((outcome) => outcome.status === 'rejected');
  if (rejected !== undefined) throw rejected.reason;
  return results;
}
