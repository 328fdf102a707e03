import type { Calculator } from '../../calculators/define.js';
import { readInputs } from '../../calculators/read-inputs.js';
import type { InputSpec } from '../../calculators/types.js';
import type { Instance } from '../../dataset/instance.js';
import type { Verdict, VerifierFactory, VerifyContext } from '../types.js';
import { createSameAnswer } from './answer-text.js';
import { assessBlindVote } from './assess-vote.js';
import { collectRuns, readReference, type RunReading } from './collect-runs.js';
import { compareWithStored, voteInputs, type RunInput } from './input-votes.js';
import {
  dedupeSpans,
  calculatorOf,
  buildVotedVerdict,
  defineLlmVerifier,
  type LlmVerifierSetup,
} from './llm-verdict.js';
import {
  llmRecomputePrompt,
  llmRecomputeReplySchema,
  type ExtractedInput,
  type LlmRecomputeReply,
} from './prompts/llm-recompute.js';
import { checkQuotes, locateQuote } from './quotes.js';

export const LLM_RECOMPUTE_VERIFIER_NAME = 'llm-recompute';
export const LLM_RECOMPUTE_VERIFIER_VERSION = '1.1.0';

/** What one run read: each input canonicalised, its quotes, and the inputs the calculator missed. */
export interface RecomputeRunData {
  inputs: Map<string, RunInput>;
  quotes: { input: string; quote: string | null }[];
  missing: string[];
}

/** An extracted input as the calculator's clean input (quantities as `{ value, unit }`), or undefined if missing. */
function toCleanValue(spec: InputSpec, entry: ExtractedInput): unknown {
  if (entry.status === 'missing' || entry.value === null) return undefined;
  if (spec.type === 'quantity') {
    return entry.unit === null || entry.unit.trim() === ''
      ? entry.value
      : { value: entry.value, unit: entry.unit };
  }
  if (spec.type === 'drug-dose')
    return { drug: entry.drug ?? '', dose: entry.value, unit: entry.unit ?? 'mg' };
  return entry.value;
}

/**
 * Reads one reply: the extracted inputs go to our calculator (never the model's arithmetic). A computed answer
 * votes; a required input missing without a clinical default votes N/A; an input we cannot use (an unknown unit,
 * a value out of vocabulary) makes the run abstain with the reason.
 */
export function readRecomputeReply(
  reply: LlmRecomputeReply,
  calculator: Calculator,
  note: string,
): RunReading<RecomputeRunData> {
  const entries = new Map<string, ExtractedInput>();
  for (const entry of reply.inputs) if (!entries.has(entry.input)) entries.set(entry.input, entry);
  const source: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(calculator.inputs)) {
    const entry = entries.get(name);
    const value = entry === undefined ? undefined : toCleanValue(spec, entry);
    if (value !== undefined) source[name] = value;
  }
  const read = readInputs(calculator.inputs, source, 'clean');
  const inputs = new Map<string, RunInput>();
  const quotes: RecomputeRunData['quotes'] = [];
  for (const name of Object.keys(calculator.inputs)) {
    const entry = entries.get(name);
    const present = source[name] !== undefined;
    const quote = present ? (entry?.quote ?? null) : null;
    const match = quote === null ? undefined : locateQuote(note, quote);
    if (present) quotes.push({ input: name, quote });
    inputs.set(name, {
      status: present ? 'present' : 'missing',
      value: read.values[name],
      timePoint: present ? (entry?.timePoint ?? null) : null,
      span: match?.found === true ? match.span : null,
    });
  }
  const result = calculator.run(source, { origin: 'clean' });
  const extra: RecomputeRunData = {
    inputs,
    quotes,
    missing: result.status === 'not-computable' ? result.missing : [],
  };
  if (result.status === 'computed') return { outcome: 'answer', answer: result.answer, extra };
  if (result.invalid.length > 0) {
    return { outcome: 'abstain', answer: null, reason: `unusable extracted input: ${result.reason}`, extra };
  }
  return { outcome: 'not-computable', answer: null, reason: result.reason, extra };
}

async function verifyByExtracting(
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
      promptId: llmRecomputePrompt.id,
      promptVersion: llmRecomputePrompt.version,
      system: llmRecomputePrompt.system,
      messages: llmRecomputePrompt.render({ note: instance.note, question: instance.question, calculator }),
      parameters: { temperature: config.temperature },
      schema: llmRecomputeReplySchema,
      schemaName: llmRecomputePrompt.schemaName,
    },
    read: (result) =>
      readRecomputeReply(llmRecomputeReplySchema.parse(result.object), calculator, instance.note),
    sameAnswer: createSameAnswer(instance.calculatorId),
    // Never shown to the model: the label only decides how many runs to make.
    reference: readReference(instance.label, instance.calculatorId),
  });
  const vote = collected.decision.vote;
  const voting = collected.runs.filter((run) => run.record.outcome !== 'abstain' && run.extra !== undefined);
  const inputVotes = voteInputs(
    calculator,
    voting.map((run) => (run.extra as RecomputeRunData).inputs),
  );
  const quotes = checkQuotes(
    instance.note,
    collected.runs.flatMap((run) =>
      (run.extra?.quotes ?? []).map((quote) => ({ ...quote, runIndex: run.record.runIndex })),
    ),
  );
  const assessed = collected.deferred
    ? { assessment: 'abstains' as const, proposedLabel: null, findings: [] }
    : assessBlindVote({
        vote,
        instance,
        context,
        cause: { category: 'extraction-error', source: 'blind recomputation from the note' },
      });
  const findings = assessed.findings.map((finding) => {
    if (assessed.assessment === 'disputes' && instance.entities !== undefined) {
      const winners = collected.decision.winners
        .map((index) => collected.runs[index]?.extra)
        .find((extra) => extra !== undefined);
      const agreed = new Map(
        [...(winners?.inputs ?? new Map<string, RunInput>())].map(([name, input]) => [name, input.value]),
      );
      const stored = readInputs(calculator.inputs, instance.entities, 'entities').values;
      const differences = compareWithStored(calculator, inputVotes, { agreedValues: agreed, stored });
      const message =
        differences.length > 0
          ? `${finding.message}; inputs that differ from the stored entities: ${differences.join('; ')}`
          : finding.message;
      return { ...finding, message, evidence: dedupeSpans(inputVotes.flatMap((input) => input.evidence)) };
    }
    if (assessed.assessment === 'not-computable') {
      const missing = [...new Set(voting.flatMap((run) => run.extra?.missing ?? []))];
      return missing.length === 0
        ? finding
        : { ...finding, message: `${finding.message} (missing: ${missing.join(', ')})` };
    }
    return finding;
  });
  return buildVotedVerdict(setup, instance, { assessed, findings, collected, quotes, inputVotes });
}

/**
 * The `llm-recompute` verifier (phase 2, blind): the model reads every calculator input from the note (value,
 * unit, verbatim quote, time point, or missing) without seeing the label or the stored entities; Steward's
 * calculator computes each run's answer; answers are voted (`voting.ts`) and so is each input (`inputVotes`), so
 * a disagreement says which input or time point differs. Quotes not in the note are findings and lower the
 * confidence. The configuration covers the calculators' versions, so a fixed calculator means a new judgment.
 */
export const createLlmRecomputeVerifier: VerifierFactory = defineLlmVerifier({
  name: LLM_RECOMPUTE_VERIFIER_NAME,
  version: LLM_RECOMPUTE_VERIFIER_VERSION,
  description:
    'Blind: a model extracts the calculator inputs from the note with quotes; our calculator computes; runs are voted.',
  prompt: { id: llmRecomputePrompt.id, version: llmRecomputePrompt.version },
  blind: true,
  usesCalculators: true,
  verify: verifyByExtracting,
});
