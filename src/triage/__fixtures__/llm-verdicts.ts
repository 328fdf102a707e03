import type { LlmInputVote, LlmRunRecord, LlmVerdictDetails, LlmVote } from '../../verify/llm/types.js';
import type { Assessment, Finding, Verdict } from '../../verify/types.js';
import { makeVerdict } from './verdicts.js';

/** Test builders for LLM verdicts, written by hand after `LlmVerdictDetails` (src/verify/llm/types.ts). */

export interface LlmVerdictFixture {
  /** Defaults: blind for llm-recompute and llm-answer, not blind for llm-audit. */
  blind?: boolean;
  outcome?: LlmVote['outcome'];
  /** The agreed answer (`null` for N/A or no agreement). */
  answer?: string | null;
  support?: number;
  votes?: number;
  runs?: LlmRunRecord[];
  inputVotes?: LlmInputVote[];
  fabricatedQuotes?: number;
  findings?: Finding[];
  itemId?: string;
}

export function makeRun(
  runIndex: number,
  answer: string | null,
  extra: Partial<LlmRunRecord> = {},
): LlmRunRecord {
  return {
    model: 'openai/gpt-test',
    runIndex,
    cached: runIndex === 0,
    outcome: answer === null ? 'not-computable' : 'answer',
    answer,
    ...extra,
  };
}

/** An LLM verdict with the assessment the verifier would give, and details whose vote says how it got there. */
export function makeLlmVerdict(
  verifier: string,
  assessment: Assessment,
  fixture: LlmVerdictFixture = {},
): Verdict {
  const outcome =
    fixture.outcome ??
    (assessment === 'not-computable'
      ? 'agreed-not-computable'
      : assessment === 'abstains'
        ? 'insufficient'
        : 'agreed');
  const answer = fixture.answer === undefined ? (assessment === 'supports' ? '50.0' : null) : fixture.answer;
  const support = fixture.support ?? 3;
  const votes = fixture.votes ?? support;
  const runs =
    fixture.runs ??
    Array.from({ length: votes }, (_, index) => makeRun(index, answer, { outcome: 'answer' }));
  const details: LlmVerdictDetails = {
    kind: 'llm',
    blind: fixture.blind ?? verifier !== 'llm-audit',
    prompt: { id: verifier, version: '1' },
    models: ['openai/gpt-test'],
    runs,
    vote: {
      rule: 'adaptive(min=2,max=5,supermajority=4/5)',
      outcome,
      answer,
      support,
      votes,
      runs: runs.length,
      maxRuns: 5,
      clusters: [{ answer, votes: support }],
      callsSaved: 5 - runs.length,
      stoppedBecause: 'the outcome could not change',
    },
    ...(fixture.inputVotes === undefined ? {} : { inputVotes: fixture.inputVotes }),
    fabricatedQuotes: fixture.fabricatedQuotes ?? 0,
  };
  const verdict = makeVerdict(verifier, assessment, {
    ...(assessment === 'disputes' && answer !== null ? { proposedLabel: answer } : {}),
    findings: fixture.findings ?? [],
    ...(fixture.itemId === undefined ? {} : { itemId: fixture.itemId }),
  });
  return { ...verdict, details: details as unknown as Record<string, unknown> };
}
