import { describe, expect, it } from 'vitest';
import { AUDIT_ITEM_VIEW_VERSION, auditItemViewSchema, buildAuditItemView } from '../../audit/item-view.js';
import type { ItemHistory } from '../../store/audit-repository.js';
import { makeLlmVerdict, makeRun } from '../../triage/__fixtures__/llm-verdicts.js';
import { makeFinding, makeVerdict } from '../../triage/__fixtures__/verdicts.js';
import type { Verdict } from '../../verify/types.js';
import { buildItemHistory } from './__fixtures__/item-history.js';
import { describeLlmDetails, renderAuditShowText } from './audit-show.js';

const NOTE = 'A patient weighing 80 kg, 170 cm tall; creatinine not measured.';
const span = (text: string) => ({ start: NOTE.indexOf(text), end: NOTE.indexOf(text) + text.length, text });

const llmVerdict = makeLlmVerdict('llm-recompute', 'disputes', {
  answer: '27.7',
  support: 2,
  votes: 3,
  runs: [
    makeRun(0, '27.7'),
    makeRun(1, '27.7', { cached: false }),
    makeRun(2, null, { outcome: 'abstain', reason: 'reply was not valid JSON', cached: false }),
  ],
  inputVotes: [
    {
      input: 'weight',
      outcome: 'agreed',
      value: '80 kg',
      support: 2,
      votes: 2,
      timePoint: 'on admission',
      evidence: [span('80 kg')],
    },
    { input: 'height', outcome: 'agreed', value: '170 cm', support: 2, votes: 2, evidence: [span('170 cm')] },
  ],
  fabricatedQuotes: 1,
  findings: [
    makeFinding('extraction-error', 'quote "weight 82 kg" is not in the note', { severity: 'warning' }),
  ],
});

function historyWith(verdicts: Verdict[]): ItemHistory {
  return buildItemHistory({ instance: { note: NOTE }, verdicts });
}

describe('audit show with an LLM verdict', () => {
  it('the JSON view carries the checked LLM details, null for other verdicts (schema version 3)', () => {
    const view = buildAuditItemView(historyWith([makeVerdict('recompute', 'supports'), llmVerdict]), {
      id: 'content:x',
      source: 'memory',
    });
    const parsed = auditItemViewSchema.parse(JSON.parse(JSON.stringify(view)));
    expect(parsed.schemaVersion).toBe(AUDIT_ITEM_VIEW_VERSION);
    expect(AUDIT_ITEM_VIEW_VERSION).toBe(3);
    expect(parsed.verdicts[0]?.llm).toBeNull();
    expect(parsed.verdicts[1]?.llm?.vote).toMatchObject({ outcome: 'agreed', answer: '27.7', support: 2 });
    expect(parsed.verdicts[1]?.llm?.inputVotes?.[0]?.evidence).toEqual([span('80 kg')]);
    const malformed = { ...llmVerdict, details: { kind: 'llm', vote: 'yes' } };
    const withBroken = buildAuditItemView(historyWith([malformed]), { id: 'content:x', source: 'memory' });
    expect(withBroken.verdicts[0]?.llm).toBeNull();
    const missingLlm = { ...parsed, verdicts: parsed.verdicts.map(({ llm: _llm, ...rest }) => rest) };
    expect(auditItemViewSchema.safeParse(missingLlm).success).toBe(false);
  });

  it('the text shows prompt, models, each run, the vote, the input votes with quotes, and fabricated quotes', () => {
    const details = llmVerdict.details as unknown as Parameters<typeof describeLlmDetails>[0];
    expect(describeLlmDetails(details, NOTE)).toEqual([
      '    LLM blind · prompt llm-recompute@1 · models openai/gpt-test',
      '    vote: agreed on 27.7 · 2 of 3 votes (3 runs, at most 5) · adaptive(min=2,max=5,supermajority=4/5) · 2 call(s) saved · the outcome could not change',
      '      clusters: 27.7 ×2',
      '    runs:',
      '      #0 openai/gpt-test (cached): 27.7',
      '      #1 openai/gpt-test: 27.7',
      '      #2 openai/gpt-test: abstained: reply was not valid JSON',
      '    inputs:',
      '      weight: agreed 80 kg at on admission (2 of 2)',
      '        quote chars 19–24 "80 kg"',
      '      height: agreed 170 cm (2 of 2)',
      '        quote chars 26–32 "170 cm"',
      '    fabricated quotes: 1 (quoted text not found in the note)',
    ]);
    const text = renderAuditShowText(historyWith([llmVerdict]), { source: 'memory', terminal: false });
    expect(text).toContain('  llm-recompute@1.0.0 (medcalc-v1.0 rules): disputes · proposes 27.7');
    expect(text).toContain('    [warning extraction-error] quote "weight 82 kg" is not in the note');
    expect(text).toContain('A patient weighing ⟦80 kg⟧, ⟦170 cm⟧ tall; creatinine not measured.');
  });

  it('a run that found the note lacking an input reads N/A; llm-audit shows its judgments', () => {
    const audit = makeLlmVerdict('llm-audit', 'supports', {
      runs: [makeRun(0, '30.5', { judgment: 'agree' }), makeRun(1, null, { judgment: 'cannot-tell' })],
    });
    const lines = describeLlmDetails(audit.details as never, NOTE);
    expect(lines[0]).toBe('    LLM saw the label · prompt llm-audit@1 · models openai/gpt-test');
    expect(lines).toContain('      #0 openai/gpt-test (cached): 30.5 · judgment agree');
    expect(lines).toContain('      #1 openai/gpt-test: N/A · judgment cannot-tell');
  });
});
