import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  constants,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TarPart } from './template-tar.js';
import { extractTemplate, readTarEntries, readTarStream } from './template-tar.js';

interface Member {
  name: string;
  type?: string;
  content?: string | Buffer;
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
  return withChecksum(block);
}

/** Writes the header's checksum field: the byte sum with the field itself counted as eight spaces. */
function withChecksum(block: Buffer): Buffer {
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
    const content =
      typeof member.content === 'string' ? Buffer.from(member.content) : (member.content ?? Buffer.alloc(0));
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

/** `archive` as the chunks a stream would hand over: `size` bytes each, or cut at the given offsets. */
function chunksOf(archive: Uint8Array, cuts: number | readonly number[]): AsyncIterable<Uint8Array> {
  const ends =
    typeof cuts === 'number'
      ? Array.from({ length: Math.ceil(archive.length / cuts) }, (_, index) => (index + 1) * cuts)
      : [...cuts, archive.length];
  const starts = [0, ...ends];
  return Readable.from(
    ends.map((end, index) => archive.subarray(starts[index], Math.min(end, archive.length))),
  );
}

/**
 * The streamed parts put back together as readTarEntries gives them, checking their order on the way (with plain
 * throws: `expect` is too slow for the thousands of calls below).
 */
async function entriesOf(
  parts: AsyncIterable<TarPart>,
): Promise<{ path: string; kind: string; data: Buffer }[]> {
  const entries: { path: string; kind: string; data: Buffer }[] = [];
  let open: { path: string; size: number; pieces: Uint8Array[] } | undefined;
  const outOfOrder = (part: TarPart) => new Error(`part ${JSON.stringify(part)} out of order`);
  for await (const part of parts) {
    if (part.kind === 'data') {
      if (open === undefined) throw outOfOrder(part);
      open.pieces.push(part.bytes);
    } else if (part.kind === 'file-end') {
      const data = Buffer.concat(open?.pieces ?? []);
      if (open === undefined || data.length !== open.size) throw outOfOrder(part);
      entries.push({ path: open.path, kind: 'file', data });
      open = undefined;
    } else if (open !== undefined) throw outOfOrder(part);
    else if (part.kind === 'folder') entries.push({ path: part.path, kind: 'folder', data: Buffer.alloc(0) });
    else open = { path: part.path, size: part.size, pieces: [] };
  }
  if (open !== undefined) throw new Error(`no file-end for ${open.path}`);
  return entries;
}

function messageOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error thrown');
}

/** Sizes around the block size, so that headers, data and padding each start and end at every kind of offset. */
const awkward = tar([
  { name: '/PG_VERSION', content: '17\n' },
  { name: '/base', type: '5' },
  { name: '1/112', prefix: '/base', content: 'a'.repeat(511) },
  { name: '/empty', content: '' },
  { name: '/block', content: 'b'.repeat(512) },
  { name: '/more', content: 'c'.repeat(513) },
  { name: '/pg_wal', type: '5' },
  { name: '/pg_wal/segment', content: 'd'.repeat(1500) },
]);

describe('readTarStream', () => {
  const whole = readTarEntries(awkward).map(({ path, kind, data }) => ({
    path,
    kind,
    data: Buffer.from(data),
  }));
  /** One string per entry list, so that thousands of comparisons stay fast. */
  const summaryOf = (entries: readonly { path: string; kind: string; data: Buffer }[]): string =>
    entries.map(({ path, kind, data }) => `${kind} ${path} ${data.toString('base64')}`).join('\n');

  it('reads what readTarEntries reads, however the chunks split headers, data and padding', async () => {
    expect(whole).toHaveLength(8);
    const expected = summaryOf(whole);
    for (const size of [1, 3, 100, 511, 512, 513, 1031, awkward.length]) {
      expect(summaryOf(await entriesOf(readTarStream(chunksOf(awkward, size))))).toBe(expected);
    }
    // Two chunks, cut at every offset of the first header and the data and padding after it, at every offset
    // within two bytes of a later block boundary, and every 61 bytes in between.
    const cuts = Array.from({ length: awkward.length - 1 }, (_, index) => index + 1).filter(
      (cut) => cut < 1100 || cut % 512 <= 2 || cut % 512 >= 510 || cut % 61 === 0,
    );
    expect(cuts.length).toBeGreaterThan(1100);
    for (const cut of cuts) {
      expect(summaryOf(await entriesOf(readTarStream(chunksOf(awkward, [cut]))))).toBe(expected);
    }
  });

  it('hands file bytes on as views of the chunks as they arrive, never gathering a file', async () => {
    const chunk = 64 * 1024;
    const content = randomBytes(3 * 1024 * 1024 + 17);
    const archive = tar([{ name: 'pg_wal/000000010000000000000001', content }]);
    let pulled = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const piece of chunksOf(archive, chunk)) {
        pulled += piece.length;
        yield piece;
      }
    }
    let handed = 512;
    const pieces: Buffer[] = [];
    for await (const part of readTarStream(counted())) {
      if (part.kind !== 'data') continue;
      handed += part.bytes.length;
      pieces.push(Buffer.from(part.bytes));
      expect(part.bytes.length).toBeLessThanOrEqual(chunk);
      // Nothing read ahead beyond the chunk these bytes come from.
      expect(pulled - handed).toBeLessThan(chunk);
    }
    expect(pieces.length).toBeGreaterThanOrEqual(content.length / chunk);
    expect(Buffer.concat(pieces).equals(content)).toBe(true);
  });

  it('refuses a damaged archive with the error readTarEntries gives, at any chunk size', async () => {
    const good = tar([
      { name: 'PG_VERSION', content: '17\n' },
      { name: 'a', content: 'y'.repeat(2000) },
    ]);
    const badChecksum = Buffer.from(good);
    badChecksum[1024] = 'b'.charCodeAt(0);
    const badSize = tar([{ name: 'a', content: 'x' }]);
    withChecksum(badSize.subarray(0, 512).fill(0x39, 124, 135));
    const damaged = [
      badChecksum,
      badSize,
      good.subarray(0, 1024 + 512 + 1000),
      good.subarray(0, 1024 + 512 + 2048),
      good.subarray(0, 1024 + 512 + 2048 + 300),
      tar([{ name: '../escape', content: 'x' }]),
      tar([
        { name: 'ok', content: 'x' },
        { name: '/a/../../b', content: 'x' },
      ]),
      tar([{ name: 'link', type: '2' }]),
      tar([{ name: 'pax', type: 'x', content: 'k=v' }]),
    ];
    const messages = damaged.map((archive) => messageOf(() => readTarEntries(archive)));
    expect(messages).toEqual([
      'tar header at byte 1024: the checksum does not match',
      'tar header: size is not an octal number',
      'tar entry "a" is truncated',
      'the tar archive ends without its end-of-archive blocks',
      'the tar archive ends without its end-of-archive blocks',
      expect.stringMatching(/not a path inside/),
      'tar entry "/a/../../b" is not a path inside the archive',
      'tar entry "link" has type "2", not a file or a folder',
      'tar entry "pax" has type "x", not a file or a folder',
    ]);
    for (const [index, archive] of damaged.entries()) {
      for (const size of [1, 7, 512, archive.length]) {
        await expect(entriesOf(readTarStream(chunksOf(archive, size)))).rejects.toThrow(messages[index]);
      }
    }
  });

  it('reads its chunks to the end, past the end-of-archive blocks (gunzip checks its CRC there)', async () => {
    let finished = false;
    async function* withTrailer(): AsyncGenerator<Uint8Array> {
      yield* chunksOf(awkward, 1000);
      yield Buffer.from('anything after the end is not read as entries');
      finished = true;
    }
    expect(await entriesOf(readTarStream(withTrailer()))).toEqual(whole);
    expect(finished).toBe(true);
  });
});

/** The files this process has open under `folder` (none known where there is no /proc). */
function openFilesUnder(folder: string): string[] {
  if (!existsSync('/proc/self/fd')) return [];
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(folder));
}

/** The built template, when `npm run build` has made it. */
const builtTemplate = fileURLToPath(new URL('../../dist/pglite-template.tar.gz', import.meta.url));

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

  it('writes files larger than it keeps in memory chunk by chunk, byte for byte', async () => {
    const made = mkdtempSync(join(tmpdir(), 'steward-tar-'));
    folder = made;
    // Random bytes do not compress, so gunzip's chunks end at odd offsets of the archive.
    const contents = [0, 1, 8192, 256 * 1024, 256 * 1024 + 1, 3 * 1024 * 1024 + 17].map((size) =>
      randomBytes(size),
    );
    const tarball = join(made, 'template.tar.gz');
    const members = contents.map((content, index) => ({ name: `base/1/${index}`, content }));
    writeFileSync(
      tarball,
      gzipSync(tar([{ name: 'PG_VERSION', content: '17\n' }, ...members]), { level: 1 }),
    );
    await extractTemplate(tarball, join(made, 'db'));
    const written = contents.map((_, index) => readFileSync(join(made, 'db', 'base', '1', String(index))));
    expect(written.map((data, index) => data.equals(contents[index] ?? Buffer.alloc(0)))).toEqual(
      contents.map(() => true),
    );
  });

  it.skipIf(process.platform !== 'linux')(
    'writes a large file while its archive is still arriving',
    async () => {
      const made = mkdtempSync(join(tmpdir(), 'steward-tar-'));
      folder = made;
      const content = randomBytes(3 * 1024 * 1024);
      const members = [
        { name: 'PG_VERSION', content: '17\n' },
        { name: 'pg_wal/segment', content },
      ];
      const gzipped = gzipSync(tar(members), { level: 1 });
      // A named pipe: the tarball's second half is sent only once the file holds much of the first.
      const tarball = join(made, 'template.tar.gz');
      execFileSync('mkfifo', [tarball]);
      const extracting = extractTemplate(tarball, join(made, 'db'));
      // Awaited below; this only keeps a failure from being reported as unhandled while the test waits.
      extracting.catch(() => undefined);
      const sender = createWriteStream(tarball);
      // A reader that stopped early makes the writes fail (EPIPE): what counts is what extractTemplate does.
      sender.on('error', () => undefined);
      const segment = join(made, 'db', 'pg_wal', 'segment');
      try {
        sender.write(gzipped.subarray(0, gzipped.length / 2));
        await vi.waitFor(() => expect(statSync(segment).size).toBeGreaterThan(content.length / 3), {
          timeout: 10_000,
        });
      } finally {
        // Sent even when the wait failed, so that the reader sees the end and nothing stays blocked on the pipe.
        sender.end(gzipped.subarray(gzipped.length / 2));
      }
      await extracting;
      expect(readFileSync(segment).equals(content)).toBe(true);
    },
  );

  it('throws on a damaged archive with no file left open, and removes the folder it made', async () => {
    const made = mkdtempSync(join(tmpdir(), 'steward-tar-'));
    folder = made;
    const archive = tar([
      { name: 'PG_VERSION', content: '17\n' },
      ...Array.from({ length: 40 }, (_, index) => ({ name: `base/5/${index}`, content: randomBytes(8192) })),
      { name: 'pg_wal/segment', content: randomBytes(2 * 1024 * 1024) },
      { name: 'global/pg_control', content: randomBytes(8192) },
    ]);
    // Early in the archive: the unpacking stops while gunzip still has most of it to give.
    const badChecksum = Buffer.from(archive);
    badChecksum.write('X', 1024 + 3 * (512 + 8192), 'ascii');
    const badCrc = gzipSync(archive);
    badCrc.writeUInt32LE((badCrc.readUInt32LE(badCrc.length - 8) + 1) % 2 ** 32, badCrc.length - 8);
    const cases: [Buffer, RegExp][] = [
      [gzipSync(archive.subarray(0, 512 * 100)), /"base\/5\/5" is truncated/],
      [
        gzipSync(archive.subarray(0, archive.length - 1024 - 8192 - 512 - 100_000)),
        /"pg_wal\/segment" is truncated/,
      ],
      [gzipSync(badChecksum), /^tar header at byte 27136: the checksum does not match$/],
      [badCrc, /incorrect data check/],
      [gzipSync(archive).subarray(0, 200_000), /unexpected end of file/],
      // Right after the largest small files go out: their writes are in flight when the unpacking stops.
      [
        gzipSync(
          tar([
            { name: 'PG_VERSION', content: '17\n' },
            ...Array.from({ length: 16 }, (_, index) => ({
              name: `base/6/${index}`,
              content: randomBytes(256 * 1024),
            })),
            { name: '../escape', content: 'x' },
          ]),
        ),
        /"..\/escape" is not a path inside/,
      ],
    ];
    for (const [bytes, error] of cases) {
      const tarball = join(made, 'damaged.tar.gz');
      writeFileSync(tarball, bytes);
      await expect(extractTemplate(tarball, join(made, 'db', 'staging'))).rejects.toThrow(error);
      expect(openFilesUnder(made)).toEqual([]);
      expect(readdirSync(made)).toEqual(['damaged.tar.gz']);
    }
  });

  it.skipIf(process.platform !== 'linux')('throws only once the writes in flight have ended', async () => {
    const made = mkdtempSync(join(tmpdir(), 'steward-tar-'));
    folder = made;
    // A named pipe where the archive has a file: writing it waits until the pipe is read.
    mkdirSync(join(made, 'db'));
    const pipe = join(made, 'db', 'PG_VERSION');
    execFileSync('mkfifo', [pipe]);
    const tarball = join(made, 'template.tar.gz');
    const members = [
      { name: 'PG_VERSION', content: '17\n' },
      { name: '../escape', content: 'x' },
    ];
    writeFileSync(tarball, gzipSync(tar(members)));
    let settled = false;
    const extracting = extractTemplate(tarball, join(made, 'db')).finally(() => {
      settled = true;
    });
    extracting.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const settledWhileWriting = settled;
    // Opening the pipe to read lets the write go on. Opened non-blocking, so that nothing waits forever on a pipe
    // that no writer opens (a thread-pool thread blocked there would keep the test process from ending).
    const reader = await open(pipe, constants.O_RDONLY | constants.O_NONBLOCK);
    let written: string;
    try {
      await expect(extracting).rejects.toThrow(/not a path inside/);
      const { buffer, bytesRead } = await reader.read(Buffer.alloc(16), 0, 16, null);
      written = buffer.subarray(0, bytesRead).toString();
    } finally {
      await reader.close();
    }
    expect(settledWhileWriting).toBe(false);
    expect(written).toBe('17\n');
  });

  it('throws when a file cannot be written, small or large, after the writes in flight end', async () => {
    const made = mkdtempSync(join(tmpdir(), 'steward-tar-'));
    folder = made;
    // A file where the archive already made a folder of that name cannot be written.
    for (const content of [Buffer.from('x'), randomBytes(300 * 1024)]) {
      const tarball = join(made, 'clash.tar.gz');
      const members = [
        { name: 'PG_VERSION', content: '17\n' },
        { name: 'base', type: '5' },
        ...Array.from({ length: 40 }, (_, index) => ({ name: `base/${index}`, content: 'x' })),
        { name: 'base', content },
        ...Array.from({ length: 40 }, (_, index) => ({ name: `global/${index}`, content: 'y' })),
      ];
      writeFileSync(tarball, gzipSync(tar(members)));
      await expect(extractTemplate(tarball, join(made, 'db'))).rejects.toThrow(/EISDIR/);
      expect(openFilesUnder(made)).toEqual([]);
      expect(readdirSync(made)).toEqual(['clash.tar.gz']);
    }
  });

  it.skipIf(!existsSync(builtTemplate))(
    'unpacks the built template to the same bytes as reading it whole',
    async () => {
      const made = mkdtempSync(join(tmpdir(), 'steward-tar-'));
      folder = made;
      // A copy: a build running alongside may rewrite dist/ meanwhile.
      const tarball = join(made, 'template.tar.gz');
      writeFileSync(tarball, readFileSync(builtTemplate));
      const entries = readTarEntries(gunzipSync(readFileSync(tarball)));
      await extractTemplate(tarball, join(made, 'db'));
      const written = readdirSync(join(made, 'db'), { recursive: true, encoding: 'utf8' }).map((path) =>
        path.split(sep).join('/'),
      );
      expect(written.sort()).toEqual(entries.map((entry) => entry.path).sort());
      const differing = entries.filter((entry) => {
        const target = join(made, 'db', entry.path);
        return entry.kind === 'folder'
          ? !statSync(target).isDirectory()
          : !readFileSync(target).equals(entry.data);
      });
      expect(differing.map((entry) => entry.path)).toEqual([]);
      expect(entries.length).toBeGreaterThan(1000);
    },
  );
});
