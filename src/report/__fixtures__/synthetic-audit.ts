import { summariseAudit } from '../../audit/summary.js';
import type { AuditItem, AuditReport } from '../../audit/types.js';
import { MEDCALC_CATALOG } from '../../catalog/medcalc-bench.js';
import { createRandom } from '../../triage/prng.js';
import { TRIAGE_STATUSES } from '../../triage/types.js';
import type { TriageReason, TriageStatus } from '../../triage/types.js';
import { categoriesOf, ERROR_CATEGORIES } from '../../verify/types.js';
import type { ErrorCategory, Finding, Verdict } from '../../verify/types.js';

/** A finding whose evidence is given by offsets only; the quoted text is taken from the note. */
export interface FindingSketch {
  category: ErrorCategory;
  severity?: Finding['severity'];
  message?: string;
  entity?: string;
  spans?: [number, number][];
}

export interface ItemSketch {
  id: string;
  note: string;
  /** 1-based dataset row; default 1. */
  row?: number;
  status?: TriageStatus;
  impact?: number;
  calculatorId?: number;
  calculatorName?: string;
  label?: string;
  proposedLabel?: string | null;
  reasons?: TriageReason[];
  findings?: FindingSketch[];
}

/** The one reason an item gets when the sketch gives none: the rule that would set its status. */
const DEFAULT_REASONS: Record<TriageStatus, TriageReason> = {
  confirmed: { rule: 'confirmed', effect: 'decides', text: 'recompute supports the original label' },
  'extraction-unverified': {
    rule: 'extraction-unverified',
    effect: 'decides',
    text: 'recompute supports the original label, but an input is not verified against the note',
  },
  'relabel-proposed': { rule: 'relabel', effect: 'decides', text: 'recompute disputes the original label' },
  'needs-physician': { rule: 'verifier-disagreement', effect: 'holds', text: 'recompute and llm disagree' },
  'not-computable': { rule: 'not-computable', effect: 'decides', text: 'recompute finds it not computable' },
};

/** One audit item with a single verdict from a `recompute` verifier carrying the sketched findings. */
export function buildAuditItem(sketch: ItemSketch): AuditItem {
  const status = sketch.status ?? 'relabel-proposed';
  const findings: Finding[] = (sketch.findings ?? []).map((finding) => ({
    category: finding.category,
    severity: finding.severity ?? 'error',
    ...(finding.entity === undefined ? {} : { entity: finding.entity }),
    message: finding.message ?? `${finding.category} finding`,
    evidence: (finding.spans ?? []).map(([start, end]) => ({
      start,
      end,
      text: sketch.note.slice(start, end),
    })),
  }));
  const verdict: Verdict = {
    verifier: 'recompute',
    verifierVersion: '1.0.0',
    verifierConfigHash: 'c0ffee',
    itemId: sketch.id,
    assessment: status === 'confirmed' ? 'supports' : 'disputes',
    proposedLabel: sketch.proposedLabel ?? null,
    categories: categoriesOf(findings),
    findings,
    confidence: 0.9,
    details: {},
    usage: null,
  };
  return {
    id: sketch.id,
    row: sketch.row ?? 1,
    calculatorId: sketch.calculatorId ?? 2,
    calculatorName: sketch.calculatorName ?? 'CKD-EPI Equations for Glomerular Filtration Rate',
    original: { label: sketch.label ?? '42.0', lowerLimit: '39.9', upperLimit: '44.1' },
    note: sketch.note,
    question: 'What is the patient’s GFR?',
    verdicts: [verdict],
    triage: {
      status,
      proposedLabel: sketch.proposedLabel ?? null,
      reasons: sketch.reasons ?? [DEFAULT_REASONS[status]],
      categories: categoriesOf(findings),
      impact: sketch.impact ?? 0,
    },
  };
}

/** Wraps items into a report with a fixed header and the real summary. */
export function buildAuditReport(items: AuditItem[]): AuditReport {
  return {
    schemaVersion: 1,
    generatedAt: '2026-11-25T10:00:00.000Z',
    dataset: {
      source: 'hub:ncbi/MedCalc-Bench-v1.0 <test> & "split"',
      provenance: {
        kind: 'hub',
        repo: 'ncbi/MedCalc-Bench-v1.0',
        revision: 'main',
        commit: '0123456789abcdef0123456789abcdef01234567',
        split: 'test',
        files: [{ path: 'data/test-00000-of-00001.parquet', bytes: 1234567, sha256: 'a'.repeat(64) }],
      },
      rows: items.length,
    },
    verifiers: [
      { name: 'recompute', version: '1.0.0', configHash: 'c0ffee' },
      { name: 'llm-<judge>', version: '0.3.1', configHash: 'd'.repeat(64) },
    ],
    ruleSet: { id: 'medcalc-v1.0', version: '1.0.0' },
    policy: { name: 'default', hash: 'b'.repeat(64) },
    items,
    summary: summariseAudit(items),
  };
}

const SENTENCES = [
  'A 67-year-old man presented with dyspnoea & fatigue; creatinine was 1.4 mg/dL (<2 the week before).',
  'Blood pressure 142/88 mmHg, heart rate 96 bpm, "afebrile" per triage notes.',
  "He reported <3 episodes of chest pain and denied syncope; O'Brien sign negative.",
  'Labs: sodium 138 mmol/L, potassium 4.1 mmol/L, albumin 3.2 g/dL, bilirubin 0.8 mg/dL.',
  'Medications included warfarin 5 mg daily and metoprolol 50 mg twice daily.',
  'On day 3 the INR was 2.7 and platelets 180 × 10⁹/L; ECG showed QT 440 ms.',
];

/**
 * A report of `count` items over all 55 calculators, with notes that need escaping and findings with spans; the
 * same `seed` gives the same report (the seeded generator of triage's validation sample).
 */
export function buildSyntheticAuditReport(count: number, seed = 7): AuditReport {
  const random = createRandom(seed);
  const items: AuditItem[] = [];
  for (let index = 0; index < count; index++) {
    const entry = MEDCALC_CATALOG[index % MEDCALC_CATALOG.length];
    const sentences = Array.from({ length: 12 }, () => SENTENCES[Math.floor(random() * SENTENCES.length)]);
    const note = sentences.join(' ');
    const status = TRIAGE_STATUSES[Math.floor(random() * TRIAGE_STATUSES.length)] ?? 'confirmed';
    const findings: FindingSketch[] =
      status === 'confirmed'
        ? []
        : Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
            const start = Math.floor(random() * (note.length - 40));
            return {
              category: ERROR_CATEGORIES[Math.floor(random() * ERROR_CATEGORIES.length)] ?? 'format',
              severity: random() < 0.7 ? 'error' : 'warning',
              spans: [[start, start + 5 + Math.floor(random() * 30)]],
            };
          });
    items.push(
      buildAuditItem({
        id: `item-${index + 1}`,
        row: index + 1,
        note,
        status,
        impact: status === 'confirmed' ? 0 : Math.round(random() * 1000) / 10,
        calculatorId: entry?.medcalcId,
        calculatorName: entry?.name ?? 'Unknown',
        proposedLabel: status === 'relabel-proposed' ? (random() * 100).toFixed(1) : null,
        findings,
      }),
    );
  }
  return buildAuditReport(items);
}
