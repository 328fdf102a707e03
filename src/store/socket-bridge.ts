import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/**
 * The embedded database shared over a Unix socket, so that other Steward processes use the open PGlite instead of
 * starting their own (PGlite allows one process per folder, and starting it costs 0.5–0.7 s and ~200 MB).
 *
 * The socket speaks the PostgreSQL wire protocol: clients connect with `pg`, as to a server. PGlite has one
 * session, so clients take turns **by transaction**: a client's messages run under PGlite's exclusive lock from
 * its first message until PGlite reports the session idle again (ReadyForQuery `I`); the host process's own
 * queries wait for the lock the same way. A client that goes away inside a transaction has it rolled back, and
 * every client's session state is discarded when it leaves (`DISCARD ALL`), so the next one starts clean.
 *
 * The socket file is `.s.PGSQL.5432` inside `<dataDir>.sock/` (node-postgres takes a folder as `host`).
 */
export const SOCKET_FILE = '.s.PGSQL.5432';

/** Unix socket paths are limited to 104–108 bytes; a longer one is not shared (commands open the folder). */
const MAX_SOCKET_PATH = 100;

/** The socket folder of a data folder, or undefined when its socket path would be too long. */
export function findSocketFolder(dataDir: string): string | undefined {
  const folder = `${dataDir}.sock`;
  return join(folder, SOCKET_FILE).length > MAX_SOCKET_PATH ? undefined : folder;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** The Terminate message's type byte (`X`). */
const TERMINATE = 0x58;

/** A simple-protocol query message (`Q`). */
function queryMessage(text: string): Uint8Array {
  const body = Buffer.from(`${text}\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('Q', 0, 'ascii');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** The transaction status of the last ReadyForQuery (`Z`) message in a response, if it has one. */
export function findLastReadyStatus(response: Uint8Array): string | undefined {
  const bytes = Buffer.from(response.buffer, response.byteOffset, response.byteLength);
  let status: string | undefined;
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const type = bytes[offset];
    const length = bytes.readInt32BE(offset + 1);
    if (type === 0x5a && offset + 6 <= bytes.length) status = String.fromCharCode(bytes[offset + 5] ?? 0);
    offset += 1 + length;
  }
  return status;
}

/**
 * Splits what a client sent into the complete messages at its start and the incomplete rest. Before startup the
 * first message has no type byte (length, then a protocol code).
 */
export function splitMessages(buffer: Buffer, started: boolean): { messages: Buffer[]; rest: Buffer } {
  const messages: Buffer[] = [];
  let offset = 0;
  let typed = started;
  while (true) {
    const headerSize = typed ? 5 : 4;
    if (offset + headerSize > buffer.length) break;
    const length = buffer.readInt32BE(offset + (typed ? 1 : 0));
    const size = length + (typed ? 1 : 0);
    if (length < 4 || offset + size > buffer.length) break;
    messages.push(buffer.subarray(offset, offset + size));
    offset += size;
    typed = true;
  }
  return { messages, rest: buffer.subarray(offset) };
}

/** Holds PGlite's exclusive lock until the returned function is called. */
function acquireExclusive(client: PGlite): Promise<() => void> {
  return new Promise((granted) => {
    void client.runExclusive(() => new Promise<void>((release) => granted(release)));
  });
}

/** One client connection: its buffered bytes, whether it has started, and the lock while it holds one. */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private release: (() => void) | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Settles once the client has left and what it left open is rolled back. */
  private readonly left: Promise<void>;

  constructor(
    private readonly client: PGlite,
    private readonly socket: Socket,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.queue = this.queue
        .then(() => this.drain())
        .catch(() => {
          socket.destroy();
        });
    });
    this.left = new Promise((resolve) => {
      socket.on('close', () => {
        this.queue = this.queue
          .then(() => this.leave())
          .catch(() => undefined)
          .then(resolve);
      });
    });
    socket.on('error', () => socket.destroy());
  }

  /** Runs every complete message received so far, under the lock, and answers. */
  private async drain(): Promise<void> {
    const { messages, rest } = splitMessages(this.buffer, this.started);
    this.buffer = rest;
    for (const message of messages) {
      if (!this.started) {
        const code = message.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write('N');
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.socket.destroy();
          return;
        }
        this.started = true;
      } else if (message[0] === TERMINATE) {
        // The client's goodbye; PGlite's session is the host's and stays up (see `leave`).
        this.socket.end();
        return;
      }
      this.release ??= await acquireExclusive(this.client);
      const response = await this.client.execProtocolRaw(message);
      if (!this.socket.destroyed) this.socket.write(response);
      if (findLastReadyStatus(response) === 'I') this.finishTurn();
    }
  }

  private finishTurn(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  /** The client left: roll back what it left open, reset the session, give the lock back. */
  private async leave(): Promise<void> {
    if (!this.started) return;
    this.release ??= await acquireExclusive(this.client);
    try {
      await this.client.execProtocolRaw(queryMessage('ROLLBACK'));
      await this.client.execProtocolRaw(queryMessage('DISCARD ALL'));
    } finally {
      this.finishTurn();
    }
  }

  /** Ends the connection (the host is closing). */
  end(): Promise<void> {
    this.socket.destroy();
    return this.left;
  }
}

export interface SharedStore {
  /** The socket file. */
  path: string;
  /** When the last client left (or sharing began), in ms since the epoch; undefined while a client is connected. */
  idleSince(): number | undefined;
  /** Stops accepting clients, ends the connected ones (rolling back what they left open) and removes the socket. */
  close(): Promise<void>;
}

/**
 * Shares `client` (the open PGlite of `dataDir`) on its socket. Call with the folder's lock held: a socket file
 * left by a killed host is replaced. Undefined when the socket path would be too long or cannot be listened on.
 */
export async function shareOverSocket(client: PGlite, dataDir: string): Promise<SharedStore | undefined> {
  const folder = findSocketFolder(dataDir);
  if (folder === undefined) return undefined;
  const path = join(folder, SOCKET_FILE);
  try {
    // Only the owner may connect: the socket has no password (PGlite has no authentication).
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    chmodSync(folder, 0o700);
    if (existsSync(path)) rmSync(path, { force: true });
  } catch {
    // Something else is in the way (a file of that name, a folder of another user's): not shared.
    return undefined;
  }
  const connections = new Set<Connection>();
  let lastLeft = Date.now();
  const server: Server = createServer((socket) => {
    const connection = new Connection(client, socket);
    connections.add(connection);
    socket.on('close', () => {
      connections.delete(connection);
      lastLeft = Date.now();
    });
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(path, () => resolve(true));
  });
  if (!listening) {
    // No Unix sockets here (Windows pipes have other names) or the folder is not ours: the store is simply not
    // shared, and other commands wait for the lock as before.
    rmSync(folder, { recursive: true, force: true });
    return undefined;
  }
  return {
    path,
    idleSince: () => (connections.size === 0 ? lastLeft : undefined),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...connections].map((connection) => connection.end()));
      await closed;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
