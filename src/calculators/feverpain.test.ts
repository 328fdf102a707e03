import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './feverpain.js';
import { expectComputed, runClean, runEntities, valueOf } from './test-kit.js';

const FLAGS = ['fever', 'purulence', 'attendRapidly', 'inflamedTonsils', 'noCoughOrCoryza'] as const;

describe('FeverPAIN', () => {
  it('all five criteria absent: 0', () => {
    const inputs: Record<string, unknown> = {};
    for (const flag of FLAGS) inputs[flag] = false;
    expect(valueOf(runClean(calculator, inputs))).toBe(0);
  });

  it('fever 1 + purulence 1 + attended within 3 days 1 = 3', () => {
    const result = runClean(calculator, {
      fever: true,
      purulence: true,
      attendRapidly: true,
      inflamedTonsils: false,
      noCoughOrCoryza: false,
    });
    expect(valueOf(result)).toBe(3);
  });

  it('all five criteria: 5 (maximum)', () => {
    const inputs: Record<string, unknown> = {};
    for (const flag of FLAGS) inputs[flag] = true;
    expect(valueOf(runClean(calculator, inputs))).toBe(5);
  });

  it('missing cough/coryza: 0 by default, +1 with missingCoughCoryza=assume-no-cough (inflamed tonsils 1 + 1 = 2)', () => {
    const inputs = { inflamedTonsils: true };
    const byDefault = expectComputed(runClean(calculator, inputs));
    expect(valueOf(byDefault)).toBe(1);
    expect(byDefault.assumptions.some((text) => text.includes('missingCoughCoryza=absent-criterion'))).toBe(
      true,
    );
    expect(valueOf(runClean(calculator, inputs, { missingCoughCoryza: 'assume-no-cough' }))).toBe(2);
  });

  it('a recorded cough/coryza answer ignores the option: explicit false scores 0 either way', () => {
    const inputs = { noCoughOrCoryza: false };
    expect(valueOf(runClean(calculator, inputs, { missingCoughCoryza: 'assume-no-cough' }))).toBe(0);
  });

  it('reads benchmark entities with the "≤" key; PECARN keys are ignored with warnings: 1 + 1 + 1 = 3', () => {
    const result = expectComputed(
      runEntities(calculator, {
        'Symptom onset ≤3 days': true,
        'Purulent tonsils': true,
        'Severe tonsil inflammation': false,
        'Fever in past 24 hours': true,
        'Altered mental status for PECARN head injury criteria': true,
      }),
    );
    expect(valueOf(result)).toBe(3);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toEqual({
      code: 'unknown-entity-ignored',
      text: expect.stringContaining('PECARN'),
    });
  });

  it('stays within 0..5 and never decreases when a criterion is added', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.boolean(), { nil: undefined }), {
          minLength: FLAGS.length,
          maxLength: FLAGS.length,
        }),
        fc.constantFrom(...FLAGS),
        fc.constantFrom('absent-criterion', 'assume-no-cough'),
        (values, flip, policy) => {
          const inputs: Record<string, unknown> = {};
          FLAGS.forEach((flag, index) => (inputs[flag] = values[index]));
          const score = valueOf(runClean(calculator, inputs, { missingCoughCoryza: policy }));
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(5);
          const more = runClean(calculator, { ...inputs, [flip]: true }, { missingCoughCoryza: policy });
          expect(valueOf(more)).toBeGreaterThanOrEqual(score);
        },
      ),
    );
  });
});
