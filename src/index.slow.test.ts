import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILT_ENTRY = join(ROOT, 'dist', 'index.js');

function findNewestSourceTime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, findNewestSourceTime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Users get dist/, so that is what this test imports. Rebuilt here when missing or older than the sources, with
 * tsc only: the PGlite template the full build also writes is not needed to import the package.
 */
function buildIfStale(): void {
  if (existsSync(BUILT_ENTRY) && statSync(BUILT_ENTRY).mtimeMs >= findNewestSourceTime(join(ROOT, 'src')))
    return;
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  // tsc emits even with type errors; those fail `npm run typecheck`, not this test, which checks what was emitted.
  if (!existsSync(BUILT_ENTRY)) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
}

/** Runs an ES module script with plain node from the package root, where `import('steward')` self-references. */
function runAsUser(script: string): unknown {
  const output = execFileSync(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HF_HUB_OFFLINE: '1' },
  });
  return JSON.parse(output);
}

describe("the library API, imported as a user would: import('steward')", () => {
  beforeAll(buildIfStale, 180_000);

  it('loads a dataset, scores responses, runs a calculator and exposes the audit', () => {
    const result = runAsUser(`
      const steward = await import('steward');
      const config = steward.loadConfig({ HF_HUB_OFFLINE: '1', STEWARD_CACHE_DIR: '/nonexistent' });
      const dataset = await steward.loadDataset('src/dataset/__fixtures__/unique-id.csv', {
        cwd: process.cwd(),
        hub: { cacheDir: config.cacheDir, endpoint: config.hubEndpoint, token: undefined, offline: config.offline },
      });
      const report = steward.scoreResponses({
        items: dataset.instances,
        responses: [{ id: 'a1', response: '{"answer": "93.3"}' }, { id: 'a2', response: '{"answer": "5"}' }],
        ruleSet: steward.getRuleSet('medcalc-v1.0'),
      });
      const map = steward.getCalculator('mean-arterial-pressure').run({ systolic: 120, diastolic: 80 }, { origin: 'clean' });
      let errorCode;
      try { steward.getCalculator('no-such-calculator'); } catch (error) { errorCode = error instanceof steward.AppError ? error.code : 'not an AppError'; }
      console.log(JSON.stringify({
        rows: dataset.instances.length,
        correct: report.overall.successes,
        total: report.overall.total,
        map: map.status === 'computed' ? map.answer.slice(0, 7) : map.status,
        calculators: steward.listCalculators().length,
        ruleSets: steward.RULE_SET_IDS,
        audit: [typeof steward.runAudit, typeof steward.openStore, typeof steward.resolveVerifiers, typeof steward.loadTriagePolicy],
        errorCode,
      }));
    `);
    expect(result).toEqual({
      rows: 2,
      correct: 1,
      total: 2,
      map: '93.3333',
      calculators: 55,
      ruleSets: ['medcalc-v1.0', 'relative-5pct'],
      audit: ['function', 'function', 'function', 'function'],
      errorCode: 'CALCULATOR_NOT_FOUND',
    });
  });

  it('exports only the public entry (and package.json): internals stay private', () => {
    const result = runAsUser(`
      const outcomes = {};
      for (const specifier of ['steward/dist/cli/index.js', 'steward/package.json']) {
        try { await import(specifier, specifier.endsWith('.json') ? { with: { type: 'json' } } : undefined); outcomes[specifier] = 'ok'; }
        catch (error) { outcomes[specifier] = error.code; }
      }
      console.log(JSON.stringify(outcomes));
    `);
    expect(result).toEqual({
      'steward/dist/cli/index.js': 'ERR_PACKAGE_PATH_NOT_EXPORTED',
      'steward/package.json': 'ok',
    });
  });

  it('ships type declarations for the entry', () => {
    expect(existsSync(join(ROOT, 'dist', 'index.d.ts'))).toBe(true);
  });
});
