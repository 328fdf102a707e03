import type { ReasonEffect, TriageReason, TriageStatus } from '../triage/types.js';

/**
 * Reasons of one rule that share a lead-in, shown once: `lead` (up to a `": "`), then what differs per reason.
 * A reason that shares nothing with another is a group with an empty `details` list and its whole text as `lead`.
 */
export interface ReasonGroup {
  rule: TriageReason['rule'];
  effect: ReasonEffect;
  lead: string;
  details: string[];
}

/** A shared lead-in shorter than this says too little to group reasons under it. */
const MINIMUM_LEAD = 24;

/** The longest common prefix of the two texts that ends right after a `": "` (empty when there is none). */
function sharedLead(first: string, second: string): string {
  let length = 0;
  while (length < first.length && length < second.length && first[length] === second[length]) length++;
  const cut = first.slice(0, length).lastIndexOf(': ');
  return cut < 0 ? '' : first.slice(0, cut + 2);
}

/**
 * The position of a reason's effect in the order of display: the effect that set the status first (`holds` for
 * an item held for a physician, `decides` otherwise), then the other one, then `context`.
 */
function effectRank(effect: ReasonEffect, status: TriageStatus): number {
  if (effect === 'context') return 2;
  const decisive: ReasonEffect = status === 'needs-physician' ? 'holds' : 'decides';
  return effect === decisive ? 0 : 1;
}

/**
 * The reasons as a reader needs them: each `{rule, text}` once, the decisive ones first (stable within an
 * effect, so the stored order breaks ties), and reasons of one rule that share a lead-in (fourteen "default
 * applied: … not mentioned" holds) folded into one group listing what differs.
 */
export function arrangeReasons(reasons: readonly TriageReason[], status: TriageStatus): ReasonGroup[] {
  const distinct = reasons.filter(
    (reason, index) =>
      reasons.findIndex((other) => other.rule === reason.rule && other.text === reason.text) === index,
  );
  const ordered = distinct
    .map((reason, index) => ({ reason, index }))
    .sort(
      (a, b) =>
        effectRank(a.reason.effect, status) - effectRank(b.reason.effect, status) || a.index - b.index,
    )
    .map(({ reason }) => reason);
  const groups: { rule: TriageReason['rule']; effect: ReasonEffect; lead: string; texts: string[] }[] = [];
  for (const reason of ordered) {
    const group = groups.find((candidate) => {
      if (candidate.rule !== reason.rule || candidate.effect !== reason.effect) return false;
      const lead = sharedLead(
        candidate.texts.length === 1 ? (candidate.texts[0] ?? '') : candidate.lead,
        reason.text,
      );
      return lead.length >= MINIMUM_LEAD;
    });
    if (group === undefined) {
      groups.push({ rule: reason.rule, effect: reason.effect, lead: reason.text, texts: [reason.text] });
      continue;
    }
    group.lead = sharedLead(group.texts.length === 1 ? (group.texts[0] ?? '') : group.lead, reason.text);
    group.texts.push(reason.text);
  }
  return groups.map((group) =>
    group.texts.length === 1
      ? { rule: group.rule, effect: group.effect, lead: group.lead, details: [] }
      : {
          rule: group.rule,
          effect: group.effect,
          lead: group.lead.replace(/:\s*$/, ''),
          details: group.texts.map((text) => text.slice(group.lead.length)),
        },
  );
}
