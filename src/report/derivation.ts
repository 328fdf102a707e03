import { z } from 'zod';
import { findOutputType } from '../audit/display.js';
import type { AuditItem } from '../audit/types.js';
import { escapeHtml } from './escape-html.js';
import { formatNumbersForDisplay, renderLabel } from './display-numbers.js';

const stepSchema = z.object({ text: z.string(), points: z.number().optional() });

const divergenceSchema = z.object({
  ourStepIndex: z.number().int(),
  ourStep: z.string(),
  originalSentenceIndex: z.number().int().nullable(),
  originalSentence: z.string().nullable(),
  kind: z.string(),
  entity: z.string().optional(),
  reason: z.string(),
});

/** What the report reads of a `recompute` verdict's `details` (the rest is ignored; see recompute-verifier.ts). */
const recomputeDetailsSchema = z.object({
  ours: z.object({
    answer: z.string().nullable().optional(),
    steps: z.array(stepSchema),
    assumptions: z.array(z.string()).default([]),
  }),
  original: z.object({ label: z.string(), explanationSentences: z.array(z.string()).default([]) }).optional(),
  divergence: divergenceSchema.nullable().optional(),
  divergences: z.array(divergenceSchema).optional(),
  notComputable: z.unknown().optional(),
});
type RecomputeDetails = z.infer<typeof recomputeDetailsSchema>;
type Divergence = z.infer<typeof divergenceSchema>;

/** The first verdict of a verifier named `recompute` whose details have a derivation; undefined otherwise. */
export function readRecomputeDerivation(
  item: AuditItem,
):
  { verifier: string; version: string; proposedLabel: string | null; details: RecomputeDetails } | undefined {
  for (const verdict of item.verdicts) {
    if (verdict.verifier !== 'recompute') continue;
    const parsed = recomputeDetailsSchema.safeParse(verdict.details);
    if (parsed.success)
      return {
        verifier: verdict.verifier,
        version: verdict.verifierVersion,
        proposedLabel: verdict.proposedLabel,
        details: parsed.data,
      };
  }
  return undefined;
}

/** Every independent divergence; older verdicts only stored the first one (`divergence`). */
function divergencesOf(details: RecomputeDetails): Divergence[] {
  if (details.divergences !== undefined && details.divergences.length > 0) return details.divergences;
  return details.divergence === undefined || details.divergence === null ? [] : [details.divergence];
}

function renderDivergence(divergence: Divergence, number: number): string {
  const original =
    divergence.originalSentence === null
      ? '<span class="muted">The original explanation never mentions it.</span>'
      : `Original: “${escapeHtml(divergence.originalSentence)}”`;
  return (
    `<div class="divergence"><strong>Divergence ${number}</strong> <code>${escapeHtml(divergence.kind)}</code>` +
    `${divergence.entity === undefined ? '' : ` on <code>${escapeHtml(divergence.entity)}</code>`}: ` +
    `${escapeHtml(formatNumbersForDisplay(divergence.reason))}<br>${original}</div>`
  );
}

/**
 * Our calculator's derivation from the `recompute` verdict: the steps in order, each divergence from the original
 * explanation under the step it concerns, the defaults applied, and the original explanation (folded).
 */
export function renderDerivation(item: AuditItem, options: { full: boolean } = { full: true }): string {
  const found = readRecomputeDerivation(item);
  if (found === undefined) {
    return '<p class="muted">No derivation: no recompute verdict with steps for this item.</p>';
  }
  const { details } = found;
  const outputType = findOutputType(item.calculatorId);
  const divergences = divergencesOf(details);
  const steps = details.ours.steps.map((step, index) => {
    const here = divergences
      .map((divergence, position) => ({ divergence, position }))
      .filter(({ divergence }) => divergence.ourStepIndex === index)
      .map(({ divergence, position }) => renderDivergence(divergence, position + 1))
      .join('');
    return (
      `<li${here === '' ? '' : ' class="diverges"'}>${escapeHtml(formatNumbersForDisplay(step.text))}` +
      `${here}</li>`
    );
  });
  const unplaced = divergences
    .map((divergence, position) => ({ divergence, position }))
    .filter(({ divergence }) => divergence.ourStepIndex < 0 || divergence.ourStepIndex >= steps.length)
    .map(({ divergence, position }) => renderDivergence(divergence, position + 1))
    .join('');
  const answer =
    details.ours.answer === undefined || details.ours.answer === null
      ? '<strong>not computable</strong>'
      : renderLabel(details.ours.answer, outputType);
  const summary =
    `<p class="derivation-summary">Our answer ${answer}, original label ${renderLabel(item.original.label, outputType)}; ` +
    `${divergences.length === 0 ? 'no divergence located' : `${divergences.length} independent divergence${divergences.length === 1 ? '' : 's'}`} ` +
    `<span class="muted">(${escapeHtml(found.verifier)} ${escapeHtml(found.version)})</span></p>`;
  const stepList =
    steps.length === 0
      ? '<p class="muted">No steps recorded.</p>'
      : `<ol class="steps">${steps.join('')}</ol>`;
  const assumptions =
    details.ours.assumptions.length === 0
      ? ''
      : `<details class="assumptions"><summary>Defaults applied (${details.ours.assumptions.length})</summary><ul>${details.ours.assumptions
          .map((assumption) => `<li>${escapeHtml(formatNumbersForDisplay(assumption))}</li>`)
          .join('')}</ul></details>`;
  const sentences = options.full ? (details.original?.explanationSentences ?? []) : [];
  const diverging = new Set(divergences.map((divergence) => divergence.originalSentenceIndex));
  const original =
    sentences.length === 0
      ? ''
      : `<details class="original-explanation"><summary>Original explanation (${sentences.length} sentences)</summary><ol>${sentences
          .map(
            (sentence, index) =>
              `<li${diverging.has(index) ? ' class="diverges"' : ''}>${escapeHtml(sentence)}</li>`,
          )
          .join('')}</ol></details>`;
  return summary + stepList + unplaced + assumptions + original;
}
