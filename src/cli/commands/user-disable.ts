import { disableUser } from '../../store/accounts.js';
import type { userDisableSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import { USER_COMMANDS_SCHEMA_VERSION } from './user-add.js';

export type UserDisableOptions = CommandInput<typeof userDisableSpec> & { now?: () => Date };

/**
 * `steward user disable <email>`: the account can no longer sign in, and its sessions and password links stop
 * working at once. The account and everything it did stay in the store.
 */
export async function userDisableCommand(options: UserDisableOptions): Promise<CommandResult> {
  const store = await openCliStore(options.io, options.db, true);
  try {
    const result = await disableUser(store.db, {
      email: options.email,
      actor: 'cli',
      now: options.now,
    });
    const { user } = result;
    const sessions = result.endedSessions === 1 ? '1 session' : `${result.endedSessions} sessions`;
    return {
      text: result.alreadyDisabled
        ? `${user.email} was already disabled (since ${user.disabledAt?.toISOString() ?? 'unknown'}).`
        : `Disabled ${user.email} (${user.role}); ended ${sessions}.`,
      json: {
        schemaVersion: USER_COMMANDS_SCHEMA_VERSION,
        user: { id: user.id, email: user.email, role: user.role },
        alreadyDisabled: result.alreadyDisabled,
        disabledAt: user.disabledAt?.toISOString() ?? null,
        endedSessions: result.endedSessions,
      },
    };
  } finally {
    await store.close();
  }
}
