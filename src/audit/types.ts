import type { DatasetProvenance } from '../dataset/instance.js';
import type { TriageDecision, TriageStatus } from '../triage/types.js';
import type { ErrorCategory, Verdict, VerifierIdentity } from '../verify/types.js';

/** One audited item: what `audit --json` prints per item and what the HTML report shows. */
export interface AuditItem {
  id: string;
  /** 1-based row in the dataset file. */
  row: number;
  calculatorId: number | undefined;
  calculatorName: string;
  original: { label: string; lowerLimit: string | undefined; upperLimit: string | undefined };
  note: string;
  question: string;
  verdicts: Verdict[];
  triage: TriageDecision;
}

/** An audited item without its note, question and verdicts: what the review queue shows. */
export type TriagedItem = Pick<
  AuditItem,
  'id' | 'row' | 'calculatorId' | 'calculatorName' | 'original' | 'triage'
>;

export interface CalculatorAuditSummary {
  calculatorId: number | undefined;
  calculatorName: string;
  items: number;
  /** Items whose status is suspect: relabel-proposed, needs-physician or not-computable (`isSuspect`). */
  suspect: number;
  byStatus: Record<TriageStatus, number>;
}

export interface AuditSummary {
  items: number;
  byStatus: Record<TriageStatus, number>;
  /** Items with at least one finding of the category (error or warning severity) in any verdict. */
  byCategory: Record<ErrorCategory, number>;
  byCalculator: CalculatorAuditSummary[];
}

/** Everything one audit produced, as read back from the store. */
export interface AuditReport {
  schemaVersion: 1;
  generatedAt: string;
  dataset: { source: string; provenance: DatasetProvenance | undefined; rows: number };
  /** The verifiers that judged the items: name, version and configuration hash. */
  verifiers: VerifierIdentity[];
  /** The answer rule set the verdicts were judged under. */
  ruleSet: { id: string; version: string };
  policy: { name: string; hash: string };
  items: AuditItem[];
  summary: AuditSummary;
}
