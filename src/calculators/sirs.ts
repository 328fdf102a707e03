import { formatNumber } from '../units/index.js';
import { HEART_RATE_INPUT, RESPIRATORY_RATE_INPUT, TEMPERATURE_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * SIRS criteria: how many of the four systemic inflammatory response criteria the patient meets (0–4).
 *
 * Criteria (each counts once): temperature > 38 °C or < 36 °C; heart rate > 90 beats/min; respiratory rate
 * > 20 breaths/min or PaCO₂ < 32 mm Hg; white cell count > 12 or < 4 ×10⁹/L, or > 10 % immature (band) forms.
 * A criterion whose values are not mentioned is counted as not met, and that is recorded as an assumption (the
 * usual bedside reading, and MDCalc's: an unmeasured abnormality cannot be counted).
 *
 * Source: Bone RC et al. (ACCP/SCCM Consensus Conference). Definitions for sepsis and organ failure and
 * guidelines for the use of innovative therapies in sepsis. Chest 1992;101:1644-55.
 * MDCalc: "SIRS, Sepsis, and Septic Shock Criteria".
 * Units: temperature °C, heart and respiratory rate per minute, PaCO₂ mm Hg, white cells ×10⁹/L (= ×10³/µL),
 * bands %. Plausible ranges: temperature 25–45 °C, heart rate 10–300, respiratory rate 2–80, WBC 0.05–500.
 */
export const calculator = defineCalculator({
  id: 'sirs',
  version: '1.0.0',
  name: 'SIRS Criteria',
  medcalcId: 51,
  category: 'diagnosis',
  outputType: 'integer',
  unit: 'criteria count',
  summary:
    'Number of SIRS criteria met (0–4): temperature >38 or <36 °C, HR >90, RR >20 or PaCO₂ <32 mm Hg, WBC >12 or <4 ×10⁹/L or bands >10 %; unmentioned criteria count as not met.',
  reference: {
    primary:
      'Bone RC et al. Definitions for sepsis and organ failure and guidelines for the use of innovative therapies in sepsis. Chest 1992;101:1644-55.',
    mdcalc: 'SIRS, Sepsis, and Septic Shock Criteria',
  },
  inputs: {
    temperature: TEMPERATURE_INPUT,
    heartRate: HEART_RATE_INPUT,
    respiratoryRate: RESPIRATORY_RATE_INPUT,
    paco2: {
      type: 'quantity',
      quantity: 'partial-pressure',
      label: 'Arterial PaCO₂',
      entityKeys: ['PaCO₂'],
    },
    whiteCellCount: {
      type: 'quantity',
      quantity: 'white-cell-count',
      label: 'White blood cell count',
      entityKeys: ['White blood cell count'],
    },
    bands: {
      type: 'number',
      unit: '%',
      label: 'Immature (band) neutrophils',
      entityKeys: [],
      plausible: [0, 100],
      description:
        'Percentage of band forms among white cells; > 10 % meets the white-cell criterion (no benchmark entity).',
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { temperature, heartRate, respiratoryRate, paco2, whiteCellCount, bands } = inputs;

    if (temperature === undefined) {
      derivation.assume('Temperature: not mentioned, criterion assumed not met');
      derivation.add('Temperature: not mentioned', 0);
    } else {
      const met = temperature > 38 || temperature < 36;
      derivation.add(
        `Temperature ${formatNumber(temperature)} °C (${met ? '>38 or <36' : '36–38'})`,
        met ? 1 : 0,
      );
    }

    if (heartRate === undefined) {
      derivation.assume('Heart rate: not mentioned, criterion assumed not met');
      derivation.add('Heart rate: not mentioned', 0);
    } else {
      derivation.add(
        `Heart rate ${formatNumber(heartRate)}/min (${heartRate > 90 ? '>90' : '≤90'})`,
        heartRate > 90 ? 1 : 0,
      );
    }

    const tachypnoea = respiratoryRate !== undefined && respiratoryRate > 20;
    const hypocapnia = paco2 !== undefined && paco2 < 32;
    const breathingParts = [
      respiratoryRate === undefined
        ? 'respiratory rate not mentioned'
        : `respiratory rate ${formatNumber(respiratoryRate)}/min`,
      paco2 === undefined ? 'PaCO₂ not mentioned' : `PaCO₂ ${formatNumber(paco2)} mm Hg`,
    ];
    if (!tachypnoea && !hypocapnia) {
      if (respiratoryRate === undefined)
        derivation.assume('Respiratory rate: not mentioned, assumed ≤20/min');
      if (paco2 === undefined) derivation.assume('PaCO₂: not mentioned, assumed ≥32 mm Hg');
    }
    derivation.add(
      `Respiration: ${breathingParts.join(', ')} (RR >20 or PaCO₂ <32: ${tachypnoea || hypocapnia ? 'met' : 'not met'})`,
      tachypnoea || hypocapnia ? 1 : 0,
    );

    const leukocytosis = whiteCellCount !== undefined && whiteCellCount > 12;
    const leukopenia = whiteCellCount !== undefined && whiteCellCount < 4;
    const bandaemia = bands !== undefined && bands > 10;
    const whiteParts = [
      whiteCellCount === undefined ? 'WBC not mentioned' : `WBC ${formatNumber(whiteCellCount)} ×10⁹/L`,
      ...(bands === undefined ? [] : [`bands ${formatNumber(bands)} %`]),
    ];
    const whiteMet = leukocytosis || leukopenia || bandaemia;
    if (!whiteMet) {
      if (whiteCellCount === undefined)
        derivation.assume('White cell count: not mentioned, assumed 4–12 ×10⁹/L');
      if (bands === undefined) derivation.assume('Band forms: not mentioned, assumed ≤10 %');
    }
    derivation.add(
      `White cells: ${whiteParts.join(', ')} (>12 or <4 ×10⁹/L or bands >10 %: ${whiteMet ? 'met' : 'not met'})`,
      whiteMet ? 1 : 0,
    );

    return derivation.score(derivation.total, 'criteria count');
  },
});
