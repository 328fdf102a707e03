import { deleteCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../app-error.js';
import { SESSION_COOKIE } from '../../contracts/review-api.js';
import {
  createSession,
  endSession,
  findUserByEmail,
  listUsers,
  recordLoginFailure,
  redeemPasswordToken,
} from '../../store/accounts.js';
import type { LoginFailureReason } from '../../store/accounts.js';
import { sessionCookieOptions, SESSION_TTL_MS } from '../auth/cookies.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../auth/password.js';
import { buildOpenApiDocument } from '../openapi.js';
import { requireAuth } from '../context.js';
import { defineHandler } from './define-handler.js';

const SIGN_IN_FAILED = 'wrong e-mail or password';

export const health = defineHandler('health', async ({ deps }) =>
  Promise.resolve({ status: 'ok' as const, version: deps.version }),
);

export const openapi = defineHandler('openapi', async ({ deps }) =>
  Promise.resolve(buildOpenApiDocument(deps.version)),
);

/** Sign-in: rate limited per account and per address before the password is checked; one message for every failure. */
export const login = defineHandler('login', async ({ body, context, deps }) => {
  const email = body.email.trim().toLowerCase();
  const attempt = { email, address: deps.clientAddress(context) };
  const allowed = deps.loginLimiter.check(attempt);
  if (!allowed.allowed) {
    throw new AppError('RATE_LIMITED', `too many failed sign-ins (${allowed.scope}); try again later`, {
      fix: `Wait ${allowed.retryAfterSeconds} s, or ask an admin to check the account.`,
      details: { retryAfterSeconds: allowed.retryAfterSeconds },
    });
  }
  const user = await findUserByEmail(deps.store.db, email);
  // Hashes even for an unknown account (verifyPassword spends a full hash on none), so timing says nothing.
  const passwordMatches = await verifyPassword(body.password, user?.passwordHash);
  const reason: LoginFailureReason | null =
    user === undefined
      ? 'unknown-account'
      : user.passwordHash === null
        ? 'no-password'
        : !passwordMatches
          ? 'wrong-password'
          : user.disabledAt !== null
            ? 'account-disabled'
            : null;
  if (user === undefined || reason !== null) {
    deps.loginLimiter.recordFailure(attempt);
    await recordLoginFailure(deps.store.db, {
      email,
      reason: reason ?? 'unknown-account',
      address: attempt.address,
      now: deps.now,
    });
    throw new AppError('AUTH_FAILED', SIGN_IN_FAILED, {
      fix: 'Check the e-mail and password; an admin can send a new password link (`steward user add`).',
    });
  }
  deps.loginLimiter.recordSuccess(attempt);
  const session = await createSession(deps.store.db, {
    userId: user.id,
    ttlMs: SESSION_TTL_MS,
    now: deps.now,
  });
  setCookie(context, SESSION_COOKIE, session.token, sessionCookieOptions({ secure: deps.secureCookies }));
  return { user: { id: user.id, email: user.email, role: user.role }, csrfToken: session.csrfToken };
});

export const setPassword = defineHandler('setPassword', async ({ body, deps }) => {
  const problems = checkPasswordStrength(body.password);
  if (problems.length > 0) {
    throw new AppError('ARGUMENT_INVALID', `password too weak: ${problems.join('; ')}`, {
      fix: 'Choose a longer passphrase.',
    });
  }
  await redeemPasswordToken(deps.store.db, {
    token: body.token,
    passwordHash: await hashPassword(body.password),
    now: deps.now,
  });
  return { ok: true as const };
});

export const session = defineHandler('session', async (input) => {
  const auth = requireAuth(input);
  return Promise.resolve({ user: auth.user, csrfToken: auth.csrfToken });
});

export const logout = defineHandler('logout', async (input) => {
  const auth = requireAuth(input);
  input.deps.sessionCache?.delete(auth.token);
  await endSession(input.deps.store.db, { token: auth.token, actor: auth.user.email });
  deleteCookie(input.context, SESSION_COOKIE, { path: '/' });
  return { ok: true as const };
});

export const users = defineHandler('users', async ({ deps }) => {
  const stored = await listUsers(deps.store.db);
  return {
    users: stored.map((user) => ({
      id: user.id,
      email: user.email,
      role: user.role,
      disabled: user.disabledAt !== null,
      hasPassword: user.passwordHash !== null,
      createdAt: user.createdAt.toISOString(),
    })),
  };
});
