import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { writePartsAtomically } from './output-file.js';

const folder = mkdtempSync(join(tmpdir(), 'steward-output-file-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('writePartsAtomically', () => {
  it('writes the parts one after another, multi-byte text included', () => {
    const path = join(folder, 'report.html');
    const parts = ['<p>', 'CHA₂DS₂-VASc ≥ 2', '', '\u2028 ', 'é'.repeat(100_000), '</p>'];
    writePartsAtomically(path, parts);
    expect(readFileSync(path, 'utf8')).toBe(parts.join(''));
    expect(readdirSync(folder)).toEqual(['report.html']);
  });

  it('keeps the old file and leaves no temporary file when rendering fails midway', () => {
    const path = join(folder, 'kept.html');
    writeFileSync(path, 'the old report');
    function* failing(): Generator<string> {
      yield 'half a ';
      throw new Error('rendering failed');
    }
    expect(() => writePartsAtomically(path, failing())).toThrow(AppError);
    expect(readFileSync(path, 'utf8')).toBe('the old report');
    expect(readdirSync(folder).filter((name) => name.startsWith('kept.html'))).toEqual(['kept.html']);
  });
});
