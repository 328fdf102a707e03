import { parquetWriteBuffer } from 'hyparquet-writer';
import type { RlRow } from './export-plan.js';

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

const text = (name: string): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: 'OPTIONAL',
});

/**
 * The Parquet schema of an RL export, written out because hyparquet-writer cannot infer nested types: `prompt` is a
 * standard three-level LIST of `{role, content}` structs (what pyarrow and `datasets` write), the others are
 * structs with the same fields and types in every row (Arrow needs one struct type per column).
 */
export const RL_PARQUET_SCHEMA: SchemaElement[] = [
  { name: 'schema', num_children: 6 },
  text('data_source'),
  { name: 'prompt', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
  text('role'),
  text('content'),
  text('ability'),
  { name: 'reward_model', repetition_type: 'OPTIONAL', num_children: 2 },
  text('style'),
  text('ground_truth'),
  { name: 'extra_info', repetition_type: 'OPTIONAL', num_children: 8 },
  { name: 'index', type: 'INT64', repetition_type: 'OPTIONAL' },
  text('uid'),
  text('split'),
  { name: 'calculator_id', type: 'INT32', repetition_type: 'OPTIONAL' },
  text('output_type'),
  text('lower'),
  text('upper'),
  text('label_version'),
  text('label'),
];

/** The rows as one Parquet file (Snappy-compressed, one row group per 100,000 rows). */
export function encodeRlParquet(rows: readonly RlRow[]): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: [
      { name: 'data_source', data: rows.map((row) => row.data_source) },
      { name: 'prompt', data: rows.map((row) => row.prompt) },
      { name: 'ability', data: rows.map((row) => row.ability) },
      { name: 'reward_model', data: rows.map((row) => row.reward_model) },
      {
        name: 'extra_info',
        data: rows.map((row) => ({ ...row.extra_info, index: BigInt(row.extra_info.index) })),
      },
      { name: 'label', data: rows.map((row) => row.label) },
    ],
    schema: RL_PARQUET_SCHEMA,
    rowGroupSize: 100_000,
    createdBy: 'steward rl export',
  });
}
