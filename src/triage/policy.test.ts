import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { canonicalJson } from '../contracts/canonical-json.js';
import { DEFAULT_POLICY, loadPolicy, parsePolicy, policyHash, safeParsePolicy } from './policy.js';
import type { TriagePolicy } from './policy.js';

const examplePath = new URL('../../docs/triage-policy.example.json', import.meta.url).pathname;

async function writePolicyFile(text: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'steward-policy-'));
  const path = join(folder, 'policy.json');
  await writeFile(path, text);
  return path;
}

async function loadError(text: string): Promise<AppError> {
  const path = await writePolicyFile(text);
  try {
    await loadPolicy(path);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected loadPolicy to throw');
}

function clone(policy: TriagePolicy): Record<string, unknown> {
  return JSON.parse(JSON.stringify(policy)) as Record<string, unknown>;
}

describe('triage policy', () => {
  it('DEFAULT_POLICY is valid', () => {
    expect(parsePolicy(DEFAULT_POLICY, 'DEFAULT_POLICY')).toEqual(DEFAULT_POLICY);
  });

  it('docs/triage-policy.example.json loads and is the default policy (same hash)', async () => {
    const policy = await loadPolicy(examplePath);
    expect(policyHash(policy)).toBe(policyHash(DEFAULT_POLICY));
  });

  it('bad JSON: ARGUMENT_INVALID naming the file and what to do', async () => {
    const error = await loadError('{"name": "x",');
    expect(error.code).toBe('ARGUMENT_INVALID');
    expect(error.message).toMatch(/policy\.json is invalid: not valid JSON/);
    expect(error.fix).toContain('docs/triage-policy.example.json');
    expect(error.details['file']).toMatch(/policy\.json$/);
  });

  it('an unknown field is named by its full path', async () => {
    const policy = clone(DEFAULT_POLICY);
    (policy['autoRelabel'] as Record<string, unknown>)['maxRelativeChnage'] = 0.5;
    const error = await loadError(JSON.stringify(policy));
    expect(error.code).toBe('ARGUMENT_INVALID');
    expect(error.message).toContain('autoRelabel.maxRelativeChnage: unknown field');
  });

  it('a wrong type is named by its path', async () => {
    const policy = clone(DEFAULT_POLICY);
    (policy['voting'] as Record<string, unknown>)['supermajority'] = '4 of 5';
    const error = await loadError(JSON.stringify(policy));
    expect(error.message).toMatch(/voting\.supermajority: .*expected number/);
    expect(error.details['issues']).toEqual([expect.objectContaining({ path: 'voting.supermajority' })]);
  });

  it('a missing field, a bad category and an array element are named', () => {
    const policy = clone(DEFAULT_POLICY);
    delete policy['implausibleInput'];
    policy['blockingCategories'] = ['extraction-eror'];
    const result = safeParsePolicy(policy);
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.issues.map((issue) => issue.path);
    expect(paths).toContain('implausibleInput');
    expect(paths).toContain('blockingCategories[0]');
  });

  it('cross-field rules: required verifiers must be label verifiers; a category cannot be allowed and blocking', () => {
    const policy = clone(DEFAULT_POLICY);
    (policy['autoRelabel'] as Record<string, unknown>)['requireVerifiers'] = ['entity-check'];
    (policy['autoRelabel'] as Record<string, unknown>)['allowedCategories'] = [
      'calculator-logic',
      'extraction-error',
    ];
    (policy['impact'] as Record<string, Record<string, unknown>>)['decisionThresholds']!['chads'] = [2];
    const result = safeParsePolicy(policy);
    const messages = result.success ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^autoRelabel\.requireVerifiers\[0\]: "entity-check" must be listed/),
        expect.stringMatching(
          /^autoRelabel\.allowedCategories\[1\]: "extraction-error" is also in "blockingCategories"/,
        ),
        expect.stringMatching(/^impact\.decisionThresholds\.chads: "chads" is not a calculator slug/),
      ]),
    );
  });

  it('a supermajority of one half or less is rejected (two outcomes could both win)', () => {
    const policy = clone(DEFAULT_POLICY);
    (policy['voting'] as Record<string, unknown>)['supermajority'] = 0.5;
    expect(safeParsePolicy(policy).success).toBe(false);
  });

  it('a missing file is FILE_NOT_FOUND naming the path', async () => {
    await expect(loadPolicy('/nonexistent/policy.json')).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      details: { file: '/nonexistent/policy.json' },
    });
  });
});

describe('policyHash', () => {
  it('is a sha256 hex digest, stable for the default policy', () => {
    expect(policyHash(DEFAULT_POLICY)).toMatch(/^[0-9a-f]{64}$/);
    expect(policyHash(DEFAULT_POLICY)).toBe(policyHash(structuredClone(DEFAULT_POLICY)));
  });

  it('does not depend on key order or layout, and changes when a value changes', async () => {
    const text = await readFile(examplePath, 'utf8');
    const reordered = Object.fromEntries(
      Object.entries(JSON.parse(text) as Record<string, unknown>).reverse(),
    );
    const path = await writePolicyFile(JSON.stringify(reordered));
    expect(policyHash(await loadPolicy(path))).toBe(policyHash(DEFAULT_POLICY));
    const changed = { ...DEFAULT_POLICY, voting: { ...DEFAULT_POLICY.voting, supermajority: 0.6 } };
    expect(policyHash(changed)).not.toBe(policyHash(DEFAULT_POLICY));
  });

  it('canonical JSON sorts keys at every depth (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.integer())), (value) => {
        const reversed = Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([key, inner]) => [key, Object.fromEntries(Object.entries(inner).reverse())]),
        );
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(value);
      }),
    );
  });
});
