import { AppError } from '../app-error.js';
import { TRIAGE_STATUSES } from './types.js';
import type { TriageStatus } from './types.js';
import type { SampledItem, StratumAllocation, ValidationSample } from './sample.js';

/**
 * The validation sample as `steward triage sample --out` writes it (`id,stratum,weight`) and the physicians'
 * outcomes (`id,correct`), read back for `steward triage estimate`. A stratum's population is recovered from
 * its design weight: N_h = weight × n_h.
 */

function invalid(message: string, fix: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('ARGUMENT_INVALID', message, { fix, details });
}

function requireColumns(headers: readonly string[], wanted: readonly string[], source: string): void {
  const missing = wanted.filter((column) => !headers.includes(column));
  if (missing.length > 0) {
    throw invalid(
      `${source}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      `The file needs a header row with ${wanted.join(', ')}.`,
      { found: headers },
    );
  }
}

function text(row: Record<string, unknown>, column: string): string {
  const value = row[column];
  return typeof value === 'string' ? value.trim() : '';
}

function statusOf(stratum: string): TriageStatus | undefined {
  const status = stratum.split('/')[0];
  return TRIAGE_STATUSES.find((candidate) => candidate === status);
}

export function sampleFromRows(
  table: { headers: readonly string[]; rows: readonly Record<string, unknown>[] },
  source: string,
): ValidationSample {
  requireColumns(table.headers, ['id', 'stratum', 'weight'], source);
  const items: SampledItem[] = [];
  const seen = new Set<string>();
  table.rows.forEach((row, index) => {
    const line = index + 2;
    const id = text(row, 'id');
    const stratum = text(row, 'stratum');
    const weight = Number(text(row, 'weight'));
    const status = statusOf(stratum);
    if (id === '') throw invalid(`${source} line ${line}: empty id`, 'Every row needs the item id.');
    if (seen.has(id))
      throw invalid(`${source} line ${line}: item ${id} appears twice`, 'Keep one row per item.');
    if (status === undefined) {
      throw invalid(
        `${source} line ${line}: stratum "${stratum}" does not start with a triage status`,
        `Strata are written by \`steward triage sample\`: ${TRIAGE_STATUSES.join(', ')}, optionally followed by /calculator-<id>.`,
      );
    }
    if (!Number.isFinite(weight) || weight < 1) {
      throw invalid(
        `${source} line ${line}: weight "${text(row, 'weight')}" is not a number ≥ 1`,
        'Use the file `steward triage sample --out` wrote, unchanged.',
      );
    }
    seen.add(id);
    const calculator = /\/calculator-(\d+)$/.exec(stratum)?.[1];
    items.push({
      itemId: id,
      status,
      calculatorId: calculator === undefined ? undefined : Number(calculator),
      stratum,
      weight,
    });
  });
  const declaredSize = new Map<string, number>();
  const declaredPopulation = new Set<number>();
  table.rows.forEach((row) => {
    const size = Number(text(row, 'stratum_size'));
    if (text(row, 'stratum_size') !== '' && Number.isInteger(size))
      declaredSize.set(text(row, 'stratum'), size);
    const total = Number(text(row, 'population'));
    if (text(row, 'population') !== '' && Number.isInteger(total)) declaredPopulation.add(total);
  });
  const allocation: StratumAllocation[] = [];
  for (const item of items) {
    if (allocation.some((entry) => entry.stratum === item.stratum)) continue;
    const members = items.filter((other) => other.stratum === item.stratum);
    const implied = item.weight * members.length;
    const population = declaredSize.get(item.stratum) ?? implied;
    if (
      members.some((other) => Math.abs(other.weight - item.weight) > 1e-9) ||
      Math.abs(population - Math.round(population)) > 1e-6 ||
      Math.abs(implied - population) > 1e-6
    ) {
      throw invalid(
        `${source}: the weights of stratum "${item.stratum}" are inconsistent (weight × items sampled must be the stratum size)`,
        'Use the file `steward triage sample --out` wrote; do not add or remove rows.',
      );
    }
    allocation.push({
      stratum: item.stratum,
      population: Math.round(population),
      sampled: members.length,
      weight: item.weight,
    });
  }
  const population = allocation.reduce((sum, entry) => sum + entry.population, 0);
  if (declaredPopulation.size > 1) {
    throw invalid(
      `${source}: the population column has several values`,
      'Use the file `steward triage sample --out` wrote, unchanged.',
    );
  }
  const [declared] = [...declaredPopulation];
  if (declared !== undefined && declared !== population) {
    throw invalid(
      `${source}: the strata in the file cover ${population} items but the sample was drawn from ${declared}; rows of a whole stratum are missing`,
      'Use the complete file `steward triage sample --out` wrote: every sampled item needs an outcome.',
      { declared, covered: population },
    );
  }
  return {
    seed: `(read from ${source})`,
    strata: items.some((item) => item.stratum.includes('/')) ? 'status-calculator' : 'status',
    requested: items.length,
    population,
    census: items.length === population,
    allocation,
    items,
  };
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'correct']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'incorrect', 'wrong']);

/** `id,correct` rows: whether the physician found the item's label correct. */
export function outcomesFromRows(
  table: { headers: readonly string[]; rows: readonly Record<string, unknown>[] },
  source: string,
): Map<string, boolean> {
  requireColumns(table.headers, ['id', 'correct'], source);
  const outcomes = new Map<string, boolean>();
  table.rows.forEach((row, index) => {
    const line = index + 2;
    const id = text(row, 'id');
    const answer = text(row, 'correct').toLowerCase();
    const correct = TRUE_WORDS.has(answer) ? true : FALSE_WORDS.has(answer) ? false : undefined;
    if (id === '') throw invalid(`${source} line ${line}: empty id`, 'Every row needs the item id.');
    if (correct === undefined) {
      throw invalid(
        `${source} line ${line}: correct = "${text(row, 'correct')}" for item ${id} is not yes/no`,
        'Write true/false (or yes/no, 1/0) in the correct column.',
      );
    }
    if (outcomes.has(id) && outcomes.get(id) !== correct) {
      throw invalid(
        `${source} line ${line}: item ${id} has two different outcomes`,
        'Keep one outcome per item.',
      );
    }
    outcomes.set(id, correct);
  });
  return outcomes;
}
