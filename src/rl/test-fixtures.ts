import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One release row (v1.0 columns + Label Status, Original Label, Label Version) of a BMI item, for RL tests. */
export function makeReleaseRow(
  id: number,
  options: { status?: string; label?: string; note?: string; lower?: string; upper?: string } = {},
): Record<string, string | number> {
  const label = options.label ?? '24.221';
  return {
    'Row Number': id,
    'Calculator ID': 6,
    'Calculator Name': 'Body Mass Index (BMI)',
    Category: 'physical',
    'Output Type': 'decimal',
    'Note ID': `n${id}`,
    'Note Type': 'Extracted',
    'Patient Note': options.note ?? `Patient ${id}: weight 70 kg, height 170 cm.`,
    Question: "What is the patient's BMI in kg/m²?",
    'Relevant Entities': "{'weight': [70, 'kg'], 'height': [170, 'cm']}",
    'Ground Truth Answer': label,
    'Lower Limit': options.lower ?? (label === 'N/A' ? 'N/A' : '23.00995'),
    'Upper Limit': options.upper ?? (label === 'N/A' ? 'N/A' : '25.43205'),
    'Ground Truth Explanation': 'BMI = 70 / 1.7².',
    'Label Status': options.status ?? 'consensus',
    'Original Label': '24.221',
    'Label Version': '2026.12',
  };
}

/** Writes a release folder with `train_data.jsonl` and `test_data.jsonl`; returns its path. */
export function writeReleaseFolder(splits: {
  train?: readonly Record<string, unknown>[];
  test: readonly Record<string, unknown>[];
}): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-rl-release-'));
  const write = (name: string, rows: readonly Record<string, unknown>[]) =>
    writeFileSync(join(dir, name), rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
  if (splits.train !== undefined) write('train_data.jsonl', splits.train);
  write('test_data.jsonl', splits.test);
  return dir;
}
