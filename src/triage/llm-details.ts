import { z } from 'zod';
import type { LlmVerdictDetails } from '../verify/llm/types.js';
import type { Verdict } from '../verify/types.js';

/**
 * Reading the `details` of an LLM verdict (`LlmVerdictDetails`, src/verify/llm/types.ts) before triage relies on
 * them. A verdict is an LLM verdict when its details say `kind: "llm"`, or when a verifier named like one
 * (`llm-audit`, `llm-recompute`, `llm-answer`) stores a `vote` or `runs`. Other verdicts are plain verdicts.
 */

/** The LLM verifiers, and whether each one is blind (never sees the original label, entities or explanation). */
export const LLM_VERIFIER_NAMES = ['llm-audit', 'llm-recompute', 'llm-answer'] as const;

const evidenceSpanSchema = z.object({ start: z.number(), end: z.number(), text: z.string() });

const runRecordSchema = z.object({
  model: z.string(),
  runIndex: z.number().int().min(0),
  cached: z.boolean(),
  outcome: z.enum(['answer', 'not-computable', 'abstain']),
  answer: z.string().nullable(),
  judgment: z.enum(['agree', 'disagree', 'cannot-tell']).optional(),
  reason: z.string().optional(),
});

const voteSchema = z.object({
  rule: z.string(),
  outcome: z.enum(['agreed', 'agreed-not-computable', 'split', 'insufficient']),
  answer: z.string().nullable(),
  support: z.number().int().min(0),
  votes: z.number().int().min(0),
  runs: z.number().int().min(0),
  maxRuns: z.number().int().min(0),
  clusters: z.array(z.object({ answer: z.string().nullable(), votes: z.number().int().min(0) })),
  callsSaved: z.number().int(),
  stoppedBecause: z.string(),
});

const inputVoteSchema = z.object({
  input: z.string(),
  outcome: z.enum(['agreed', 'missing', 'split']),
  value: z.string().nullable(),
  support: z.number().int().min(0),
  votes: z.number().int().min(0),
  timePoint: z.string().optional(),
  evidence: z.array(evidenceSpanSchema),
});

/** Mirrors `LlmVerdictDetails`; fields the contract does not name are dropped. */
export const llmVerdictDetailsSchema = z.object({
  kind: z.literal('llm'),
  blind: z.boolean(),
  prompt: z.object({ id: z.string(), version: z.string() }),
  models: z.array(z.string()),
  runs: z.array(runRecordSchema),
  vote: voteSchema,
  inputVotes: z.array(inputVoteSchema).optional(),
  fabricatedQuotes: z.number().int().min(0),
  reason: z.string().optional(),
}) satisfies z.ZodType<LlmVerdictDetails, unknown>;

export type ReadLlmDetails =
  { kind: 'plain' } | { kind: 'llm'; details: LlmVerdictDetails } | { kind: 'malformed'; problem: string };

/** Whether the verdict is an LLM verdict, and if so its checked details (or what is wrong with them). */
export function readLlmDetails(verdict: Pick<Verdict, 'verifier' | 'details'>): ReadLlmDetails {
  const { details } = verdict;
  const named = (LLM_VERIFIER_NAMES as readonly string[]).includes(verdict.verifier);
  const claims = details['kind'] === 'llm' || (named && ('vote' in details || 'runs' in details));
  if (!claims) return { kind: 'plain' };
  const result = llmVerdictDetailsSchema.safeParse(details);
  if (result.success) return { kind: 'llm', details: result.data };
  const problem = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length === 0 ? '(details)' : issue.path.join('.')}: ${issue.message}`)
    .join('; ');
  return { kind: 'malformed', problem };
}

/** The LLM details of a verdict when they are valid, else undefined (for views that show them). */
export function llmDetailsOf(verdict: Pick<Verdict, 'verifier' | 'details'>): LlmVerdictDetails | undefined {
  const read = readLlmDetails(verdict);
  return read.kind === 'llm' ? read.details : undefined;
}

/** What one run said: its answer, `N/A`, or `abstained: <reason>`. */
export function describeRunAnswer(run: LlmVerdictDetails['runs'][number]): string {
  if (run.outcome === 'abstain') return `abstained: ${run.reason ?? 'no reason given'}`;
  if (run.outcome === 'not-computable') return 'N/A';
  return run.answer ?? '(no answer)';
}

/** The vote's clusters as text: `31 ×2, N/A ×1`. */
export function describeClusters(details: LlmVerdictDetails): string {
  return details.vote.clusters.map((cluster) => `${cluster.answer ?? 'N/A'} ×${cluster.votes}`).join(', ');
}

/** The vote in words: `3 of 3 voting runs (3 made, at most 5) under adaptive(...), stopped because ...`. */
export function describeVote(details: LlmVerdictDetails): string {
  const { vote } = details;
  return `${vote.support} of ${vote.votes} voting run(s) (${vote.runs} made, at most ${vote.maxRuns}) under ${vote.rule}; ${vote.stoppedBecause}`;
}
