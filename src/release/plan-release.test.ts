import { describe, expect, it } from 'vitest';
import type { TriageStatus } from '../triage/types.js';
import { diffReleases } from './diff-release.js';
import type { AuditedItem } from './decide-labels.js';
import { findDefaultOption } from './gather.js';
import { isSemver, planRelease } from './plan-release.js';
import type { PreviousRelease, ReleaseInput } from './plan-release.js';
import { DEFAULT_RELEASE_POLICY, hashReleasePolicy, parseReleasePolicy } from './policy.js';
import type { ReleaseSide } from './read-release.js';
import { renderChanges, renderCsv } from './render.js';
import type { SourceRow } from './types.js';

function row(itemId: string, label: string): SourceRow {
  return {
    itemId,
    row: Number(itemId),
    calculatorId: 5,
    calculatorName: 'Mean Arterial Pressure (MAP)',
    category: 'physical',
    outputType: 'decimal',
    noteId: `n${itemId}`,
    noteType: 'Template',
    note: 'BP 120/80 mm Hg, "quoted", with a comma\nand a new line.',
    question: 'What is the MAP?',
    entitiesText: "{'Systolic Blood Pressure': [120, 'mm hg']}",
    label,
    lowerLimit: `${label}-low`,
    upperLimit: `${label}-high`,
    explanation: 'MAP = (2 × DBP + SBP) / 3',
  };
}

function audited(itemId: string, status: TriageStatus, proposedLabel: string | null = null): AuditedItem {
  return {
    itemId,
    originalLabel: '90',
    calculatorId: 5,
    outputType: 'decimal',
    triage: { status, proposedLabel, reasons: [], categories: ['calculator-logic'], impact: 0 },
    verdicts: [],
    triageDecidedAt: null,
  };
}

function input(overrides: Partial<ReleaseInput> = {}): ReleaseInput {
  return {
    version: '1.1.0',
    createdAt: '2026-12-03T00:00:00.000Z',
    stewardVersion: '0.1.0',
    policy: DEFAULT_RELEASE_POLICY,
    dataset: { id: 'sha256:x', source: 'test.csv', layout: 'medcalc-v1.0', provenance: null },
    audit: { runId: 'run-1', ruleSet: 'medcalc-v1.0', ruleSetVersion: '1', policyHash: 'p', verifiers: [] },
    reviewBatchIds: [],
    rows: [row('3', '90'), row('1', '90'), row('2', '90')],
    items: [
      audited('1', 'relabel-proposed', '93.3333'),
      audited('2', 'needs-physician'),
      audited('3', 'confirmed'),
    ],
    reviews: [],
    previous: null,
    defaultOptionOf: findDefaultOption,
    ...overrides,
  };
}

describe('planRelease', () => {
  it('keeps every row in source order, writes new labels with recomputed limits and counts statuses', () => {
    const plan = planRelease(input());
    expect(plan.problems).toEqual([]);
    expect(plan.rows.map((entry) => [entry.source.itemId, entry.decision.status, entry.label])).toEqual([
      ['3', 'consensus', '90'],
      ['1', 'revised', '93.333'],
      ['2', 'withheld', '90'],
    ]);
    const revised = plan.rows[1]!;
    // 93.333 × 0.95 = 88.66635; × 1.05 = 97.99965
    expect([revised.lowerLimit, revised.upperLimit, revised.labelVersion]).toEqual([
      '88.66635',
      '97.99965',
      '1.1.0',
    ]);
    // Unchanged rows keep their original limits text and the source version.
    expect([plan.rows[0]!.lowerLimit, plan.rows[0]!.labelVersion]).toEqual(['90-low', '1.0']);
    expect(plan.counts.byStatus).toEqual({
      consensus: 1,
      revised: 1,
      verified: 0,
      withheld: 1,
      'not-computable': 0,
    });
    expect(plan.counts.byCalculator).toMatchObject([{ calculatorId: 5, items: 3, changed: 1 }]);
    expect(plan.changelogEntry).toContain(
      '- Row 1 (Mean Arterial Pressure (MAP)): 90 → 93.333 [revised; calculator-logic; audit rule relabel-proposed]',
    );
    const csv = renderCsv(plan).split('\n');
    expect(csv[0]).toBe(
      'Row Number,Calculator ID,Calculator Name,Category,Output Type,Note ID,Note Type,Patient Note,Question,Relevant Entities,Ground Truth Answer,Lower Limit,Upper Limit,Ground Truth Explanation',
    );
    expect(renderChanges(plan).trim().split('\n')).toHaveLength(1);
  });

  it('applies the withheld choice: N/A labels, or rows left out of the data files', () => {
    const na = planRelease(input({ policy: { ...DEFAULT_RELEASE_POLICY, withheld: 'na' } }));
    expect(na.rows[2]).toMatchObject({
      label: 'N/A',
      lowerLimit: 'N/A',
      upperLimit: 'N/A',
      changed: true,
      included: true,
    });
    const omit = planRelease(input({ policy: { ...DEFAULT_RELEASE_POLICY, withheld: 'omit' } }));
    expect(omit.rows).toHaveLength(3);
    expect(omit.rows[2]).toMatchObject({ included: false, changed: true });
    expect(omit.counts.included).toBe(2);
    expect(
      renderCsv(omit)
        .trim()
        .split('\n')
        .filter((line) => /^\d,5,/.test(line)),
    ).toHaveLength(2);
  });

  it('carries Label Version from the previous release when the label is the same, and counts changes since it', () => {
    const previous: PreviousRelease = {
      version: '1.0.1',
      rows: new Map([
        ['1', { status: 'revised', label: '93.333', labelVersion: '1.0.1' }],
        ['2', { status: 'consensus', label: '90', labelVersion: '1.0' }],
        ['3', { status: 'consensus', label: '90', labelVersion: '1.0' }],
      ]),
      changelog: '# Changelog\n\n## 1.0.1 — 2026-11-01\n\nolder entry\n',
    };
    const plan = planRelease(input({ previous }));
    expect(plan.rows[1]!.labelVersion).toBe('1.0.1');
    expect(plan.counts.sincePrevious).toEqual({ version: '1.0.1', labelChanged: 0, statusChanged: 1 });
    expect(plan.changelog.indexOf('## 1.1.0')).toBeLessThan(plan.changelog.indexOf('## 1.0.1'));
    expect(plan.changelog.match(/# Changelog/g)).toHaveLength(1);
  });

  it('reports problems: a bad version, a convention that is not the calculator default, two of one group', () => {
    expect(isSemver('1.1.0')).toBe(true);
    expect(isSemver('1.1')).toBe(false);
    const plan = planRelease(
      input({
        version: 'v2',
        policy: {
          ...DEFAULT_RELEASE_POLICY,
          conventions: ['naegele-calendar-months', 'meld-na', 'meld-3.0', 'gestational-age-days'],
        },
      }),
    );
    expect(plan.problems.join('\n')).toMatch(/"v2" is not a semantic version/);
    expect(plan.problems.join('\n')).toMatch(
      /naegele=calendar, but the audit computed with naegele=280-days/,
    );
    expect(plan.problems.join('\n')).toMatch(/"meld-na" and "meld-3.0" both answer meld-definition/);
    expect(plan.problems.join('\n')).toMatch(
      /gestational-age-days" writes labels the v1.0 harness cannot score/,
    );
    expect(
      planRelease(
        input({ dataset: { id: 'x', source: 'c.csv', layout: 'corrected-labels', provenance: null } }),
      ).problems,
    ).toHaveLength(1);
  });
});

describe('release policy', () => {
  it('fills defaults, refuses unknown fields, and hashes independently of key order', () => {
    expect(parseReleasePolicy('{}', 'p.json')).toEqual(DEFAULT_RELEASE_POLICY);
    expect(DEFAULT_RELEASE_POLICY.withheld).toBe('keep-original');
    expect(() => parseReleasePolicy('{"withheld": "drop"}', 'p.json')).toThrow(/withheld/);
    expect(() => parseReleasePolicy('{"extra": 1}', 'p.json')).toThrow(/invalid release policy/);
    const reordered = parseReleasePolicy(
      JSON.stringify(Object.fromEntries(Object.entries(DEFAULT_RELEASE_POLICY).reverse())),
      'p.json',
    );
    expect(hashReleasePolicy(reordered)).toBe(hashReleasePolicy(DEFAULT_RELEASE_POLICY));
    expect(hashReleasePolicy({ ...DEFAULT_RELEASE_POLICY, withheld: 'na' })).not.toBe(
      hashReleasePolicy(DEFAULT_RELEASE_POLICY),
    );
  });
});

describe('diffReleases', () => {
  const side = (name: string, rows: [string, string, string][]): ReleaseSide => ({
    name,
    rows: new Map(
      rows.map(([id, label, status]) => [
        id,
        { calculatorName: 'c', label, lowerLimit: label, upperLimit: label, status, labelVersion: name },
      ]),
    ),
  });

  it('separates label changes, status changes, added and removed rows', () => {
    const diff = diffReleases(
      side('1.1.0', [
        ['10', '5', 'withheld'],
        ['2', '3', 'withheld'],
        ['3', '4', 'consensus'],
        ['4', '1', 'withheld'],
      ]),
      side('1.2.0', [
        ['10', '6', 'verified'],
        ['2', '3', 'verified'],
        ['3', '4', 'consensus'],
        ['5', '9', 'revised'],
      ]),
    );
    expect(diff.labelChanges.map((change) => change.id)).toEqual(['10']);
    expect(diff.statusChanges.map((change) => [change.id, change.from?.status, change.to?.status])).toEqual([
      ['2', 'withheld', 'verified'],
    ]);
    expect(diff.added.map((change) => change.id)).toEqual(['5']);
    expect(diff.removed.map((change) => change.id)).toEqual(['4']);
    expect(diff.unchanged).toBe(1);
  });
});
