import { describe, expect, it } from 'vitest';
import { QUANTITY_KINDS, possibleRange } from '../units/index.js';
import type { QuantityKind } from '../units/index.js';
import { readInputs } from './read-inputs.js';
import type { InputSchema } from './types.js';

const schema: InputSchema = {
  weight: { type: 'quantity', quantity: 'body-weight', label: 'Weight', entityKeys: ['Weight'] },
  temperature: {
    type: 'quantity',
    quantity: 'temperature',
    label: 'Temperature',
    entityKeys: ['Temperature'],
  },
  fio2: { type: 'quantity', quantity: 'fraction-inspired-oxygen', label: 'FiO2', entityKeys: ['FiO2'] },
};

describe('readInputs: impossible values', () => {
  it('rejects a negative weight with the valid range, in any unit', () => {
    for (const raw of [-70, { value: -70, unit: 'kg' }, [-154, 'lb']]) {
      const read = readInputs(schema, { weight: raw }, 'clean');
      expect(read.invalid).toEqual([
        expect.objectContaining({
          input: 'weight',
          code: 'value-impossible',
          text: expect.stringMatching(/valid: at least 0 kg/) as unknown,
        }),
      ]);
      expect(read.values['weight']).toBeUndefined();
    }
  });

  it('keeps a merely implausible value (a warning) apart from an impossible one (an error)', () => {
    const light = readInputs(schema, { weight: 0.1 }, 'clean');
    expect(light.invalid).toEqual([]);
    expect(light.values['weight']).toBe(0.1);
    expect(light.warnings.map((warning) => warning.code)).toContain('implausible-value');
    // A fraction of inspired oxygen above 100% cannot exist; −5 °C can (it is implausible, not impossible).
    expect(readInputs(schema, { fio2: 120 }, 'clean').invalid[0]?.code).toBe('value-impossible');
    expect(readInputs(schema, { temperature: -5 }, 'clean').invalid).toEqual([]);
    expect(readInputs(schema, { temperature: -300 }, 'clean').invalid[0]?.code).toBe('value-impossible');
  });

  it('gives every quantity kind a possible range that holds its plausible range', () => {
    for (const kind of Object.keys(QUANTITY_KINDS) as QuantityKind[]) {
      const [low, high] = possibleRange(kind);
      const [plausibleLow, plausibleHigh] = QUANTITY_KINDS[kind].plausible;
      expect(low, kind).toBeLessThanOrEqual(plausibleLow);
      expect(high, kind).toBeGreaterThanOrEqual(plausibleHigh);
    }
  });
});
