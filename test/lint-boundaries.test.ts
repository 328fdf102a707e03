import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const BOUNDARY_RULES = new Set(['no-restricted-imports', 'import-x/no-restricted-paths']);

/**
 * The project's eslint.config.js, minus type information: the snippets below are not files on disk, so the
 * type-aware parser cannot place them in a TypeScript project, and the boundary rules do not need types.
 */
const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
  ruleFilter: ({ ruleId }) => BOUNDARY_RULES.has(ruleId),
});

async function findBoundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('import boundaries (eslint.config.js)', () => {
  it.each([
    ['src/calculators/x.ts', "import { sql } from 'drizzle-orm';", /src\/store\//],
    ['src/calculators/x.ts', "import { pgTable } from 'drizzle-orm/pg-core';", /src\/store\//],
    ['src/audit/x.ts', "import pg from 'pg';", /src\/store\//],
    ['src/verify/x.ts', "import { PGlite } from '@electric-sql/pglite';", /src\/store\//],
    ['src/llm/x.ts', "import { drizzle } from 'drizzle-orm/pglite';", /src\/store\//],
    ['src/verify/x.ts', "import { generateText } from 'ai';", /src\/llm\//],
    ['src/triage/x.ts', "import type { LanguageModel } from 'ai';", /src\/llm\//],
    ['src/store/x.ts', "import { createOpenAI } from '@ai-sdk/openai';", /src\/llm\//],
    ['src/catalog/x.ts', "import { readFileSync } from 'node:fs';", /free of I\/O/],
    ['src/answers/x.ts', "import { readFile } from 'node:fs/promises';", /free of I\/O/],
    ['src/units/x.ts', "import fs from 'fs';", /free of I\/O/],
    ['src/stats/x.test.ts', "import { readFileSync } from 'node:fs';", /free of I\/O/],
    ['src/calculators/x.ts', "import { openStore } from '../store/open.js';", /never import .*the store/],
    ['src/verify/x.ts', "import { writeResult } from '../cli/io.js';", /never import cli\//],
  ])('rejects %s: %s', async (filePath, code, message) => {
    const errors = await findBoundaryErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['src/store/x.ts', "import { sql } from 'drizzle-orm';"],
    ['src/store/x.ts', "import { PGlite } from '@electric-sql/pglite';"],
    ['src/store/x.ts', "import pg from 'pg';"],
    ['src/llm/x.ts', "import { generateText } from 'ai';"],
    ['src/llm/x.ts', "import { createAnthropic } from '@ai-sdk/anthropic';"],
    ['src/dataset/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/audit/x.test.ts', "import { sql } from 'drizzle-orm';"],
    ['src/answers/medcalc-v1.conformance.test.ts', "import { readFileSync } from 'node:fs';"],
    ['src/calculators/x.ts', "import { AppError } from '../app-error.js';"],
  ])('allows %s: %s', async (filePath, code) => {
    expect(await findBoundaryErrors(filePath, code)).toEqual([]);
  });
});
