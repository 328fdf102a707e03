import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../app-error.js';
import { roleSchema } from '../contracts/review-api.js';
import type { Role } from '../contracts/review-api.js';
import type { StoreDatabase } from './open.js';
import { events, sessions, users } from './schema.js';

/**
 * What the account repositories (`accounts.ts`, `password-links.ts`, `sessions.ts`) share: the stored user, the
 * event kinds, token hashing and the writes that more than one of them makes inside its transaction.
 */

export type Transaction = Parameters<Parameters<StoreDatabase['transaction']>[0]>[0];

/** A user as stored. `passwordHash` is for `verifyPassword` only: never send it to a client or log it. */
export interface StoredUser {
  id: string;
  email: string;
  role: Role;
  passwordHash: string | null;
  createdAt: Date;
  disabledAt: Date | null;
}

/** The event kinds the account repositories write. */
export const ACCOUNT_EVENT_KINDS = [
  'user-added',
  'user-disabled',
  'password-set',
  'password-link-created',
  'session-started',
  'session-ended',
  'login-failed',
] as const;
export type AccountEventKind = (typeof ACCOUNT_EVENT_KINDS)[number];

/** Used where no clock is injected; the server and the CLI pass theirs. */
export const systemClock = (): Date => new Date();

export function toStoredUser(row: typeof users.$inferSelect): StoredUser {
  return {
    id: row.id,
    email: row.email,
    role: roleSchema.parse(row.role),
    passwordHash: row.passwordHash,
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  };
}

/** 32 random bytes, base64url: what a cookie or a link carries. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a token: its sha256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** An event row; its payload must never hold a password, a token or a hash. */
export async function insertAccountEvent(
  executor: StoreDatabase | Transaction,
  event: { kind: AccountEventKind; actor: string; at: Date; payload: Record<string, unknown> },
): Promise<void> {
  await executor.insert(events).values(event);
}

/** The user, enabled; NOT_FOUND when unknown, FORBIDDEN when disabled. */
export async function findActiveUser(
  executor: Transaction,
  userId: string,
): Promise<typeof users.$inferSelect> {
  const rows = await executor.select().from(users).where(eq(users.id, userId));
  const row = rows[0];
  if (row === undefined) throw new AppError('NOT_FOUND', `there is no user ${userId}`);
  if (row.disabledAt !== null) {
    throw new AppError('FORBIDDEN', `the account ${row.email} is disabled`, {
      details: { email: row.email },
    });
  }
  return row;
}

/** Ends every live session of a user; returns how many. */
export async function endSessionsOfUser(
  executor: Transaction,
  options: { userId: string; at: Date },
): Promise<number> {
  const ended = await executor
    .update(sessions)
    .set({ endedAt: options.at })
    .where(and(eq(sessions.userId, options.userId), isNull(sessions.endedAt)))
    .returning({ userId: sessions.userId });
  return ended.length;
}

/** Stores a new password hash and ends the user's sessions (a new password signs every device out). */
export async function writePasswordHash(
  executor: Transaction,
  options: {
    user: { id: string; email: string };
    passwordHash: string;
    actor: string;
    at: Date;
    /** How it was set: `cli` (user add), `link` (a redeemed link) or `direct` (setPasswordHash). */
    via: 'cli' | 'link' | 'direct';
  },
): Promise<void> {
  // A safety net against storing a password itself: only `hashPassword`'s output belongs in this column.
  if (!options.passwordHash.startsWith('scrypt$')) {
    throw new AppError('INTERNAL', 'refusing to store a password hash that hashPassword did not write');
  }
  await executor
    .update(users)
    .set({ passwordHash: options.passwordHash })
    .where(eq(users.id, options.user.id));
  const endedSessions = await endSessionsOfUser(executor, { userId: options.user.id, at: options.at });
  await insertAccountEvent(executor, {
    kind: 'password-set',
    actor: options.actor,
    at: options.at,
    payload: { userId: options.user.id, email: options.user.email, via: options.via, endedSessions },
  });
}
