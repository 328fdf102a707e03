import { listUsers } from '../../store/accounts.js';
import type { userListSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import { formatTable } from '../io.js';
import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import { USER_COMMANDS_SCHEMA_VERSION } from './user-add.js';

/** `steward user list`: every account of the review app, oldest first; never creates a database. */
export async function userListCommand(options: CommandInput<typeof userListSpec>): Promise<CommandResult> {
  const store = await openCliStore(options.io, options.db, true);
  try {
    const users = await listUsers(store.db);
    const text =
      users.length === 0
        ? `no accounts in ${store.location}; add one with \`steward user add <email> --role admin\``
        : formatTable(
            ['email', 'role', 'disabled', 'password', 'created'],
            users.map((user) => [
              user.email,
              user.role,
              user.disabledAt === null ? 'no' : `since ${user.disabledAt.toISOString()}`,
              user.passwordHash === null ? 'not set' : 'set',
              user.createdAt.toISOString(),
            ]),
          );
    return {
      text,
      json: {
        schemaVersion: USER_COMMANDS_SCHEMA_VERSION,
        users: users.map((user) => ({
          id: user.id,
          email: user.email,
          role: user.role,
          disabled: user.disabledAt !== null,
          disabledAt: user.disabledAt?.toISOString() ?? null,
          hasPassword: user.passwordHash !== null,
          createdAt: user.createdAt.toISOString(),
        })),
      },
    };
  } finally {
    await store.close();
  }
}
