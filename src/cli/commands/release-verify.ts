import { resolve } from 'node:path';
import { verifyRelease } from '../../release/verify-release.js';
import type { CommandResult } from '../io.js';
import type { releaseVerifySpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import { RELEASE_SCHEMA_VERSION } from './release-shared.js';

/** `steward release verify`: every file against the manifest's sha256; exit 1 naming each file that differs. */
export function releaseVerifyCommand(
  options: CommandInput<typeof releaseVerifySpec>,
): Promise<CommandResult> {
  const dir = resolve(options.io.cwd, options.dir);
  const result = verifyRelease(dir);
  const failed = result.files.filter((file) => file.status !== 'ok');
  const describe = (file: (typeof result.files)[number]): string => {
    switch (file.status) {
      case 'ok':
        return `ok        ${file.path}`;
      case 'mismatch':
        return `MISMATCH  ${file.path}: sha256 ${file.actual}, manifest says ${file.expected}`;
      case 'missing':
        return `MISSING   ${file.path}`;
      case 'unlisted':
        return `UNLISTED  ${file.path}: not in the manifest`;
    }
  };
  const text = [
    ...result.files.map(describe),
    result.ok
      ? `release ${result.version} at ${dir}: all ${result.files.length} files match the manifest`
      : `release ${result.version} at ${dir}: ${failed.length} file${failed.length === 1 ? '' : 's'} do not match: ${failed.map((file) => file.path).join(', ')}`,
  ].join('\n');
  return Promise.resolve({
    text,
    json: { schemaVersion: RELEASE_SCHEMA_VERSION, dir, ...result },
    ...(result.ok ? {} : { exitCode: 1 }),
  });
}
