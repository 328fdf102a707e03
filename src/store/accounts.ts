import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { AppError } from '../app-error.js';
import { roleSchema } from '../contracts/review-api.js';
import type { Role } from '../contracts/review-api.js';
import {
  endSessionsOfUser,
  insertAccountEvent,
  systemClock,
  toStoredUser,
  writePasswordHash,
} from './account-records.js';
import type { StoredUser } from './account-records.js';
import type { StoreDatabase } from './open.js';
import { createPasswordToken } from './password-links.js';
import { users } from './schema.js';

/**
 * The accounts of the review app: users here, one-time password links (`password-links.ts`) and sessions
 * (`sessions.ts`), all exported from this module. Every write goes in one transaction with its `events` row.
 * Secrets never reach the database or the log in the clear: links and session cookies are random tokens of which
 * only the sha256 is stored, and no event payload holds a password, a token or a hash.
 */

export { ACCOUNT_EVENT_KINDS } from './account-records.js';
export type { AccountEventKind, StoredUser } from './account-records.js';
export { createPasswordToken, redeemPasswordToken } from './password-links.js';
export { createSession, endSession, findSession } from './sessions.js';
export type { FoundSession, NewSession } from './sessions.js';

/** Why a sign-in failed, as the server found it (recorded in the `login-failed` event). */
export type LoginFailureReason = 'unknown-account' | 'wrong-password' | 'no-password' | 'account-disabled';

const MAXIMUM_EMAIL_LENGTH = 320;
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/u;
// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Trims and lower-cases an e-mail address; ARGUMENT_INVALID when it does not look like one. */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (
    normalized.length > MAXIMUM_EMAIL_LENGTH ||
    CONTROL_CHARACTERS.test(normalized) ||
    !EMAIL.test(normalized)
  ) {
    throw new AppError('ARGUMENT_INVALID', `"${email}" is not an e-mail address`, {
      fix: 'Give the address as name@example.org.',
    });
  }
  return normalized;
}

/**
 * Adds a user (e-mail trimmed, lower-cased and validated; USER_EXISTS when taken), with a password hash when
 * one is given (`steward user add --password-stdin`), else without one until a link is redeemed.
 */
export async function addUser(
  db: StoreDatabase,
  options: {
    email: string;
    role: Role;
    actor: string;
    /** From `hashPassword`; recorded with its own `password-set` event in the same transaction. */
    passwordHash?: string;
    now?: () => Date;
    newId?: () => string;
  },
): Promise<StoredUser> {
  const email = normalizeEmail(options.email);
  const role = roleSchema.safeParse(options.role);
  if (!role.success) {
    throw new AppError('ARGUMENT_INVALID', `unknown role "${String(options.role)}"`, {
      fix: 'Use physician, adjudicator or admin.',
    });
  }
  const at = (options.now ?? systemClock)();
  const id = (options.newId ?? randomUUID)();
  return db.transaction(async (transaction) => {
    const inserted = await transaction
      .insert(users)
      .values({ id, email, role: role.data, createdAt: at })
      .onConflictDoNothing({ target: users.email })
      .returning();
    const row = inserted[0];
    if (row === undefined) {
      throw new AppError('USER_EXISTS', `there is already an account for ${email}`, {
        fix: 'Each e-mail address has one account: see `steward user list`.',
        details: { email },
      });
    }
    await insertAccountEvent(transaction, {
      kind: 'user-added',
      actor: options.actor,
      at,
      payload: { userId: id, email, role: role.data },
    });
    if (options.passwordHash === undefined) return toStoredUser(row);
    await writePasswordHash(transaction, {
      user: row,
      passwordHash: options.passwordHash,
      actor: options.actor,
      at,
      via: 'cli',
    });
    return toStoredUser({ ...row, passwordHash: options.passwordHash });
  });
}

/** Every user, oldest first. */
export async function listUsers(db: StoreDatabase): Promise<StoredUser[]> {
  const rows = await db.select().from(users).orderBy(asc(users.createdAt), asc(users.email));
  return rows.map(toStoredUser);
}

/** The user with this e-mail (any case, surrounding spaces ignored), or undefined. Never throws for bad input. */
export async function findUserByEmail(db: StoreDatabase, email: string): Promise<StoredUser | undefined> {
  const rows = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return rows[0] === undefined ? undefined : toStoredUser(rows[0]);
}

/** The user with this id, or undefined. */
export async function findUserById(db: StoreDatabase, id: string): Promise<StoredUser | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id));
  return rows[0] === undefined ? undefined : toStoredUser(rows[0]);
}

export interface DisableUserResult {
  user: StoredUser;
  /** Sessions this ended (0 when the user was already disabled). */
  endedSessions: number;
  alreadyDisabled: boolean;
}

/**
 * Disables a user and ends all their sessions (NOT_FOUND when there is no such user). Disabling a disabled user
 * changes nothing and writes no event. Their unused password links stop working too (`redeemPasswordToken`
 * refuses disabled accounts).
 */
export async function disableUser(
  db: StoreDatabase,
  options: { email: string; actor: string; now?: () => Date },
): Promise<DisableUserResult> {
  const email = options.email.trim().toLowerCase();
  const at = (options.now ?? systemClock)();
  return db.transaction(async (transaction) => {
    const rows = await transaction.select().from(users).where(eq(users.email, email)).for('update');
    const row = rows[0];
    if (row === undefined) {
      throw new AppError('NOT_FOUND', `there is no account for ${email}`, {
        fix: 'See `steward user list` for the accounts.',
        details: { email },
      });
    }
    if (row.disabledAt !== null) return { user: toStoredUser(row), endedSessions: 0, alreadyDisabled: true };
    await transaction.update(users).set({ disabledAt: at }).where(eq(users.id, row.id));
    const endedSessions = await endSessionsOfUser(transaction, { userId: row.id, at });
    await insertAccountEvent(transaction, {
      kind: 'user-disabled',
      actor: options.actor,
      at,
      payload: { userId: row.id, email, endedSessions },
    });
    return { user: toStoredUser({ ...row, disabledAt: at }), endedSessions, alreadyDisabled: false };
  });
}

/** Sets a user's password hash (from `hashPassword`) and ends their sessions. NOT_FOUND for an unknown id. */
export async function setPasswordHash(
  db: StoreDatabase,
  options: { userId: string; passwordHash: string; actor: string; now?: () => Date },
): Promise<StoredUser> {
  const at = (options.now ?? systemClock)();
  return db.transaction(async (transaction) => {
    const rows = await transaction.select().from(users).where(eq(users.id, options.userId)).for('update');
    const row = rows[0];
    if (row === undefined) throw new AppError('NOT_FOUND', `there is no user ${options.userId}`);
    await writePasswordHash(transaction, {
      user: row,
      passwordHash: options.passwordHash,
      actor: options.actor,
      at,
      via: 'direct',
    });
    return toStoredUser({ ...row, passwordHash: options.passwordHash });
  });
}

/**
 * Records a failed sign-in (`login-failed`). The actor is the e-mail typed when it looks like an address, else
 * `invalid-email`: people type passwords into the e-mail field, and a password must never reach the log. The
 * reason and the client's address are recorded when given (the reason stays out of the HTTP response).
 */
export async function recordLoginFailure(
  db: StoreDatabase,
  options: { email: string; reason?: LoginFailureReason; address?: string | undefined; now?: () => Date },
): Promise<void> {
  let actor = 'invalid-email';
  try {
    actor = normalizeEmail(options.email);
  } catch {
    // Not an address: keep the placeholder.
  }
  await insertAccountEvent(db, {
    kind: 'login-failed',
    actor,
    at: (options.now ?? systemClock)(),
    payload: { reason: options.reason ?? null, address: options.address ?? null },
  });
}

/**
 * Adds a user without a password and makes their one-time password link, in one transaction (so a failure
 * leaves neither): `steward user add` without `--password-stdin`. Returns the link token in the clear.
 */
export async function inviteUser(
  db: StoreDatabase,
  options: {
    email: string;
    role: Role;
    actor: string;
    linkTtlMs: number;
    now: () => Date;
    newId?: () => string;
  },
): Promise<{ user: StoredUser; token: string; expiresAt: Date }> {
  const at = options.now();
  const now = () => at;
  return db.transaction(async (transaction) => {
    // Inside a transaction, each repository's own transaction is a savepoint of this one.
    const { email, role, actor, newId } = options;
    const user = await addUser(transaction, { email, role, actor, now, newId });
    const token = await createPasswordToken(transaction, {
      userId: user.id,
      ttlMs: options.linkTtlMs,
      now,
      actor,
    });
    return { user, token, expiresAt: new Date(at.getTime() + options.linkTtlMs) };
  });
}
