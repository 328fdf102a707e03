import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password.js';
import type { ScryptParameters } from './password.js';

// Small parameters keep these tests fast; one test checks the default string format.
const FAST: ScryptParameters = { cost: 2 ** 4, blockSize: 8, parallelization: 1 };

describe('hashPassword and verifyPassword', () => {
  it('writes scrypt$131072$8$1$<16-byte salt>$<32-byte key> by default, and verifies it', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const match = /^scrypt\$131072\$8\$1\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
    expect(match).not.toBeNull();
    expect(Buffer.from(match![1]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(match![2]!, 'base64')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
  });

  it('accepts the right password and rejects any other, with a fresh salt each time', async () => {
    const first = await hashPassword('a long passphrase', FAST);
    const second = await hashPassword('a long passphrase', FAST);
    expect(first).not.toBe(second);
    expect(first.startsWith('scrypt$16$8$1$')).toBe(true);
    expect(await verifyPassword('a long passphrase', first)).toBe(true);
    expect(await verifyPassword('a long passphrase', second)).toBe(true);
    expect(await verifyPassword('a long passphrasE', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('reads the parameters from the stored string, so older hashes keep verifying', async () => {
    const older = await hashPassword('a long passphrase', { cost: 2 ** 5, blockSize: 4, parallelization: 2 });
    expect(older.startsWith('scrypt$32$4$2$')).toBe(true);
    expect(await verifyPassword('a long passphrase', older)).toBe(true);
    // The same salt and key under other parameters is another hash.
    expect(await verifyPassword('a long passphrase', older.replace('scrypt$32$4$2$', 'scrypt$32$4$1$'))).toBe(
      false,
    );
  });

  it('treats the same characters in another Unicode normal form as the same password', async () => {
    const stored = await hashPassword('caf\u00e9 au lait!!', FAST);
    expect(await verifyPassword('cafe\u0301 au lait!!', stored)).toBe(true);
  });

  it('answers false for a malformed stored hash instead of throwing', async () => {
    const good = await hashPassword('a long passphrase', FAST);
    const [, , , , salt = '', key = ''] = good.split('$');
    for (const stored of [
      '',
      'plain text',
      `bcrypt$16$8$1$${salt}$${key}`,
      `scrypt$16$8$1$${salt}`,
      `scrypt$15$8$1$${salt}$${key}`,
      `scrypt$0$8$1$${salt}$${key}`,
      `scrypt$16$0$1$${salt}$${key}`,
      `scrypt$16$8$x$${salt}$${key}`,
      `scrypt$${2 ** 30}$8$1$${salt}$${key}`,
      `scrypt$16$8$1$!!!$${key}`,
      `scrypt$16$8$1$${salt}$AAAA`,
      `${good}$extra`,
    ]) {
      expect(await verifyPassword('a long passphrase', stored), stored).toBe(false);
    }
  });

  it('answers false without a stored hash (no account, or no password set yet)', async () => {
    // (One call: each spends a default-cost hash.)
    expect(await verifyPassword('a long passphrase', null)).toBe(false);
  });

  it('refuses parameters scrypt cannot use', async () => {
    await expect(hashPassword('x', { cost: 15, blockSize: 8, parallelization: 1 })).rejects.toThrow(
      RangeError,
    );
    await expect(hashPassword('x', { cost: 16, blockSize: 0, parallelization: 1 })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('checkPasswordStrength', () => {
  it('accepts a password of 12 characters or more', () => {
    expect(checkPasswordStrength('twelve chars')).toEqual([]);
    expect(checkPasswordStrength('a much longer passphrase', { email: 'a@example.org' })).toEqual([]);
  });

  it('needs at least 12 characters, counted as characters rather than UTF-16 units', () => {
    expect(checkPasswordStrength('eleven char')).toEqual(['use at least 12 characters (this has 11)']);
    expect(checkPasswordStrength('😀'.repeat(6) + 'abcde')).toEqual([
      'use at least 12 characters (this has 11)',
    ]);
    expect(checkPasswordStrength('')).toEqual(['use at least 12 characters (this has 0)']);
  });

  it('refuses one character repeated, and more than 1024 characters', () => {
    expect(checkPasswordStrength('aaaaaaaaaaaaaaaa')).toEqual(['use more than one distinct character']);
    expect(checkPasswordStrength(`${'ab'.repeat(512)}c`)).toEqual(['use at most 1024 characters']);
  });

  it('refuses the e-mail address, whatever its case and surrounding spaces', () => {
    expect(checkPasswordStrength('Alice@Example.org', { email: ' alice@example.org' })).toEqual([
      'do not use the e-mail address as the password',
    ]);
    expect(checkPasswordStrength('alice@example.org', { email: 'bob@example.org' })).toEqual([]);
  });
});
