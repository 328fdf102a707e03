import { BaseSequencer } from 'vitest/node';
import type { TestSpecification } from 'vitest/node';

/**
 * vitest's order (failed files first, then the longest by the durations of the last run), with the `*.slow.test.ts`
 * files ahead of the rest. A fresh clone has no durations, and vitest then starts the largest files first, which
 * left a 16 s child-process test to start 100 s into a 120 s suite; started first, the slow files overlap with the
 * many short ones instead of ending the run.
 */
export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const isSlow = (file: TestSpecification) => file.moduleId.endsWith('.slow.test.ts');
    return [...ordered.filter(isSlow), ...ordered.filter((file) => !isSlow(file))];
  }
}
