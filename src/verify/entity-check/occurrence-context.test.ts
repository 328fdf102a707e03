import { describe, expect, it } from 'vitest';
import { readOccurrenceContext } from './occurrence-context.js';
import { scanNumbers } from './note-text.js';

function readAt(note: string, written: string) {
  const token = scanNumbers(note).find((candidate) => candidate.text === written);
  if (token === undefined) throw new Error(`${written} not scanned`);
  return readOccurrenceContext(note, token).kind;
}

describe('readOccurrenceContext', () => {
  it.each([
    ['Bicarbonate below 10 mmol/L.', '10', 'censored'],
    ['BNP >5000 pg/mL.', '5000', 'censored'],
    ['Creatinine 1.2-1.4 mg/dL.', '1.2', 'range'],
    ['K 3.2 mmol/L (3.5–5.0).', '3.5', 'reference'],
    ['Troponin 0.16 ng/mL (<0.010 ng/mL).', '0.010', 'reference'],
    ['She was asked to lift a 2.3 kg weight.', '2.3', 'object'],
    ['He had lost 5 kg over a month.', '5', 'change'],
    ['Started on furosemide 40 mg daily.', '40', 'dose'],
    ['Creatinine 1.4 mg/dL.', '1.4', 'exact'],
    ['A woman (180 cm, 60 kg) presented.', '180', 'exact'],
    ['HCO3- 9 mEq/L.', '9', 'exact'],
    ['Urine output of 900 mL/day.', '900', 'exact'],
  ])('%s → %s is %s', (note, written, kind) => {
    expect(readAt(note, written)).toBe(kind);
  });
});
