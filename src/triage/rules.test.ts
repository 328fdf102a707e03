import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatReason, orderReasons, readLegacyReason } from './reasons.js';
import { TRIAGE_RULE_IDS, TRIAGE_RULE_MEANINGS, isTriageRuleId, triageReasonSchema } from './rules.js';
import type { TriageReason } from './types.js';

const policyDoc = readFileSync(new URL('../../docs/triage-policy.md', import.meta.url), 'utf8');

/** Every `[rule-id]` the doc names (a bracketed lower-case kebab word that is not a Markdown link). */
function documentedRuleIds(markdown: string): string[] {
  return [...markdown.matchAll(/\[([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\](?!\()/g)].map((match) => match[1] ?? '');
}

describe('TRIAGE_RULE_IDS', () => {
  it('are distinct and each has a one-line meaning', () => {
    expect(new Set(TRIAGE_RULE_IDS).size).toBe(TRIAGE_RULE_IDS.length);
    expect(Object.keys(TRIAGE_RULE_MEANINGS).sort()).toEqual([...TRIAGE_RULE_IDS].sort());
    for (const meaning of Object.values(TRIAGE_RULE_MEANINGS)) expect(meaning).not.toMatch(/^\s*$|\n/);
  });

  it('docs/triage-policy.md documents every rule id as [rule-id], and names no other', () => {
    const documented = new Set(documentedRuleIds(policyDoc));
    expect(TRIAGE_RULE_IDS.filter((rule) => !documented.has(rule))).toEqual([]);
    expect([...documented].filter((rule) => !isTriageRuleId(rule))).toEqual([]);
  });

  it('the doc check sees a missing and an unknown id', () => {
    const withoutRelabel = policyDoc.replaceAll('[relabel]', 'relabel');
    expect(documentedRuleIds(withoutRelabel)).not.toContain('relabel');
    expect(documentedRuleIds('see [made-up-rule] and [a link](#x)')).toEqual(['made-up-rule']);
  });
});

describe('reasons', () => {
  const reason = (rule: TriageReason['rule'], effect: TriageReason['effect']): TriageReason => ({
    rule,
    effect,
    text: `${rule} fired`,
  });

  it('orderReasons puts holds and decides before context, otherwise keeping the order they fired in', () => {
    const fired = [
      reason('ignored-verifier', 'context'),
      reason('split-vote', 'holds'),
      reason('abstained', 'context'),
      reason('blocking-finding', 'holds'),
      reason('relabel', 'decides'),
    ];
    expect(orderReasons(fired).map((entry) => entry.rule)).toEqual([
      'split-vote',
      'blocking-finding',
      'relabel',
      'ignored-verifier',
      'abstained',
    ]);
    expect(fired[0]?.rule).toBe('ignored-verifier');
  });

  it('formatReason writes [rule-id] text, which readLegacyReason reads back as context', () => {
    const line = formatReason(reason('change-too-large', 'holds'));
    expect(line).toBe('[change-too-large] change-too-large fired');
    expect(readLegacyReason(line)).toEqual({
      rule: 'change-too-large',
      effect: 'context',
      text: 'change-too-large fired',
    });
    expect(readLegacyReason('[relabel] a\nb')?.text).toBe('a\nb');
    expect(readLegacyReason('[no-such-rule] text')).toBeUndefined();
    expect(readLegacyReason('relabel without brackets')).toBeUndefined();
  });

  it('triageReasonSchema accepts a reason and rejects an unknown rule, effect or extra field', () => {
    expect(triageReasonSchema.safeParse(reason('confirmed', 'decides')).success).toBe(true);
    expect(triageReasonSchema.safeParse({ rule: 'nope', effect: 'context', text: '' }).success).toBe(false);
    expect(triageReasonSchema.safeParse({ rule: 'confirmed', effect: 'maybe', text: '' }).success).toBe(
      false,
    );
    expect(triageReasonSchema.safeParse({ ...reason('confirmed', 'decides'), extra: true }).success).toBe(
      false,
    );
    expect(isTriageRuleId('relabel')).toBe(true);
    expect(isTriageRuleId('toString')).toBe(false);
  });
});
