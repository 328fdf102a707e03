import { describe, expect, it } from 'vitest';
import { buildAuditItem } from './__fixtures__/synthetic-audit.js';
import {
  orderItemsForReview,
  renderItemsSection,
  renderItemsSectionParts,
  serialiseJsonForHtml,
} from './item-browser.js';
import { renderItemDetail } from './item-detail.js';

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

describe('renderItemsSectionParts (the report written piece by piece)', () => {
  // Ids of both kinds: JSON.stringify puts integer-like keys first, ascending, whatever the review order.
  const items = [
    buildAuditItem({ id: 'b-item', note: 'a note with </script> and \u2028 in it', impact: 0.9 }),
    buildAuditItem({ id: '12', note: 'twelve <!-- not a comment -->', impact: 0.8 }),
    buildAuditItem({ id: 'a-item', note: 'plain', impact: 0.7 }),
    buildAuditItem({ id: '3', note: 'three', impact: 0.6, status: 'confirmed' }),
  ];

  it('gives the text the whole-string section gave: one JSON object of every full view, in JSON key order', () => {
    const parts = [...renderItemsSectionParts(items)];
    expect(parts.length).toBe(items.length + 2);
    const ordered = orderItemsForReview(items);
    const details = Object.fromEntries(
      ordered.map((item) => [item.id, renderItemDetail(item, { full: item.triage.status !== 'confirmed' })]),
    );
    const json = /<script type="application\/json" id="item-data">(.*)<\/script><\/section>$/s.exec(
      parts.join(''),
    )?.[1];
    expect(json).toBe(serialiseJsonForHtml(details));
    expect(Object.keys(JSON.parse(json ?? '{}') as object)).toEqual(['3', '12', 'b-item', 'a-item']);
    expect(parts.join('')).toBe(renderItemsSection(items));
  });

  it('holds one item per part, so no part carries another item', () => {
    const parts = [...renderItemsSectionParts(items)].slice(1, -1);
    expect(parts.map((part) => /^,?"([^"]+)":/.exec(part)?.[1])).toEqual(['3', '12', 'b-item', 'a-item']);
    expect(parts.join('')).not.toContain('</script>');
  });
});
