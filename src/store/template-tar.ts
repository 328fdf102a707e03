import { mkdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

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

/** The entries of an uncompressed ustar archive, in order (see the module comment for what is accepted). */
export function readTarEntries(archive: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return entries;
    if (readOctal(header, CHECKSUM) !== checksumOf(header)) {
      throw new Error(`tar header at byte ${offset}: the checksum does not match`);
    }
    const prefix = readText(header, PREFIX);
    const name = readText(header, NAME);
    const path = safePath(prefix === '' ? name : `${prefix}/${name}`);
    const size = readOctal(header, SIZE);
    const type = String.fromCharCode(header[TYPE_OFFSET] ?? 0);
    const start = offset + BLOCK;
    if (type === '5') entries.push({ path, kind: 'folder', data: new Uint8Array(0) });
    else if (type === '0' || type === '\0') {
      if (start + size > archive.length) throw new Error(`tar entry "${path}" is truncated`);
      entries.push({ path, kind: 'file', data: archive.subarray(start, start + size) });
    } else throw new Error(`tar entry "${path}" has type "${type}", not a file or a folder`);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new Error('the tar archive ends without its end-of-archive blocks');
}

/**
 * How many files are written at once. Creating a file costs a journal update; on a slow virtual disk (0.7 ms a
 * file here) the ~1,000 files of a data folder take 0.7–1.2 s one by one and about a third of that 16 at a time.
 */
const PARALLEL_WRITES = 16;

/** Unpacks the gzipped template `tarball` into `folder` (created if needed). Throws on a damaged archive. */
export async function extractTemplate(tarball: string, folder: string): Promise<void> {
  const entries = readTarEntries(gunzipSync(readFileSync(tarball)));
  if (!entries.some((entry) => entry.path === 'PG_VERSION' && entry.kind === 'file')) {
    throw new Error('the template holds no PG_VERSION: it is not a database folder');
  }
  mkdirSync(folder, { recursive: true });
  const files = entries.filter((entry) => entry.kind === 'file');
  for (const entry of entries) {
    const target = join(folder, entry.path);
    mkdirSync(entry.kind === 'folder' ? target : dirname(target), { recursive: true });
  }
  let next = 0;
  const writeRemaining = async (): Promise<void> => {
    for (let entry = files[next++]; entry !== undefined; entry = files[next++]) {
      await writeFile(join(folder, entry.path), entry.data);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_WRITES }, writeRemaining));
}
