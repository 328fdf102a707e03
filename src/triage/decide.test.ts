import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { ERROR_CATEGORIES } from '../verify/types.js';
import type { Assessment, Verdict } from '../verify/types.js';
import {
  assumptionFinding,
  extractionFinding,
  implausibleFinding,
  logicFinding,
  makeFinding,
  makeInput,
  makeVerdict,
  missingFinding,
  unitFinding,
} from './__fixtures__/verdicts.js';
import { decideTriage } from './decide.js';
import { DEFAULT_POLICY } from './policy.js';
import type { TriagePolicy } from './policy.js';
import { TRIAGE_RULE_IDS } from './rules.js';
import { TRIAGE_STATUSES } from './types.js';
import type { TriageReason } from './types.js';

const entityClean = makeVerdict('entity-check', 'supports');
const entityError = makeVerdict('entity-check', 'disputes', { findings: [extractionFinding] });

function decide(verdicts: Verdict[], policy: TriagePolicy = DEFAULT_POLICY, extra = {}) {
  return decideTriage(makeInput(verdicts, extra), policy);
}

function rulesOf(reasons: readonly TriageReason[]): string[] {
  return reasons.map((reason) => reason.rule);
}

/** The text of the first reason of `rule`, or '' when that rule did not fire. */
function textOf(reasons: readonly TriageReason[], rule: TriageReason['rule']): string {
  return reasons.find((reason) => reason.rule === rule)?.text ?? '';
}

const withLlm: TriagePolicy = {
  ...DEFAULT_POLICY,
  verifiers: { ...DEFAULT_POLICY.verifiers, 'llm-recompute': 'label' },
};

describe('decideTriage under the default policy', () => {
  it('recompute supports and entity-check is clean: confirmed', () => {
    const decision = decide([makeVerdict('recompute', 'supports'), entityClean]);
    expect(decision.status).toBe('confirmed');
    expect(decision.proposedLabel).toBeNull();
    expect(decision.reasons).toEqual([
      {
        rule: 'confirmed',
        effect: 'decides',
        text: 'recompute supports the original label (50.0); entity-check verified all 1 stored input(s) against the note',
      },
    ]);
  });

  it('recompute disputes with a logic finding, entity-check clean: relabel-proposed with the label and why', () => {
    const decision = decide([
      makeVerdict('recompute', 'disputes', { proposedLabel: '38.2', findings: [logicFinding] }),
      entityClean,
    ]);
    expect(decision.status).toBe('relabel-proposed');
    expect(decision.proposedLabel).toBe('38.2');
    expect(decision.categories).toEqual(['calculator-logic']);
    expect(rulesOf(decision.reasons)).toEqual(['relabel']);
    expect(decision.reasons[0]?.effect).toBe('decides');
    expect(decision.reasons[0]?.text).toContain('recompute');
    expect(decision.reasons[0]?.text).toContain('calculator-logic');
    expect(decision.reasons[0]?.text).toContain('adjusted weight');
  });

  it('a unit-conversion finding is also an allowed ground', () => {
    const decision = decide([
      makeVerdict('recompute', 'disputes', { proposedLabel: '12', findings: [unitFinding] }),
    ]);
    expect(decision.status).toBe('relabel-proposed');
  });

  it('recompute disputes and entity-check finds an extraction error: needs-physician, candidate kept', () => {
    const decision = decide([
      makeVerdict('recompute', 'disputes', { proposedLabel: '38.2', findings: [logicFinding] }),
      entityError,
    ]);
    expect(decision.status).toBe('needs-physician');
    expect(decision.proposedLabel).toBe('38.2');
    expect(rulesOf(decision.reasons)).toEqual(['blocking-finding', 'inputs-disputed', 'relabel']);
    expect(decision.reasons.map((reason) => reason.effect)).toEqual(['holds', 'holds', 'decides']);
    expect(decision.reasons[0]?.text).toContain(
      'entity-check reports extraction-error (error) on "creatinine"',
    );
    expect(decision.reasons[2]?.text).toMatch(/; held for a physician by the rules above$/);
  });

  it('recompute supports but entity-check finds an extraction error: needs-physician (same inputs)', () => {
    const decision = decide([makeVerdict('recompute', 'supports'), entityError]);
    expect(decision.status).toBe('needs-physician');
    expect(textOf(decision.reasons, 'blocking-finding')).toContain('same, possibly wrong, inputs');
  });

  it('entity-check disputing without findings still holds a confirmation back', () => {
    const decision = decide([makeVerdict('recompute', 'supports'), makeVerdict('entity-check', 'disputes')]);
    expect(decision.status).toBe('needs-physician');
    expect(rulesOf(decision.reasons)).toContain('inputs-disputed');
  });

  it('an extraction-error warning does not block under blockingSeverity "error", but does under "warning"', () => {
    const warning = makeFinding('extraction-error', 'creatinine may be a pre-dialysis value', {
      severity: 'warning',
    });
    const verdicts = [
      makeVerdict('recompute', 'supports'),
      makeVerdict('entity-check', 'supports', { findings: [warning] }),
    ];
    expect(decide(verdicts).status).toBe('confirmed');
    expect(decide(verdicts, { ...DEFAULT_POLICY, blockingSeverity: 'warning' }).status).toBe(
      'needs-physician',
    );
  });

  it('recompute not-computable because of missing inputs: not-computable', () => {
    const decision = decide([
      makeVerdict('recompute', 'not-computable', { findings: [missingFinding] }),
      entityClean,
    ]);
    expect(decision.status).toBe('not-computable');
    expect(decision.proposedLabel).toBeNull();
    expect(decision.reasons[0]?.rule).toBe('not-computable');
    expect(decision.reasons[0]?.text).toContain('missing: weight');
  });

  it('not-computable, but entity-check suggests the inputs are in the note: needs-physician with N/A as candidate', () => {
    const decision = decide([
      makeVerdict('recompute', 'not-computable', { findings: [missingFinding] }),
      entityError,
    ]);
    expect(decision.status).toBe('needs-physician');
    expect(decision.proposedLabel).toBe('N/A');
    expect(textOf(decision.reasons, 'blocking-finding')).toContain('may be in the note');
  });

  it('not-computable when the original label is already N/A: confirmed', () => {
    const decision = decide([makeVerdict('recompute', 'not-computable')], DEFAULT_POLICY, {
      originalLabel: 'N/A',
    });
    expect(decision.status).toBe('confirmed');
    expect(rulesOf(decision.reasons)).toEqual(['already-not-available']);
  });

  it('notComputable.status "needs-physician" sends every not-computable item to a physician', () => {
    const policy: TriagePolicy = {
      ...DEFAULT_POLICY,
      notComputable: { ...DEFAULT_POLICY.notComputable, status: 'needs-physician' },
    };
    expect(decide([makeVerdict('recompute', 'not-computable')], policy).status).toBe('needs-physician');
  });

  it('no verdicts, or every verifier abstains: needs-physician', () => {
    expect(decide([]).status).toBe('needs-physician');
    const decision = decide([makeVerdict('recompute', 'abstains'), makeVerdict('entity-check', 'abstains')]);
    expect(decision.status).toBe('needs-physician');
    expect(rulesOf(decision.reasons)).toEqual(['no-label-verdict', 'abstained', 'abstained']);
  });

  it('only entity-check judged (recompute abstained): needs-physician', () => {
    expect(decide([makeVerdict('recompute', 'abstains'), entityClean]).status).toBe('needs-physician');
  });

  it('a change resting on an assumption is a judgment call, unless the policy says otherwise', () => {
    const verdicts = [
      makeVerdict('recompute', 'disputes', {
        proposedLabel: '38.2',
        findings: [logicFinding, assumptionFinding],
      }),
      entityClean,
    ];
    // Without a tested sensitivity (no details.defaults) the default counts as one that matters.
    const held = decide(verdicts);
    expect(held.status).toBe('needs-physician');
    expect(rulesOf(held.reasons)).toContain('default-matters');
    expect(textOf(held.reasons, 'default-matters')).toContain('admission weight');
    const strict = decide(verdicts, { ...DEFAULT_POLICY, assumptionsAreJudgmentCalls: true });
    expect(strict.status).toBe('needs-physician');
    expect(textOf(strict.reasons, 'judgment-call')).toContain('admission weight');
    const relaxed = decide(verdicts, { ...DEFAULT_POLICY, assumptionsAreJudgmentCalls: false });
    expect(relaxed.status).toBe('relabel-proposed');
    expect(textOf(relaxed.reasons, 'judgment-call')).toContain('not a judgment call under this policy');
    expect(relaxed.reasons.find((reason) => reason.rule === 'judgment-call')?.effect).toBe('context');
  });

  it('an assumption behind a confirmation does not hold it back', () => {
    expect(
      decide([makeVerdict('recompute', 'supports', { findings: [assumptionFinding] }), entityClean]).status,
    ).toBe('confirmed');
  });

  it('implausible input: needs-physician by default, noted but ignored under "ignore"', () => {
    const verdicts = [makeVerdict('recompute', 'supports', { findings: [implausibleFinding] }), entityClean];
    expect(decide(verdicts).status).toBe('needs-physician');
    const ignored = decide(verdicts, { ...DEFAULT_POLICY, implausibleInput: 'ignore' });
    expect(ignored.status).toBe('confirmed');
    expect(rulesOf(ignored.reasons)).toEqual(['confirmed', 'implausible-input']);
    expect(ignored.reasons[1]?.effect).toBe('context');
    expect(ignored.reasons[1]?.text).toContain('ignored under this policy');
  });

  it('a dispute without an allowed ground (only a format finding) needs a physician', () => {
    const decision = decide([
      makeVerdict('recompute', 'disputes', {
        proposedLabel: '12',
        findings: [makeFinding('format', 'limits do not contain the label')],
      }),
    ]);
    expect(decision.status).toBe('needs-physician');
    expect(rulesOf(decision.reasons)).toEqual(['no-allowed-ground', 'relabel']);
    expect(decision.reasons[1]?.text).toContain('held for a physician by the rules above');
  });

  it('other categories beside an allowed ground (a format warning) neither justify nor block a relabel', () => {
    const format = makeFinding('format', 'upper limit below the label', { severity: 'warning' });
    const decision = decide([
      makeVerdict('recompute', 'disputes', { proposedLabel: '12', findings: [logicFinding, format] }),
    ]);
    expect(decision.status).toBe('relabel-proposed');
  });

  it('a change resting on a suspect extraction (extraction-error warning) is a judgment call', () => {
    const suspect = makeFinding('extraction-error', 'entity keys disagree: weight 70 kg vs 77 kg', {
      severity: 'warning',
    });
    const decision = decide([
      makeVerdict('recompute', 'disputes', { proposedLabel: '38.2', findings: [logicFinding, suspect] }),
    ]);
    expect(decision.status).toBe('needs-physician');
    expect(decision.reasons[0]?.rule).toBe('judgment-call');
    expect(decision.reasons[0]?.text).toContain('the proposed change rests on a suspect extraction');
  });

  it('a dispute without a proposed label needs a physician', () => {
    const decision = decide([makeVerdict('recompute', 'disputes', { findings: [logicFinding] })]);
    expect(decision.status).toBe('needs-physician');
    expect(rulesOf(decision.reasons)).toContain('no-candidate-label');
  });

  it('maxRelativeChange sends large changes to a physician', () => {
    const policy: TriagePolicy = {
      ...DEFAULT_POLICY,
      autoRelabel: { ...DEFAULT_POLICY.autoRelabel, maxRelativeChange: 0.5 },
    };
    const small = decide(
      [makeVerdict('recompute', 'disputes', { proposedLabel: '40', findings: [logicFinding] })],
      policy,
    );
    const large = decide(
      [makeVerdict('recompute', 'disputes', { proposedLabel: '5', findings: [logicFinding] })],
      policy,
    );
    expect(small.status).toBe('relabel-proposed');
    expect(large.status).toBe('needs-physician');
    expect(large.reasons[0]?.rule).toBe('change-too-large');
    expect(large.reasons[0]?.text).toContain('relative change 0.900 > 0.5');
  });

  it('verdicts of verifiers the policy does not list are ignored, with a reason', () => {
    const decision = decide([
      makeVerdict('recompute', 'supports'),
      makeVerdict('llm-x', 'disputes', { proposedLabel: '1' }),
      entityClean,
    ]);
    expect(decision.status).toBe('confirmed');
    expect(rulesOf(decision.reasons)).toEqual(['confirmed', 'ignored-verifier']);
    expect(decision.reasons[1]).toEqual({
      rule: 'ignored-verifier',
      effect: 'context',
      text: '1 verdict(s) of llm-x not counted: the policy does not list llm-x',
    });
  });

  it('label verifiers that disagree: needs-physician naming both', () => {
    const decision = decide(
      [
        makeVerdict('recompute', 'supports'),
        makeVerdict('llm-recompute', 'disputes', { proposedLabel: '31', findings: [logicFinding] }),
      ],
      withLlm,
    );
    expect(decision.status).toBe('needs-physician');
    expect(decision.proposedLabel).toBe('31');
    expect(decision.reasons[0]?.rule).toBe('verifier-disagreement');
    expect(decision.reasons[0]?.text).toContain('llm-recompute disputes');
    expect(decision.reasons[0]?.text).toContain('recompute supports');
  });

  it('label verifiers proposing labels within the tolerance agree; far apart they disagree', () => {
    const dispute = (verifier: string, label: string) =>
      makeVerdict(verifier, 'disputes', { proposedLabel: label, findings: [logicFinding] });
    expect(decide([dispute('recompute', '38.2'), dispute('llm-recompute', '38.9')], withLlm).status).toBe(
      'relabel-proposed',
    );
    expect(decide([dispute('recompute', '38.2'), dispute('llm-recompute', '45')], withLlm).status).toBe(
      'needs-physician',
    );
  });

  it('relabel requires recompute: an LLM-only dispute needs a physician', () => {
    const decision = decide(
      [
        makeVerdict('recompute', 'abstains'),
        makeVerdict('llm-recompute', 'disputes', { proposedLabel: '31', findings: [logicFinding] }),
      ],
      withLlm,
    );
    expect(decision.status).toBe('needs-physician');
    expect(textOf(decision.reasons, 'required-verifier-missing')).toBe(
      'an automatic relabel needs recompute, but recompute abstains',
    );
  });

  it('throws for verdicts of another item, naming it', () => {
    expect(() => decide([makeVerdict('recompute', 'supports', { itemId: 'item-2' })])).toThrow(AppError);
    expect(() => decide([makeVerdict('recompute', 'supports', { itemId: 'item-2' })])).toThrow(/item-1/);
  });
});

describe('several runs of one verifier (supermajority vote, default 4 of 5)', () => {
  const runs = (assessments: Assessment[], labels: string[] = []) =>
    assessments.map((assessment, index) =>
      makeVerdict('llm-recompute', assessment, {
        ...(assessment === 'disputes'
          ? { proposedLabel: labels[index] ?? '31', findings: [logicFinding] }
          : {}),
      }),
    );
  const llmOnly: TriagePolicy = {
    ...withLlm,
    // These tests are about voting runs, not about the extraction check.
    confirm: { requireVerifiers: ['llm-recompute'], unverifiedExtraction: 'confirmed' },
    autoRelabel: { ...withLlm.autoRelabel, requireVerifiers: ['llm-recompute'] },
  };

  it('4 of 5 supporting runs confirm; 3 of 5 is a split vote', () => {
    expect(decide(runs(['supports', 'supports', 'supports', 'supports', 'disputes']), llmOnly).status).toBe(
      'confirmed',
    );
    const split = decide(runs(['supports', 'supports', 'supports', 'disputes', 'disputes']), llmOnly);
    expect(split.status).toBe('needs-physician');
    expect(split.reasons[0]).toEqual({
      rule: 'split-vote',
      effect: 'holds',
      text: "llm-recompute's 5 runs reach no supermajority of 4 (3 supports, 2 disputes)",
    });
  });

  it('an abstaining run counts against the supermajority by default, and not when abstentionsCount is false', () => {
    const verdicts = runs(['supports', 'supports', 'supports', 'supports', 'abstains', 'abstains']);
    expect(decide(verdicts, llmOnly).status).toBe('needs-physician');
    const lenient = { ...llmOnly, voting: { ...llmOnly.voting, abstentionsCount: false } };
    expect(decide(verdicts, lenient).status).toBe('confirmed');
  });

  it('4 of 5 disputing runs with agreeing labels relabel; disputing runs with scattered labels have no candidate', () => {
    const agreeing = decide(
      runs(['disputes', 'disputes', 'disputes', 'disputes', 'supports'], ['31', '31.5', '30.9', '31', '']),
      llmOnly,
    );
    expect(agreeing.status).toBe('relabel-proposed');
    expect(agreeing.proposedLabel).toBe('31');
    const scattered = decide(
      runs(['disputes', 'disputes', 'disputes', 'disputes', 'disputes'], ['31', '45', '60', '31', '80']),
      llmOnly,
    );
    expect(scattered.status).toBe('needs-physician');
    expect(rulesOf(scattered.reasons)).toContain('no-candidate-label');
  });

  it('the supermajority threshold is configurable (3 of 5 at 0.6)', () => {
    const policy = { ...llmOnly, voting: { ...llmOnly.voting, supermajority: 0.6 } };
    expect(decide(runs(['supports', 'supports', 'supports', 'disputes', 'disputes']), policy).status).toBe(
      'confirmed',
    );
  });
});

describe('decideTriage properties', () => {
  const finding = fc.record({
    category: fc.constantFrom(...ERROR_CATEGORIES),
    severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
    message: fc.string({ maxLength: 10 }),
  });
  const verdict = fc
    .record({
      verifier: fc.constantFrom('recompute', 'entity-check', 'llm-recompute', 'other'),
      assessment: fc.constantFrom<Assessment>('supports', 'disputes', 'not-computable', 'abstains'),
      proposedLabel: fc.option(fc.constantFrom('12', '12.3', '40', 'N/A', '03/04/2021'), { nil: undefined }),
      findings: fc.array(finding, { maxLength: 3 }),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map((raw) =>
      makeVerdict(raw.verifier, raw.assessment, {
        ...(raw.proposedLabel === undefined ? {} : { proposedLabel: raw.proposedLabel }),
        findings: raw.findings.map((entry) =>
          makeFinding(entry.category, entry.message, { severity: entry.severity }),
        ),
        confidence: raw.confidence,
      }),
    );

  it('always returns a known status, at least one reason, impact ≥ 0, and a label exactly when relabelling', () => {
    fc.assert(
      fc.property(fc.array(verdict, { maxLength: 7 }), (verdicts) => {
        const decision = decide(verdicts, withLlm);
        expect(TRIAGE_STATUSES).toContain(decision.status);
        expect(decision.reasons.length).toBeGreaterThan(0);
        expect(decision.impact).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(decision.impact)).toBe(true);
        if (decision.status === 'relabel-proposed') expect(decision.proposedLabel).not.toBeNull();
        if (decision.status === 'confirmed' || decision.status === 'not-computable')
          expect(decision.proposedLabel).toBeNull();
      }),
    );
  });

  it('names only known rules, decisive reasons first; a physician hold always has a holding reason', () => {
    fc.assert(
      fc.property(fc.array(verdict, { maxLength: 7 }), (verdicts) => {
        const { status, reasons } = decide(verdicts, withLlm);
        for (const reason of reasons) expect(TRIAGE_RULE_IDS).toContain(reason.rule);
        const firstContext = reasons.findIndex((reason) => reason.effect === 'context');
        if (firstContext !== -1) {
          expect(reasons.slice(firstContext).every((reason) => reason.effect === 'context')).toBe(true);
        }
        const holds = reasons.filter((reason) => reason.effect === 'holds');
        if (status === 'needs-physician') expect(holds.length).toBeGreaterThan(0);
        else {
          expect(holds).toEqual([]);
          expect(reasons[0]?.effect).toBe('decides');
        }
      }),
    );
  });

  it('does not depend on the order of the verdicts', () => {
    fc.assert(
      fc.property(fc.array(verdict, { maxLength: 6 }), fc.integer(), (verdicts, seed) => {
        const shuffled = [...verdicts].sort(
          (a, b) => ((verdicts.indexOf(a) * 7919 + seed) % 13) - ((verdicts.indexOf(b) * 7919 + seed) % 13),
        );
        const first = decide(verdicts, withLlm);
        const second = decide(shuffled, withLlm);
        expect(second.status).toBe(first.status);
        expect(second.proposedLabel).toBe(first.proposedLabel);
        expect(second.impact).toBeCloseTo(first.impact, 12);
      }),
    );
  });

  it('an error-severity extraction-error finding from any counted verifier never lets a label through automatically', () => {
    fc.assert(
      fc.property(fc.array(verdict, { maxLength: 5 }), (verdicts) => {
        const others = verdicts.filter((candidate) => candidate.verifier !== 'entity-check');
        const decision = decide([...others, entityError], withLlm);
        expect(decision.status === 'confirmed' || decision.status === 'relabel-proposed').toBe(false);
      }),
    );
  });
});
