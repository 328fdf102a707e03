import { AppError, type ErrorCode } from '../../app-error.js';
import type { ModelCaller, ModelCallRequest, ModelCallResult } from '../../llm/model-caller.js';
import type { VerifyContext } from '../types.js';
import type { LlmVerifierConfig } from './config.js';
import type { LlmRunRecord } from './types.js';
import { readAnswerText } from './answer-text.js';
import {
  countMaxRuns,
  countNextRuns,
  decideVote,
  type Ballot,
  type Reference,
  type SameAnswer,
  type VoteDecision,
} from './voting.js';

/** Failures that stop the whole audit rather than one run: the caller's documented throws. */
const STOPPING_CODES: readonly ErrorCode[] = ['LLM_OFFLINE_MISS', 'LLM_AUTH_FAILED', 'INTERRUPTED'];

/** The abstention reason of a collect-mode caller (batch export): the run waits for the batch's results. */
export const DEFERRED_TO_BATCH = 'deferred-to-batch';

/** What a verifier reads out of one successful reply. */
export interface RunReading<Extra> {
  outcome: LlmRunRecord['outcome'];
  answer: string | null;
  judgment?: LlmRunRecord['judgment'];
  reason?: string;
  /** Verifier-specific data of the run (extracted inputs, corrected inputs, quotes). */
  extra?: Extra;
}

export interface CollectedRun<Extra> {
  record: LlmRunRecord;
  extra: Extra | undefined;
}

export interface CollectRunsOptions<OBJECT, Extra> {
  verifier: string;
  itemId: string;
  config: LlmVerifierConfig;
  /** One caller per entry of `config.models`, in that order. */
  callers: readonly ModelCaller[];
  context: VerifyContext;
  /** The request every run sends; only the run index differs between runs. */
  request: Omit<ModelCallRequest<OBJECT>, 'runIndex' | 'signal' | 'verifier' | 'itemId'>;
  read(result: Extract<ModelCallResult<OBJECT>, { kind: 'ok' }>): RunReading<Extra>;
  sameAnswer: SameAnswer;
  /**
   * Blind verifiers only: the original label in the form the runs vote on (`readReference`). The model never sees
   * it; it only decides when to stop (`voting.ts`, the adaptive rule with a reference). A verifier that showed
   * the label to the model (`llm-audit`) passes none.
   */
  reference?: Reference;
}

/**
 * The original label as a voting reference, in the answer text form the blind verifiers vote on (`N/A` and its
 * spellings → not computable); undefined when the label cannot be read, which means no reference.
 */
export function readReference(label: string, calculatorId: number | undefined): Reference | undefined {
  const read = readAnswerText(label, calculatorId);
  if (read.kind === 'answer') return { outcome: 'answer', answer: read.answer };
  if (read.kind === 'not-computable') return { outcome: 'not-computable', answer: null };
  return undefined;
}

export interface CollectedRuns<Extra> {
  runs: CollectedRun<Extra>[];
  decision: VoteDecision;
  /** A run was deferred to a batch: the vote is not final and the verdict must abstain. */
  deferred: boolean;
}

function reportCall(context: VerifyContext, result: ModelCallResult<unknown>): void {
  if (result.kind === 'abstain') {
    const deferred = String(result.reason) === DEFERRED_TO_BATCH;
    context.reportUsage({
      calls: deferred ? 0 : 1,
      cachedCalls: !deferred && result.attempts === 0 ? 1 : 0,
      // Nothing was spent on a replayed refusal or a deferred call; a failed call's cost is known with its price.
      costUsd: result.costUsd ?? (deferred || result.attempts === 0 ? 0 : null),
    });
    return;
  }
  context.reportUsage({
    calls: 1,
    cachedCalls: result.cached ? 1 : 0,
    // A replayed call spends nothing now; its tokens were counted when it was made.
    inputTokens: result.cached ? 0 : (result.usage.inputTokens ?? 0),
    outputTokens: result.cached ? 0 : (result.usage.outputTokens ?? 0),
    costUsd: result.costUsd,
    latencyMs: result.cached ? 0 : result.latencyMs,
  });
}

async function performRun<OBJECT, Extra>(
  options: CollectRunsOptions<OBJECT, Extra>,
  runIndex: number,
): Promise<CollectedRun<Extra>> {
  const caller = options.callers[runIndex % options.callers.length] as ModelCaller;
  const base = { model: caller.model, runIndex };
  let result: ModelCallResult<OBJECT>;
  try {
    result = await caller.call({
      ...options.request,
      verifier: options.verifier,
      itemId: options.itemId,
      runIndex,
      signal: options.context.signal,
    });
  } catch (error) {
    if (error instanceof AppError && STOPPING_CODES.includes(error.code)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return {
      record: { ...base, cached: false, outcome: 'abstain', answer: null, reason: `call failed: ${message}` },
      extra: undefined,
    };
  }
  reportCall(options.context, result);
  if (result.kind === 'abstain') {
    const reason = String(result.reason);
    return {
      record: {
        ...base,
        cached: result.attempts === 0,
        outcome: 'abstain',
        answer: null,
        reason: reason === DEFERRED_TO_BATCH ? reason : `${reason}: ${result.lastError}`,
      },
      extra: undefined,
    };
  }
  try {
    const reading = options.read(result);
    return {
      record: {
        ...base,
        cached: result.cached,
        outcome: reading.outcome,
        answer: reading.outcome === 'answer' ? reading.answer : null,
        ...(reading.judgment === undefined ? {} : { judgment: reading.judgment }),
        ...(reading.reason === undefined ? {} : { reason: reading.reason }),
      },
      extra: reading.extra,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      record: {
        ...base,
        cached: result.cached,
        outcome: 'abstain',
        answer: null,
        reason: `unusable reply: ${message}`,
      },
      extra: undefined,
    };
  }
}

function toBallot(record: LlmRunRecord): Ballot {
  return { outcome: record.outcome, answer: record.answer };
}

/**
 * Makes the runs of one item under the configured voting rule (with `reference` when given): runs are assigned to
 * the models round-robin, the first window is called concurrently, then one run at a time until `decideVote` says
 * stop. Each call's usage goes to `context.reportUsage`. A failed call abstains (the run does not vote); the
 * caller's stopping errors (`LLM_OFFLINE_MISS`, `LLM_AUTH_FAILED`, `INTERRUPTED`) propagate. A run deferred to a
 * batch ends the item.
 */
export async function collectRuns<OBJECT, Extra>(
  options: CollectRunsOptions<OBJECT, Extra>,
): Promise<CollectedRuns<Extra>> {
  const rule = options.config.voting;
  const { reference } = options;
  const maxRuns = countMaxRuns(rule, reference);
  const decide = (runs: readonly CollectedRun<Extra>[]) =>
    decideVote(
      runs.map((run) => toBallot(run.record)),
      rule,
      { sameAnswer: options.sameAnswer, reference },
    );
  const runs: CollectedRun<Extra>[] = [];
  let decision = decide(runs);
  while (runs.length < maxRuns) {
    const count = Math.min(countNextRuns(rule, runs.length, reference), maxRuns - runs.length);
    const indexes = Array.from({ length: count }, (_unused, offset) => runs.length + offset);
    runs.push(...(await Promise.all(indexes.map((runIndex) => performRun(options, runIndex)))));
    if (runs.some((run) => run.record.reason === DEFERRED_TO_BATCH)) {
      return { runs, decision: decide(runs), deferred: true };
    }
    decision = decide(runs);
    if (decision.stop) break;
  }
  return { runs, decision, deferred: false };
}
