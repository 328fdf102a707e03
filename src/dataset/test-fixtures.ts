import { fileURLToPath } from 'node:url';
import { buildDataset } from './build.js';
import { V1_COLUMNS } from './columns.js';
import type { Dataset } from './instance.js';
import { parquetWriteBuffer } from 'hyparquet-writer';

export const FIXTURES_DIR = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

/** A small v1.0-layout Parquet file (as the hub serves it), written in memory. */
export function writeV1Parquet(rows: readonly Record<string, string | number>[]): ArrayBuffer {
  const columns = Object.keys(rows[0] ?? {});
  return parquetWriteBuffer({
    columnData: columns.map((name) => {
      const numeric = typeof rows[0]?.[name] === 'number';
      // The hub's Parquet stores ids as INT64, which readers return as bigint.
      const data = rows.map((row) => (numeric ? BigInt(row[name] ?? 0) : (row[name] ?? null)));
      return { name, data, type: numeric ? 'INT64' : 'STRING' };
    }),
  });
}

export const V1_PARQUET_ROWS = [
  {
    'Row Number': 1,
    'Calculator ID': 5,
    'Calculator Name': 'Mean Arterial Pressure (MAP)',
    Category: 'physical',
    'Output Type': 'decimal',
    'Note ID': 'p1',
    'Note Type': 'Synthetic',
    'Patient Note': 'BP 120/80 mm Hg.',
    Question: "What is the patient's mean arterial pressure in mm Hg?",
    'Relevant Entities':
      "{'Systolic Blood Pressure': [120, 'mm hg'], 'Diastolic Blood Pressure': [80, 'mm hg']}",
    'Ground Truth Answer': '93.333',
    'Lower Limit': '88.66635',
    'Upper Limit': '99.99965',
    'Ground Truth Explanation': 'MAP = (2 x 80 + 120)/3.',
  },
  {
    'Row Number': 2,
    'Calculator ID': 6,
    'Calculator Name': 'Body Mass Index (BMI)',
    Category: 'physical',
    'Output Type': 'decimal',
    'Note ID': 'p2',
    'Note Type': 'Synthetic',
    'Patient Note': 'Weight 70 kg, height 175 cm.',
    Question: "What is the patient's BMI in kg/m²?",
    'Relevant Entities': "{'weight': [70, 'kg'], 'height': [175, 'cm']}",
    'Ground Truth Answer': '22.857',
    'Lower Limit': '21.71415',
    'Upper Limit': '23.99985',
    'Ground Truth Explanation': 'BMI = 70 / 1.75².',
  },
];

/** The v1.0 CSV header, in the published column order. */
export const V1_HEADER: string[] = [...V1_COLUMNS];

/** One item of `buildBmiDataset`: the weight in kg (height is 170 cm) and, optionally, the label and its limits. */
export interface BmiRow {
  id: string;
  weight: number;
  /** Defaults to the right BMI to 3 decimals. */
  label?: string;
  lowerLimit?: string;
  upperLimit?: string;
  note?: string;
}

/** A small in-memory v1.0-layout dataset of BMI items, for store, audit and CLI tests. */
export function buildBmiDataset(rows: readonly BmiRow[]): Dataset {
  const cells = rows.map((row) => ({
    'Row Number': row.id,
    'Calculator ID': '6',
    'Calculator Name': 'Body Mass Index (BMI)',
    Category: 'physical',
    'Output Type': 'decimal',
    'Note ID': `n${row.id}`,
    'Note Type': 'Extracted',
    'Patient Note': row.note ?? `A patient weighing ${row.weight} kg, 170 cm tall.`,
    Question: "What is the patient's BMI?",
    'Relevant Entities': `{'weight': [${row.weight}, 'kg'], 'height': [170, 'cm']}`,
    'Ground Truth Answer': row.label ?? (row.weight / 1.7 ** 2).toFixed(3),
    'Lower Limit': row.lowerLimit ?? '1',
    'Upper Limit': row.upperLimit ?? '100',
    'Ground Truth Explanation': 'BMI = weight / height^2.',
  }));
  return buildDataset(cells, { source: 'memory', format: 'csv', headers: V1_HEADER });
}
