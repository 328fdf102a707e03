/**
 * The one error type of Steward. Codes are a closed set; tables keyed by code give the CLI exit code (and later
 * the HTTP status), so adding a code without mapping it fails to compile.
 */
export const ERROR_CODES = [
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  'FORMAT_UNSUPPORTED',
  'DATASET_INVALID',
  'RESPONSES_INVALID',
  'ARGUMENT_INVALID',
  'CALCULATOR_NOT_FOUND',
  'CALCULATOR_INPUT_INVALID',
  'NETWORK_UNAVAILABLE',
  'DOWNLOAD_FAILED',
  'DATABASE_LOCKED',
  'DATABASE_UNAVAILABLE',
  'ITEM_NOT_FOUND',
  'LLM_OFFLINE_MISS',
  'LLM_AUTH_FAILED',
  'INTERRUPTED',
  'AUTH_REQUIRED',
  'AUTH_FAILED',
  'FORBIDDEN',
  'CSRF_INVALID',
  'RATE_LIMITED',
  'NOT_FOUND',
  'REVIEW_CONFLICT',
  'USER_EXISTS',
  'RELEASE_EXISTS',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const EXIT_CODES: Record<ErrorCode, number> = {
  FILE_NOT_FOUND: 3,
  FILE_UNREADABLE: 3,
  FORMAT_UNSUPPORTED: 4,
  DATASET_INVALID: 4,
  RESPONSES_INVALID: 4,
  ARGUMENT_INVALID: 2,
  CALCULATOR_NOT_FOUND: 2,
  CALCULATOR_INPUT_INVALID: 4,
  NETWORK_UNAVAILABLE: 5,
  DOWNLOAD_FAILED: 5,
  DATABASE_LOCKED: 6,
  DATABASE_UNAVAILABLE: 6,
  ITEM_NOT_FOUND: 2,
  LLM_OFFLINE_MISS: 7,
  LLM_AUTH_FAILED: 5,
  INTERRUPTED: 130,
  AUTH_REQUIRED: 8,
  AUTH_FAILED: 8,
  FORBIDDEN: 8,
  CSRF_INVALID: 8,
  RATE_LIMITED: 8,
  NOT_FOUND: 2,
  REVIEW_CONFLICT: 9,
  USER_EXISTS: 9,
  RELEASE_EXISTS: 9,
  INTERNAL: 1,
};

/** The HTTP status of each code, for `steward serve`. */
export const HTTP_STATUSES: Record<ErrorCode, number> = {
  FILE_NOT_FOUND: 404,
  FILE_UNREADABLE: 422,
  FORMAT_UNSUPPORTED: 415,
  DATASET_INVALID: 422,
  RESPONSES_INVALID: 422,
  ARGUMENT_INVALID: 400,
  CALCULATOR_NOT_FOUND: 404,
  CALCULATOR_INPUT_INVALID: 422,
  NETWORK_UNAVAILABLE: 503,
  DOWNLOAD_FAILED: 502,
  DATABASE_LOCKED: 503,
  DATABASE_UNAVAILABLE: 503,
  ITEM_NOT_FOUND: 404,
  LLM_OFFLINE_MISS: 409,
  LLM_AUTH_FAILED: 502,
  INTERRUPTED: 503,
  AUTH_REQUIRED: 401,
  AUTH_FAILED: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  REVIEW_CONFLICT: 409,
  USER_EXISTS: 409,
  RELEASE_EXISTS: 409,
  INTERNAL: 500,
};

export interface AppErrorOptions {
  /** What the user can do about it, printed after the cause. */
  fix?: string;
  /** Evidence: file, row, column, item id, raw text... */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fix: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fix = options.fix;
    this.details = options.details ?? {};
  }
}

/** A driver's database error (PGlite, node-postgres, postgres.js): a 5-character SQLSTATE and a severity. */
function isDatabaseError(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error)) return false;
  const fields = error as unknown as Record<string, unknown>;
  return (
    typeof fields['code'] === 'string' &&
    /^[0-9A-Z]{5}$/.test(fields['code']) &&
    typeof fields['severity'] === 'string'
  );
}

const IDENTIFIER = /^[A-Za-z_][\w$]{0,62}$/;

/**
 * PostgreSQL quotes names ("t_pkey", "note") and also the values it could not take (`invalid input syntax for
 * type integer: "<the patient note>"`): keep what looks like an identifier, replace every other quoted text.
 */
function redactQuotedValues(message: string): string {
  return message.replace(/"((?:[^"]|"")*)"/g, (quoted, inner: string) =>
    IDENTIFIER.test(inner) ? quoted : '"[value]"',
  );
}

function databaseAppError(databaseMessage: string | undefined, cause: unknown): AppError {
  const message =
    databaseMessage === undefined
      ? 'database error'
      : `database error: ${redactQuotedValues(databaseMessage)}`;
  return new AppError('INTERNAL', message, {
    cause,
    fix: 'Nothing was half-written (each batch is one transaction). If it repeats, report it with the command you ran (STEWARD_DEBUG=1 prints the statement).',
  });
}

/**
 * Normalises anything thrown into an AppError, keeping the original as `cause`. Database errors never put the
 * statement, its parameters or the values the database quotes into the message: they hold patient notes.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && message.startsWith('Failed query:')) {
    // A query-builder error carries the whole statement and its parameters: show only the database's message.
    return databaseAppError(error.cause instanceof Error ? error.cause.message : undefined, error);
  }
  if (isDatabaseError(error)) return databaseAppError(error.message, error);
  return new AppError('INTERNAL', `unexpected error: ${message}`, {
    cause: error,
    fix: 'This is a bug in Steward; please report it with the command you ran.',
  });
}
