import { z } from 'zod';
import { REASON_EFFECTS } from './types.js';
import type { TriageReason } from './types.js';

/**
 * The closed list of triage rules, in the order `decideTriage` checks them. A decision's reasons name these ids;
 * docs/triage-policy.md documents each one as `[rule-id]` (a test keeps the doc and this list equal).
 */
export const TRIAGE_RULE_IDS = [
  'ignored-verifier',
  'llm-details-invalid',
  'abstained',
  'split-vote',
  'llm-split-vote',
  'llm-weak-vote',
  'llm-fabricated-quote',
  'no-label-verdict',
  'llm-blind-disagreement',
  'blind-vs-recompute',
  'verifier-disagreement',
  'blocking-finding',
  'implausible-input',
  'inputs-disputed',
  'llm-audit-disagreement',
  'required-verifier-missing',
  'blind-stand-in',
  'confirmed',
  'blind-confirmed',
  'extraction-unverified',
  'no-candidate-label',
  'judgment-call',
  'default-matters',
  'default-immaterial',
  'time-point-matters',
  'no-allowed-ground',
  'change-too-large',
  'relabel',
  'blind-relabel',
  'already-not-available',
  'not-computable',
  'blind-not-computable',
] as const;
export type TriageRuleId = (typeof TRIAGE_RULE_IDS)[number];

/** What makes each rule fire, in one line (the doc's table says what it does under each policy setting). */
export const TRIAGE_RULE_MEANINGS: Record<TriageRuleId, string> = {
  'ignored-verifier': 'a verdict comes from a verifier the policy does not list, so it is not counted',
  'llm-details-invalid': "an LLM verdict's details are malformed, so it counts as an abstention",
  abstained: 'a counted verifier abstained; its reason is quoted',
  'split-vote': "a verifier's runs reach no supermajority",
  'llm-split-vote': "an LLM verifier's own vote of its runs is split",
  'llm-weak-vote': "an LLM verifier's agreed vote has less support than the policy's minimum",
  'llm-fabricated-quote': 'an LLM verdict quotes more text that is not in the note than the policy allows',
  'no-label-verdict': 'no counted label verifier judged the item',
  'llm-blind-disagreement': 'blind LLM verifiers each agree, on different answers',
  'blind-vs-recompute':
    "a blind LLM verifier's agreed answer differs from the deterministic recompute's outcome",
  'verifier-disagreement':
    'the label verifiers reach different outcomes, or propose labels that do not agree',
  'blocking-finding':
    'a counted verifier has a finding in the blocking categories at or above the blocking severity',
  'implausible-input': 'a counted verifier reports an implausible input',
  'inputs-disputed': 'an inputs verifier disputes the stored inputs',
  'llm-audit-disagreement':
    'an LLM verifier that saw the label (llm-audit) agrees on an outcome other than the automatic one',
  'required-verifier-missing':
    'the outcome needs a verifier that has no verdict, abstained or said something else',
  'blind-stand-in':
    'a required verifier has no verdict or abstained, and a blind LLM agreement stands in for it',
  confirmed: 'the label verifiers all support the original label',
  'blind-confirmed': 'the label verifiers, blind LLM runs among them, all support the original label',
  'extraction-unverified':
    'the label verifiers support the original label, but an input it used is not verified against the note',
  'default-matters':
    'a change rests on a default for a missing input, and another plausible value of that input changes the answer',
  'time-point-matters':
    'a change rests on a value the note gives at several time points, and the choice changes the answer',
  'default-immaterial':
    'a change rests on defaults for missing inputs, but no other plausible value of them changes the answer',
  'no-candidate-label': 'the label verifiers dispute the label but propose no agreed label',
  'judgment-call':
    'a change rests on a suspect extraction, or on a default when the policy holds every default',
  'no-allowed-ground': 'a required verifier disputes without a finding in the allowed categories',
  'change-too-large': 'the relative change is larger than the policy allows',
  relabel: 'the label verifiers dispute the label and agree on a new one',
  'blind-relabel': 'the label verifiers, blind LLM runs among them, dispute the label and agree on a new one',
  'already-not-available': 'the item is not computable and its label is already N/A',
  'not-computable': 'the label verifiers find the item not computable',
  'blind-not-computable': 'the label verifiers, blind LLM runs among them, find the item not computable',
};

export function isTriageRuleId(value: unknown): value is TriageRuleId {
  return typeof value === 'string' && (TRIAGE_RULE_IDS as readonly string[]).includes(value);
}

/** A stored reason, for reading decisions back from JSON (the store validates with it). */
export const triageReasonSchema = z.strictObject({
  rule: z.enum(TRIAGE_RULE_IDS),
  effect: z.enum(REASON_EFFECTS),
  text: z.string(),
}) satisfies z.ZodType<TriageReason>;
