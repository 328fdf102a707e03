import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment, Verdict } from '../verify/types.js';
import { makeLlmVerdict, makeRun } from './__fixtures__/llm-verdicts.js';
import {
  assumptionFinding,
  logicFinding,
  makeFinding,
  makeInput,
  makeVerdict,
  missingFinding,
} from './__fixtures__/verdicts.js';
import { decideTriage } from './decide.js';
import { llmVerdictDetailsSchema, readLlmDetails } from './llm-details.js';
import { DEFAULT_POLICY } from './policy.js';
import type { TriagePolicy } from './policy.js';
import type { TriageReason } from './types.js';

function decide(verdicts: Verdict[], policy: TriagePolicy = DEFAULT_POLICY, extra = {}) {
  return decideTriage(makeInput(verdicts, extra), policy);
}

function rulesOf(reasons: readonly TriageReason[]): string[] {
  return reasons.map((reason) => reason.rule);
}

function reasonOf(reasons: readonly TriageReason[], rule: TriageReason['rule']): TriageReason | undefined {
  return reasons.find((reason) => reason.rule === rule);
}

const recomputeSupports = makeVerdict('recompute', 'supports');
const recomputeAbstains = makeVerdict('recompute', 'abstains');
const entityClean = makeVerdict('entity-check', 'supports');
const blindSupports = makeLlmVerdict('llm-recompute', 'supports');
const blindDisputes = (answer: string, verifier = 'llm-recompute') =>
  makeLlmVerdict(verifier, 'disputes', { answer });
const blindNotComputable = (verifier = 'llm-recompute') => makeLlmVerdict(verifier, 'not-computable');

describe('decideTriage with LLM verdicts: independent (blind) agreement', () => {
  it('blind agreement with the original label and recompute supporting it: confirmed by [blind-confirmed]', () => {
    const decision = decide([recomputeSupports, entityClean, blindSupports]);
    expect(decision.status).toBe('confirmed');
    expect(decision.proposedLabel).toBeNull();
    expect(rulesOf(decision.reasons)).toEqual(['blind-confirmed']);
    expect(decision.reasons[0]?.text).toBe(
      'llm-recompute supports the original label (blind; 3 of 3 run(s) agree under adaptive(min=2,max=5,supermajority=4/5)); recompute supports the original label (50.0)',
    );
  });

  it('blind agreement on recompute’s new value: relabel-proposed by [blind-relabel], with that value', () => {
    const decision = decide([
      makeVerdict('recompute', 'disputes', { proposedLabel: '38.2', findings: [logicFinding] }),
      entityClean,
      blindDisputes('38.5'),
    ]);
    expect(decision.status).toBe('relabel-proposed');
    expect(decision.proposedLabel).toBe('38.2');
    expect(rulesOf(decision.reasons)).toEqual(['blind-relabel']);
    expect(decision.reasons[0]?.text).toContain(
      'llm-recompute disputes the original label and proposes 38.5',
    );
  });

  it('recompute abstains: a blind agreement stands in for it (relabel with the agreed value), unless the policy says no', () => {
    const verdicts = [recomputeAbstains, blindDisputes('31')];
    const decision = decide(verdicts);
    expect(decision.status).toBe('relabel-proposed');
    expect(decision.proposedLabel).toBe('31');
    expect(rulesOf(decision.reasons)).toEqual(['blind-relabel', 'abstained', 'blind-stand-in']);
    expect(reasonOf(decision.reasons, 'blind-stand-in')?.text).toMatch(
      /^an automatic relabel needs recompute, which abstains; llm-recompute disputes/,
    );
    const strict = { ...DEFAULT_POLICY, llm: { ...DEFAULT_POLICY.llm, blindAgreementStandsIn: false } };
    const held = decide(verdicts, strict);
    expect(held.status).toBe('needs-physician');
    expect(held.proposedLabel).toBe('31');
    expect(held.reasons[0]?.rule).toBe('required-verifier-missing');
  });

  it('no recompute verdict at all: a blind agreement with the label confirms it, standing in', () => {
    const decision = decide([blindSupports]);
    expect(decision.status).toBe('confirmed');
    expect(rulesOf(decision.reasons)).toEqual(['blind-confirmed', 'blind-stand-in']);
    expect(reasonOf(decision.reasons, 'blind-stand-in')?.text).toContain('recompute, which has no verdict');
  });

  it('blind N/A agreement proposes not-computable by [blind-not-computable], with recompute or standing in', () => {
    const both = decide([
      makeVerdict('recompute', 'not-computable', { findings: [missingFinding] }),
      blindNotComputable('llm-answer'),
    ]);
    expect(both.status).toBe('not-computable');
    expect(rulesOf(both.reasons)).toEqual(['blind-not-computable']);
    expect(both.reasons[0]?.text).toContain('llm-answer finds the label not computable (blind;');
    expect(both.reasons[0]?.text).toContain('missing: weight');
    const alone = decide([recomputeAbstains, blindNotComputable()]);
    expect(alone.status).toBe('not-computable');
    expect(rulesOf(alone.reasons)).toEqual(['blind-not-computable', 'abstained', 'blind-stand-in']);
  });

  it('blind N/A when the original label is already N/A: confirmed by [already-not-available]', () => {
    const decision = decide([blindNotComputable()], DEFAULT_POLICY, { originalLabel: 'N/A' });
    expect(decision.status).toBe('confirmed');
    expect(rulesOf(decision.reasons)).toEqual(['already-not-available']);
  });

  it('a blind dispute’s own extraction-error finding does not block it (the blind runs never read the entities)', () => {
    const finding = makeFinding('extraction-error', 'blind answering from the note gives 31');
    const verdicts = [
      recomputeAbstains,
      makeLlmVerdict('llm-answer', 'disputes', { answer: '31', findings: [finding] }),
    ];
    expect(decide(verdicts).status).toBe('relabel-proposed');
    const audit = makeLlmVerdict('llm-audit', 'disputes', { answer: '31', findings: [finding] });
    expect(decide([recomputeSupports, audit]).reasons[0]?.rule).toBe('blocking-finding');
  });

  it('a blind relabel resting on an assumption is a judgment call', () => {
    const decision = decide([
      recomputeAbstains,
      makeLlmVerdict('llm-recompute', 'disputes', { answer: '31', findings: [assumptionFinding] }),
    ]);
    expect(decision.status).toBe('needs-physician');
    expect(decision.reasons[0]?.rule).toBe('default-matters');
  });
});

describe('decideTriage with LLM verdicts: disagreement goes to a physician', () => {
  it('a blind agreement against recompute’s support: [blind-vs-recompute], the blind value as candidate', () => {
    const decision = decide([recomputeSupports, entityClean, blindDisputes('31')]);
    expect(decision.status).toBe('needs-physician');
    expect(decision.proposedLabel).toBe('31');
    expect(decision.reasons[0]?.rule).toBe('blind-vs-recompute');
    expect(decision.reasons[0]?.text).toContain('recompute supports the original label');
    expect(decision.reasons[0]?.text).toContain('the blind runs read the note');
  });

  it('a blind N/A against recompute’s value: [blind-vs-recompute] with N/A as candidate', () => {
    const decision = decide([recomputeSupports, blindNotComputable()]);
    expect(decision.status).toBe('needs-physician');
    expect(decision.proposedLabel).toBe('N/A');
    expect(decision.reasons[0]?.rule).toBe('blind-vs-recompute');
  });

  it('a blind agreement against recompute’s own proposal: [blind-vs-recompute], recompute’s value first', () => {
    const decision = decide([
      makeVerdict('recompute', 'disputes', { proposedLabel: '38.2', findings: [logicFinding] }),
      blindDisputes('45'),
    ]);
    expect(decision.status).toBe('needs-physician');
    expect(decision.proposedLabel).toBe('38.2');
    expect(rulesOf(decision.reasons)).toEqual(['blind-vs-recompute']);
  });

  it('blind verifiers agreeing on different values: [llm-blind-disagreement]', () => {
    const decision = decide([recomputeAbstains, blindDisputes('31'), blindDisputes('45', 'llm-answer')]);
    expect(decision.status).toBe('needs-physician');
    expect(decision.reasons[0]?.rule).toBe('llm-blind-disagreement');
    expect(decision.reasons[0]?.text).toContain('llm-answer disputes the original label and proposes 45');
    expect(decision.reasons[0]?.text).toContain('llm-recompute disputes the original label and proposes 31');
  });

  it('blind verifiers agreeing within the tolerance agree', () => {
    const decision = decide([recomputeAbstains, blindDisputes('31'), blindDisputes('31.5', 'llm-answer')]);
    expect(decision.status).toBe('relabel-proposed');
    expect(decision.reasons[0]?.rule).toBe('blind-relabel');
  });

  it('a split vote holds: [llm-split-vote] quoting the clusters and the rule', () => {
    const split = makeLlmVerdict('llm-recompute', 'disputes', {
      outcome: 'split',
      answer: null,
      support: 2,
      votes: 5,
      runs: [makeRun(0, '31'), makeRun(1, '31'), makeRun(2, '45'), makeRun(3, '45'), makeRun(4, null)],
    });
    const details = split.details as { vote: { clusters: unknown } };
    details.vote.clusters = [
      { answer: '31', votes: 2 },
      { answer: '45', votes: 2 },
      { answer: null, votes: 1 },
    ];
    const decision = decide([recomputeSupports, split]);
    expect(decision.status).toBe('needs-physician');
    expect(decision.reasons[0]).toEqual({
      rule: 'llm-split-vote',
      effect: 'holds',
      text: "llm-recompute's runs are split (31 ×2, 45 ×2, N/A ×1): 2 of 5 voting run(s) (5 made, at most 5) under adaptive(min=2,max=5,supermajority=4/5); the outcome could not change",
    });
    expect(rulesOf(decision.reasons)).not.toContain('split-vote');
  });

  it('a vote below the minimum support holds: [llm-weak-vote]', () => {
    const weak = makeLlmVerdict('llm-recompute', 'supports', { support: 2, votes: 2 });
    expect(decide([recomputeSupports, entityClean, weak]).status).toBe('confirmed');
    const strict = { ...DEFAULT_POLICY, llm: { ...DEFAULT_POLICY.llm, minimumSupport: 3 } };
    const held = decide([recomputeSupports, weak], strict);
    expect(held.status).toBe('needs-physician');
    expect(held.reasons[0]?.rule).toBe('llm-weak-vote');
    expect(held.reasons[0]?.text).toContain("support of 2 run(s), below the policy's minimum of 3");
  });

  it('quotes that are not in the note hold: [llm-fabricated-quote], unless the policy allows them', () => {
    const verdicts = [
      recomputeSupports,
      makeLlmVerdict('llm-recompute', 'supports', { fabricatedQuotes: 1 }),
    ];
    const held = decide(verdicts);
    expect(held.status).toBe('needs-physician');
    expect(held.reasons[0]?.rule).toBe('llm-fabricated-quote');
    const lenient = { ...DEFAULT_POLICY, llm: { ...DEFAULT_POLICY.llm, maxFabricatedQuotes: 1 } };
    expect(decide(verdicts, lenient).status).toBe('confirmed');
  });

  it('too few usable runs: the LLM verdict abstains with the vote quoted, and recompute decides as before', () => {
    const insufficient = makeLlmVerdict('llm-recompute', 'abstains', {
      answer: null,
      support: 0,
      votes: 0,
      runs: [makeRun(0, null, { outcome: 'abstain', reason: 'HTTP 429 after 5 retries' })],
    });
    const decision = decide([recomputeSupports, entityClean, insufficient]);
    expect(decision.status).toBe('confirmed');
    expect(rulesOf(decision.reasons)).toEqual(['confirmed', 'abstained']);
    expect(decision.reasons[1]?.text).toContain('llm-recompute abstained: too few usable runs to vote');
    expect(decision.reasons[1]?.text).toContain('HTTP 429 after 5 retries');
  });
});

describe('decideTriage with LLM verdicts: llm-audit saw the label', () => {
  const auditDisputes = makeLlmVerdict('llm-audit', 'disputes', { answer: '31' });

  it('its disagreement with a confirmation holds: [llm-audit-disagreement], its value as candidate', () => {
    const decision = decide([recomputeSupports, entityClean, auditDisputes]);
    expect(decision.status).toBe('needs-physician');
    expect(decision.proposedLabel).toBe('31');
    expect(rulesOf(decision.reasons)).toEqual(['llm-audit-disagreement', 'confirmed']);
    expect(decision.reasons[0]?.text).toContain('(saw the label;');
    expect(decision.reasons[0]?.text).toContain('while otherwise the original label is confirmed');
  });

  it('under auditDisagreement "context" it is noted and recompute’s confirmation stands', () => {
    const policy = {
      ...DEFAULT_POLICY,
      llm: { ...DEFAULT_POLICY.llm, auditDisagreement: 'context' as const },
    };
    const decision = decide([recomputeSupports, entityClean, auditDisputes], policy);
    expect(decision.status).toBe('confirmed');
    expect(rulesOf(decision.reasons)).toEqual(['confirmed', 'llm-audit-disagreement']);
    expect(decision.reasons[1]?.effect).toBe('context');
  });

  it('its agreement is not independent: it neither makes a confirmation blind nor judges alone', () => {
    const auditSupports = makeLlmVerdict('llm-audit', 'supports');
    expect(rulesOf(decide([recomputeSupports, entityClean, auditSupports]).reasons)).toEqual(['confirmed']);
    const alone = decide([recomputeAbstains, auditSupports]);
    expect(alone.status).toBe('needs-physician');
    expect(alone.reasons[0]?.rule).toBe('no-label-verdict');
  });

  it('proposing another value than a blind relabel holds; the same value does not', () => {
    const relabel = [
      makeVerdict('recompute', 'disputes', { proposedLabel: '38.2', findings: [logicFinding] }),
      blindDisputes('38.2'),
    ];
    const other = decide([...relabel, makeLlmVerdict('llm-audit', 'disputes', { answer: '45' })]);
    expect(other.status).toBe('needs-physician');
    expect(other.reasons[0]?.text).toContain('while otherwise the label becomes 38.2');
    const same = decide([...relabel, makeLlmVerdict('llm-audit', 'disputes', { answer: '38.0' })]);
    expect(same.status).toBe('relabel-proposed');
    const supports = decide([...relabel, makeLlmVerdict('llm-audit', 'supports')]);
    expect(supports.status).toBe('needs-physician');
  });
});

describe('LLM details are checked before triage relies on them', () => {
  it('the fixture verdicts validate against the schema', () => {
    expect(llmVerdictDetailsSchema.safeParse(blindSupports.details).success).toBe(true);
    expect(readLlmDetails(blindSupports).kind).toBe('llm');
    expect(readLlmDetails(recomputeSupports).kind).toBe('plain');
    expect(readLlmDetails(makeVerdict('llm-recompute', 'supports')).kind).toBe('plain');
  });

  it('malformed details: the verdict counts as an abstention, with an [llm-details-invalid] context reason', () => {
    const broken = {
      ...blindDisputes('31'),
      details: { ...blindDisputes('31').details, vote: { outcome: 'maybe' } },
    };
    const decision = decide([recomputeSupports, entityClean, broken]);
    expect(decision.status).toBe('confirmed');
    expect(rulesOf(decision.reasons)).toEqual(['confirmed', 'llm-details-invalid', 'abstained']);
    expect(decision.reasons[1]?.effect).toBe('context');
    expect(decision.reasons[1]?.text).toMatch(
      /^llm-recompute's verdict does not carry valid LLM details \(vote\./,
    );
    const named = decide([
      recomputeSupports,
      { ...makeVerdict('llm-answer', 'disputes'), details: { runs: 3 } },
    ]);
    expect(rulesOf(named.reasons)).toContain('llm-details-invalid');
  });
});

describe('without LLM verdicts, policy 1.3.0 decides exactly as 1.2.0 did', () => {
  const policy120: TriagePolicy = {
    ...DEFAULT_POLICY,
    version: '1.2.0',
    verifiers: { recompute: 'label', 'entity-check': 'inputs' },
  };
  const verdict = fc
    .record({
      verifier: fc.constantFrom('recompute', 'entity-check', 'other'),
      assessment: fc.constantFrom<Assessment>('supports', 'disputes', 'not-computable', 'abstains'),
      proposedLabel: fc.option(fc.constantFrom('12', '12.3', '40', 'N/A'), { nil: undefined }),
      category: fc.constantFrom('extraction-error', 'calculator-logic', 'not-computable', 'format' as const),
      severity: fc.constantFrom('error' as const, 'warning' as const),
    })
    .map((raw) =>
      makeVerdict(raw.verifier, raw.assessment, {
        ...(raw.proposedLabel === undefined ? {} : { proposedLabel: raw.proposedLabel }),
        findings: [makeFinding(raw.category, 'finding', { severity: raw.severity })],
      }),
    );

  it('the same status, label, reasons and impact (property)', () => {
    fc.assert(
      fc.property(fc.array(verdict, { maxLength: 5 }), (verdicts) => {
        expect(decide(verdicts)).toEqual(decide(verdicts, policy120));
      }),
    );
  });
});
