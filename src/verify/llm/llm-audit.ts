import type { Calculator } from '../../calculators/define.js';
import { readInputs } from '../../calculators/read-inputs.js';
import type { InputSpec } from '../../calculators/types.js';
import type { Instance } from '../../dataset/instance.js';
import { formatUsDate, type CalendarDate } from '../../units/calendar.js';
import type {
  Assessment,
  ErrorCategory,
  Finding,
  Verdict,
  VerifierFactory,
  VerifyContext,
} from '../types.js';
import { createSameAnswer } from './answer-text.js';
import { collectRuns, type CollectedRun } from './collect-runs.js';
import {
  dedupeSpans,
  calculatorOf,
  buildVotedVerdict,
  defineLlmVerifier,
  type LlmVerifierSetup,
} from './llm-verdict.js';
import {
  llmAuditPrompt,
  llmAuditReplySchema,
  type CorrectedInput,
  type LlmAuditReply,
} from './prompts/llm-audit.js';
import { checkQuotes } from './quotes.js';

export const LLM_AUDIT_VERIFIER_NAME = 'llm-audit';
export const LLM_AUDIT_VERIFIER_VERSION = '1.0.0';

/** A stored (canonical) input value as the calculator's clean input. */
function toCleanStored(spec: InputSpec, value: unknown): unknown {
  if (spec.type === 'date') return formatUsDate(value as CalendarDate);
  if (spec.type === 'drug-dose') {
    const dose = value as { drug: string; doseMg: number };
    return { drug: dose.drug, dose: dose.doseMg, unit: 'mg' };
  }
  return value;
}

function toCleanCorrection(spec: InputSpec, correction: CorrectedInput): unknown {
  if (correction.value === null) return undefined;
  if (spec.type === 'quantity' && correction.unit !== null && correction.unit.trim() !== '') {
    return { value: correction.value, unit: correction.unit };
  }
  return correction.value;
}

/**
 * Our calculator on the stored entities with the run's corrected inputs applied (a null value removes the input):
 * the label the audit run implies, computed by us. Null when the row has no entities, a correction names no input
 * of the calculator, or the result is not computable.
 */
export function recomputeWithCorrections(
  calculator: Calculator,
  entities: Readonly<Record<string, unknown>> | undefined,
  corrections: readonly CorrectedInput[],
): string | null {
  if (entities === undefined) return null;
  const stored = readInputs(calculator.inputs, entities, 'entities');
  if (stored.invalid.length > 0 && corrections.length === 0) return null;
  const source: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(stored.values)) {
    const spec = calculator.inputs[name];
    if (spec !== undefined && value !== undefined) source[name] = toCleanStored(spec, value);
  }
  for (const correction of corrections) {
    const spec = calculator.inputs[correction.input];
    if (spec === undefined) return null;
    const value = toCleanCorrection(spec, correction);
    if (value === undefined) delete source[correction.input];
    else source[correction.input] = value;
  }
  const result = calculator.run(source, { origin: 'clean' });
  return result.status === 'computed' ? result.answer : null;
}

function mostCommonCategory(replies: readonly LlmAuditReply[]): ErrorCategory | undefined {
  const counts = new Map<ErrorCategory, number>();
  for (const reply of replies)
    if (reply.category !== null) counts.set(reply.category, (counts.get(reply.category) ?? 0) + 1);
  let best: ErrorCategory | undefined;
  for (const [category, count] of counts)
    if (best === undefined || count > (counts.get(best) ?? 0)) best = category;
  return best;
}

interface AuditOutcome {
  assessment: Assessment;
  proposedLabel: string | null;
  findings: Finding[];
}

function assessAudit({
  instance,
  calculator,
  winners,
  judgment,
  tally,
}: {
  instance: Instance;
  calculator: Calculator;
  winners: readonly CollectedRun<LlmAuditReply>[];
  judgment: string | null;
  tally: string;
}): AuditOutcome {
  if (judgment === 'agree') return { assessment: 'supports', proposedLabel: null, findings: [] };
  if (judgment !== 'disagree') return { assessment: 'abstains', proposedLabel: null, findings: [] };
  const replies = winners.flatMap((run) => (run.extra === undefined ? [] : [run.extra]));
  const proposals = replies.map((reply) =>
    reply.correctedInputs.length === 0
      ? null
      : recomputeWithCorrections(calculator, instance.entities, reply.correctedInputs),
  );
  const sameAnswer = createSameAnswer(instance.calculatorId);
  const first = proposals[0] ?? null;
  const consistent =
    first !== null && proposals.every((proposal) => proposal !== null && sameAnswer(first, proposal));
  const category = mostCommonCategory(replies);
  const rationale = replies[0]?.rationale.slice(0, 500) ?? '';
  const findings: Finding[] = [
    {
      category: category ?? 'extraction-error',
      severity: 'error',
      message: `${tally} judge the label ${instance.label} wrong${category === undefined ? ' (no category given)' : ''}: ${rationale}`,
      evidence: [],
    },
  ];
  if (!consistent && proposals.some((proposal) => proposal !== null)) {
    findings.push({
      category: category ?? 'extraction-error',
      severity: 'info',
      message: `the runs' corrected inputs give different labels (${proposals.map((proposal) => proposal ?? 'none').join(', ')}); none proposed`,
      evidence: [],
    });
  }
  return { assessment: 'disputes', proposedLabel: consistent ? first : null, findings };
}

function renderEntities(instance: Instance): string {
  if (instance.entitiesText !== undefined && instance.entitiesText.trim() !== '')
    return instance.entitiesText;
  return instance.entities === undefined ? '(none stored)' : JSON.stringify(instance.entities);
}

async function verifyByAuditing(
  instance: Instance,
  context: VerifyContext,
  setup: LlmVerifierSetup,
): Promise<Verdict> {
  const { config, identity, callers } = setup;
  const calculator = calculatorOf(setup);
  const collected = await collectRuns({
    verifier: identity.name,
    itemId: instance.id,
    config,
    callers,
    context,
    request: {
      promptId: llmAuditPrompt.id,
      promptVersion: llmAuditPrompt.version,
      system: llmAuditPrompt.system,
      messages: llmAuditPrompt.render({
        note: instance.note,
        question: instance.question,
        label: instance.label,
        lowerLimit: instance.lowerLimit,
        upperLimit: instance.upperLimit,
        entities: renderEntities(instance),
        explanation: instance.explanation ?? '',
        calculator,
      }),
      parameters: { temperature: config.temperature },
      schema: llmAuditReplySchema,
      schemaName: llmAuditPrompt.schemaName,
    },
    read: (result) => {
      const reply = llmAuditReplySchema.parse(result.object);
      // The ballot is the judgment: runs vote on whether the label is right, not on a value.
      return { outcome: 'answer', answer: reply.judgment, judgment: reply.judgment, extra: reply };
    },
    sameAnswer: (left, right) => left === right,
    // No voting reference: the model saw the label, so agreeing with it is not independent evidence.
  });
  const vote = collected.decision.vote;
  const winners = collected.decision.winners.flatMap((index) => {
    const run = collected.runs[index];
    return run === undefined ? [] : [run];
  });
  const quotes = checkQuotes(
    instance.note,
    collected.runs.flatMap((run) =>
      (run.extra?.correctedInputs ?? []).map((input) => ({
        input: input.input,
        quote: input.quote,
        runIndex: run.record.runIndex,
      })),
    ),
  );
  const judgment = collected.deferred || vote.outcome !== 'agreed' ? null : vote.answer;
  const assessed = assessAudit({
    instance,
    calculator,
    winners,
    judgment,
    tally: `${vote.support} of ${vote.votes} audit runs`,
  });
  const findings = assessed.findings.map((finding, index) =>
    index === 0 && assessed.assessment === 'disputes'
      ? { ...finding, evidence: dedupeSpans(quotes.spans) }
      : finding,
  );
  return buildVotedVerdict(setup, instance, { assessed, findings, collected, quotes });
}

/**
 * The `llm-audit` verifier (phase 1, metadata-informed): the model sees the note, the question, the original label
 * with its limits, the stored entities, the original explanation and our calculator's criteria and inputs, and
 * judges the label (agree, disagree, cannot-tell) with a category and corrected inputs quoted from the note. Runs
 * vote on the judgment: agreed `agree` supports; agreed `disagree` disputes, proposing our calculator's answer on
 * the stored entities with the corrections applied when the winning runs' corrections agree; anything else
 * abstains. Quotes not in the note are findings and lower the confidence.
 */
export const createLlmAuditVerifier: VerifierFactory = defineLlmVerifier({
  name: LLM_AUDIT_VERIFIER_NAME,
  version: LLM_AUDIT_VERIFIER_VERSION,
  description:
    "A model audits the label with the note, entities, explanation and our calculator's criteria; runs are voted.",
  prompt: { id: llmAuditPrompt.id, version: llmAuditPrompt.version },
  blind: false,
  usesCalculators: true,
  verify: verifyByAuditing,
});
