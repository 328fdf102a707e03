import { describe, expect, it } from 'vitest';
import type { TriageDecision, TriageStatus } from '../triage/types.js';
import type { Verdict } from '../verify/types.js';
import { decideLabel, pickReviewOutcome } from './decide-labels.js';
import type { AuditedItem, ReviewOutcome } from './decide-labels.js';

const options = { adjudicatorIdentity: 'as-recorded' } as const;

function triage(status: TriageStatus, proposedLabel: string | null = null): TriageDecision {
  const rule =
    status === 'relabel-proposed'
      ? 'relabel'
      : status === 'needs-physician'
        ? 'verifier-disagreement'
        : status;
  return {
    status,
    proposedLabel,
    reasons: [
      { rule: 'default-immaterial', effect: 'context', text: 'defaults do not matter' },
      {
        rule,
        effect: status === 'needs-physician' ? 'holds' : 'decides',
        text: `${status} because`,
      },
    ],
    categories: status === 'confirmed' || status === 'extraction-unverified' ? [] : ['calculator-logic'],
    impact: 1,
  };
}

function verdict(verifier: string, assessment: Verdict['assessment']): Verdict {
  return {
    verifier,
    verifierVersion: '1',
    verifierConfigHash: 'h',
    itemId: '7',
    assessment,
    proposedLabel: null,
    categories: [],
    findings: [{ category: 'calculator-logic', severity: 'error', message: 'weight rule', evidence: [] }],
    confidence: 1,
    details: {},
    usage: null,
  };
}

function item(status: TriageStatus, proposedLabel: string | null = null, calculatorId = 2): AuditedItem {
  return {
    itemId: '7',
    originalLabel: '25.238',
    calculatorId,
    outputType: 'decimal',
    triage: triage(status, proposedLabel),
    verdicts: [verdict('recompute', 'disputes'), verdict('entity-check', 'abstains')],
    triageDecidedAt: '2026-12-01T00:00:00.000Z',
  };
}

function review(overrides: Partial<ReviewOutcome>): ReviewOutcome {
  return {
    itemId: '7',
    batchId: 'b1',
    status: 'resolved',
    finalOutcome: 'answer',
    finalLabel: '30.1234',
    provenance: { method: 'physician-agreement', reviewers: 2, reviewerIdsHashed: ['aa', 'bb'] },
    decidedAt: '2026-12-02T00:00:00.000Z',
    errorCategory: null,
    rationale: null,
    ...overrides,
  };
}

describe('decideLabel: triage statuses', () => {
  it('confirmed → consensus, unchanged, decided by the deciding rule and the verifiers that judged', () => {
    const decision = decideLabel(item('confirmed'), [], options);
    expect(decision).toMatchObject({
      status: 'consensus',
      newLabel: '25.238',
      errorCategory: null,
      decidedBy: { kind: 'triage', rule: 'confirmed', verifiers: ['recompute'] },
      decidedAt: '2026-12-01T00:00:00.000Z',
    });
  });

  it('extraction-unverified is withheld, never consensus', () => {
    expect(decideLabel(item('extraction-unverified'), [], options)).toMatchObject({
      status: 'withheld',
      newLabel: null,
    });
  });

  it('relabel-proposed → revised with the proposed label in v1.0 format and the evidence', () => {
    const decision = decideLabel(item('relabel-proposed', '27.11149'), [], options);
    expect(decision).toMatchObject({
      status: 'revised',
      originalLabel: '25.238',
      newLabel: '27.111',
      errorCategory: 'calculator-logic',
      decidedBy: { kind: 'triage', rule: 'relabel' },
    });
    expect(decision.evidence).toContain('[relabel] relabel-proposed because');
    expect(decision.evidence).toContain('recompute: calculator-logic: weight rule');
  });

  it('needs-physician is withheld and names the holding rule; not-computable gives N/A', () => {
    expect(decideLabel(item('needs-physician', '30'), [], options)).toMatchObject({
      status: 'withheld',
      decidedBy: { rule: 'verifier-disagreement' },
    });
    expect(decideLabel(item('not-computable'), [], options)).toMatchObject({
      status: 'not-computable',
      newLabel: 'N/A',
    });
  });
});

describe('decideLabel: physician outcomes outrank the audit', () => {
  it('a physician agreement → verified with hashed reviewer ids, never an e-mail', () => {
    const decision = decideLabel(item('needs-physician'), [review({})], options);
    expect(decision).toMatchObject({
      status: 'verified',
      newLabel: '30.123',
      decidedBy: { kind: 'physician-agreement', reviewers: 2, reviewerIdsHashed: ['aa', 'bb'] },
      decidedAt: '2026-12-02T00:00:00.000Z',
    });
    expect(JSON.stringify(decision)).not.toMatch(/@/);
  });

  it('an adjudication → verified with its category and the adjudicator as recorded (or hashed)', () => {
    const adjudicated = review({
      provenance: { method: 'adjudicated', adjudicator: 'dora@example.org', reviewers: 2 },
      errorCategory: 'unit-conversion',
      rationale: 'mg/dL, not µmol/L',
    });
    expect(decideLabel(item('confirmed'), [adjudicated], options)).toMatchObject({
      status: 'verified',
      errorCategory: 'unit-conversion',
      decidedBy: { kind: 'adjudicated', adjudicator: 'dora@example.org', reviewers: 2 },
    });
    const hashed = decideLabel(item('confirmed'), [adjudicated], { adjudicatorIdentity: 'hashed' });
    expect(hashed.decidedBy).toMatchObject({ adjudicator: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(hashed.evidence[0]).toBe('adjudicator: mg/dL, not µmol/L');
  });

  it('physicians confirming the original label → verified, unchanged, no category', () => {
    expect(decideLabel(item('needs-physician'), [review({ finalLabel: '25.238' })], options)).toMatchObject({
      status: 'verified',
      newLabel: '25.238',
      errorCategory: null,
    });
  });

  it('a physician N/A → not-computable; an escalation → withheld even over a confirmed triage', () => {
    expect(
      decideLabel(item('confirmed'), [review({ finalOutcome: 'not-computable', finalLabel: null })], options),
    ).toMatchObject({ status: 'not-computable', newLabel: 'N/A' });
    expect(
      decideLabel(item('confirmed'), [review({ status: 'escalated', finalOutcome: null })], options),
    ).toMatchObject({ status: 'withheld' });
  });

  it('an open review leaves the triage mapping (and an earlier decision) in force', () => {
    const open = review({ status: 'open', finalOutcome: null, finalLabel: null, batchId: 'b2' });
    expect(decideLabel(item('confirmed'), [open], options)).toMatchObject({ status: 'consensus' });
    expect(decideLabel(item('needs-physician'), [open], options)).toMatchObject({ status: 'withheld' });
    expect(pickReviewOutcome([review({}), open])?.batchId).toBe('b1');
    expect(
      pickReviewOutcome([review({}), review({ status: 'escalated', batchId: 'b3', finalOutcome: null })])
        ?.batchId,
    ).toBe('b3');
  });

  it('an unusable physician label is withheld rather than written', () => {
    expect(decideLabel(item('needs-physician'), [review({ finalLabel: 'twelve' })], options)).toMatchObject({
      status: 'withheld',
    });
  });
});
