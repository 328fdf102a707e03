import { createReadStream } from 'node:fs';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/**
 * The embedded database's template (`dist/pglite-template.tar.gz`, written by `npm run build` with PGlite's
 * `dumpDataDir`) is a gzipped ustar archive of folders and regular files. Unpacking it with Node's own file calls
 * takes a fraction of the time of handing it to PGlite (`loadDataDir` writes every file through the WebAssembly
 * file system and then starts a database that Steward would close and start again in the real folder).
 *
 * Only what such a dump holds is accepted: regular files and folders, relative paths with no `..`. Anything else
 * (links, devices, extended headers, a bad checksum, a truncated file) throws, and the caller falls back to initdb.
 */
export interface TarEntry {
  /** The path inside the archive, relative, with `/` separators. */
  path: string;
  kind: 'file' | 'folder';
  data: Uint8Array;
}

const BLOCK = 512;

/** A header field: its byte offset and length, and its name for errors. */
interface Field {
  name: string;
  offset: number;
  length: number;
}

const NAME: Field = { name: 'name', offset: 0, length: 100 };
const SIZE: Field = { name: 'size', offset: 124, length: 12 };
const CHECKSUM: Field = { name: 'checksum', offset: 148, length: 8 };
const TYPE_OFFSET = 156;
const PREFIX: Field = { name: 'prefix', offset: 345, length: 155 };

function readText(header: Uint8Array, { offset, length }: Field): string {
  const field = header.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString('utf8');
}

function readOctal(header: Uint8Array, field: Field): number {
  const text = readText(header, field).trim();
  if (!/^[0-7]+$/.test(text)) throw new Error(`tar header: ${field.name} is not an octal number`);
  return Number.parseInt(text, 8);
}

/** The header checksum: the byte sum with the checksum field itself read as eight spaces. */
function checksumOf(header: Uint8Array): number {
  let sum = 0;
  const { offset, length } = CHECKSUM;
  for (let index = 0; index < BLOCK; index++) {
    sum += index >= offset && index < offset + length ? 0x20 : (header[index] ?? 0);
  }
  return sum;
}

function safePath(name: string): string {
  const parts = name.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts.some((part) => part === '..')) {
    throw new Error(`tar entry "${name}" is not a path inside the archive`);
  }
  return parts.join('/');
}

interface TarHeader {
  path: string;
  kind: 'file' | 'folder';
  /** The bytes that follow the header, before the padding to a whole block. */
  size: number;
}

/** The entry the header block at archive byte `offset` describes, or undefined for an end-of-archive block. */
function parseHeader(header: Uint8Array, offset: number): TarHeader | undefined {
  if (header.every((byte) => byte === 0)) return undefined;
  if (readOctal(header, CHECKSUM) !== checksumOf(header)) {
    throw new Error(`tar header at byte ${offset}: the checksum does not match`);
  }
  const prefix = readText(header, PREFIX);
  const name = readText(header, NAME);
  const path = safePath(prefix === '' ? name : `${prefix}/${name}`);
  const size = readOctal(header, SIZE);
  const type = String.fromCharCode(header[TYPE_OFFSET] ?? 0);
  if (type === '5') return { path, kind: 'folder', size };
  if (type === '0' || type === '\0') return { path, kind: 'file', size };
  throw new Error(`tar entry "${path}" has type "${type}", not a file or a folder`);
}

function paddedToBlock(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

const truncated = (path: string) => new Error(`tar entry "${path}" is truncated`);
const endless = () => new Error('the tar archive ends without its end-of-archive blocks');

/** The entries of an uncompressed ustar archive, in order (see the module comment for what is accepted). */
export function readTarEntries(archive: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const header = parseHeader(archive.subarray(offset, offset + BLOCK), offset);
    if (header === undefined) return entries;
    const { path, kind, size } = header;
    const start = offset + BLOCK;
    if (kind === 'folder') entries.push({ path, kind, data: new Uint8Array(0) });
    else {
      if (start + size > archive.length) throw truncated(path);
      entries.push({ path, kind, data: archive.subarray(start, start + size) });
    }
    offset = start + paddedToBlock(size);
  }
  throw endless();
}

/** A streamed archive, in order: a folder; or a file's start, its bytes in zero or more parts, and its end. */
export type TarPart =
  | { kind: 'folder'; path: string }
  | { kind: 'file'; path: string; size: number }
  | { kind: 'data'; bytes: Uint8Array }
  | { kind: 'file-end' };

/**
 * The parts of an uncompressed ustar archive that arrives as `chunks` of any sizes, each handed on as soon as its
 * bytes are there. A header split across chunks is gathered in one 512-byte block; a file's bytes are handed on as
 * views of the chunks (which the source must not reuse), never gathered, so the whole archive is never in memory.
 * Accepts and refuses what {@link readTarEntries} does, with the same errors. Reads `chunks` to the end even after
 * the end-of-archive block (gunzip checks the archive's CRC only there).
 */
export async function* readTarStream(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<TarPart> {
  const header = new Uint8Array(BLOCK);
  let headerFilled = 0;
  let path = '';
  let fileLeft = 0;
  // The padding after a file, or a folder's data: passed over.
  let skipLeft = 0;
  let chunkOffset = 0;
  let ended = false;
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length && !ended;) {
      const available = chunk.length - at;
      if (fileLeft > 0) {
        const bytes = chunk.subarray(at, at + Math.min(fileLeft, available));
        at += bytes.length;
        fileLeft -= bytes.length;
        yield { kind: 'data', bytes };
        if (fileLeft === 0) yield { kind: 'file-end' };
      } else if (skipLeft > 0) {
        const skipped = Math.min(skipLeft, available);
        at += skipped;
        skipLeft -= skipped;
      } else {
        const piece = chunk.subarray(at, at + Math.min(BLOCK - headerFilled, available));
        header.set(piece, headerFilled);
        at += piece.length;
        headerFilled += piece.length;
        if (headerFilled < BLOCK) continue;
        headerFilled = 0;
        const entry = parseHeader(header, chunkOffset + at - BLOCK);
        if (entry === undefined) {
          ended = true;
          continue;
        }
        path = entry.path;
        skipLeft = paddedToBlock(entry.size);
        if (entry.kind === 'folder') {
          yield { kind: 'folder', path };
          continue;
        }
        fileLeft = entry.size;
        skipLeft -= entry.size;
        yield { kind: 'file', path, size: entry.size };
        if (fileLeft === 0) yield { kind: 'file-end' };
      }
    }
    chunkOffset += chunk.length;
  }
  if (ended) return;
  throw fileLeft > 0 ? truncated(path) : endless();
}

/**
 * How many files are written at once. Creating a file costs a journal update; on a slow virtual disk (0.7 ms a
 * file here) the ~1,000 files of a data folder take 0.7–1.2 s one by one and about a third of that 16 at a time.
 */
const PARALLEL_WRITES = 16;

/**
 * The largest file gathered (as views of the gunzipped chunks it lies in) and written in one call, alongside
 * others. Larger ones (the 16 MB WAL segment, a few catalog files) are written chunk by chunk as they arrive, so
 * at most about PARALLEL_WRITES × (this + a chunk) of the archive, 6 MB, waits in memory, and usually far less:
 * the whole archive in one buffer (41 MB) left 25–30 MB of malloc heap resident for the rest of the process.
 */
const SMALL_FILE_BYTES = 256 * 1024;

/**
 * The size of gunzip's output chunks. Each one is a round trip through libuv's thread pool, whose four threads also
 * run the file writes: with zlib's default of 16 KB (2,600 chunks for the template) unpacking it took 1.6 times the
 * CPU time and twice the wall time of 128 KB chunks on a tmpfs.
 */
const GUNZIP_CHUNK_BYTES = 128 * 1024;

/** Writes of whole small files, at most `limit` in flight; a failed write is thrown by the next `add` or `finish`. */
class ParallelWrites {
  readonly #limit: number;
  readonly #inFlight = new Set<Promise<void>>();
  #failure: { error: unknown } | undefined;

  constructor(limit: number) {
    this.#limit = limit;
  }

  async add(path: string, data: readonly Uint8Array[]): Promise<void> {
    this.#throwFailure();
    while (this.#inFlight.size >= this.#limit) {
      await Promise.race(this.#inFlight);
      this.#throwFailure();
    }
    // Never rejects (the failure is kept instead), so no write is left with an unhandled rejection.
    const write: Promise<void> = writeFile(path, data).then(
      () => {
        this.#inFlight.delete(write);
      },
      (error: unknown) => {
        this.#failure ??= { error };
        this.#inFlight.delete(write);
      },
    );
    this.#inFlight.add(write);
  }

  /** Waits for every write in flight; never throws. */
  async settle(): Promise<void> {
    await Promise.all(this.#inFlight);
  }

  async finish(): Promise<void> {
    await this.settle();
    this.#throwFailure();
  }

  #throwFailure(): void {
    if (this.#failure !== undefined) throw this.#failure.error;
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let written = 0; written < bytes.length;) {
    written += (await handle.write(bytes, written)).bytesWritten;
  }
}

/** Writes the entries of the archive in `chunks` under `folder` as they arrive; returns the files' paths. */
async function writeTar(chunks: AsyncIterable<Uint8Array>, folder: string): Promise<string[]> {
  const files: string[] = [];
  const madeFolders = new Set<string>();
  const makeFolder = async (target: string): Promise<void> => {
    if (madeFolders.has(target)) return;
    await mkdir(target, { recursive: true });
    madeFolders.add(target);
  };
  const writes = new ParallelWrites(PARALLEL_WRITES);
  let small: { target: string; pieces: Uint8Array[] } | undefined;
  let large: FileHandle | undefined;
  try {
    for await (const part of readTarStream(chunks)) {
      switch (part.kind) {
        case 'folder':
          await makeFolder(join(folder, part.path));
          break;
        case 'file': {
          const target = join(folder, part.path);
          await makeFolder(dirname(target));
          files.push(part.path);
          if (part.size > SMALL_FILE_BYTES) large = await open(target, 'w');
          else small = { target, pieces: [] };
          break;
        }
        case 'data':
          if (large !== undefined) await writeAll(large, part.bytes);
          else small?.pieces.push(part.bytes);
          break;
        case 'file-end':
          if (large !== undefined) {
            const handle = large;
            large = undefined;
            await handle.close();
          } else if (small !== undefined) {
            await writes.add(small.target, small.pieces);
            small = undefined;
          }
      }
    }
    await writes.finish();
  } finally {
    await writes.settle();
    await large?.close();
  }
  return files;
}

/**
 * Unpacks the gzipped template `tarball` into `folder` (created if needed), streaming: the archive is never held
 * whole. Throws on a damaged archive, with no file left open; what the call created is then removed again.
 */
export async function extractTemplate(tarball: string, folder: string): Promise<void> {
  const created = await mkdir(folder, { recursive: true });
  try {
    let unpacking: Promise<string[]> = Promise.resolve([]);
    const piping = pipeline(
      createReadStream(tarball),
      createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }),
      (chunks: AsyncIterable<Buffer>) => (unpacking = writeTar(chunks, folder)),
    );
    // writeTar's own error comes first. When it stops reading in mid-stream, the gunzip stream is destroyed, and
    // pipeline may reject with that stream's AbortError before writeTar has even closed its files.
    await piping.catch(() => undefined);
    const files = await unpacking;
    await piping;
    if (!files.includes('PG_VERSION')) {
      throw new Error('the template holds no PG_VERSION: it is not a database folder');
    }
  } catch (error) {
    if (created !== undefined) await rm(created, { recursive: true, force: true });
    throw error;
  }
}
