import { describe, expect, it } from 'vitest';
import { readMentionContext } from './negation.js';
import { readWrittenQuantity } from './note-units.js';
import { compileTerm, findNames, isSameSentence, scanNumbers } from './note-text.js';

describe('scanNumbers', () => {
  it('reads grouped thousands, decimals and the text after each number', () => {
    const numbers = scanNumbers('Platelets 149,000/µL, Cr 1.40 mg/dl; PLT: 80 000.');
    expect(numbers.map((number) => [number.text, number.value, number.decimals])).toEqual([
      ['149,000', 149000, 0],
      ['1.40', 1.4, 2],
      ['80 000', 80000, 0],
    ]);
    expect(numbers[1]?.after.startsWith(' mg/dl')).toBe(true);
  });

  it('skips digits glued to letters (SpO2, HCO3) and reads compound heights and ages in words', () => {
    const numbers = scanNumbers('SpO2 96%, HCO3 22. She is 5\'7" tall, a forty-two-year-old.');
    expect(numbers.map((number) => number.value)).toEqual([96, 22, 5, 67, 7, 42]);
    expect(numbers.find((number) => number.value === 42)?.ageLike).toBe(true);
  });

  it('adds a dot-thousands reading before count units ("127.000/µL")', () => {
    expect(scanNumbers('thrombocytopenia (127.000/μL)').map((number) => number.value)).toContain(127000);
  });

  it('adds a decimal-comma reading beside the plain numbers ("1, 65 m")', () => {
    expect(scanNumbers('height of 1, 65 m').map((number) => number.value)).toContain(1.65);
  });
});

describe('names and sentences', () => {
  it('matches abbreviations case-sensitively and words at boundaries, stems to the word end', () => {
    const hits = findNames('Cr 1.4, creatinine, CRP 3, cr', ['Cr', 'creatinin*'].map(compileTerm));
    expect(hits.map((hit) => hit.text)).toEqual(['Cr', 'creatinine']);
  });

  it('sees a sentence break right before the later offset', () => {
    const note = 'Bilirubin was 1.7 mg/dL. Creatinine was normal.';
    expect(isSameSentence(note, 17, note.indexOf('Creatinine'))).toBe(false);
    expect(isSameSentence(note, 0, 17)).toBe(true);
  });
});

describe('readMentionContext', () => {
  const contextOf = (note: string, word: string) =>
    readMentionContext(note, note.indexOf(word), note.indexOf(word) + word.length);

  it.each([
    ['He denies chest pain.', 'chest pain', 'negated'],
    ['No history of diabetes or hypertension.', 'hypertension', 'negated'],
    ['DVT was ruled out by ultrasound.', 'DVT', 'negated'],
    ['History of diabetes, no hypertension.', 'diabetes', 'affirmed'],
    ['No fever, but she has hypertension.', 'hypertension', 'affirmed'],
    ['No history of stroke, he had bleeding.', 'bleeding', 'affirmed'],
    ['Family history of stroke.', 'stroke', 'other-person'],
    ['She abstains from alcohol.', 'alcohol', 'negated'],
  ] as const)('%s → %s is %s', (note, word, expected) => {
    expect(contextOf(note, word)).toBe(expected);
  });
});

describe('readWrittenQuantity', () => {
  it.each([
    ['creatinine', 124, ' µmol/L', 1.4027],
    ['age', 87, '-year-old man', 87],
    ['heart-rate', 110, ' beats/min', 110],
    ['temperature', 34.9, 'C, BP', 34.9],
    ['temperature', 100.4, ' °F', 38],
    ['white-cell-count', 4.2, ' × 109/L', 4.2],
    ['white-cell-count', 9103, ' count/µL', 9.103],
    ['platelet-count', 16.5, ' × 104/µL', 165],
    ['body-weight', 150, ' lbs', 68.039],
  ] as const)('%s %s%s', (...[kind, value, after, canonical]) => {
    expect(readWrittenQuantity(kind, value, after)?.canonical).toBeCloseTo(canonical, 2);
  });

  it('ignores text that is not a unit of the kind', () => {
    expect(readWrittenQuantity('creatinine', 1.4, ' on admission')).toBeUndefined();
    expect(readWrittenQuantity('sodium', 140, ' kg')).toBeUndefined();
  });
});
