import { describe, expect, it } from 'vitest';
import { readOnset } from './onset-check.js';

describe('readOnset (FeverPAIN "attend rapidly": onset ≤ 3 days)', () => {
  it('reads stated durations of the complaint, in digits and words', () => {
    expect(readOnset('She presents with a 2-day history of sore throat.').reading).toBe('short');
    expect(readOnset('Sore throat for the past three days, no cough.').reading).toBe('short');
    expect(readOnset('Symptoms began yesterday with fever.').reading).toBe('short');
    expect(readOnset('He reports a sore throat for 5 days.').reading).toBe('long');
    expect(readOnset('Odynophagia for two weeks.').reading).toBe('long');
  });

  it('3 days is the limit (≤ 3 is short), 4 days is long', () => {
    expect(readOnset('Sore throat for 3 days.').reading).toBe('short');
    expect(readOnset('Sore throat for 4 days.').reading).toBe('long');
  });

  it('mixed durations stay undecided, and a note without one says none', () => {
    expect(readOnset('Fever for 2 days after a sore throat for 4 days.').reading).toBe('mixed');
    expect(readOnset('Tonsils are enlarged with exudate.').reading).toBe('none');
  });

  it('treatment courses and doses are not the complaint’s duration', () => {
    expect(readOnset('She was given amoxicillin for 10 days.').reading).toBe('none');
  });

  it('each duration is located in the note', () => {
    const note = 'A 2-day history of sore throat.';
    const { durations } = readOnset(note);
    expect(durations.length).toBe(1);
  });
});
