import type { ReleasePlan } from './plan-release.js';
import { RELEASE_STATUSES } from './types.js';

/** Changed rows listed by name in a changelog entry; the rest are counted (changes.jsonl has every one). */
const LISTED_CHANGES = 50;

function describeDecider(plan: Pick<ReleasePlan, 'rows'>['rows'][number]): string {
  const by = plan.decision.decidedBy;
  switch (by.kind) {
    case 'triage':
      return `audit rule ${by.rule}`;
    case 'physician-agreement':
      return `${by.reviewers} physicians agreeing`;
    case 'adjudicated':
      return `adjudicated after ${by.reviewers} physicians`;
  }
}

/** This version's entry of CHANGELOG.md: provenance, policy, counts and every changed label (up to 50 named). */
export function renderChangelogEntry(plan: Omit<ReleasePlan, 'changelogEntry' | 'changelog'>): string {
  const { counts, policy } = plan;
  const changed = plan.rows.filter((row) => row.changed);
  const withheldKept = plan.rows.filter(
    (row) => row.decision.status === 'withheld' && row.included && !row.changed,
  ).length;
  const lines = [
    `## ${plan.version} — ${plan.createdAt.slice(0, 10)}`,
    '',
    `Built from ${plan.dataset.source} (\`${plan.dataset.id}\`), audit run \`${plan.audit.runId}\` ` +
      `(rules ${plan.audit.ruleSet} ${plan.audit.ruleSetVersion}), ${plan.reviewBatchIds.length} review batch${plan.reviewBatchIds.length === 1 ? '' : 'es'}` +
      `${plan.previousVersion === null ? '' : `; previous release ${plan.previousVersion}`}.`,
    `Policy: withheld items → ${policy.withheld}; limits ${policy.tolerance}; policy sha256 \`${plan.policyHash.slice(0, 16)}…\`.`,
    '',
    '| status | items |',
    '| --- | ---: |',
    ...RELEASE_STATUSES.map((status) => `| ${status} | ${counts.byStatus[status]} |`),
    '',
    `- ${counts.changed} of ${counts.items} rows differ from the ${policy.sourceVersion} labels; ${counts.included} rows in test_data.csv.`,
    `- ${withheldKept} withheld rows keep their ${policy.sourceVersion} label (not verified; \`Label Status\` = withheld).`,
  ];
  if (counts.sincePrevious !== null) {
    lines.push(
      `- Since ${counts.sincePrevious.version}: ${counts.sincePrevious.labelChanged} labels and ${counts.sincePrevious.statusChanged} statuses changed.`,
    );
  }
  if (changed.length > 0) {
    lines.push('', '### Changed labels', '');
    for (const row of changed.slice(0, LISTED_CHANGES)) {
      const category = row.decision.errorCategory === null ? '' : `; ${row.decision.errorCategory}`;
      const to = row.included ? row.label : 'omitted';
      lines.push(
        `- Row ${row.source.itemId} (${row.source.calculatorName}): ${row.source.label} → ${to} [${row.decision.status}${category}; ${describeDecider(row)}]`,
      );
    }
    if (changed.length > LISTED_CHANGES)
      lines.push(`- … and ${changed.length - LISTED_CHANGES} more: see changes.jsonl`);
  }
  return `${lines.join('\n')}\n`;
}
