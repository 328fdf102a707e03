import { AppError } from '../app-error.js';
import {
  findCatalogEntry,
  findCatalogEntryByMedcalcId,
  type CatalogEntry,
} from '../catalog/medcalc-bench.js';
import { COLUMN_NAMES, mapColumns, type ColumnField, type ColumnMapping } from './columns.js';
import { computeContentHash } from './content-hash.js';
import type { Dataset, DatasetFormat, Instance, ValidationProblem } from './instance.js';
import { MAX_LITERAL_DEPTH, safeParsePythonLiteral, type PythonValue } from './python-literal.js';
import { describeInvalidId } from './validate-id.js';
import { validateLabel } from './validate-label.js';

export interface BuildOptions {
  source: string;
  format: DatasetFormat;
  /** Header row as the file has it (for CSV/Parquet); JSONL uses the union of keys. */
  headers: readonly string[];
  /** Problems the reader found (invalid UTF-8), merged by row with the ones found here. */
  problems?: readonly ValidationProblem[];
}

/** JSONL cells deeper than this are refused: `JSON.stringify` of a 100,000-deep array overflows the stack. */
const MAX_CELL_DEPTH = MAX_LITERAL_DEPTH;

/** Whether a parsed JSON value nests deeper than `limit` (checked without recursion). */
function isNestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [current, depth] = entry;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The record without cells nested too deeply to read, each reported against its column. */
function dropDeepCells(
  record: Readonly<Record<string, unknown>>,
  report: (header: string) => void,
): Readonly<Record<string, unknown>> {
  const deep = Object.keys(record).filter((header) => isNestedDeeperThan(record[header], MAX_CELL_DEPTH));
  if (deep.length === 0) return record;
  const kept: Record<string, unknown> = { ...record };
  for (const header of deep) {
    report(header);
    kept[header] = undefined;
  }
  return kept;
}

/** Columns checked for U+0000, which the store cannot keep. */
const TEXT_FIELDS: readonly ColumnField[] = [
  'id',
  'calculatorName',
  'noteId',
  'note',
  'question',
  'entities',
  'label',
  'lowerLimit',
  'upperLimit',
  'explanation',
];

function cellText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

class RowReader {
  constructor(
    private readonly mapping: ColumnMapping,
    private readonly record: Readonly<Record<string, unknown>>,
  ) {}
  text(field: ColumnField): string | undefined {
    const header = this.mapping.headers[field];
    return header === undefined ? undefined : cellText(this.record[header]);
  }
}

function resolveCalculator(
  reader: RowReader,
  report: (column: ColumnField, message: string, severity?: 'error' | 'warning') => void,
): { entry: CatalogEntry | undefined; calculatorId: number | undefined } {
  const idText = reader.text('calculatorId')?.trim();
  const name = reader.text('calculatorName')?.trim() ?? '';
  if (idText !== undefined && idText !== '') {
    const calculatorId = Number(idText);
    const entry = Number.isInteger(calculatorId) ? findCatalogEntryByMedcalcId(calculatorId) : undefined;
    if (entry === undefined) {
      report(
        'calculatorId',
        `unknown calculator id "${idText}" (MedCalc-Bench ids are 2–69; see \`steward calc list\`)`,
      );
    } else if (name !== '' && name.toLowerCase() !== entry.name.toLowerCase()) {
      report(
        'calculatorName',
        `name "${name}" does not match calculator ${calculatorId} ("${entry.name}")`,
        'warning',
      );
    }
    return { entry, calculatorId: Number.isInteger(calculatorId) ? calculatorId : undefined };
  }
  const entry = findCatalogEntry(name);
  if (entry === undefined) report('calculatorName', `unknown calculator "${name}"`);
  return { entry, calculatorId: entry?.medcalcId };
}

function parseEntities(
  text: string | undefined,
  report: (column: ColumnField, message: string) => void,
): Record<string, PythonValue> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const parsed = safeParsePythonLiteral(text);
  if (!parsed.ok) {
    report('entities', `not a valid Python literal: ${parsed.error}`);
    return undefined;
  }
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report('entities', 'expected a dict of entity name -> value');
    return undefined;
  }
  return value;
}

/**
 * Turns raw rows (header -> cell) into validated instances. Missing required columns are a file-level error;
 * every row-level problem is collected with its row number and column, and the row is kept.
 */
export function buildDataset(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: BuildOptions,
): Dataset {
  if (options.headers.length === 0 && rows.length === 0) {
    throw new AppError('DATASET_INVALID', `${options.source} is empty: no header and no rows`, {
      fix: 'Give a MedCalc-Bench file with its header row and at least one row (CSV, JSONL with one object per line, or Parquet).',
      details: { source: options.source },
    });
  }
  const mapping = mapColumns(options.headers);
  if (mapping.missing.length > 0) {
    const missing = mapping.missing.map((field) => `"${COLUMN_NAMES[field]}"`).join(', ');
    throw new AppError(
      'DATASET_INVALID',
      `${options.source}: missing column${mapping.missing.length > 1 ? 's' : ''} ${missing}`,
      {
        fix: `A MedCalc-Bench file needs the columns ${Object.values(COLUMN_NAMES).slice(0, 13).join(', ')} (or the 7-column corrected-label layout: Unique ID, Calculator Name, Question, Patient Note, Ground Truth Answer, Lower Limit, Upper Limit). Found: ${options.headers.join(', ')}.`,
        details: { source: options.source, missing: mapping.missing.map((field) => COLUMN_NAMES[field]) },
      },
    );
  }
  const problems: ValidationProblem[] = [];
  const instances: Instance[] = [];
  const seenIds = new Map<string, number>();
  const seenContent = new Map<string, number>();
  rows.forEach((record, index) => {
    const row = index + 1;
    const reader = new RowReader(
      mapping,
      dropDeepCells(record, (header) =>
        problems.push({
          severity: 'error',
          row,
          column: header,
          message: `nested deeper than ${MAX_CELL_DEPTH} levels; a cell is text, a number or a shallow value`,
        }),
      ),
    );
    const report = (column: ColumnField, message: string, severity: 'error' | 'warning' = 'error') =>
      problems.push({ severity, row, column: mapping.headers[column] ?? COLUMN_NAMES[column], message });
    const id = reader.text('id')?.trim() ?? '';
    if (id === '') report('id', 'empty id');
    const invalidId = id === '' ? undefined : describeInvalidId(id, mapping.headers.id ?? COLUMN_NAMES.id);
    if (invalidId !== undefined) report('id', invalidId);
    const firstRow = seenIds.get(id);
    if (id !== '' && firstRow !== undefined)
      report('id', `duplicate id "${id}" (first used in row ${firstRow})`);
    else seenIds.set(id, row);
    const { entry, calculatorId } = resolveCalculator(reader, report);
    const note = reader.text('note') ?? '';
    const question = reader.text('question') ?? '';
    if (note.trim() === '') report('note', 'empty patient note');
    for (const field of TEXT_FIELDS) {
      if (reader.text(field)?.includes('\u0000'))
        report(
          field,
          'contains a NUL character (U+0000), which databases cannot store; the store keeps it as U+FFFD',
          'warning',
        );
    }
    if (question.trim() === '') report('question', 'empty question');
    const entitiesText = reader.text('entities');
    const entities = parseEntities(entitiesText, report);
    const category = reader.text('category')?.trim();
    if (category !== undefined && entry !== undefined) {
      const normalised = category === 'lab test' ? 'lab' : category;
      if (normalised !== entry.category)
        report(
          'category',
          `"${category}" but calculator ${entry.medcalcId} is "${entry.category}"`,
          'warning',
        );
    }
    const outputType = reader.text('outputType')?.trim();
    const label = reader.text('label')?.trim() ?? '';
    const lowerLimit = reader.text('lowerLimit')?.trim();
    const upperLimit = reader.text('upperLimit')?.trim();
    if (entry !== undefined) {
      for (const issue of validateLabel({ entry, outputType, label, lowerLimit, upperLimit })) {
        report(issue.column, issue.message, issue.severity);
      }
    }
    const contentHash = computeContentHash({
      calculator: entry?.slug ?? reader.text('calculatorName') ?? '',
      question,
      note,
    });
    const sameContent = seenContent.get(contentHash);
    if (sameContent !== undefined)
      report(
        'note',
        `same calculator, question and note as row ${sameContent} (a duplicate item)`,
        'warning',
      );
    else seenContent.set(contentHash, row);
    instances.push({
      id,
      row,
      calculatorId,
      calculatorSlug: entry?.slug,
      calculatorName: reader.text('calculatorName')?.trim() ?? entry?.name ?? '',
      category: category ?? entry?.category,
      outputType: outputType ?? entry?.outputType,
      noteId: reader.text('noteId'),
      noteType: reader.text('noteType'),
      note,
      question,
      entities,
      entitiesText,
      label,
      lowerLimit,
      upperLimit,
      explanation: reader.text('explanation'),
      contentHash,
    });
  });
  // Stable: the reader's problems come first within their row, and rows stay in order.
  const merged = [...(options.problems ?? []), ...problems].sort((a, b) => a.row - b.row);
  return {
    source: options.source,
    format: options.format,
    layout: mapping.layout,
    instances,
    problems: merged,
  };
}
