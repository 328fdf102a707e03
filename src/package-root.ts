import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'steward';

let root: string | undefined;

function isStewardPackage(folder: string): boolean {
  const manifest = join(folder, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/**
 * The folder holding Steward's package.json, found by walking up from this module. Files that ship beside the code
 * (package.json itself, the database template and the web app in dist/) are found from here rather than by a fixed
 * number of `../` from each module, which would differ between the sources (tsx), dist/ and the bundled CLI
 * (dist/cli-bundle/, one folder for every module).
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!isStewardPackage(folder)) {
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error(`no package.json named "${PACKAGE_NAME}" above ${import.meta.url}`);
    folder = parent;
  }
  root = folder;
  return root;
}

/** A path inside the package root, e.g. `packagePath('dist', 'web')`. */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
