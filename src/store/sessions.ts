import { and, eq, isNull, lte } from 'drizzle-orm';
import {
  findActiveUser,
  hashToken,
  insertAccountEvent,
  newToken,
  systemClock,
  toStoredUser,
} from './account-records.js';
import type { StoredUser } from './account-records.js';
import type { StoreDatabase } from './open.js';
import { sessions, users } from './schema.js';

/**
 * Sign-in sessions of the review app. The cookie carries a random token of which only the sha256 is stored;
 * each session has its own CSRF token. Import these through `accounts.ts`.
 */

/** `last_seen_at` is rewritten at most this often, so a busy session does not write on every request. */
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

export interface NewSession {
  /** For the cookie, in the clear only here; the store keeps its sha256. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Starts a session of `ttlMs` for an enabled user (FORBIDDEN when disabled, NOT_FOUND when unknown). */
export async function createSession(
  db: StoreDatabase,
  options: { userId: string; ttlMs: number; now: () => Date },
): Promise<NewSession> {
  const at = options.now();
  const session: NewSession = {
    token: newToken(),
    csrfToken: newToken(),
    expiresAt: new Date(at.getTime() + options.ttlMs),
  };
  await db.transaction(async (transaction) => {
    const user = await findActiveUser(transaction, options.userId);
    await transaction.insert(sessions).values({
      tokenHash: hashToken(session.token),
      userId: user.id,
      csrfToken: session.csrfToken,
      createdAt: at,
      expiresAt: session.expiresAt,
      lastSeenAt: at,
    });
    await insertAccountEvent(transaction, {
      kind: 'session-started',
      actor: user.email,
      at,
      payload: { userId: user.id, expiresAt: session.expiresAt.toISOString() },
    });
  });
  return session;
}

export interface FoundSession {
  user: StoredUser;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * The live session of a cookie token: undefined when unknown, expired, ended, or its user is disabled. Notes
 * when it was last seen, at most once a minute (no event: it records no decision).
 */
export async function findSession(
  db: StoreDatabase,
  options: { token: string; now: () => Date },
): Promise<FoundSession | undefined> {
  const at = options.now();
  const tokenHash = hashToken(options.token);
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash));
  const row = rows[0];
  if (
    row === undefined ||
    row.session.endedAt !== null ||
    row.session.expiresAt.getTime() <= at.getTime() ||
    row.user.disabledAt !== null
  ) {
    return undefined;
  }
  if (at.getTime() - row.session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    // Conditional, so concurrent requests of one session write it once.
    await db
      .update(sessions)
      .set({ lastSeenAt: at })
      .where(
        and(
          eq(sessions.tokenHash, tokenHash),
          lte(sessions.lastSeenAt, new Date(at.getTime() - LAST_SEEN_RESOLUTION_MS)),
        ),
      );
  }
  return { user: toStoredUser(row.user), csrfToken: row.session.csrfToken, expiresAt: row.session.expiresAt };
}

/** Ends a session (sign-out). Returns whether a live session was ended; an unknown or ended one is a no-op. */
export async function endSession(
  db: StoreDatabase,
  options: { token: string; actor: string; now?: () => Date },
): Promise<boolean> {
  const at = (options.now ?? systemClock)();
  return db.transaction(async (transaction) => {
    const ended = await transaction
      .update(sessions)
      .set({ endedAt: at })
      .where(and(eq(sessions.tokenHash, hashToken(options.token)), isNull(sessions.endedAt)))
      .returning({ userId: sessions.userId });
    const userId = ended[0]?.userId;
    if (userId === undefined) return false;
    await insertAccountEvent(transaction, {
      kind: 'session-ended',
      actor: options.actor,
      at,
      payload: { userId, reason: 'sign-out' },
    });
    return true;
  });
}
