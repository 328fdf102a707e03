import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POSTGRES_REQUIRED, POSTGRES_TEST_URL, STORE_TARGETS } from '../../test/database.js';
import { emptiedStorePerTest } from '../../test/emptied-store.js';
import {
  ACCOUNT_EVENT_KINDS,
  addUser,
  inviteUser,
  createPasswordToken,
  createSession,
  disableUser,
  endSession,
  findSession,
  findUserByEmail,
  findUserById,
  listUsers,
  recordLoginFailure,
  redeemPasswordToken,
  setPasswordHash,
} from './accounts.js';
import type { StoreDatabase } from './open.js';
import { events, sessions, userTokens, users } from './schema.js';

const HOUR = 60 * 60 * 1000;
// Shaped like hashPassword's output; the repository stores it as given.
const HASH_A = 'scrypt$16$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=';
const HASH_B = 'scrypt$16$8$1$b3RoZXJvdGhlcm90aGVyMQ==$b3RoZXJrZXlvdGhlcmtleW90aGVya2V5b3RoZXJrZXk=';

function makeClock(start = '2026-03-01T12:00:00.000Z') {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    advance: (milliseconds: number) => {
      current += milliseconds;
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function readEvents(db: StoreDatabase) {
  return db
    .select({ kind: events.kind, actor: events.actor, at: events.at, payload: events.payload })
    .from(events)
    .orderBy(asc(events.id));
}

it('runs the PostgreSQL variant in CI (STEWARD_TEST_DATABASE_URL is set by .ci/run)', () => {
  if (POSTGRES_REQUIRED) expect(POSTGRES_TEST_URL, 'CI must provide STEWARD_TEST_DATABASE_URL').toBeDefined();
});

describe.each(STORE_TARGETS)('accounts on $name', ({ makeEmpty, openFresh, skip }) => {
  const open = emptiedStorePerTest({ makeEmpty, openFresh });

  it.skipIf(skip)('adds a user with a trimmed lower-case e-mail and records user-added', async () => {
    const { db } = await open();
    const clock = makeClock();
    const user = await addUser(db, {
      email: '  Alice@Example.ORG ',
      role: 'physician',
      actor: 'cli',
      now: clock.now,
      newId: () => 'u1',
    });
    expect(user).toEqual({
      id: 'u1',
      email: 'alice@example.org',
      role: 'physician',
      passwordHash: null,
      createdAt: clock.now(),
      disabledAt: null,
    });
    expect(await findUserByEmail(db, 'ALICE@example.org ')).toEqual(user);
    expect(await findUserById(db, 'u1')).toEqual(user);
    expect(await findUserByEmail(db, 'bob@example.org')).toBeUndefined();
    expect(await findUserById(db, 'nobody')).toBeUndefined();
    expect(await readEvents(db)).toEqual([
      {
        kind: 'user-added',
        actor: 'cli',
        at: clock.now(),
        payload: { userId: 'u1', email: 'alice@example.org', role: 'physician' },
      },
    ]);
  });

  it.skipIf(skip)('refuses a taken e-mail in any case, a non-address and an unknown role', async () => {
    const { db } = await open();
    await addUser(db, { email: 'alice@example.org', role: 'admin', actor: 'cli' });
    const duplicate = addUser(db, { email: 'ALICE@example.org', role: 'physician', actor: 'cli' });
    await expect(duplicate).rejects.toMatchObject({
      code: 'USER_EXISTS',
      fix: expect.stringContaining('user list'),
    });
    for (const email of [
      'alice',
      'alice@',
      '@example.org',
      'a b@example.org',
      'alice@example',
      'a@b.org\n',
    ]) {
      await expect(
        addUser(db, { email: `${email}x`, role: 'physician', actor: 'cli' }),
        email,
      ).rejects.toMatchObject({
        code: 'ARGUMENT_INVALID',
      });
    }
    await expect(
      addUser(db, { email: 'bob@example.org', role: 'superuser' as 'admin', actor: 'cli' }),
    ).rejects.toMatchObject({ code: 'ARGUMENT_INVALID' });
    expect((await listUsers(db)).map((user) => user.email)).toEqual(['alice@example.org']);
    expect((await readEvents(db)).map((event) => event.kind)).toEqual(['user-added']);
  });

  it.skipIf(skip)('adds a user with a password hash in one transaction, and never a password', async () => {
    const { db } = await open();
    const user = await addUser(db, {
      email: 'a@example.org',
      role: 'admin',
      actor: 'cli',
      passwordHash: HASH_A,
    });
    expect(user.passwordHash).toBe(HASH_A);
    expect((await findUserById(db, user.id))?.passwordHash).toBe(HASH_A);
    expect((await readEvents(db)).map((event) => [event.kind, event.payload])).toEqual([
      ['user-added', { userId: user.id, email: 'a@example.org', role: 'admin' }],
      ['password-set', { userId: user.id, email: 'a@example.org', via: 'cli', endedSessions: 0 }],
    ]);
    // A plain password passed by mistake is refused and nothing is left behind.
    await expect(
      addUser(db, { email: 'b@example.org', role: 'admin', actor: 'cli', passwordHash: 'hunter2hunter2' }),
    ).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await findUserByEmail(db, 'b@example.org')).toBeUndefined();
    expect(await readEvents(db)).toHaveLength(2);
  });

  it.skipIf(skip)('lists users oldest first', async () => {
    const { db } = await open();
    const clock = makeClock();
    await addUser(db, { email: 'zed@example.org', role: 'physician', actor: 'cli', now: clock.now });
    clock.advance(1000);
    await addUser(db, { email: 'amy@example.org', role: 'adjudicator', actor: 'cli', now: clock.now });
    expect((await listUsers(db)).map((user) => [user.email, user.role])).toEqual([
      ['zed@example.org', 'physician'],
      ['amy@example.org', 'adjudicator'],
    ]);
  });

  it.skipIf(skip)('starts, finds and ends sessions; only the token hash is stored', async () => {
    const { db } = await open();
    const clock = makeClock();
    const user = await addUser(db, {
      email: 'a@example.org',
      role: 'physician',
      actor: 'cli',
      now: clock.now,
    });
    const session = await createSession(db, { userId: user.id, ttlMs: 12 * HOUR, now: clock.now });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.csrfToken).not.toBe(session.token);
    expect(session.expiresAt).toEqual(new Date(clock.now().getTime() + 12 * HOUR));
    const [row] = await db.select().from(sessions);
    expect(row?.tokenHash).toBe(sha256(session.token));

    expect(await findSession(db, { token: session.token, now: clock.now })).toEqual({
      user,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    });
    expect(await findSession(db, { token: `${session.token}x`, now: clock.now })).toBeUndefined();
    expect(await findSession(db, { token: sha256(session.token), now: clock.now })).toBeUndefined();

    expect(await endSession(db, { token: session.token, actor: 'a@example.org', now: clock.now })).toBe(true);
    expect(await endSession(db, { token: session.token, actor: 'a@example.org', now: clock.now })).toBe(
      false,
    );
    expect(await findSession(db, { token: session.token, now: clock.now })).toBeUndefined();
    expect((await readEvents(db)).map((event) => [event.kind, event.actor, event.payload])).toEqual([
      ['user-added', 'cli', expect.anything()],
      ['session-started', 'a@example.org', { userId: user.id, expiresAt: '2026-03-02T00:00:00.000Z' }],
      ['session-ended', 'a@example.org', { userId: user.id, reason: 'sign-out' }],
    ]);
  });

  it.skipIf(skip)('expires sessions after their ttl', async () => {
    const { db } = await open();
    const clock = makeClock();
    const user = await addUser(db, { email: 'a@example.org', role: 'physician', actor: 'cli' });
    const { token } = await createSession(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
    clock.advance(HOUR - 1);
    expect(await findSession(db, { token, now: clock.now })).toBeDefined();
    clock.advance(1);
    expect(await findSession(db, { token, now: clock.now })).toBeUndefined();
  });

  it.skipIf(skip)('writes last_seen_at at most once a minute', async () => {
    const { db } = await open();
    const clock = makeClock();
    const user = await addUser(db, { email: 'a@example.org', role: 'physician', actor: 'cli' });
    const { token } = await createSession(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
    const started = clock.now();
    const lastSeen = async () => (await db.select().from(sessions))[0]?.lastSeenAt;
    clock.advance(59_999);
    await findSession(db, { token, now: clock.now });
    expect(await lastSeen()).toEqual(started);
    clock.advance(1);
    await findSession(db, { token, now: clock.now });
    expect(await lastSeen()).toEqual(clock.now());
    const seen = clock.now();
    clock.advance(30_000);
    await findSession(db, { token, now: clock.now });
    expect(await lastSeen()).toEqual(seen);
  });

  it.skipIf(skip)('disables a user: sessions end, links stop working, no new session', async () => {
    const { db } = await open();
    const clock = makeClock();
    const user = await addUser(db, { email: 'a@example.org', role: 'physician', actor: 'cli' });
    const first = await createSession(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
    const second = await createSession(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
    const link = await createPasswordToken(db, { userId: user.id, ttlMs: HOUR, now: clock.now });

    const result = await disableUser(db, {
      email: ' A@example.org',
      actor: 'admin@example.org',
      now: clock.now,
    });
    expect(result).toMatchObject({
      endedSessions: 2,
      alreadyDisabled: false,
      user: { disabledAt: clock.now() },
    });
    expect(await findSession(db, { token: first.token, now: clock.now })).toBeUndefined();
    expect(await findSession(db, { token: second.token, now: clock.now })).toBeUndefined();
    expect((await db.select().from(sessions)).every((row) => row.endedAt !== null)).toBe(true);
    await expect(createSession(db, { userId: user.id, ttlMs: HOUR, now: clock.now })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      redeemPasswordToken(db, { token: link, passwordHash: HASH_A, now: clock.now }),
    ).rejects.toMatchObject({ code: 'AUTH_FAILED', message: 'this account is disabled' });

    const again = await disableUser(db, { email: 'a@example.org', actor: 'cli', now: clock.now });
    expect(again).toMatchObject({ endedSessions: 0, alreadyDisabled: true });
    const kinds = (await readEvents(db)).map((event) => event.kind);
    expect(kinds.filter((kind) => kind === 'user-disabled')).toHaveLength(1);
    expect((await readEvents(db)).find((event) => event.kind === 'user-disabled')).toMatchObject({
      actor: 'admin@example.org',
      payload: { userId: user.id, email: 'a@example.org', endedSessions: 2 },
    });
    await expect(disableUser(db, { email: 'nobody@example.org', actor: 'cli' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it.skipIf(skip)('finds no session of a disabled user even when the session was not ended', async () => {
    const { db } = await open();
    const clock = makeClock();
    const user = await addUser(db, { email: 'a@example.org', role: 'physician', actor: 'cli' });
    const { token } = await createSession(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
    // Disabled behind the repository's back (sessions not ended): findSession still refuses.
    await db.update(users).set({ disabledAt: clock.now() }).where(eq(users.id, user.id));
    expect(await findSession(db, { token, now: clock.now })).toBeUndefined();
  });

  it.skipIf(skip)('redeems a password link once; only its hash is stored', async () => {
    const { db } = await open();
    const clock = makeClock();
    const user = await addUser(db, { email: 'a@example.org', role: 'physician', actor: 'cli' });
    const session = await createSession(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
    const token = await createPasswordToken(db, {
      userId: user.id,
      ttlMs: 72 * HOUR,
      now: clock.now,
      actor: 'cli',
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await db.select({ tokenHash: userTokens.tokenHash }).from(userTokens)).toEqual([
      { tokenHash: sha256(token) },
    ]);

    const updated = await redeemPasswordToken(db, { token, passwordHash: HASH_A, now: clock.now });
    expect(updated).toMatchObject({ id: user.id, passwordHash: HASH_A });
    expect((await findUserById(db, user.id))?.passwordHash).toBe(HASH_A);
    // A new password signs every device out.
    expect(await findSession(db, { token: session.token, now: clock.now })).toBeUndefined();
    await expect(
      redeemPasswordToken(db, { token, passwordHash: HASH_B, now: clock.now }),
    ).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining('already used'),
    });
    expect((await findUserById(db, user.id))?.passwordHash).toBe(HASH_A);
    const setEvents = (await readEvents(db)).filter((event) => event.kind === 'password-set');
    expect(setEvents).toEqual([
      {
        kind: 'password-set',
        actor: 'a@example.org',
        at: clock.now(),
        payload: { userId: user.id, email: 'a@example.org', via: 'link', endedSessions: 1 },
      },
    ]);
  });

  it.skipIf(skip)('refuses unknown and expired links, and links replaced by a newer one', async () => {
    const { db } = await open();
    const clock = makeClock();
    const user = await addUser(db, { email: 'a@example.org', role: 'physician', actor: 'cli' });
    await expect(
      redeemPasswordToken(db, { token: 'x'.repeat(43), passwordHash: HASH_A, now: clock.now }),
    ).rejects.toMatchObject({ code: 'AUTH_FAILED', message: 'this password link is not valid' });

    const expiring = await createPasswordToken(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
    clock.advance(HOUR);
    await expect(
      redeemPasswordToken(db, { token: expiring, passwordHash: HASH_A, now: clock.now }),
    ).rejects.toMatchObject({ code: 'AUTH_FAILED', message: 'this password link has expired' });

    const older = await createPasswordToken(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
    const newer = await createPasswordToken(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
    await expect(
      redeemPasswordToken(db, { token: older, passwordHash: HASH_A, now: clock.now }),
    ).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining('replaced by a newer one'),
    });
    await redeemPasswordToken(db, { token: newer, passwordHash: HASH_B, now: clock.now });
    expect((await findUserById(db, user.id))?.passwordHash).toBe(HASH_B);
    const links = (await readEvents(db)).filter((event) => event.kind === 'password-link-created');
    // The expired link is not counted as replaced; the older live one is.
    expect(links.map((event) => (event.payload as { replacedLinks: number }).replacedLinks)).toEqual([
      0, 0, 1,
    ]);
  });

  it.skipIf(skip)('lets exactly one of concurrent redemptions of one link win', async () => {
    const { db } = await open();
    const clock = makeClock();
    const user = await addUser(db, { email: 'a@example.org', role: 'physician', actor: 'cli' });
    const token = await createPasswordToken(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
    const results = await Promise.allSettled(
      [HASH_A, HASH_B, HASH_A, HASH_B].map((passwordHash) =>
        redeemPasswordToken(db, { token, passwordHash, now: clock.now }),
      ),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const result of results.filter((entry) => entry.status === 'rejected')) {
      expect(result.reason).toMatchObject({ code: 'AUTH_FAILED' });
    }
    expect((await readEvents(db)).filter((event) => event.kind === 'password-set')).toHaveLength(1);
    const winner = won[0]?.status === 'fulfilled' ? won[0].value.passwordHash : undefined;
    expect((await findUserById(db, user.id))?.passwordHash).toBe(winner);
  });

  it.skipIf(skip)('invites a user: the account and its link in one transaction', async () => {
    const { db } = await open();
    const clock = makeClock();
    const invited = await inviteUser(db, {
      email: 'New@example.org',
      role: 'adjudicator',
      actor: 'cli',
      linkTtlMs: 72 * HOUR,
      now: clock.now,
    });
    expect(invited.user).toMatchObject({ email: 'new@example.org', role: 'adjudicator', passwordHash: null });
    expect(invited.expiresAt).toEqual(new Date('2026-03-04T12:00:00.000Z'));
    expect(await db.select({ expiresAt: userTokens.expiresAt }).from(userTokens)).toEqual([
      { expiresAt: invited.expiresAt },
    ]);
    await redeemPasswordToken(db, { token: invited.token, passwordHash: HASH_A, now: clock.now });
    expect((await readEvents(db)).map((event) => event.kind)).toEqual([
      'user-added',
      'password-link-created',
      'password-set',
    ]);

    const invite = (email: string, linkTtlMs: number) =>
      inviteUser(db, { email, role: 'physician', actor: 'cli', linkTtlMs, now: clock.now });
    await expect(invite('new@example.org', HOUR)).rejects.toMatchObject({ code: 'USER_EXISTS' });
    // The link cannot be stored (no expiry): the account is not left behind without one.
    await expect(invite('other@example.org', Number.NaN)).rejects.toThrow();
    expect(await findUserByEmail(db, 'other@example.org')).toBeUndefined();
    expect(await db.select().from(userTokens)).toHaveLength(1);
    expect(await readEvents(db)).toHaveLength(3);
  });

  it.skipIf(skip)(
    'sets a password hash directly and ends sessions; NOT_FOUND for an unknown id',
    async () => {
      const { db } = await open();
      const clock = makeClock();
      const user = await addUser(db, { email: 'a@example.org', role: 'admin', actor: 'cli' });
      const { token } = await createSession(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
      expect(
        await setPasswordHash(db, { userId: user.id, passwordHash: HASH_B, actor: 'cli' }),
      ).toMatchObject({
        passwordHash: HASH_B,
      });
      expect(await findSession(db, { token, now: clock.now })).toBeUndefined();
      await expect(
        setPasswordHash(db, { userId: 'nobody', passwordHash: HASH_B, actor: 'cli' }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    },
  );

  it.skipIf(skip)('records failed sign-ins without ever logging what was typed as a password', async () => {
    const { db } = await open();
    const clock = makeClock();
    await recordLoginFailure(db, {
      email: ' Bob@Example.org',
      reason: 'wrong-password',
      address: '192.0.2.1',
      now: clock.now,
    });
    await recordLoginFailure(db, { email: 'my secret passphrase', now: clock.now });
    expect(await readEvents(db)).toEqual([
      {
        kind: 'login-failed',
        actor: 'bob@example.org',
        at: clock.now(),
        payload: { reason: 'wrong-password', address: '192.0.2.1' },
      },
      {
        kind: 'login-failed',
        actor: 'invalid-email',
        at: clock.now(),
        payload: { reason: null, address: null },
      },
    ]);
  });

  it.skipIf(skip)('never writes a token, a CSRF token or a hash into the event log', async () => {
    const { db } = await open();
    const clock = makeClock();
    const user = await addUser(db, {
      email: 'a@example.org',
      role: 'physician',
      actor: 'cli',
      passwordHash: HASH_A,
    });
    const link = await createPasswordToken(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
    await redeemPasswordToken(db, { token: link, passwordHash: HASH_B, now: clock.now });
    const session = await createSession(db, { userId: user.id, ttlMs: HOUR, now: clock.now });
    await endSession(db, { token: session.token, actor: 'a@example.org' });
    await disableUser(db, { email: 'a@example.org', actor: 'cli' });
    await recordLoginFailure(db, { email: 'a@example.org', reason: 'account-disabled' });
    const logged = await readEvents(db);
    expect(new Set(logged.map((event) => event.kind))).toEqual(new Set(ACCOUNT_EVENT_KINDS));
    const text = JSON.stringify(logged);
    for (const secret of [
      link,
      sha256(link),
      session.token,
      sha256(session.token),
      session.csrfToken,
      HASH_A,
      HASH_B,
      'scrypt$',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
