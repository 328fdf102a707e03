import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeRelease, checkReleaseFolder } from '../../release/write-release.js';
import { createReleaseExistsError, findRelease, recordRelease } from '../../store/releases.js';
import { SYSTEM_ACTOR } from '../../store/datasets.js';
import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import type { releasePublishSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import {
  RELEASE_SCHEMA_VERSION,
  formatReleaseCounts,
  planReleaseFromStore,
  requireSemver,
} from './release-shared.js';

/**
 * `steward release publish`: plans the release, writes its folder atomically, then records the version in the
 * store with a `release-published` event. A version already recorded, or a non-empty --out, is refused first.
 */
export async function releasePublishCommand(
  options: CommandInput<typeof releasePublishSpec> & { now?: () => Date },
): Promise<CommandResult> {
  requireSemver(options.version);
  const out = resolve(options.io.cwd, options.out);
  checkReleaseFolder(out);
  const store = await openCliStore(options.io, options.db, true);
  try {
    if ((await findRelease(store.db, options.version)) !== undefined)
      throw createReleaseExistsError(options.version);
    const now = (options.now ?? (() => new Date()))();
    const plan = await planReleaseFromStore(store, options.io, {
      version: options.version,
      from: options.from,
      policy: options.policy,
      dataset: options.dataset,
      now,
    });
    const manifest = writeRelease(plan, out);
    try {
      await recordRelease(store.db, {
        version: plan.version,
        manifest,
        dir: out,
        datasetId: plan.dataset.id,
        runId: plan.audit.runId,
        actor: SYSTEM_ACTOR,
        now,
      });
    } catch (error) {
      // Published by someone else meanwhile: the folder we just wrote is not a release.
      rmSync(out, { recursive: true, force: true });
      throw error;
    }
    return {
      text: [
        `published release ${plan.version} to ${out}`,
        `${plan.counts.changed} of ${plan.counts.items} labels changed; ${plan.counts.included} rows in test_data.csv`,
        '',
        formatReleaseCounts(plan),
        '',
        ...manifest.files.map((file) => `${file.sha256}  ${file.path}`),
      ].join('\n'),
      json: { schemaVersion: RELEASE_SCHEMA_VERSION, dir: out, manifest },
    };
  } finally {
    await store.close();
  }
}
