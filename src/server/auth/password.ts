import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (node:crypto only). A stored hash reads `scrypt$<N>$<r>$<p>$<salt>$<hash>`
 * (salt and hash in base64), so verification takes its parameters from the stored string and the defaults can
 * be raised later without invalidating existing passwords.
 */

/** scrypt's cost (N, a power of two), block size (r) and parallelization (p). */
export interface ScryptParameters {
  cost: number;
  blockSize: number;
  parallelization: number;
}

/** N = 2^17, r = 8, p = 1: about 128 MiB and a few hundred milliseconds per hash (OWASP's scrypt minimum). */
export const DEFAULT_SCRYPT_PARAMETERS: Readonly<ScryptParameters> = {
  cost: 2 ** 17,
  blockSize: 8,
  parallelization: 1,
};

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = 'scrypt';

// Bounds for parameters read back from a stored hash: a damaged row must not make one login allocate gigabytes.
const MAXIMUM_COST = 2 ** 20;
const MAXIMUM_BLOCK_SIZE = 32;
const MAXIMUM_PARALLELIZATION = 16;

/** Shortest password `checkPasswordStrength` accepts; the longest matches the HTTP contract. */
export const MINIMUM_PASSWORD_LENGTH = 12;
export const MAXIMUM_PASSWORD_LENGTH = 1024;

function deriveKey(
  password: string,
  salt: Buffer,
  options: { parameters: ScryptParameters; keyBytes: number },
): Promise<Buffer> {
  const { cost, blockSize, parallelization } = options.parameters;
  const scryptOptions: ScryptOptions = {
    cost,
    blockSize,
    parallelization,
    // OpenSSL needs 128·r·(N + p + 2) bytes; Node's default ceiling (32 MiB) is below the default parameters'.
    maxmem: 128 * blockSize * (cost + parallelization + 2) + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, options.keyBytes, scryptOptions, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

function isValidCost(cost: number): boolean {
  return Number.isSafeInteger(cost) && cost > 1 && cost <= MAXIMUM_COST && (cost & (cost - 1)) === 0;
}

function isWholeNumberIn(value: number, maximum: number): boolean {
  return Number.isSafeInteger(value) && value >= 1 && value <= maximum;
}

/**
 * Hashes a password with a fresh 16-byte salt into `scrypt$<N>$<r>$<p>$<saltB64>$<hashB64>` (a 32-byte key).
 * Passwords are NFC-normalised first, so the same characters typed on another system verify.
 */
export async function hashPassword(
  password: string,
  parameters: ScryptParameters = DEFAULT_SCRYPT_PARAMETERS,
): Promise<string> {
  const { cost, blockSize, parallelization } = parameters;
  if (
    !isValidCost(cost) ||
    !isWholeNumberIn(blockSize, MAXIMUM_BLOCK_SIZE) ||
    !isWholeNumberIn(parallelization, MAXIMUM_PARALLELIZATION)
  ) {
    throw new RangeError(`invalid scrypt parameters N=${cost} r=${blockSize} p=${parallelization}`);
  }
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, { parameters, keyBytes: KEY_BYTES });
  return [PREFIX, cost, blockSize, parallelization, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The parts of a stored hash, or undefined when it is not one `hashPassword` could have written. */
function parseStoredHash(
  stored: string,
): { parameters: ScryptParameters; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return undefined;
  const [, costText = '', blockSizeText = '', parallelizationText = '', saltText = '', keyText = ''] = parts;
  if (![costText, blockSizeText, parallelizationText].every((text) => /^[1-9]\d{0,9}$/.test(text))) {
    return undefined;
  }
  const parameters = {
    cost: Number(costText),
    blockSize: Number(blockSizeText),
    parallelization: Number(parallelizationText),
  };
  if (
    !isValidCost(parameters.cost) ||
    !isWholeNumberIn(parameters.blockSize, MAXIMUM_BLOCK_SIZE) ||
    !isWholeNumberIn(parameters.parallelization, MAXIMUM_PARALLELIZATION) ||
    !BASE64.test(saltText) ||
    !BASE64.test(keyText)
  ) {
    return undefined;
  }
  const salt = Buffer.from(saltText, 'base64');
  const key = Buffer.from(keyText, 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 128) return undefined;
  return { parameters, salt, key };
}

/**
 * Whether `password` matches a stored hash, compared in constant time. A malformed stored string gives false.
 * With no stored hash (no such account, or no password set yet) it still spends one default-cost hash before
 * answering false, so a login's timing does not tell which e-mail addresses have accounts.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (stored === null || stored === undefined) {
    await deriveKey(password, randomBytes(SALT_BYTES), {
      parameters: DEFAULT_SCRYPT_PARAMETERS,
      keyBytes: KEY_BYTES,
    });
    return false;
  }
  const parsed = parseStoredHash(stored);
  if (parsed === undefined) return false;
  const key = await deriveKey(password, parsed.salt, {
    parameters: parsed.parameters,
    keyBytes: parsed.key.length,
  });
  return timingSafeEqual(key, parsed.key);
}

/**
 * What is wrong with a new password (an empty list when nothing is): at least 12 characters, at most 1024, not
 * one character repeated, and not the account's e-mail address.
 */
export function checkPasswordStrength(password: string, options: { email?: string } = {}): string[] {
  const problems: string[] = [];
  const characters = Array.from(password);
  if (characters.length < MINIMUM_PASSWORD_LENGTH) {
    problems.push(`use at least ${MINIMUM_PASSWORD_LENGTH} characters (this has ${characters.length})`);
  }
  if (characters.length > MAXIMUM_PASSWORD_LENGTH) {
    problems.push(`use at most ${MAXIMUM_PASSWORD_LENGTH} characters`);
  }
  if (characters.length > 0 && characters.every((character) => character === characters[0])) {
    problems.push('use more than one distinct character');
  }
  const email = options.email?.trim().toLowerCase();
  if (email !== undefined && email !== '' && password.trim().toLowerCase() === email) {
    problems.push('do not use the e-mail address as the password');
  }
  return problems;
}
