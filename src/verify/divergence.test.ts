import { describe, expect, it } from 'vitest';
import { extractNumbers, isSameNumber, readPoints, splitSentences } from './divergence-text.js';
import { locateDivergence, type EntityQuantity } from './divergence.js';

describe('splitSentences / extractNumbers / isSameNumber / readPoints', () => {
  it('splits at line breaks and sentence ends, not at decimal points', () => {
    expect(splitSentences('The creatinine is 1.4 mg/dL. Because it is high, we add 2.\nHence 3.')).toEqual([
      'The creatinine is 1.4 mg/dL.',
      'Because it is high, we add 2.',
      'Hence 3.',
    ]);
  });

  it('reads signs only where they are signs; ranges and dates are not negative numbers', () => {
    expect(extractNumbers('κ = 0.9, α = -0.302')).toEqual([0.9, -0.302]);
    expect(extractNumbers('(140 - 87) and (2–3) and 8.04e-05')).toEqual([140, 87, 2, 3, 8.04e-5]);
    expect(extractNumbers('Cycle 22 days: − 6 days (cycle − 28) = 09/11/2014')).toEqual([22, 6, 28]);
    expect(extractNumbers('Alternative diagnosis: −2')).toEqual([-2]);
  });

  it("allows the original's 3-decimal rounding and 3 significant figures for negatives, no more", () => {
    expect(isSameNumber(25.2380952, 25.238)).toBe(true);
    expect(isSameNumber(0.9094848, 0.9)).toBe(false);
    expect(isSameNumber(-12.833, -12.8)).toBe(true);
    expect(isSameNumber(26, 26.0)).toBe(true);
    expect(isSameNumber(18, 20)).toBe(false);
  });

  it('reads the points of the templated criterion sentences', () => {
    expect(
      readPoints(
        'Because the INR is between 1.7 and 2.3, we add two to the score, making the current total 0 + 2 = 2.',
      ),
    ).toBe(2);
    expect(
      readPoints('Because the temperature is below 30 degrees Celsius, 4 points are added to the score.'),
    ).toBe(4);
    expect(
      readPoints('This means that we increment the score by one and the current total will be 0 + 1 = 1.'),
    ).toBe(1);
    expect(readPoints('Hence, 0 points are added to the score, keeping the total at 4.')).toBe(0);
    expect(readPoints('This means that the total score remains unchanged at 1.')).toBe(0);
    expect(readPoints('Because the patient is female, we subtract 10 points from the current total.')).toBe(
      -10,
    );
    expect(readPoints('We add the number of years of age, making the current total 0 + 73.0 = 73.0.')).toBe(
      73,
    );
    expect(readPoints('The patient is 63.0 years old.')).toBeUndefined();
  });
});

const creatinine: EntityQuantity = {
  entity: 'creatinine',
  rawValue: 80.4,
  rawUnit: 'µmol/L',
  value: 0.9094848,
  converted: true,
};

describe('locateDivergence', () => {
  it('blames a unit conversion when a step uses a converted input the original converted differently', () => {
    const divergence = locateDivergence({
      steps: [
        { text: 'κ = 0.9, α = -0.302 (male)' },
        { text: 'SCr/κ = 0.9094848 / 0.9 = 1.01053866667' },
        { text: 'eGFR = 142 × 1 × 0.9875 × 0.6311 = 88.5014242366' },
      ],
      explanation:
        'The concentration of creatinine is 80.4 µmol/L. The concentration value of 80.4 µmol creatinine/L converts to 0.9 mg creatinine/dL. A = 0.7 and B = -0.302.\nPlugging in these values, we get 142 * (0.9/0.7)**-0.302 * 0.9938**74 = 83.072.',
      label: '83.072',
      quantities: [creatinine],
    });
    expect(divergence).toMatchObject({
      ourStepIndex: 1,
      kind: 'unit-conversion',
      entity: 'creatinine',
      ourValue: 0.9094848,
      originalValue: 0.9,
      originalSentenceIndex: 1,
    });
  });

  it('finds the first criterion whose points differ and names the sentence about it', () => {
    const divergence = locateDivergence({
      steps: [
        { text: 'INR 2.1 (1.7–2.3): +2', points: 2 },
        { text: 'Albumin 2.8 g/dL (2.8–3.5): +2', points: 2 },
        { text: 'Total: 4 points' },
      ],
      explanation:
        "The current child pugh score is 0.\nThe patient's INR is 2.1. Because the INR is between 1.7 and 2.3, we add two to the score, making the current total 0 + 2 = 2.\nThe concentration of albumin is 2.8 g/dL. Because the Albumin concentration is less than 2.8 g/dL, we add 3 to the score, making the current total 2 + 3 = 5.",
      label: '5',
      quantities: [],
    });
    expect(divergence).toMatchObject({
      ourStepIndex: 1,
      kind: 'calculator-logic',
      points: { ours: 2, original: 3 },
      originalValue: 3,
    });
    expect(divergence?.originalSentence).toMatch(/Albumin/);
  });

  it('reports a criterion the original never scores, and ignores one we score 0', () => {
    const steps = [
      { text: 'Bilirubin 1 mg/dL (< 2): +1', points: 1 },
      { text: 'Ascites: absent: +1', points: 1 },
      { text: 'Total: 2 points' },
    ];
    const explanation =
      'The concentration of bilirubin is 1.0 mg/dL. Because the Bilirubin concentration is less than 2 mg/dL, we add 1 to the score, making the current total 0 + 1 = 1.';
    expect(locateDivergence({ steps, explanation, label: '1', quantities: [] })).toMatchObject({
      ourStepIndex: 1,
      originalSentenceIndex: null,
      points: { ours: 1, original: null },
    });
    const zero = [{ text: 'Ascites: absent: +0', points: 0 }, { text: 'Total: 1 points' }];
    expect(locateDivergence({ steps: zero, explanation, label: '1', quantities: [] })).toBeNull();
  });

  it('an aggregation difference with every criterion alike is located at our total (GCS verbal counted twice)', () => {
    const divergence = locateDivergence({
      steps: [
        { text: 'Eye: to-pressure: +2', points: 2 },
        { text: 'Verbal: inappropriate-words: +3', points: 3 },
        { text: 'Total: 5 points' },
      ],
      explanation:
        "The best eye response is 'eye opening to pain', and so we add 2 points making the current total 0 + 2 = 2.\nThe best verbal response is 'inappropriate words', and so we add 3 points making the current total 2 + 3 = 5.\nThe best verbal response is 'inappropriate words', and so we add 3 points making the current total 5 + 3 = 8.\nHence, the patient's glasgow coma score is 8.",
      label: '8',
      quantities: [],
    });
    expect(divergence).toMatchObject({
      ourStepIndex: 2,
      ourValue: 5,
      originalValue: 8,
      originalSentenceIndex: 3,
    });
  });

  it('does not blame an intermediate result the original simply never prints', () => {
    const steps = [
      { text: '52.00961 × ln(age 54) = 207.465504558' },
      { text: 'Risk = 100 × (1 − 0.9402^exp(L)) = 29.0234393375 %' },
    ];
    const divergence = locateDivergence({
      steps,
      explanation: 'The formula is 52.00961 * ln(54) + … Risk is 1 - 0.9402^exp(-1.0) = 0.0 %.',
      label: '0',
      quantities: [],
    });
    expect(divergence?.ourStepIndex).toBe(1);
    expect(divergence?.originalValue).toBe('0');
  });

  it('returns null when every step is reproduced, when there is no explanation, or no steps', () => {
    const steps = [{ text: 'MAP = (120 + 2 × 80) / 3 = 93.3333333333 mm Hg' }];
    const explanation = 'We get 2/3 * 80.0 mm Hg + 1/3 * 120.0 mm Hg = 93.333 mm Hg.';
    expect(locateDivergence({ steps, explanation, label: '93.333', quantities: [] })).toBeNull();
    expect(locateDivergence({ steps, explanation: '', label: '93.333', quantities: [] })).toBeNull();
    expect(locateDivergence({ steps: [], explanation, label: '93.333', quantities: [] })).toBeNull();
  });

  it('compares dates in either separator style', () => {
    const steps = [
      { text: 'LMP 12/11/2013 + 280 days = 09/17/2014' },
      { text: 'Cycle 22 days: − 6 days (cycle − 28) = 09/11/2014' },
    ];
    const explanation =
      'The date after adding 40 weeks is 09/17/2014.\nBecause the cycle length is 22 days, we must subtract 6 days. Hence, the due date is 09-23-2014.';
    expect(locateDivergence({ steps, explanation, label: '09/23/2014', quantities: [] })).toMatchObject({
      ourStepIndex: 1,
      ourValue: '09/11/2014',
      originalValue: '09/23/2014',
      originalSentence: 'Hence, the due date is 09-23-2014.',
    });
  });
});
