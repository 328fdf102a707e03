import { readFileSync } from 'node:fs';
import { requireSharedFile, V1_TEST_CSV } from '../../../../test/shared-data.js';
import { buildDataset } from '../../../dataset/build.js';
import type { Instance } from '../../../dataset/instance.js';
import { readCsvRows } from '../../../dataset/read-rows.js';
import { createTestContext } from '../../contract.test-suite.js';
import { createEntityCheckVerifier } from '../../entity-check.js';
import { createRecomputeVerifier } from '../../recompute-verifier.js';
import type { Finding, Verdict } from '../../types.js';

/** The v1.0 test split, loaded once per test file, and the two deterministic verifiers' verdicts on one row. */
let instances: readonly Instance[] | undefined;

export function loadRow(row: number): Instance {
  if (instances === undefined) {
    const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'test_data.csv');
    instances = buildDataset(table.rows, {
      source: 'test_data.csv',
      format: 'csv',
      headers: table.headers,
    }).instances;
  }
  const instance = instances[row - 1];
  if (instance === undefined) throw new Error(`no row ${row}`);
  return instance;
}

const context = createTestContext();
const entityCheck = createEntityCheckVerifier();
const recompute = createRecomputeVerifier();

/** entity-check's findings on a row, each evidence span checked against the note. */
export function entityFindings(row: number): Finding[] {
  const instance = loadRow(row);
  const verdict = entityCheck.verify(instance, context) as Verdict;
  for (const finding of verdict.findings)
    for (const span of finding.evidence) {
      if (instance.note.slice(span.start, span.end) !== span.text) throw new Error(`bad span on row ${row}`);
    }
  return verdict.findings;
}

export function recomputeVerdict(row: number): Verdict {
  return recompute.verify(loadRow(row), context) as Verdict;
}

/** Findings of one of the extraction checks added for issue 14, by the words their messages use. */
export const CHECK_MESSAGES = {
  qualified: /stored as exact, but the note writes it only as/,
  notThePatient: /the note writes this value only as .*not as the patient's measurement/,
  timePoints: /the note gives several values for it/,
  undocumented: /the note never mentions/,
} as const;

export function findingsOf(row: number, check: keyof typeof CHECK_MESSAGES): Finding[] {
  return entityFindings(row).filter((finding) => CHECK_MESSAGES[check].test(finding.message));
}
