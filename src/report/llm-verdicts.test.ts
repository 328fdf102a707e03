import { describe, expect, it } from 'vitest';
import { makeLlmVerdict, makeRun } from '../triage/__fixtures__/llm-verdicts.js';
import { readItemDetail } from './__fixtures__/read-report.js';
import { buildAuditItem, buildAuditReport } from './__fixtures__/synthetic-audit.js';
import { renderAuditReportHtml, renderMovementSection } from './audit-html.js';
import { renderLlmVerdicts } from './llm-verdicts.js';

const NOTE =
  'Weight <80> kg & height 170 cm; the rest of the note is long enough to need an excerpt window here.';

function itemWithLlm() {
  const item = buildAuditItem({ id: 'q1', note: NOTE, label: '30.5', proposedLabel: '27.7', impact: 3 });
  const start = NOTE.indexOf('<80> kg');
  const llm = makeLlmVerdict('llm-recompute', 'disputes', {
    answer: '27.7',
    runs: [makeRun(0, '27.7'), makeRun(1, null, { outcome: 'abstain', reason: 'timeout <30 s>' })],
    support: 1,
    votes: 1,
    inputVotes: [
      {
        input: 'weight',
        outcome: 'agreed',
        value: '80 kg',
        support: 1,
        votes: 1,
        evidence: [{ start, end: start + 7, text: '<80> kg' }],
      },
    ],
    fabricatedQuotes: 2,
  });
  return { ...item, verdicts: [...item.verdicts, { ...llm, itemId: 'q1' }] };
}

describe('LLM verdicts in the report', () => {
  it('shows the runs in a table, the vote, the input votes with quotes, and fabricated quotes, escaped', () => {
    const html = renderLlmVerdicts(itemWithLlm());
    expect(html).toContain('<div class="llm-verdict" data-verifier="llm-recompute">');
    expect(html).toContain('blind, prompt <code>llm-recompute@1</code>');
    expect(html).toContain(
      '<tr><td class="number">1</td><td><code>openai/gpt-test</code></td><td>called</td><td>abstained: timeout &lt;30 s&gt;</td></tr>',
    );
    expect(html).toContain('Vote: agreed on <code>27.7</code>, 1 of 1 votes (2 runs, at most 5;');
    expect(html).toContain(
      '<li><code>weight</code>: agreed <code>80 kg</code> (1 of 1) “&lt;80&gt; kg”</li>',
    );
    expect(html).toContain('<strong>2 quotes not found in the note.</strong>');
    expect(html).not.toContain('<80>');
    expect(renderLlmVerdicts(buildAuditItem({ id: 'plain', note: NOTE }))).toBe('');
  });

  it("shows the agreed answer at the precision of the calculator's output type, the exact value as a tooltip", () => {
    const withVote = (calculatorId: number, answer: string) => {
      const item = buildAuditItem({ id: 'c', note: NOTE, calculatorId });
      const llm = makeLlmVerdict('llm-recompute', 'disputes', {
        answer,
        runs: [makeRun(0, answer), makeRun(1, answer)],
        support: 2,
        votes: 2,
      });
      return renderLlmVerdicts({ ...item, verdicts: [...item.verdicts, { ...llm, itemId: 'c' }] });
    };
    // CHA2DS2-VASc (MedCalc-Bench id 4) gives whole points: 3.0 reads 3. BMI (id 6) is a decimal: 3.0 stays.
    expect(withVote(4, '3.0')).toContain('Vote: agreed on <code title="3.0">3</code>, 2 of 2 votes');
    expect(withVote(6, '3.0')).toContain('Vote: agreed on <code>3.0</code>, 2 of 2 votes');
    expect(withVote(6, '24.2214532872')).toContain(
      'Vote: agreed on <code title="24.2214532872">24.221</code>, 2 of 2 votes',
    );
  });

  it('marks the quotes in the note of the item view', async () => {
    const html = readItemDetail(await renderAuditReportHtml(buildAuditReport([itemWithLlm()])), 'q1');
    expect(html).toContain('<mark>&lt;80&gt; kg</mark>');
    expect(html).toContain('<h3 class="cell-title">LLM verdicts</h3>');
  });
});

describe('the #movement section', () => {
  it('appears only when the report is given a movement, and lists the counts and moved items', async () => {
    const report = buildAuditReport([buildAuditItem({ id: 'a', note: NOTE })]);
    expect(await renderAuditReportHtml(report)).not.toContain('id="movement"');
    const html = await renderAuditReportHtml(report, {
      movement: {
        previousRunId: 'run-0',
        moved: [
          { itemId: 'a<1>', from: 'confirmed', to: 'needs-physician', decisiveRule: 'blind-vs-recompute' },
        ],
        counts: { 'confirmed→needs-physician': 1 },
      },
    });
    expect(html).toContain('<section id="movement" aria-labelledby="movement-title">');
    expect(html).toContain('<a href="#movement">Moved since the previous audit</a>');
    expect(html.indexOf('id="movement"')).toBeGreaterThan(html.indexOf('id="totals"'));
    expect(html.indexOf('id="movement"')).toBeLessThan(html.indexOf('id="charts"'));
    expect(html).toContain('<th scope="row">confirmed→needs-physician</th><td class="number">1</td>');
    expect(html).toContain('<code class="item-id">a&lt;1&gt;</code>');
    expect(html).toContain('<code class="rule">[blind-vs-recompute]</code>');
    expect(renderMovementSection(null)).toContain('No earlier completed audit');
  });
});
