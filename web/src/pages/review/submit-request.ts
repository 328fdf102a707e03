import type {
  FormInput,
  NotComputableReason,
  SubmitLabelRequest,
} from '../../../../src/contracts/review-api';
import type { Fields, FieldProblem } from './input-values';
import { collectLabelInputs, findFieldProblems } from './input-values';

export type LabelMode = 'form' | 'direct' | 'not-computable';

export interface LabelDraft {
  mode: LabelMode;
  fields: Fields;
  directAnswer: string;
  notComputableReason: NotComputableReason | '';
  comment: string;
  minutes: string;
  secondOpinion: boolean;
}

export type BuildResult =
  { kind: 'ready'; request: SubmitLabelRequest } | { kind: 'problems'; problems: FieldProblem[] };

const MAXIMUM_MINUTES = 24 * 60;

/** The SubmitLabelRequest for a draft, or what to fix first. `measuredMinutes` is the app's own clock. */
export function buildSubmitRequest(
  inputs: readonly FormInput[],
  draft: LabelDraft,
  measuredMinutes: number,
): BuildResult {
  const problems = findFieldProblems(inputs, draft.fields);
  const labelInputs = collectLabelInputs(inputs, draft.fields);
  const answer = draft.directAnswer.trim();
  if (draft.mode === 'form' && inputs.length === 0) {
    problems.unshift({
      target: 'mode-direct',
      text: 'This item has no calculator form: give a direct answer.',
    });
  }
  if (draft.mode === 'direct' && answer === '') {
    problems.unshift({ target: 'direct-answer', text: 'Direct answer: type the final answer.' });
  }
  if (draft.mode === 'not-computable' && draft.notComputableReason === '') {
    problems.unshift({ target: 'nc-reason', text: 'Not computable: choose a reason.' });
  }
  const minutesText = draft.minutes.trim();
  const minutes = minutesText === '' ? undefined : Number(minutesText);
  if (minutes !== undefined && (!Number.isFinite(minutes) || minutes < 0 || minutes > MAXIMUM_MINUTES)) {
    problems.push({ target: 'minutes', text: `Minutes: a number from 0 to ${MAXIMUM_MINUTES}.` });
  }
  if (problems.length > 0) return { kind: 'problems', problems };

  const common = {
    ...(draft.comment.trim() === '' ? {} : { comment: draft.comment.trim() }),
    ...(minutes === undefined ? {} : { minutes }),
    measuredMinutes: Math.min(MAXIMUM_MINUTES, Math.round(measuredMinutes * 100) / 100),
    secondOpinion: draft.secondOpinion,
  };
  switch (draft.mode) {
    case 'form':
      return { kind: 'ready', request: { mode: 'form', inputs: labelInputs, ...common } };
    case 'direct':
      return { kind: 'ready', request: { mode: 'direct', answer, inputs: labelInputs, ...common } };
    case 'not-computable':
      return {
        kind: 'ready',
        request: {
          mode: 'not-computable',
          reason: draft.notComputableReason as NotComputableReason,
          inputs: labelInputs,
          ...common,
        },
      };
  }
}
