import { AppError } from '../../app-error.js';
import { PASSWORD_LINK_TTL_MS } from '../../server/auth/cookies.js';
import { createPasswordToken, findUserByEmail, normalizeEmail } from '../../store/accounts.js';
import type { userLinkSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import { DEFAULT_BASE_URL, parseBaseUrl, showLinkOnce, USER_COMMANDS_SCHEMA_VERSION } from './user-add.js';

export type UserLinkOptions = CommandInput<typeof userLinkSpec> & { now?: () => Date };

/**
 * `steward user link <email>`: a new one-time link to set (or reset) an existing account's password, for a link
 * that expired or was lost. Earlier unused links of the account stop working; its password and sessions are
 * untouched until the link is used.
 */
export async function userLinkCommand(options: UserLinkOptions): Promise<CommandResult> {
  const email = normalizeEmail(options.email);
  const baseUrl = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const now = options.now ?? (() => new Date());
  const store = await openCliStore(options.io, options.db, true);
  try {
    const user = await findUserByEmail(store.db, email);
    if (user === undefined) {
      throw new AppError('NOT_FOUND', `there is no account ${email}`, {
        fix: `Add it with \`steward user add ${email} --role <role>\` (see \`steward user list\`).`,
      });
    }
    if (user.disabledAt !== null) {
      throw new AppError('FORBIDDEN', `${email} is disabled: a password link would not work`, {
        fix: 'Disabled accounts stay disabled; add a new account if the person should review again.',
      });
    }
    const token = await createPasswordToken(store.db, {
      userId: user.id,
      ttlMs: PASSWORD_LINK_TTL_MS,
      now,
      actor: 'cli',
    });
    const expiresAt = new Date(now().getTime() + PASSWORD_LINK_TTL_MS);
    const link = `${baseUrl}/set-password#token=${token}`;
    return {
      text: [
        `A new password link for ${user.email} (${user.role}); it works once, until ${expiresAt.toISOString()}, and earlier links no longer work:`,
        ...showLinkOnce(link),
      ].join('\n'),
      json: {
        schemaVersion: USER_COMMANDS_SCHEMA_VERSION,
        user: { id: user.id, email: user.email, role: user.role },
        passwordLink: { url: link, expiresAt: expiresAt.toISOString() },
      },
    };
  } finally {
    await store.close();
  }
}
