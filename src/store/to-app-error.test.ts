import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../app-error.js';

const NOTE = 'A 67-year-old man with crushing chest pain; creatinine 2.1 mg/dL, troponin 0.9 ng/mL.';

/** Real errors from PGlite through drizzle, as the store sees them, normalised as the CLI does. */
describe('toAppError on real database errors', () => {
  let client: PGlite;
  let db: ReturnType<typeof drizzle>;

  beforeAll(async () => {
    client = await PGlite.create();
    db = drizzle({ client });
    await db.execute(
      sql`create table items (id integer primary key, score integer, note text not null, data jsonb)`,
    );
    await db.execute(sql`insert into items (id, score, note) values (1, 1, ${NOTE})`);
  });
  afterAll(async () => {
    await client.close();
  });

  async function normalisedMessage(statement: ReturnType<typeof sql>): Promise<string> {
    const thrown = await db.execute(statement).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(thrown).toBeInstanceOf(Error);
    const error = toAppError(thrown);
    expect(error.code).toBe('INTERNAL');
    expect(error.cause).toBe(thrown);
    return error.message;
  }

  it.each([
    ['a value of the wrong type', sql`insert into items (id, score, note) values (2, ${NOTE}, 'x')`],
    ['invalid JSON', sql`insert into items (id, score, note, data) values (2, 1, 'x', ${NOTE})`],
    ['a duplicate key', sql`insert into items (id, score, note) values (1, 1, ${NOTE})`],
    ['a missing table', sql`insert into missing (note) values (${NOTE})`],
  ])('%s: the message has neither the statement nor the note', async (_, statement) => {
    const message = await normalisedMessage(statement);
    expect(message).toMatch(/^database error: /);
    expect(message).not.toContain('insert into');
    expect(message).not.toContain('chest pain');
  });

  it('keeps the names that say what went wrong', async () => {
    expect(await normalisedMessage(sql`insert into items (id, score, note) values (1, 1, ${NOTE})`)).toBe(
      'database error: duplicate key value violates unique constraint "items_pkey"',
    );
    expect(await normalisedMessage(sql`insert into items (id, score, note) values (2, ${NOTE}, 'x')`)).toBe(
      'database error: invalid input syntax for type integer: "[value]"',
    );
  });

  it('also for an error straight from the driver', async () => {
    const thrown = await client
      .query('insert into items (id, score, note) values ($1, $2, $3)', [3, NOTE, 'x'])
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(toAppError(thrown).message).toBe(
      'database error: invalid input syntax for type integer: "[value]"',
    );
  });
});
