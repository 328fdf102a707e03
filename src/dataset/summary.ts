import type { Dataset, DatasetProvenance, ValidationProblem } from './instance.js';

export interface CountEntry {
  key: string;
  count: number;
}

export interface DatasetSummary {
  source: string;
  format: string;
  layout: string;
  provenance: DatasetProvenance | undefined;
  rows: number;
  calculators: number;
  byCalculator: (CountEntry & { calculatorId: number | undefined })[];
  byCategory: CountEntry[];
  byOutputType: CountEntry[];
  byNoteType: CountEntry[];
  errors: number;
  warnings: number;
  problems: ValidationProblem[];
}

function count(values: readonly (string | undefined)[]): CountEntry[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value ?? '(none)', (counts.get(value ?? '(none)') ?? 0) + 1);
  return [...counts.entries()]
    .map(([key, total]) => ({ key, count: total }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function summariseDataset(dataset: Dataset): DatasetSummary {
  const calculators = new Map<string, { calculatorId: number | undefined; count: number }>();
  for (const instance of dataset.instances) {
    const entry = calculators.get(instance.calculatorName) ?? {
      calculatorId: instance.calculatorId,
      count: 0,
    };
    entry.count++;
    calculators.set(instance.calculatorName, entry);
  }
  const byCalculator = [...calculators.entries()]
    .map(([key, entry]) => ({ key, calculatorId: entry.calculatorId, count: entry.count }))
    .sort((a, b) => (a.calculatorId ?? 1e9) - (b.calculatorId ?? 1e9) || a.key.localeCompare(b.key));
  return {
    source: dataset.source,
    format: dataset.format,
    layout: dataset.layout,
    provenance: dataset.provenance,
    rows: dataset.instances.length,
    calculators: byCalculator.length,
    byCalculator,
    byCategory: count(dataset.instances.map((instance) => instance.category)),
    byOutputType: count(dataset.instances.map((instance) => instance.outputType)),
    byNoteType: count(dataset.instances.map((instance) => instance.noteType)),
    errors: dataset.problems.filter((problem) => problem.severity === 'error').length,
    warnings: dataset.problems.filter((problem) => problem.severity === 'warning').length,
    problems: dataset.problems,
  };
}
