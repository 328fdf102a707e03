import type { CalculatorSlug } from '../catalog/medcalc-bench.js';
import type { PythonValue } from './python-literal.js';

/** One benchmark item, whatever file layout it came from. */
export interface Instance {
  /** The item id as the file writes it (`Row Number`, `Unique ID`, `uid`). */
  id: string;
  /** 1-based position among the file's data rows: what error messages cite. */
  row: number;
  calculatorId: number | undefined;
  calculatorSlug: CalculatorSlug | undefined;
  calculatorName: string;
  category: string | undefined;
  outputType: string | undefined;
  noteId: string | undefined;
  noteType: string | undefined;
  note: string;
  question: string;
  /** Parsed `Relevant Entities`; undefined when the layout has none or the cell did not parse. */
  entities: Record<string, PythonValue> | undefined;
  entitiesText: string | undefined;
  label: string;
  lowerLimit: string | undefined;
  upperLimit: string | undefined;
  explanation: string | undefined;
  /** Stable hash of calculator + question + note, for joining versions of the same item. */
  contentHash: string;
}

export type DatasetFormat = 'csv' | 'jsonl' | 'parquet';

/** Which column set the file uses. */
export type DatasetLayout = 'medcalc-v1.0' | 'medcalc-unique-id' | 'corrected-labels';

export interface ValidationProblem {
  severity: 'error' | 'warning';
  /** 1-based data row (header excluded); 0 for file-level problems. */
  row: number;
  column: string;
  message: string;
}

/** Where the rows came from, with checksums, so every later result can name its exact input. */
export type DatasetProvenance =
  | { kind: 'file'; path: string; bytes: number; sha256: string }
  | {
      kind: 'hub';
      repo: string;
      revision: string;
      commit: string;
      split: string;
      files: { path: string; bytes: number; sha256: string }[];
    };

export interface Dataset {
  source: string;
  /** Set by the loaders; absent for rows built in memory. */
  provenance?: DatasetProvenance;
  format: DatasetFormat;
  layout: DatasetLayout;
  instances: Instance[];
  problems: ValidationProblem[];
  /** What loading wants the user to know, e.g. that the hub failed and a cached copy was used. */
  warnings?: string[];
}
