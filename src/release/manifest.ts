import { z } from 'zod';
import { AppError } from '../app-error.js';
import { parseJsonObject } from '../contracts/json.js';
import type { ReleasePlan } from './plan-release.js';
import { V1_COLUMNS } from '../dataset/columns.js';
import { RELEASE_EXTRA_COLUMNS } from './render.js';

export const MANIFEST_SCHEMA_VERSION = 1;

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** manifest.json: what the release is, what it was built from, and the sha256 of every other file. */
export interface ReleaseManifest {
  schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  version: string;
  createdAt: string;
  stewardVersion: string;
  previousVersion: string | null;
  dataset: ReleasePlan['dataset'];
  audit: ReleasePlan['audit'];
  reviewBatchIds: string[];
  policy: ReleasePlan['policy'];
  policyHash: string;
  withheld: ReleasePlan['policy']['withheld'];
  conventions: ReleasePlan['conventions'];
  counts: Omit<ReleasePlan['counts'], 'byCalculator'>;
  columns: { csv: string[]; jsonl: string[] };
  files: ManifestFile[];
}

export function buildManifest(plan: ReleasePlan, files: ManifestFile[]): ReleaseManifest {
  const { byCalculator: _byCalculator, ...counts } = plan.counts;
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    version: plan.version,
    createdAt: plan.createdAt,
    stewardVersion: plan.stewardVersion,
    previousVersion: plan.previousVersion,
    dataset: plan.dataset,
    audit: plan.audit,
    reviewBatchIds: plan.reviewBatchIds,
    policy: plan.policy,
    policyHash: plan.policyHash,
    withheld: plan.policy.withheld,
    conventions: plan.conventions,
    counts,
    columns: { csv: [...V1_COLUMNS], jsonl: [...V1_COLUMNS, ...RELEASE_EXTRA_COLUMNS] },
    files,
  };
}

/** The fields later commands rely on; the rest is kept as read. */
const manifestSchema = z.looseObject({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  version: z.string(),
  createdAt: z.string(),
  previousVersion: z.string().nullable(),
  dataset: z.looseObject({ id: z.string(), source: z.string(), provenance: z.unknown() }),
  files: z.array(z.object({ path: z.string(), bytes: z.number(), sha256: z.string() })),
});

export function parseManifest(text: string, source: string): ReleaseManifest {
  const parsed = manifestSchema.safeParse(parseJsonObject(text, source));
  if (!parsed.success) {
    throw new AppError('DATASET_INVALID', `${source} is not a Steward release manifest`, {
      fix: 'Point at a folder written by `steward release publish`.',
      details: { issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) },
    });
  }
  return parsed.data as unknown as ReleaseManifest;
}
