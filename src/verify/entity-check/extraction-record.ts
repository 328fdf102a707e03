import type { Finding } from '../types.js';

/**
 * Per input the calculation uses: whether entity-check verified the stored value against the note. Triage
 * confirms a label only when every input is verified (docs/triage-policy.md, `extraction-unverified`).
 *
 * Verified means: a number or date is written in the note next to a name for it, as the patient's plain
 * measurement (not censored, a range, a dose, a relative's, a threshold), with no other value at another time
 * point that would change the answer; a criterion stored True has an affirmed mention; one stored False (or at
 * its absent option) has statement terms known and the note does not state it; an option above "absent" has an
 * affirmed mention and no contradicting grade; a sex is named in the note. Any finding of warning or error
 * severity about the entity makes it unverified, whatever the check that passed.
 */
export interface UnverifiedInput {
  entity: string;
  /** Why, in plain words (the first reason found). */
  why: string;
}

export interface ExtractionRecord {
  /** Entity keys the note verifies. */
  verified: string[];
  unverified: UnverifiedInput[];
}

/** Collects, per entity key, whether it was verified; the first reason against it wins. */
export class ExtractionTally {
  private readonly outcomes = new Map<string, string | null>();

  verify(entity: string): void {
    if (!this.outcomes.has(entity)) this.outcomes.set(entity, null);
  }

  doubt(entity: string, why: string): void {
    if ((this.outcomes.get(entity) ?? null) === null) this.outcomes.set(entity, why);
  }

  /** The record, after every warning- or error-severity finding on an entity has made it unverified. */
  record(findings: readonly Finding[]): ExtractionRecord {
    for (const finding of findings) {
      if (finding.severity === 'info' || finding.entity === undefined) continue;
      if (!this.outcomes.has(finding.entity)) continue;
      this.doubt(finding.entity, `${finding.category} (${finding.severity}): ${finding.message}`);
    }
    const verified: string[] = [];
    const unverified: UnverifiedInput[] = [];
    for (const [entity, why] of this.outcomes) {
      if (why === null) verified.push(entity);
      else unverified.push({ entity, why });
    }
    return { verified, unverified };
  }
}

const SEX_WORDS = {
  male: /\b(?:male|man|men|boy|gentleman|he|his|him|Mr)\b/i,
  female: /\b(?:female|woman|women|girl|lady|she|her|Mrs|Ms|pregnant|pregnancy)\b/i,
} as const;
/** "85M", "32 yo F": case-sensitive, so "5 m" of a distance does not count. */
const SEX_LETTERS = {
  male: /\b\d+\s*-?\s*(?:y\.?\s*o\.?\s*|year[s-]*old\s*)?M\b/,
  female: /\b\d+\s*-?\s*(?:y\.?\s*o\.?\s*|year[s-]*old\s*)?F\b/,
} as const;

/** Whether the note names the stored sex (a word, a pronoun, or "85M"); undefined for an unreadable value. */
export function isSexStated(note: string, raw: string): boolean | undefined {
  const text = raw.trim().toLowerCase();
  const sex = ['male', 'm', 'man'].includes(text)
    ? 'male'
    : ['female', 'f', 'woman'].includes(text)
      ? 'female'
      : undefined;
  if (sex === undefined) return undefined;
  return SEX_WORDS[sex].test(note) || SEX_LETTERS[sex].test(note);
}
