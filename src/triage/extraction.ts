import { z } from 'zod';
import { isBlindLlm } from './llm-rules.js';
import type { VerifierPosition } from './positions.js';
import { findingsOf } from './reasons.js';

/**
 * Whether the inputs of a supported label were checked against the note: the inputs verifiers' per-input record
 * (entity-check's `details.extraction`) must list no unverified input, and no label verifier may report an
 * extraction-error warning about the stored inputs (keys that disagree). Defaults applied to inputs the note does
 * not mention are not inputs read from the note: they are judged by the default rules (judgment-calls.ts).
 */

const extractionRecordSchema = z.object({
  verified: z.array(z.string()),
  unverified: z.array(z.object({ entity: z.string(), why: z.string() })),
});

export type ExtractionAssessment =
  { verified: true; inputs: number; verifiers: string[] } | { verified: false; problems: string[] };

const MAX_LISTED = 4;

function recordOf(position: VerifierPosition) {
  for (const verdict of position.backing) {
    const parsed = extractionRecordSchema.safeParse(verdict.details['extraction']);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

export function assessExtraction(positions: readonly VerifierPosition[]): ExtractionAssessment {
  const problems: string[] = [];
  const checkers = positions.filter((position) => position.role === 'inputs' && position.llm === undefined);
  let inputs = 0;
  if (checkers.length === 0) problems.push('no inputs verifier (entity-check) has a verdict');
  for (const position of checkers) {
    const record = position.outcome === 'abstains' ? undefined : recordOf(position);
    if (record === undefined) {
      problems.push(
        position.outcome === 'abstains'
          ? `${position.verifier} abstained`
          : `${position.verifier}'s verdict carries no per-input record (an older version)`,
      );
      continue;
    }
    inputs = Math.max(inputs, record.verified.length + record.unverified.length);
    for (const { entity, why } of record.unverified) problems.push(`${position.verifier}: ${entity}: ${why}`);
  }
  for (const position of positions) {
    if (position.role !== 'label' || isBlindLlm(position)) continue;
    for (const finding of findingsOf(position, 'warning')) {
      if (finding.category !== 'extraction-error') continue;
      const entity = finding.entity === undefined ? '' : `${finding.entity}: `;
      problems.push(`${position.verifier}: ${entity}${finding.message}`);
    }
  }
  const distinct = [...new Set(problems)];
  if (distinct.length === 0)
    return { verified: true, inputs, verifiers: checkers.map((position) => position.verifier) };
  return { verified: false, problems: distinct };
}

/** The problems as one clause: the first few, then how many more. */
export function describeExtractionProblems(problems: readonly string[]): string {
  const shown = problems.slice(0, MAX_LISTED).join('; ');
  const more = problems.length - MAX_LISTED;
  return more > 0 ? `${shown}; and ${more} more` : shown;
}
