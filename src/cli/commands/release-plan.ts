import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import type { releasePlanSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import {
  RELEASE_SCHEMA_VERSION,
  formatReleaseChanges,
  formatReleaseCounts,
  planReleaseFromStore,
  toPlanJson,
} from './release-shared.js';

/** `steward release plan`: what a release would contain and why, without writing anything. */
export async function releasePlanCommand(
  options: CommandInput<typeof releasePlanSpec> & { now?: () => Date },
): Promise<CommandResult> {
  const store = await openCliStore(options.io, options.db, true);
  try {
    const plan = await planReleaseFromStore(store, options.io, {
      version: options.version,
      from: options.from,
      policy: options.policy,
      dataset: options.dataset,
      now: (options.now ?? (() => new Date()))(),
    });
    const text = [
      `release ${plan.version} of ${plan.dataset.source} (plan only: nothing written)`,
      ...plan.problems.map((problem) => `problem: ${problem}`),
      '',
      formatReleaseCounts(plan),
      '',
      'changes:',
      formatReleaseChanges(plan),
      '',
      plan.changelogEntry,
    ].join('\n');
    return {
      text,
      json: { schemaVersion: RELEASE_SCHEMA_VERSION, ...toPlanJson(plan) },
      ...(plan.problems.length > 0 ? { exitCode: 1 } : {}),
    };
  } finally {
    await store.close();
  }
}
