import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../app-error.js';
import {
  findActiveUser,
  hashToken,
  insertAccountEvent,
  newToken,
  toStoredUser,
  writePasswordHash,
} from './account-records.js';
import type { StoredUser } from './account-records.js';
import type { StoreDatabase } from './open.js';
import { users, userTokens } from './schema.js';

/**
 * One-time links for setting a password (`steward user add` prints one). The link carries a random token of
 * which only the sha256 is stored. Import these through `accounts.ts`.
 */

/**
 * Makes a one-time link token for setting the user's password, valid `ttlMs`, and returns it in the clear (the
 * only time it exists so). Links issued to the user earlier and not yet used stop working. NOT_FOUND for an
 * unknown user, FORBIDDEN for a disabled one.
 */
export async function createPasswordToken(
  db: StoreDatabase,
  options: { userId: string; ttlMs: number; now: () => Date; actor?: string },
): Promise<string> {
  const at = options.now();
  const expiresAt = new Date(at.getTime() + options.ttlMs);
  const token = newToken();
  await db.transaction(async (transaction) => {
    const user = await findActiveUser(transaction, options.userId);
    const replaced = await transaction
      .update(userTokens)
      .set({ usedAt: at })
      .where(and(eq(userTokens.userId, user.id), isNull(userTokens.usedAt), gt(userTokens.expiresAt, at)))
      .returning({ userId: userTokens.userId });
    await transaction.insert(userTokens).values({
      tokenHash: hashToken(token),
      userId: user.id,
      purpose: 'set-password',
      createdAt: at,
      expiresAt,
    });
    await insertAccountEvent(transaction, {
      kind: 'password-link-created',
      actor: options.actor ?? 'system',
      at,
      payload: {
        userId: user.id,
        email: user.email,
        expiresAt: expiresAt.toISOString(),
        replacedLinks: replaced.length,
      },
    });
  });
  return token;
}

/** Why a link did not work, looked up after the one-time UPDATE found nothing to claim. */
async function explainUnusableToken(
  db: StoreDatabase,
  options: { tokenHash: string; at: Date },
): Promise<AppError> {
  const rows = await db
    .select({ token: userTokens, disabledAt: users.disabledAt })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(eq(userTokens.tokenHash, options.tokenHash));
  const row = rows[0];
  const fix = 'Ask an administrator for a new link.';
  if (row === undefined) return new AppError('AUTH_FAILED', 'this password link is not valid', { fix });
  if (row.token.usedAt !== null) {
    return new AppError('AUTH_FAILED', 'this password link was already used (or replaced by a newer one)', {
      fix: 'Sign in with the password you set, or ask an administrator for a new link.',
    });
  }
  if (row.disabledAt !== null) return new AppError('AUTH_FAILED', 'this account is disabled');
  if (row.token.expiresAt.getTime() <= options.at.getTime()) {
    return new AppError('AUTH_FAILED', 'this password link has expired', { fix });
  }
  return new AppError('AUTH_FAILED', 'this password link cannot be used', { fix });
}

/**
 * Sets a password (`passwordHash` from `hashPassword`) with a one-time link token and ends the user's sessions.
 * The link is claimed by a conditional UPDATE (unused, unexpired, account enabled) in the same transaction as
 * the new hash, so of concurrent redemptions of one link exactly one wins. AUTH_FAILED, saying why, for an
 * unknown, used, replaced or expired link or a disabled account.
 */
export async function redeemPasswordToken(
  db: StoreDatabase,
  options: { token: string; passwordHash: string; now: () => Date },
): Promise<StoredUser> {
  const at = options.now();
  const tokenHash = hashToken(options.token);
  const user = await db.transaction(async (transaction) => {
    const enabledUsers = transaction.select({ id: users.id }).from(users).where(isNull(users.disabledAt));
    const claimed = await transaction
      .update(userTokens)
      .set({ usedAt: at })
      .where(
        and(
          eq(userTokens.tokenHash, tokenHash),
          eq(userTokens.purpose, 'set-password'),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, at),
          inArray(userTokens.userId, enabledUsers),
        ),
      )
      .returning({ userId: userTokens.userId });
    const userId = claimed[0]?.userId;
    if (userId === undefined) return undefined;
    const rows = await transaction.select().from(users).where(eq(users.id, userId)).for('update');
    const row = rows[0];
    if (row === undefined) throw new AppError('INTERNAL', `a password link of a missing user ${userId}`);
    await writePasswordHash(transaction, {
      user: row,
      passwordHash: options.passwordHash,
      actor: row.email,
      at,
      via: 'link',
    });
    return toStoredUser({ ...row, passwordHash: options.passwordHash });
  });
  if (user === undefined) throw await explainUnusableToken(db, { tokenHash, at });
  return user;
}
