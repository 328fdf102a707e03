import { describe, expect, it } from 'vitest';
import type { AuditItem } from '../audit/types.js';
import { buildAuditItem } from './__fixtures__/synthetic-audit.js';
import { renderItemDetail } from './item-detail.js';

/** An item whose recompute verdict derived `answer`, proposing it over the original `label`. */
function buildDerivedItem(calculatorId: number, label: string, answer: string): AuditItem {
  const item = buildAuditItem({ id: 'derived', note: 'n', calculatorId, label, proposedLabel: answer });
  item.verdicts[0]!.details = { ours: { answer, steps: [{ text: `Score = ${answer}` }], assumptions: [] } };
  return item;
}

describe('renderItemDetail labels at the calculator precision (issue 17)', () => {
  it("shows an integer calculator's labels whole in the facts and the derivation, exact in the tooltip", () => {
    // 4 is CHA2DS2-VASc, an integer score.
    const detail = renderItemDetail(buildDerivedItem(4, '3.0', '3.9999999999'));
    expect(detail).toContain(
      '<dd>original <code title="3.0">3</code> <span class="muted">(limits 39.9 to 44.1)</span> → proposed <code title="3.9999999999">4</code></dd>',
    );
    expect(detail).toContain(
      'Our answer <code title="3.9999999999">4</code>, original label <code title="3.0">3</code>;',
    );
  });

  it("shows a decimal calculator's long labels to 3 places and short ones as written", () => {
    // 6 is BMI, a decimal.
    const detail = renderItemDetail(buildDerivedItem(6, '3.0', '17.8547996946'));
    expect(detail).toContain('original <code>3.0</code>');
    expect(detail).toContain(
      'Our answer <code title="17.8547996946">17.855</code>, original label <code>3.0</code>;',
    );
  });
});
