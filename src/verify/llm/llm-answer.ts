import { extractTagAnswer } from '../../answers/extract-raw.js';
import type { Instance } from '../../dataset/instance.js';
import type { Verdict, VerifierFactory, VerifyContext } from '../types.js';
import { readAnswerText, createSameAnswer } from './answer-text.js';
import { assessBlindVote } from './assess-vote.js';
import { collectRuns, readReference } from './collect-runs.js';
import { buildVotedVerdict, defineLlmVerifier, type LlmVerifierSetup } from './llm-verdict.js';
import { llmAnswerPrompt } from './prompts/llm-answer.js';
import type { RunReading } from './collect-runs.js';

export const LLM_ANSWER_VERIFIER_NAME = 'llm-answer';
export const LLM_ANSWER_VERIFIER_VERSION = '1.1.0';

/** Reads one reply: the last `<answer>` tag, read with the `relative-5pct` conventions. */
export function readAnswerReply(text: string, calculatorId: number | undefined): RunReading<never> {
  const tagged = extractTagAnswer(text);
  if (tagged === undefined)
    return { outcome: 'abstain', answer: null, reason: 'no <answer> tag in the reply' };
  const read = readAnswerText(tagged, calculatorId);
  if (read.kind === 'not-computable') return { outcome: 'not-computable', answer: null };
  if (read.kind === 'unreadable') {
    return { outcome: 'abstain', answer: null, reason: `unreadable answer "${tagged.slice(0, 80)}"` };
  }
  return { outcome: 'answer', answer: read.answer };
}

async function verifyByAnswering(
  instance: Instance,
  context: VerifyContext,
  setup: LlmVerifierSetup,
): Promise<Verdict> {
  const { config, identity, callers } = setup;
  const collected = await collectRuns({
    verifier: identity.name,
    itemId: instance.id,
    config,
    callers,
    context,
    request: {
      promptId: llmAnswerPrompt.id,
      promptVersion: llmAnswerPrompt.version,
      system: llmAnswerPrompt.system,
      messages: llmAnswerPrompt.render({ note: instance.note, question: instance.question }),
      parameters: { temperature: config.temperature },
    },
    read: (result) => readAnswerReply(result.text, instance.calculatorId),
    sameAnswer: createSameAnswer(instance.calculatorId),
    // Never shown to the model: the label only decides how many runs to make.
    reference: readReference(instance.label, instance.calculatorId),
  });
  const vote = collected.decision.vote;
  const assessed = collected.deferred
    ? { assessment: 'abstains' as const, proposedLabel: null, findings: [] }
    : assessBlindVote({
        vote,
        instance,
        context,
        cause: { category: 'extraction-error', source: 'blind answering from the note' },
      });
  return buildVotedVerdict(setup, instance, { assessed, findings: assessed.findings, collected });
}

/**
 * The `llm-answer` verifier (phase 2, blind, the published style): the model sees only the note and the question
 * and ends with `<answer>value</answer>` or `<answer>N/A</answer>`; answers are voted (see `voting.ts`) and the
 * voted answer is judged against the label with the row's rule set. The model's arithmetic is taken as given here,
 * which is why `llm-recompute` (our calculators on extracted inputs) is the stronger check.
 */
export const createLlmAnswerVerifier: VerifierFactory = defineLlmVerifier({
  name: LLM_ANSWER_VERIFIER_NAME,
  version: LLM_ANSWER_VERIFIER_VERSION,
  description: 'Blind: a model answers the question from the note alone (<answer> tags); answers are voted.',
  prompt: { id: llmAnswerPrompt.id, version: llmAnswerPrompt.version },
  blind: true,
  usesCalculators: false,
  verify: verifyByAnswering,
});
