import { describeCalculatorForm, findFormCalculator } from '../../review/calculator-form.js';
import { reviewerName } from '../../review/resolve.js';
import {
  adjudicateItem,
  listEscalatedItems,
  loadAdjudicationView,
  loadItemState,
  reopenItem,
} from '../../store/review-adjudication.js';
import type { StoreDatabase } from '../../store/open.js';
import { requireAuth } from '../context.js';
import { defineHandler } from './define-handler.js';

export const adjudicationQueue = defineHandler('adjudicationQueue', async ({ deps }) => {
  const items = await listEscalatedItems(deps.store.db);
  return {
    items: items.map((item) => ({
      batchId: item.batchId,
      itemId: item.itemId,
      calculatorName: item.calculatorName,
      reviewers: item.reviewers,
      escalatedBecause: item.because,
    })),
  };
});

/** Everything side by side; reviewers are "Reviewer A/B" (by submission order), never names. */
export const adjudicationItem = defineHandler('adjudicationItem', async ({ params, deps }) => {
  const view = await loadAdjudicationView(deps.store.db, {
    batchId: params['batchId'] ?? '',
    itemId: params['itemId'] ?? '',
  });
  const calculator = findFormCalculator(view.calculatorSlug);
  return {
    batchId: view.batchId,
    itemId: view.itemId,
    status: view.status,
    note: view.note,
    question: view.question,
    calculator: calculator === null ? null : describeCalculatorForm(calculator),
    originalLabel: view.originalLabel,
    originalExplanation: view.originalExplanation,
    triage: {
      status: view.triage?.status ?? null,
      proposedLabel: view.triage?.proposedLabel ?? null,
    },
    verdicts: view.verdicts.map((verdict) => ({
      verifier: verdict.verifier,
      version: verdict.verifierVersion,
      assessment: verdict.assessment,
      proposedLabel: verdict.proposedLabel ?? null,
      confidence: verdict.confidence,
      categories: [...verdict.categories],
      findings: verdict.findings.map((finding) => ({
        category: finding.category,
        severity: finding.severity,
        message: finding.message,
        evidence: finding.evidence.map((span) => ({ start: span.start, end: span.end, text: span.text })),
      })),
    })),
    reviewers: view.labels.map((label, index) => ({
      reviewer: `Reviewer ${reviewerName(index)}`,
      outcome: label.outcome,
      answer: label.answer,
      mode: label.mode,
      inputs: label.inputs,
      notComputableReason: label.notComputableReason,
      comment: label.comment,
      secondOpinion: label.secondOpinion,
      minutes: label.minutes,
    })),
    escalatedBecause: view.escalatedBecause,
    decision:
      view.decision === null
        ? null
        : {
            outcome:
              view.decision.outcome === 'not-computable' ? ('not-computable' as const) : ('answer' as const),
            finalLabel: view.decision.finalLabel,
            errorCategory: view.decision.errorCategory,
            rationale: view.decision.rationale,
            adjudicator: view.decision.adjudicator,
            decidedAt: view.decision.decidedAt.toISOString(),
          },
  };
});

async function itemDecision(db: StoreDatabase, batchId: string, itemId: string) {
  const state = await loadItemState(db, { batchId, itemId });
  return {
    batchId,
    itemId,
    status: state.status as 'open' | 'escalated' | 'resolved',
    finalOutcome: state.finalOutcome as 'answer' | 'not-computable' | null,
    finalLabel: state.finalLabel,
    provenance: state.provenance,
  };
}

export const adjudicate = defineHandler('adjudicate', async (input) => {
  const { user } = requireAuth(input);
  const batchId = input.params['batchId'] ?? '';
  const itemId = input.params['itemId'] ?? '';
  await adjudicateItem(input.deps.store.db, {
    batchId,
    itemId,
    userId: user.id,
    email: user.email,
    outcome: input.body.outcome,
    finalLabel: input.body.finalLabel ?? null,
    errorCategory: input.body.errorCategory,
    rationale: input.body.rationale,
    now: input.deps.now(),
    newId: input.deps.newId,
  });
  return itemDecision(input.deps.store.db, batchId, itemId);
});

export const reopen = defineHandler('reopen', async (input) => {
  const { user } = requireAuth(input);
  const batchId = input.params['batchId'] ?? '';
  const itemId = input.params['itemId'] ?? '';
  await reopenItem(input.deps.store.db, {
    batchId,
    itemId,
    actor: user.email,
    reason: input.body.reason,
    now: input.deps.now(),
  });
  return itemDecision(input.deps.store.db, batchId, itemId);
});
