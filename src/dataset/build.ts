import { AppError } from '../app-error.js';
import {
  findCatalogEntry,
  findCatalogEntryByMedcalcId,
  type CatalogEntry,
} from '../catalog/medcalc-bench.js';
import { COLUMN_NAMES, mapColumns, type ColumnField, type ColumnMapping } from './columns.js';
import { computeContentHash } from './content-hash.js';
import type { Dataset, DatasetFormat, Instance, ValidationProblem } from './instance.js';
import { safeParsePythonLiteral, type PythonValue } from './python-literal.js';
import { validateLabel } from './validate-label.js';

export interface BuildOptions {
  source: string;
  format: DatasetFormat;
  /** Header row as the file has it (for CSV/Parquet); JSONL uses the union of keys. */
  headers: readonly string[];
}

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
    const reader = new RowReader(mapping, record);
    const report = (column: ColumnField, message: string, severity: 'error' | 'warning' = 'error') =>
      problems.push({ severity, row, column: mapping.headers[column] ?? COLUMN_NAMES[column], message });
    const id = reader.text('id')?.trim() ?? '';
    if (id === '') report('id', 'empty id');
    const firstRow = seenIds.get(id);
    if (id !== '' && firstRow !== undefined)
      report('id', `duplicate id "${id}" (first used in row ${firstRow})`);
    else seenIds.set(id, row);
    const { entry, calculatorId } = resolveCalculator(reader, report);
    const note = reader.text('note') ?? '';
    const question = reader.text('question') ?? '';
    if (note.trim() === '') report('note', 'empty patient note');
    if (note.includes('\u0000'))
      report(
        'note',
        'contains a NUL character (U+0000), which databases cannot store; the store keeps it as U+FFFD',
        'warning',
      );
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
  return { source: options.source, format: options.format, layout: mapping.layout, instances, problems };
}
