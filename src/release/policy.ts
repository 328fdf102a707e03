import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../app-error.js';
import { canonicalJson } from '../contracts/canonical-json.js';
import { parseJsonObject } from '../contracts/json.js';
import { CONVENTION_IDS, TOLERANCE_CONVENTION_IDS } from './conventions.js';

/** What a withheld item becomes in the drop-in `test_data.csv` (the JSONL and Parquet always keep every row). */
export const WITHHELD_CHOICES = ['keep-original', 'omit', 'na'] as const;
export type WithheldChoice = (typeof WITHHELD_CHOICES)[number];

export const releasePolicySchema = z.strictObject({
  schemaVersion: z.literal(1).default(1),
  /**
   * keep-original (default): the v1.0 label and limits stay, so the file keeps all rows and v1.0 scores stay
   * comparable on the part nobody could check; `Label Status` in the JSONL says which rows these are.
   */
  withheld: z.enum(WITHHELD_CHOICES).default('keep-original'),
  /** How Lower/Upper Limit are recomputed for new labels. */
  tolerance: z.enum(TOLERANCE_CONVENTION_IDS).default('tolerance-relative-5pct'),
  /** The other conventions the release declares (format of labels, calculator definitions). */
  conventions: z
    .array(z.enum(CONVENTION_IDS))
    .default([
      'integer-score-exact',
      'decimal-3dp',
      'date-mm-dd-yyyy',
      'gestational-age-weeks-days',
      'not-computable-na',
      'naegele-280-days',
      'conception-cycle-adjusted',
      'meld-na',
    ]),
  /** The version name of the source dataset, for `Label Version` of labels kept from it. */
  sourceVersion: z.string().min(1).max(40).default('1.0'),
  /** How an adjudicator is named in `decided_by`: as recorded in provenance (their e-mail), or its sha256. */
  adjudicatorIdentity: z.enum(['as-recorded', 'hashed']).default('hashed'),
});
export type ReleasePolicy = z.infer<typeof releasePolicySchema>;

export const DEFAULT_RELEASE_POLICY: ReleasePolicy = releasePolicySchema.parse({});

/** Parses a policy file's text; every field is optional (defaults above), unknown fields are refused. */
export function parseReleasePolicy(text: string, source: string): ReleasePolicy {
  const parsed = releasePolicySchema.safeParse(parseJsonObject(text, source));
  if (!parsed.success) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `${source}: invalid release policy: ${parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ')}`,
      { fix: 'See docs/releases.md § Policy for the fields and their values.' },
    );
  }
  return parsed.data;
}

/** sha256 of the policy's canonical JSON: equal policies hash equally whatever their key order. */
export function hashReleasePolicy(policy: ReleasePolicy): string {
  return createHash('sha256').update(canonicalJson(policy)).digest('hex');
}
