import { AppError } from '../../app-error.js';
import { getRuleSet } from '../../answers/index.js';
import type { LabelInput, SubmitLabelRequest } from '../../contracts/review-api.js';
import { computeFromForm, describeCalculatorForm, findFormCalculator } from '../../review/calculator-form.js';
import { createAnswerAgreement, decideItem } from '../../review/resolve.js';
import {
  claimNextAssignment,
  countAvailableItems,
  countSubmittedLabels,
  listActiveAssignments,
  listOwnReviews,
  loadAssignment,
  returnAssignment as storeReturnAssignment,
} from '../../store/review-assignments.js';
import type { AssignmentEntry, AssignmentView } from '../../store/review-assignments.js';
import { submitReviewLabel } from '../../store/review-labels.js';
import type { NewLabel } from '../../store/review-labels.js';
import { requireAuth } from '../context.js';
import { defineHandler } from './define-handler.js';

function toEntry(entry: AssignmentEntry) {
  return {
    assignmentId: entry.assignmentId,
    batchId: entry.batchId,
    batchName: entry.batchName,
    itemId: entry.itemId,
    calculatorName: entry.calculatorName,
    assignedAt: entry.assignedAt.toISOString(),
    expiresAt: entry.expiresAt.toISOString(),
  };
}

export const queue = defineHandler('queue', async (input) => {
  const { user } = requireAuth(input);
  const { db } = input.deps.store;
  const active = await listActiveAssignments(db, { userId: user.id, now: input.deps.now() });
  return {
    active: active.map(toEntry),
    available: await countAvailableItems(db, user.id),
    submitted: await countSubmittedLabels(db, user.id),
  };
});

export const nextAssignment = defineHandler('nextAssignment', async (input) => {
  const { user } = requireAuth(input);
  const entry = await claimNextAssignment(input.deps.store.db, {
    userId: user.id,
    actor: user.email,
    now: input.deps.now(),
    newId: input.deps.newId,
  });
  return { assignment: entry === null ? null : toEntry(entry) };
});

/** The blind view: the note, the question and the form — and the physician's own label, nothing else. */
export const assignment = defineHandler('assignment', async (input) => {
  const { user } = requireAuth(input);
  const view = await loadAssignment(input.deps.store.db, {
    assignmentId: input.params['id'] ?? '',
    userId: user.id,
    now: input.deps.now(),
  });
  const calculator = findFormCalculator(view.calculatorSlug);
  const own = view.ownLabel;
  return {
    assignmentId: view.assignmentId,
    batchId: view.batchId,
    itemId: view.itemId,
    status: view.status,
    expiresAt: view.expiresAt.toISOString(),
    note: view.note,
    question: view.question,
    calculator: calculator === null ? null : describeCalculatorForm(calculator),
    ownLabel:
      own === null
        ? null
        : {
            outcome: own.outcome,
            answer: own.answer,
            mode: own.mode,
            inputs: own.inputs,
            notComputableReason:
              own.notComputableReason === null ? null : (own.notComputableReason as 'missing-input'),
            comment: own.comment,
            minutes: own.minutes,
            submittedAt: own.submittedAt.toISOString(),
          },
  };
});

/** Checks every span against the note: the offsets must cut exactly the quoted text. */
function checkSpans(inputs: readonly LabelInput[], note: string): void {
  inputs.forEach((input, index) => {
    const span = input.span;
    if (span === undefined) return;
    if (span.end > note.length || note.slice(span.start, span.end) !== span.text) {
      throw new AppError(
        'ARGUMENT_INVALID',
        `inputs.${index} (${input.name}): the span ${span.start}–${span.end} does not match the note's text`,
        { fix: 'Select the supporting text in the note again.' },
      );
    }
  });
}

function toLabel(body: SubmitLabelRequest, view: AssignmentView): NewLabel {
  checkSpans(body.inputs, view.note);
  const shared = {
    inputs: body.inputs,
    comment: body.comment ?? null,
    minutes: body.minutes ?? body.measuredMinutes ?? null,
    measuredMinutes: body.measuredMinutes ?? null,
    secondOpinion: body.secondOpinion ?? false,
  };
  if (body.mode === 'not-computable') {
    return {
      ...shared,
      mode: 'not-computable',
      outcome: 'not-computable',
      answer: null,
      notComputableReason: body.reason,
    };
  }
  if (body.mode === 'direct') {
    return { ...shared, mode: 'direct', outcome: 'answer', answer: body.answer, notComputableReason: null };
  }
  const calculator = findFormCalculator(view.calculatorSlug);
  if (calculator === null) {
    throw new AppError('ARGUMENT_INVALID', 'this item has no calculator form: enter the answer directly', {
      fix: 'Use the direct-answer mode.',
    });
  }
  const values = Object.fromEntries(body.inputs.map((input) => [input.name, input.value]));
  const result = computeFromForm(calculator, values);
  if (result.status !== 'computed') {
    throw new AppError(
      'CALCULATOR_INPUT_INVALID',
      `the calculator cannot compute from these inputs: ${result.reason}`,
      {
        fix: 'Fill in the missing inputs, or mark the item not computable with a reason.',
        details: { missing: result.missing },
      },
    );
  }
  return { ...shared, mode: 'form', outcome: 'answer', answer: result.answer, notComputableReason: null };
}

export const submitLabel = defineHandler('submitLabel', async (input) => {
  const { user } = requireAuth(input);
  const { db } = input.deps.store;
  const now = input.deps.now();
  const assignmentId = input.params['id'] ?? '';
  const view = await loadAssignment(db, { assignmentId, userId: user.id, now });
  const label = toLabel(input.body, view);
  const sameAnswer = createAnswerAgreement(getRuleSet(view.ruleSet), view.calculatorId ?? undefined);
  await submitReviewLabel(db, {
    assignmentId,
    userId: user.id,
    actor: user.email,
    label,
    now,
    decide: (labels, required) => decideItem(labels, required, sameAnswer),
  });
  const next = await claimNextAssignment(db, {
    userId: user.id,
    actor: user.email,
    now: input.deps.now(),
    newId: input.deps.newId,
  });
  return {
    assignmentId,
    outcome: label.outcome,
    answer: label.answer,
    next: next === null ? null : toEntry(next),
  };
});

export const returnAssignment = defineHandler('returnAssignment', async (input) => {
  const { user } = requireAuth(input);
  await storeReturnAssignment(input.deps.store.db, {
    assignmentId: input.params['id'] ?? '',
    userId: user.id,
    actor: user.email,
    reason: input.body.reason,
    now: input.deps.now(),
  });
  return { ok: true as const };
});

export const myReviews = defineHandler('myReviews', async (input) => {
  const { user } = requireAuth(input);
  const reviews = await listOwnReviews(input.deps.store.db, user.id);
  return {
    reviews: reviews.map((review) => {
      const decided = review.itemStatus === 'resolved';
      let agrees: boolean | null = null;
      if (decided) {
        if (review.finalOutcome === 'not-computable' || review.label.outcome === 'not-computable') {
          agrees = review.finalOutcome === review.label.outcome;
        } else {
          const same = createAnswerAgreement(getRuleSet(review.ruleSet), review.calculatorId ?? undefined);
          agrees = same(review.label.answer ?? '', review.finalLabel ?? '');
        }
      }
      return {
        batchId: review.batchId,
        itemId: review.itemId,
        calculatorName: review.calculatorName,
        outcome: review.label.outcome,
        answer: review.label.answer,
        submittedAt: review.label.submittedAt.toISOString(),
        decided,
        finalOutcome: decided ? (review.finalOutcome as 'answer' | 'not-computable' | null) : null,
        finalLabel: decided ? review.finalLabel : null,
        agreesWithFinal: agrees,
        provenanceMethod: decided ? (review.provenance?.method ?? null) : null,
      };
    }),
  };
});
