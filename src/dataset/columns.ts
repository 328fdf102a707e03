import type { DatasetLayout } from './instance.js';

/** Instance fields that come straight from a column. */
export type ColumnField =
  | 'id'
  | 'calculatorId'
  | 'calculatorName'
  | 'category'
  | 'outputType'
  | 'noteId'
  | 'noteType'
  | 'note'
  | 'question'
  | 'entities'
  | 'label'
  | 'lowerLimit'
  | 'upperLimit'
  | 'explanation';

/**
 * The canonical header of each field in MedCalc-Bench files, in the v1.0 test_data.csv column order
 * (medcalc-reference.md §2): used in messages, and as the header of release CSVs (`V1_COLUMNS`).
 */
export const COLUMN_NAMES = {
  id: 'Row Number',
  calculatorId: 'Calculator ID',
  calculatorName: 'Calculator Name',
  category: 'Category',
  outputType: 'Output Type',
  noteId: 'Note ID',
  noteType: 'Note Type',
  note: 'Patient Note',
  question: 'Question',
  entities: 'Relevant Entities',
  label: 'Ground Truth Answer',
  lowerLimit: 'Lower Limit',
  upperLimit: 'Upper Limit',
  explanation: 'Ground Truth Explanation',
} as const satisfies Record<ColumnField, string>;

export type V1Column = (typeof COLUMN_NAMES)[ColumnField];

/** The v1.0 test_data.csv header, in the published column order. */
export const V1_COLUMNS: readonly V1Column[] = Object.values(COLUMN_NAMES);

/** Header spellings (compared lower-case with non-alphanumerics removed) per field. */
const HEADER_ALIASES: Record<ColumnField, readonly string[]> = {
  id: ['rownumber', 'uniqueid', 'uid', 'id'],
  calculatorId: ['calculatorid', 'calid'],
  calculatorName: ['calculatorname', 'calculator'],
  category: ['category'],
  outputType: ['outputtype'],
  noteId: ['noteid'],
  noteType: ['notetype'],
  note: ['patientnote', 'note'],
  question: ['question'],
  entities: ['relevantentities'],
  label: ['groundtruthanswer', 'groundtruth', 'answer', 'label'],
  lowerLimit: ['lowerlimit'],
  upperLimit: ['upperlimit'],
  explanation: ['groundtruthexplanation', 'explanation'],
};

/** The v1.0 columns a full MedCalc-Bench file needs (Note ID, Note Type and the explanation are optional). */
const FULL_LAYOUT_COLUMNS: readonly ColumnField[] = [
  'id',
  'calculatorId',
  'calculatorName',
  'category',
  'outputType',
  'note',
  'question',
  'entities',
  'label',
  'lowerLimit',
  'upperLimit',
];

const REQUIRED: Record<DatasetLayout, readonly ColumnField[]> = {
  'medcalc-v1.0': FULL_LAYOUT_COLUMNS,
  'medcalc-unique-id': FULL_LAYOUT_COLUMNS,
  'corrected-labels': ['id', 'calculatorName', 'question', 'note', 'label', 'lowerLimit', 'upperLimit'],
};

function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface ColumnMapping {
  layout: DatasetLayout;
  /** Field -> header as it appears in the file. */
  headers: Partial<Record<ColumnField, string>>;
  /** Required fields the file lacks (empty when usable). */
  missing: ColumnField[];
}

/** Works out which layout a header row belongs to and where each field lives. */
export function mapColumns(headers: readonly string[]): ColumnMapping {
  const mapped: Partial<Record<ColumnField, string>> = {};
  for (const field of Object.keys(HEADER_ALIASES) as ColumnField[]) {
    for (const alias of HEADER_ALIASES[field]) {
      const header = headers.find((candidate) => normaliseHeader(candidate) === alias);
      if (header !== undefined) {
        mapped[field] = header;
        break;
      }
    }
  }
  const idHeader = normaliseHeader(mapped.id ?? '');
  const hasFullColumns = mapped.calculatorId !== undefined || mapped.entities !== undefined;
  const layout: DatasetLayout = hasFullColumns
    ? idHeader === 'rownumber'
      ? 'medcalc-v1.0'
      : 'medcalc-unique-id'
    : 'corrected-labels';
  const missing = REQUIRED[layout].filter((field) => mapped[field] === undefined);
  return { layout, headers: mapped, missing };
}
