/**
 * Release publishing on a 10,000-item dataset: `planRelease` (decide every label, limits, counts, changelog) and
 * `writeRelease` (CSV, JSONL, Parquet, changes, card, manifest with sha256, atomic rename) on synthetic items with
 * v1.0-sized notes and a mix of triage statuses and physician decisions. Median of a few runs; no database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditedItem, ReviewOutcome } from '../src/release/decide-labels.js';
import { findDefaultOption } from '../src/release/gather.js';
import { planRelease } from '../src/release/plan-release.js';
import type { ReleaseInput } from '../src/release/plan-release.js';
import { DEFAULT_RELEASE_POLICY } from '../src/release/policy.js';
import type { SourceRow } from '../src/release/types.js';
import { writeRelease } from '../src/release/write-release.js';
import type { TriageStatus } from '../src/triage/types.js';

export interface ReleasePublishBench {
  items: number;
  runs: number;
  planMedianMs: number;
  writeMedianMs: number;
  totalMedianMs: number;
  itemsPerSecond: number;
  bytesWritten: number;
  changed: number;
}

const STATUSES: TriageStatus[] = [
  'confirmed',
  'confirmed',
  'extraction-unverified',
  'relabel-proposed',
  'needs-physician',
  'not-computable',
];
const NOTE = 'A 64-year-old woman presented with dyspnoea. '.repeat(36);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function buildInput(items: number): ReleaseInput {
  const rows: SourceRow[] = [];
  const audited: AuditedItem[] = [];
  const reviews: ReviewOutcome[] = [];
  for (let index = 0; index < items; index++) {
    const id = String(index + 1);
    const label = (20 + (index % 97) * 1.37).toFixed(3);
    rows.push({
      itemId: id,
      row: index + 1,
      calculatorId: 2,
      calculatorName: 'Creatinine Clearance (Cockcroft-Gault Equation)',
      category: 'lab',
      outputType: 'decimal',
      noteId: `pmc-${index}`,
      noteType: 'Extracted',
      note: NOTE,
      question:
        "What is the patient's Creatinine Clearance using the Cockroft-Gault Equation in terms of mL/min?",
      entitiesText: "{'age': [64, 'years'], 'creatinine': [1.2, 'mg/dL'], 'sex': 'Female'}",
      label,
      lowerLimit: label,
      upperLimit: label,
      explanation:
        'The formula is CrCl = ((140 - age) × adjusted weight × 0.85) / (serum creatinine × 72). '.repeat(8),
    });
    const status = STATUSES[index % STATUSES.length]!;
    audited.push({
      itemId: id,
      originalLabel: label,
      calculatorId: 2,
      outputType: 'decimal',
      triage: {
        status,
        proposedLabel: status === 'relabel-proposed' ? String(Number(label) * 1.2) : null,
        reasons: [{ rule: 'relabel', effect: 'decides', text: 'recompute disputes the label' }],
        categories: ['calculator-logic'],
        impact: 1,
      },
      verdicts: [],
      triageDecidedAt: '2026-12-01T00:00:00.000Z',
    });
    if (status === 'needs-physician' && index % 12 === 4) {
      reviews.push({
        itemId: id,
        batchId: 'bench',
        status: 'resolved',
        finalOutcome: 'answer',
        finalLabel: String(Number(label) + 1),
        provenance: { method: 'physician-agreement', reviewers: 2, reviewerIdsHashed: ['a', 'b'] },
        decidedAt: '2026-12-02T00:00:00.000Z',
        errorCategory: null,
        rationale: null,
      });
    }
  }
  return {
    version: '1.1.0',
    createdAt: '2026-12-03T00:00:00.000Z',
    stewardVersion: 'bench',
    policy: DEFAULT_RELEASE_POLICY,
    dataset: { id: 'sha256:bench', source: 'bench.csv', layout: 'medcalc-v1.0', provenance: null },
    audit: {
      runId: 'bench',
      ruleSet: 'medcalc-v1.0',
      ruleSetVersion: '1',
      policyHash: 'bench',
      verifiers: [],
    },
    reviewBatchIds: ['bench'],
    rows,
    items: audited,
    reviews,
    previous: null,
    defaultOptionOf: findDefaultOption,
  };
}

/** Plans and writes a 10,000-item release `runs` times into a temporary folder; median timings. */
export async function measureReleasePublish(
  options: { items?: number; runs?: number } = {},
): Promise<ReleasePublishBench> {
  const items = options.items ?? 10_000;
  const runs = options.runs ?? 5;
  const input = buildInput(items);
  const folder = mkdtempSync(join(tmpdir(), 'steward-bench-release-'));
  const plans: number[] = [];
  const writes: number[] = [];
  const totals: number[] = [];
  let bytesWritten = 0;
  let changed = 0;
  try {
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      const plan = planRelease(input);
      const planned = performance.now();
      const manifest = writeRelease(plan, join(folder, `release-${run}`));
      const end = performance.now();
      plans.push(planned - start);
      writes.push(end - planned);
      totals.push(end - start);
      bytesWritten = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
      changed = plan.counts.changed;
      await Promise.resolve();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const totalMedianMs = median(totals);
  return {
    items,
    runs,
    planMedianMs: median(plans),
    writeMedianMs: median(writes),
    totalMedianMs,
    itemsPerSecond: items / (totalMedianMs / 1000),
    bytesWritten,
    changed,
  };
}

export function describeReleasePublish(result: ReleasePublishBench): string {
  return [
    `release publish, ${result.items.toLocaleString('en-US')} items (median of ${result.runs}):`,
    `  plan ${result.planMedianMs.toFixed(0)} ms + write ${result.writeMedianMs.toFixed(0)} ms = ${result.totalMedianMs.toFixed(0)} ms`,
    `  ${Math.round(result.itemsPerSecond).toLocaleString('en-US')} items/s; ${(result.bytesWritten / 1e6).toFixed(1)} MB written; ${result.changed} labels changed`,
  ].join('\n');
}
