import { AppError } from '../app-error.js';

/** Parses untrusted JSON text that must be an object; the error names where it came from. */
export function parseJsonObject(text: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError('ARGUMENT_INVALID', `${source} is not valid JSON: ${(error as Error).message}`, {
      fix: `Quote the JSON for your shell, e.g. ${source} '{"age": 70, "sex": "female"}'.`,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError('ARGUMENT_INVALID', `${source} must be a JSON object`, {
      fix: `e.g. ${source} '{"age": 70}'`,
    });
  }
  return value as Record<string, unknown>;
}
