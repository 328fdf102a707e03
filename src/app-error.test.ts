import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, EXIT_CODES, toAppError } from './app-error.js';

const NOTE = 'A 67-year-old man with chest pain; creatinine 2.1 mg/dL.';

/** The shape of a PostgreSQL driver's error (PGlite, pg): SQLSTATE code and severity. */
function databaseError(message: string, code = '22P02'): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

/** The shape of drizzle's DrizzleQueryError: the statement and parameters in the message, the driver's error as cause. */
function queryBuilderError(cause: unknown): Error {
  const error = new Error(`Failed query: insert into "verdicts" ("note") values ($1)\nparams: ${NOTE}`);
  return Object.assign(error, { cause });
}

describe('toAppError', () => {
  it('returns an AppError unchanged', () => {
    const error = new AppError('ITEM_NOT_FOUND', 'no item 7');
    expect(toAppError(error)).toBe(error);
  });

  it('turns anything else into INTERNAL, keeping it as the cause', () => {
    const thrown = new TypeError('x is not a function');
    const error = toAppError(thrown);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('unexpected error: x is not a function');
    expect(error.cause).toBe(thrown);
    expect(toAppError('a string').message).toBe('unexpected error: a string');
  });

  it('keeps the statement and its parameters (patient notes) out of a query-builder error', () => {
    const cause = databaseError('duplicate key value violates unique constraint "verdicts_pkey"', '23505');
    const thrown = queryBuilderError(cause);
    const error = toAppError(thrown);
    expect(error.message).toBe(
      'database error: duplicate key value violates unique constraint "verdicts_pkey"',
    );
    expect(error.message).not.toContain('insert into');
    expect(error.cause).toBe(thrown);
  });

  it('keeps them out even when the query-builder error has no database error as its cause', () => {
    const error = toAppError(queryBuilderError(undefined));
    expect(error.message).toBe('database error');
    expect(JSON.stringify({ message: error.message, fix: error.fix, details: error.details })).not.toContain(
      'chest pain',
    );
  });

  it('replaces the values PostgreSQL quotes in its own message, keeping quoted names', () => {
    const wrapped = toAppError(
      queryBuilderError(databaseError(`invalid input syntax for type integer: "${NOTE}"`)),
    );
    expect(wrapped.message).toBe('database error: invalid input syntax for type integer: "[value]"');
    const bare = toAppError(databaseError(`invalid input syntax for type json: "${NOTE}"`));
    expect(bare.message).toBe('database error: invalid input syntax for type json: "[value]"');
    const names = toAppError(
      databaseError('null value in column "note" of relation "items" violates not-null constraint', '23502'),
    );
    expect(names.message).toBe(
      'database error: null value in column "note" of relation "items" violates not-null constraint',
    );
  });

  it('maps every code to an exit code', () => {
    for (const code of ERROR_CODES) expect(Number.isInteger(EXIT_CODES[code])).toBe(true);
    expect(EXIT_CODES.DATABASE_LOCKED).toBe(6);
  });
});
