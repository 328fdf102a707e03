import { describe, expect, it } from 'vitest';
import type { AuditItem } from '../audit/types.js';
import type { TriageDecision, TriageReason } from '../triage/types.js';
import { truncateAtWord } from './io.js';
import { findDecisiveReason, formatReviewQueueTable } from './review-queue-table.js';

const ABSTAINED: TriageReason = {
  rule: 'abstained',
  effect: 'context',
  text: 'entity-check abstained: the note does not mention the inputs this check needs to compare with the label',
};
const HELD: TriageReason = {
  rule: 'verifier-disagreement',
  effect: 'holds',
  text: 'recompute disputes the original label and proposes 4, while entity-check supports it, so a physician decides which one is right',
};
const CONCLUDED: TriageReason = {
  rule: 'relabel',
  effect: 'decides',
  text: 'recompute proposes 4; held for a physician by the rules above',
};

function decision(status: TriageDecision['status'], reasons: TriageReason[]): TriageDecision {
  return { status, proposedLabel: '4.0000000001', reasons, categories: [], impact: 0.5 };
}

function item(overrides: Partial<AuditItem>): AuditItem {
  return {
    id: '812',
    row: 812,
    calculatorId: 4,
    calculatorName: 'CHA2DS2-VASc Score for Atrial Fibrillation Stroke Risk',
    original: { label: '3.0', lowerLimit: '3', upperLimit: '3' },
    note: '',
    question: '',
    verdicts: [],
    triage: decision('needs-physician', [ABSTAINED, CONCLUDED, HELD]),
    ...overrides,
  };
}

describe('truncateAtWord', () => {
  it('keeps text that fits and cuts longer text at a word boundary with an ellipsis', () => {
    expect(truncateAtWord('short text', 20)).toBe('short text');
    expect(truncateAtWord('the quick brown fox jumps', 12)).toBe('the quick…');
    expect(truncateAtWord('the quick brown fox jumps', 16)).toBe('the quick brown…');
    expect(truncateAtWord('one, two, three', 11)).toBe('one, two…');
    expect(truncateAtWord('abcdefghijklmnop', 8)).toBe('abcdefg…');
  });

  it('never ends inside a word and never exceeds the width', () => {
    const text = HELD.text;
    for (let width = 'recompute '.length; width < text.length; width++) {
      const cut = truncateAtWord(text, width);
      expect(cut.length).toBeLessThanOrEqual(width);
      expect(cut.endsWith('…')).toBe(true);
      const kept = cut.slice(0, -1);
      expect(text.startsWith(kept)).toBe(true);
      expect(/[\s,]/.test(text.charAt(kept.length))).toBe(true);
    }
  });
});

describe('findDecisiveReason', () => {
  it('is the first rule that held an item for a physician, not a context note or the overruled conclusion', () => {
    expect(findDecisiveReason(decision('needs-physician', [ABSTAINED, CONCLUDED, HELD]))).toBe(HELD);
  });

  it('is the conclusion of an item the rules decided', () => {
    expect(findDecisiveReason(decision('relabel-proposed', [ABSTAINED, CONCLUDED]))).toBe(CONCLUDED);
  });

  it('falls back to the first reason when none carries an effect (legacy decisions)', () => {
    expect(findDecisiveReason(decision('needs-physician', [ABSTAINED]))).toBe(ABSTAINED);
    expect(findDecisiveReason(decision('confirmed', []))).toBeUndefined();
  });
});

describe('formatReviewQueueTable', () => {
  it('shows the item id, labels at the calculator precision and the decisive reason cut at a word', () => {
    const table = formatReviewQueueTable([item({})]);
    const [header, , row] = table.split('\n');
    expect(header).toMatch(/^rank {2}id {3}calculator/);
    expect(header).toContain('reasons (count · decisive)');
    // CHA2DS2-VASc is an integer score: 3.0 and 4.0000000001 read 3 and 4.
    expect(row).toMatch(
      /^1 {5}812 {2}CHA2DS2-VASc Score for Atrial Fibrillation Stroke Risk {2}3 {9}4 {10}0\.500 {2}/,
    );
    expect(row).toContain(
      '3 · [verifier-disagreement] recompute disputes the original label and proposes 4…',
    );
    expect(row).not.toContain('[abstained]');
  });

  it('keeps decimals of a decimal calculator to 3 places', () => {
    const map = item({
      calculatorId: 5,
      calculatorName: 'Mean Arterial Pressure (MAP)',
      original: { label: '93.333', lowerLimit: undefined, upperLimit: undefined },
      triage: { ...decision('needs-physician', [HELD]), proposedLabel: '93.3333333333' },
    });
    const row = formatReviewQueueTable([map]).split('\n')[2] ?? '';
    expect(row).toMatch(/93\.333 {4}93\.333 {5}0\.500/);
  });
});
