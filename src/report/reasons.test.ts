import { describe, expect, it } from 'vitest';
import type { TriageReason } from '../triage/types.js';
import { arrangeReasons } from './reasons.js';

const assumption = (input: string): TriageReason => ({
  rule: 'judgment-call',
  effect: 'holds',
  text: `the proposed change rests on an assumption: recompute reports underspecified-question (warning): default applied: ${input}: not mentioned, assumed absent`,
});
const extraction: TriageReason = {
  rule: 'judgment-call',
  effect: 'holds',
  text: 'the proposed change rests on a suspect extraction: entity-check reports extraction-error (warning) on "Thrombophilia"',
};
const relabel: TriageReason = {
  rule: 'relabel',
  effect: 'decides',
  text: 'recompute disputes and proposes 28',
};
const context: TriageReason = { rule: 'abstained', effect: 'context', text: 'llm abstained' };

describe('arrangeReasons', () => {
  it('folds the fourteen "default applied" holds of item 918 into one group, apart from the extraction hold', () => {
    const inputs = ['Surgery type', 'Major surgery < 1 month', 'Malignancy'];
    const groups = arrangeReasons([...inputs.map(assumption), extraction, relabel], 'needs-physician');
    expect(groups).toEqual([
      {
        rule: 'judgment-call',
        effect: 'holds',
        lead: 'the proposed change rests on an assumption: recompute reports underspecified-question (warning): default applied',
        details: inputs.map((input) => `${input}: not mentioned, assumed absent`),
      },
      { rule: 'judgment-call', effect: 'holds', lead: extraction.text, details: [] },
      { rule: 'relabel', effect: 'decides', lead: relabel.text, details: [] },
    ]);
  });

  it('drops repeated reasons and puts the effect that set the status first, context last', () => {
    const reasons = [context, extraction, relabel, { ...relabel }];
    expect(arrangeReasons(reasons, 'relabel-proposed').map((group) => group.rule)).toEqual([
      'relabel',
      'judgment-call',
      'abstained',
    ]);
    expect(arrangeReasons(reasons, 'needs-physician').map((group) => group.rule)).toEqual([
      'judgment-call',
      'relabel',
      'abstained',
    ]);
    expect(arrangeReasons([], 'confirmed')).toEqual([]);
  });

  it('never groups reasons of different rules or effects, or that share only a short lead-in', () => {
    const a: TriageReason = { rule: 'relabel', effect: 'decides', text: 'x: one' };
    const b: TriageReason = { rule: 'relabel', effect: 'decides', text: 'x: two' };
    const c: TriageReason = { ...assumption('A'), rule: 'default-matters' };
    expect(arrangeReasons([a, b], 'relabel-proposed')).toHaveLength(2);
    expect(arrangeReasons([assumption('A'), c], 'needs-physician')).toHaveLength(2);
  });
});
