import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../app-error.js';
import { diffReleases } from '../../release/diff-release.js';
import type { RowChange } from '../../release/diff-release.js';
import {
  findReleaseSourceFile,
  readReleaseManifest,
  readReleaseSide,
  readSourceCsvSide,
} from '../../release/read-release.js';
import type { ReleaseSide } from '../../release/read-release.js';
import { formatTable } from '../io.js';
import type { CommandResult } from '../io.js';
import type { releaseDiffSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import { RELEASE_SCHEMA_VERSION } from './release-shared.js';

const SOURCE_NAMES = ['v1.0', 'source'];

/**
 * A side of the diff: a release folder, or `v1.0` = the source labels — the CSV given with --v1, else the file the
 * other release was built from (when it is still there, unchanged).
 */
function readSide(
  name: string,
  other: string,
  options: { cwd: string; v1: string | undefined },
): ReleaseSide {
  if (SOURCE_NAMES.includes(name)) {
    if (options.v1 !== undefined) return readSourceCsvSide(resolve(options.cwd, options.v1), name);
    if (SOURCE_NAMES.includes(other)) {
      throw new AppError('ARGUMENT_INVALID', 'at least one side of the diff must be a release folder', {
        fix: 'e.g. steward release diff v1.0 releases/1.1.0',
      });
    }
    const manifest = readReleaseManifest(resolve(options.cwd, other));
    const source = findReleaseSourceFile(manifest);
    if (source === undefined) {
      throw new AppError(
        'FILE_NOT_FOUND',
        `the file release ${manifest.version} was built from is gone or changed`,
        {
          fix: 'Give the v1.0 CSV with --v1 <csv>.',
        },
      );
    }
    return readSourceCsvSide(source, name);
  }
  const dir = resolve(options.cwd, name);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new AppError('FILE_NOT_FOUND', `${name} is not a release folder (nor v1.0)`, {
      fix: 'Give two release folders, or v1.0 and a release folder.',
    });
  }
  return readReleaseSide(dir);
}

function table(changes: readonly RowChange[]): string {
  return formatTable(
    ['id', 'calculator', 'from', 'to'],
    changes.map((change) => [
      change.id,
      change.calculatorName.slice(0, 40),
      change.from === null ? '–' : `${change.from.label} (${change.from.status})`,
      change.to === null ? '–' : `${change.to.label} (${change.to.status})`,
    ]),
  );
}

/** `steward release diff <a> <b>`: changed labels and status changes from a to b. */
export function releaseDiffCommand(options: CommandInput<typeof releaseDiffSpec>): Promise<CommandResult> {
  const settings = { cwd: options.io.cwd, v1: options.v1 };
  const from = readSide(options.from, options.to, settings);
  const to = readSide(options.to, options.from, settings);
  const diff = diffReleases(from, to);
  const sections = [
    `${diff.from} → ${diff.to}: ${diff.labelChanges.length} labels changed, ${diff.statusChanges.length} statuses changed (same label), ${diff.added.length} rows added, ${diff.removed.length} removed, ${diff.unchanged} unchanged`,
  ];
  if (diff.labelChanges.length > 0) sections.push('', 'changed labels:', table(diff.labelChanges));
  if (diff.statusChanges.length > 0) sections.push('', 'status changes:', table(diff.statusChanges));
  if (diff.added.length > 0) sections.push('', 'added rows:', table(diff.added));
  if (diff.removed.length > 0) sections.push('', 'removed rows:', table(diff.removed));
  return Promise.resolve({
    text: sections.join('\n'),
    json: { schemaVersion: RELEASE_SCHEMA_VERSION, ...diff },
  });
}
