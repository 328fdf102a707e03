import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { extractTemplate, readTarEntries } from './template-tar.js';

interface Member {
  name: string;
  type?: string;
  content?: string;
  prefix?: string;
}

/** A ustar header block written from the format's field table (POSIX pax / ustar), not from any library. */
function header({ name, type = '0', content = '', prefix = '' }: Member): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100, 'ascii');
  block.write('0000000\0', 108, 'ascii');
  block.write('0000000\0', 116, 'ascii');
  block.write(`${Buffer.byteLength(content).toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  block.write('00000000000\0', 136, 'ascii');
  block.write(type, 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

function tar(members: readonly Member[]): Buffer {
  const parts: Buffer[] = [];
  for (const member of members) {
    parts.push(header(member));
    const content = Buffer.from(member.content ?? '');
    parts.push(content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

describe('readTarEntries', () => {
  it('reads folders and files, with leading slashes and the prefix field', () => {
    const entries = readTarEntries(
      tar([
        { name: '/PG_VERSION', content: '17\n' },
        { name: '/base', type: '5' },
        { name: '1/112', prefix: '/base', content: 'x'.repeat(700) },
        { name: '/empty', content: '' },
      ]),
    );
    expect(entries.map(({ path, kind, data }) => [path, kind, data.length])).toEqual([
      ['PG_VERSION', 'file', 3],
      ['base', 'folder', 0],
      ['base/1/112', 'file', 700],
      ['empty', 'file', 0],
    ]);
    expect(Buffer.from(entries[0]?.data ?? []).toString()).toBe('17\n');
  });

  it('refuses what a database dump never holds', () => {
    expect(() => readTarEntries(tar([{ name: '../escape', content: 'x' }]))).toThrow(/not a path inside/);
    expect(() => readTarEntries(tar([{ name: '/a/../../b', content: 'x' }]))).toThrow(/not a path inside/);
    expect(() => readTarEntries(tar([{ name: 'link', type: '2' }]))).toThrow(/type "2", not a file/);
    expect(() => readTarEntries(tar([{ name: 'pax', type: 'x', content: 'k=v' }]))).toThrow(/type "x"/);
  });

  it('refuses a damaged archive: a bad checksum, a truncated file, a missing end', () => {
    const damaged = tar([{ name: 'a', content: 'hello' }]);
    damaged[0] = 'b'.charCodeAt(0);
    expect(() => readTarEntries(damaged)).toThrow(/checksum does not match/);
    const whole = tar([{ name: 'a', content: 'y'.repeat(2000) }]);
    expect(() => readTarEntries(whole.subarray(0, 1024))).toThrow(/truncated/);
    expect(() => readTarEntries(whole.subarray(0, 512 + 2048))).toThrow(/end-of-archive/);
  });
});

describe('extractTemplate', () => {
  let folder: string | undefined;
  afterEach(() => {
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it('unpacks a gzipped database folder', async () => {
    folder = mkdtempSync(join(tmpdir(), 'steward-tar-'));
    const tarball = join(folder, 'template.tar.gz');
    writeFileSync(
      tarball,
      gzipSync(
        tar([
          { name: '/PG_VERSION', content: '17\n' },
          { name: '/base/1/112', content: 'page' },
          { name: '/pg_wal', type: '5' },
          ...Array.from({ length: 40 }, (_, index) => ({
            name: `/base/5/${index}`,
            content: `file ${index}`,
          })),
        ]),
      ),
    );
    await extractTemplate(tarball, join(folder, 'db'));
    expect(readdirSync(join(folder, 'db')).sort()).toEqual(['PG_VERSION', 'base', 'pg_wal']);
    expect(readFileSync(join(folder, 'db', 'base', '1', '112'), 'utf8')).toBe('page');
    // More files than are written at once: every one is there, with its own content.
    const written = readdirSync(join(folder, 'db', 'base', '5'));
    expect(written).toHaveLength(40);
    expect(
      written.every(
        (name) => readFileSync(join(folder ?? '', 'db', 'base', '5', name), 'utf8') === `file ${name}`,
      ),
    ).toBe(true);
  });

  it('refuses a tarball that is not a database folder, or not gzip', async () => {
    const made = mkdtempSync(join(tmpdir(), 'steward-tar-'));
    folder = made;
    const notDatabase = join(made, 'other.tar.gz');
    writeFileSync(notDatabase, gzipSync(tar([{ name: 'readme', content: 'hi' }])));
    await expect(extractTemplate(notDatabase, join(made, 'a'))).rejects.toThrow(/no PG_VERSION/);
    const notGzip = join(made, 'plain.tar.gz');
    writeFileSync(notGzip, tar([{ name: 'PG_VERSION', content: '17' }]));
    await expect(extractTemplate(notGzip, join(made, 'b'))).rejects.toThrow();
    expect(readdirSync(made).sort()).toEqual(['other.tar.gz', 'plain.tar.gz']);
  });
});
