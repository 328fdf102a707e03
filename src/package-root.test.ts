import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packagePath, packageRoot } from './package-root.js';

describe('packageRoot', () => {
  it('is the folder of Steward’s package.json, above this module', () => {
    const expected = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
    expect(packageRoot()).toBe(expected);
    const manifest = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { name: string };
    expect(manifest.name).toBe('steward');
    expect(packagePath('dist', 'web')).toBe(join(expected, 'dist', 'web'));
  });
});
