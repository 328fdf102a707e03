import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSteward } from '../../../test/run-steward.js';

const folder = mkdtempSync(join(tmpdir(), 'steward-estimate-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Two strata of 10 items, 2 sampled from each (weight 5).
writeFileSync(
  join(folder, 'sample.csv'),
  ['id,stratum,weight', '1,confirmed,5', '2,confirmed,5', '3,needs-physician,5', '4,needs-physician,5'].join(
    '\n',
  ),
);

function estimate(outcomes: string[]) {
  writeFileSync(join(folder, 'outcomes.csv'), ['id,correct', ...outcomes].join('\n'));
  return runSteward(['triage', 'estimate', '--sample', 'sample.csv', '--outcomes', 'outcomes.csv'], {
    cwd: folder,
  });
}

describe('steward triage estimate', () => {
  it('estimates from the outcomes of exactly the sampled items', async () => {
    const result = await estimate(['1,yes', '2,yes', '3,no', '4,yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^label accuracy 75\.0% /);
  });

  it('refuses outcomes for items not in the sample, naming them, with a fix (issue 17)', async () => {
    const result = await estimate(['1,yes', '2,yes', '3,no', '4,yes', '17,no', '18,yes']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'error: 2 outcome(s) for items not in the sample: 17, 18\n' +
        '  fix: Keep only the rows of the sampled items in the outcomes file (check that it belongs to this --sample and that the ids are not mistyped).\n',
    );
  });
});
