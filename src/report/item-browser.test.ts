import { describe, expect, it } from 'vitest';
import { buildAuditItem } from './__fixtures__/synthetic-audit.js';
import { renderItemsSection } from './item-browser.js';

describe('renderItemsSection labels at the calculator precision (issue 17)', () => {
  it("shows an integer calculator's labels whole in the item list, exact in the tooltip", () => {
    // 4 is CHA2DS2-VASc, an integer score; 6 is BMI, a decimal.
    const html = renderItemsSection([
      buildAuditItem({
        id: 'score',
        note: 'n',
        calculatorId: 4,
        label: '3.0',
        proposedLabel: '3.9999999999',
      }),
      buildAuditItem({ id: 'bmi', note: 'n', calculatorId: 6, label: '3.0', proposedLabel: '17.8547996946' }),
    ]);
    expect(html).toContain(
      '<span class="item-label"><code title="3.0">3</code> → <code title="3.9999999999">4</code></span>',
    );
    expect(html).toContain(
      '<span class="item-label"><code>3.0</code> → <code title="17.8547996946">17.855</code></span>',
    );
  });
});
