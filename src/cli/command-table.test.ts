import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Option } from 'commander';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { RULE_SET_IDS, type RuleSetId } from '../answers/types.js';
import { auditSpec, COMMAND_TABLE, scoreSpec } from './command-table.js';
import type { datasetInspectSpec, triageSampleSpec } from './command-table.js';
import type { CommandValues } from './define-command.js';
import { runCli } from './index.js';
import type { CliIo } from './io.js';
import { readPackageVersion } from './program.js';

// Loading a command module flips its flag: the table must not load any of them until that command runs.
const loaded = vi.hoisted(() => ({ audit: false, triageQueue: false }));
vi.mock('./commands/audit.js', async (importOriginal) => {
  loaded.audit = true;
  return importOriginal();
});
vi.mock('./commands/triage-queue.js', async (importOriginal) => {
  loaded.triageQueue = true;
  return importOriginal();
});

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    cwd,
    isTty: false,
  };
  const code = await runCli(['node', 'steward', ...args], io);
  return { code, stdout, stderr };
}

describe('the command table', () => {
  it('keys every option by the name commander gives it, so the typed values match what the action receives', () => {
    for (const { spec } of COMMAND_TABLE) {
      for (const [key, option] of Object.entries(spec.options)) {
        expect(`${spec.path.join(' ')} ${key}`).toBe(
          `${spec.path.join(' ')} ${new Option(option.flags).attributeName()}`,
        );
      }
    }
  });

  it('gives no argument and option the same name, and every command examples that start with its words', () => {
    for (const { spec } of COMMAND_TABLE) {
      const argumentNames = Object.keys(spec.arguments);
      expect(argumentNames.filter((name) => name in spec.options)).toEqual([]);
      expect(spec.examples.length).toBeGreaterThan(0);
      for (const example of spec.examples)
        expect(example).toMatch(new RegExp(`^steward ${spec.path.join(' ')}( |$)`));
    }
  });

  it('takes the --rules choices from the rule-set ids', () => {
    expect(scoreSpec.options.rules.choices).toEqual(RULE_SET_IDS);
    expect(auditSpec.options.rules.choices).toEqual(RULE_SET_IDS);
  });

  it('types each option once, from its kind (checked by tsc)', () => {
    type Audit = CommandValues<typeof auditSpec>;
    expectTypeOf<Audit['source']>().toEqualTypeOf<string>();
    expectTypeOf<Audit['rules']>().toEqualTypeOf<RuleSetId>();
    expectTypeOf<Audit['budget']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Audit['json']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<CommandValues<typeof datasetInspectSpec>['source']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CommandValues<typeof triageSampleSpec>['n']>().toEqualTypeOf<number>();
    expectTypeOf<CommandValues<typeof triageSampleSpec>['strata']>().toEqualTypeOf<
      'status' | 'status-calculator'
    >();
  });

  it('lists each command path once', () => {
    const paths = COMMAND_TABLE.map(({ spec }) => spec.path.join(' '));
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('starting the CLI', () => {
  it('prints the version of package.json', async () => {
    const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(readPackageVersion()).toBe(packageJson.version);
    const result = await run(['--version'], tmpdir());
    expect(result.stdout).toBe(`${packageJson.version}\n`);
  });

  it('loads no command module and writes nothing for --help, an unknown flag or a bad choice', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'steward-start-'));
    expect((await run(['--help'], folder)).code).toBe(0);
    expect((await run(['audit', '--help'], folder)).code).toBe(0);
    expect((await run(['audit', 'x.csv', '--rules', 'exact'], folder)).code).toBe(2);
    expect((await run(['triage', 'queue', '--budget', 'many'], folder)).code).toBe(2);
    expect(loaded).toEqual({ audit: false, triageQueue: false });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('loads the command module when its command runs', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'steward-start-'));
    // No such dataset: the command fails after it has been loaded, before it opens a database.
    const result = await run(['audit', 'missing.csv', '--db', 'db'], folder);
    expect(result.code).toBe(3);
    expect(loaded.audit).toBe(true);
  });
});
