import { AppError } from '../../app-error.js';
import { PASSWORD_LINK_TTL_MS } from '../../server/auth/cookies.js';
import { checkPasswordStrength, hashPassword } from '../../server/auth/password.js';
import type { ScryptParameters } from '../../server/auth/password.js';
import { addUser, inviteUser, normalizeEmail } from '../../store/accounts.js';
import type { StoredUser } from '../../store/accounts.js';
import type { userAddSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import type { CliIo, CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';

export const USER_COMMANDS_SCHEMA_VERSION = 1;

/** Where `steward serve` listens by default, for the password link. */
export const DEFAULT_BASE_URL = 'http://localhost:8787';

export type UserAddOptions = CommandInput<typeof userAddSpec> & {
  now?: () => Date;
  /** scrypt cost of the stored hash (default: `hashPassword`'s); tests pass small ones. */
  scryptParameters?: ScryptParameters;
};

/** A password link as printed: set apart, with the warning that it is shown only once. */
export function showLinkOnce(link: string): string[] {
  return [
    '',
    `  ${link}`,
    '',
    'This link is shown only once: copy it now and give it to its owner over a trusted channel.',
  ];
}

/** The app's address without a trailing slash; ARGUMENT_INVALID unless http(s) with no query or fragment. */
export function parseBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    url = new URL('invalid:');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new AppError('ARGUMENT_INVALID', `--base-url ${text} is not an http(s) address`, {
      fix: `Give the address the review app is reached at, e.g. ${DEFAULT_BASE_URL} or https://review.example.org.`,
    });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The password piped to stdin: one line, its trailing newline removed, checked for strength. */
async function readPassword(io: CliIo, email: string): Promise<string> {
  const pipe =
    'Pipe it in (`steward user add <email> --role <role> --password-stdin <<< "$PASSWORD"`), or leave out --password-stdin to get a one-time link.';
  if (io.stdin === undefined) {
    throw new AppError('ARGUMENT_INVALID', '--password-stdin needs a standard input to read', { fix: pipe });
  }
  if (io.stdin.isTty()) {
    throw new AppError(
      'ARGUMENT_INVALID',
      '--password-stdin reads a piped password, but stdin is a terminal',
      {
        fix: pipe,
      },
    );
  }
  const password = (await io.stdin.readText()).replace(/\r?\n$/, '');
  if (password === '') {
    throw new AppError('ARGUMENT_INVALID', '--password-stdin read an empty password', { fix: pipe });
  }
  if (/[\r\n]/.test(password)) {
    throw new AppError('ARGUMENT_INVALID', '--password-stdin read more than one line', {
      fix: 'Pipe the password alone, on one line.',
    });
  }
  const problems = checkPasswordStrength(password, { email });
  if (problems.length > 0) {
    throw new AppError('ARGUMENT_INVALID', `the password is too weak: ${problems.join('; ')}`, {
      fix: 'Use a passphrase of several words.',
    });
  }
  return password;
}

function describeUser(user: StoredUser) {
  return { id: user.id, email: user.email, role: user.role };
}

/**
 * `steward user add <email> --role <role>`: adds an account and prints a one-time link (valid 72 hours) to set
 * its password, or with `--password-stdin` sets the password piped in. Nothing is written when it fails.
 */
export async function userAddCommand(options: UserAddOptions): Promise<CommandResult> {
  const { io, role } = options;
  const email = normalizeEmail(options.email);
  const now = options.now ?? (() => new Date());
  const baseUrl = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  // Read and hash before opening the store: a weak password or an empty pipe leaves no account behind.
  const passwordHash =
    options.passwordStdin === true
      ? await hashPassword(await readPassword(io, email), options.scryptParameters)
      : undefined;

  const store = await openCliStore(io, options.db);
  try {
    if (passwordHash !== undefined) {
      const user = await addUser(store.db, { email, role, actor: 'cli', passwordHash, now });
      return {
        text: `Added ${user.email} (${user.role}) with the password read from stdin.`,
        json: {
          schemaVersion: USER_COMMANDS_SCHEMA_VERSION,
          user: describeUser(user),
          passwordSet: true,
          passwordLink: null,
        },
      };
    }
    const invited = await inviteUser(store.db, {
      email,
      role,
      actor: 'cli',
      linkTtlMs: PASSWORD_LINK_TTL_MS,
      now,
    });
    // In the fragment, so the token never reaches a server log or a Referer header.
    const link = `${baseUrl}/set-password#token=${invited.token}`;
    const hours = Math.round(PASSWORD_LINK_TTL_MS / (60 * 60 * 1000));
    return {
      text: [
        `Added ${invited.user.email} (${invited.user.role}).`,
        `To set the password, open this link; it works once, for ${hours} hours (until ${invited.expiresAt.toISOString()}):`,
        ...showLinkOnce(link),
      ].join('\n'),
      json: {
        schemaVersion: USER_COMMANDS_SCHEMA_VERSION,
        user: describeUser(invited.user),
        passwordSet: false,
        passwordLink: { url: link, expiresAt: invited.expiresAt.toISOString() },
      },
    };
  } finally {
    await store.close();
  }
}
