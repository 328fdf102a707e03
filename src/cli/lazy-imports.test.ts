import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Commands that need no model must not load a model SDK: the AI SDK and its providers cost ~0.1 s and ~20 MB per
 * command. This follows the static (evaluated) imports of a command's module through the sources and lists the
 * packages they reach; `import type` and dynamic `import()` are not followed (they load nothing, or load on demand).
 */
const SOURCE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(STATIC_IMPORT)].map((match) => match[1] ?? '');
}

function reachedPackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [join(SOURCE_ROOT, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
        if (!existsSync(target)) throw new Error(`${file}: cannot follow ${specifier}`);
        pending.push(target);
      } else if (!specifier.startsWith('node:')) {
        const parts = specifier.split('/');
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
      }
    }
  }
  return packages;
}

const isModelSdk = (name: string) => name === 'ai' || name.startsWith('@ai-sdk/');

describe('model SDKs load only where a model is called', () => {
  it.each([
    'cli/commands/audit.ts',
    'cli/commands/audit-show.ts',
    'cli/commands/triage-queue.ts',
    'cli/commands/llm-usage.ts',
    'cli/commands/score.ts',
  ])('%s reaches no model SDK through its static imports', (entry) => {
    expect([...reachedPackages(entry)].filter(isModelSdk)).toEqual([]);
  });

  it('sees the SDK where it is loaded (the walk follows imports)', () => {
    expect([...reachedPackages('cli/llm-runtime.ts')].filter(isModelSdk)).toEqual(
      expect.arrayContaining(['ai', '@ai-sdk/anthropic', '@ai-sdk/google', '@ai-sdk/openai-compatible']),
    );
  });
});
