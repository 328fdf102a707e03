import { describe, expect, it } from 'vitest';
import { findLastReadyStatus, findSocketFolder, splitMessages } from './socket-bridge.js';

/** A typed protocol message: type byte, length (itself included), body. */
function message(type: string, body: string): Buffer {
  const payload = Buffer.from(body);
  const header = Buffer.alloc(5);
  header.write(type, 0, 'ascii');
  header.writeInt32BE(payload.length + 4, 1);
  return Buffer.concat([header, payload]);
}

function startup(): Buffer {
  const body = Buffer.concat([Buffer.from([0, 3, 0, 0]), Buffer.from('user\0postgres\0\0')]);
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([length, body]);
}

describe('splitMessages', () => {
  it('reads the untyped startup message, then typed ones, and keeps an incomplete rest', () => {
    const query = message('Q', 'select 1\0');
    const bytes = Buffer.concat([startup(), query, query.subarray(0, 7)]);
    const { messages, rest } = splitMessages(bytes, false);
    expect(messages.map((part) => part.length)).toEqual([startup().length, query.length]);
    expect(rest.equals(query.subarray(0, 7))).toBe(true);
    expect(splitMessages(Buffer.concat([rest, query.subarray(7)]), true).messages).toEqual([query]);
  });

  it('waits for a header that is cut short, and stops at a length below 4', () => {
    expect(splitMessages(Buffer.from([0x51, 0, 0]), true).messages).toEqual([]);
    const broken = Buffer.from([0x51, 0, 0, 0, 2]);
    expect(splitMessages(broken, true)).toEqual({ messages: [], rest: broken });
  });
});

describe('findLastReadyStatus', () => {
  it("reads the last ReadyForQuery's transaction status", () => {
    const inTransaction = Buffer.concat([message('C', 'BEGIN\0'), message('Z', 'T')]);
    expect(findLastReadyStatus(inTransaction)).toBe('T');
    expect(
      findLastReadyStatus(Buffer.concat([inTransaction, message('C', 'COMMIT\0'), message('Z', 'I')])),
    ).toBe('I');
    expect(findLastReadyStatus(message('E', 'oops\0'))).toBeUndefined();
  });
});

describe('findSocketFolder', () => {
  it('puts the socket beside the data folder, and gives up on paths too long for a socket', () => {
    expect(findSocketFolder('/home/me/project/.steward/db')).toBe('/home/me/project/.steward/db.sock');
    expect(findSocketFolder(`/${'deep/'.repeat(20)}db`)).toBeUndefined();
  });
});
