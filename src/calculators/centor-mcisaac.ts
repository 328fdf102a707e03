import { formatNumber } from '../units/index.js';
import { AGE_INPUT, TEMPERATURE_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Modified Centor (McIsaac) score for group A streptococcal pharyngitis (−1 to 5 points).
 *
 * Age 3–14 years +1, 15–44 years 0, 45 years or older −1; temperature above 38 °C +1; cough absent +1; tender or
 * swollen anterior cervical lymph nodes +1; tonsillar exudate or swelling +1. The score was derived in patients
 * aged 3 years and older; below that the age bands are undefined, so the result is not computable. Missing age
 * is not computable. A cough that is not mentioned is taken as present (0 points; the criterion needs its
 * absence recorded); a temperature, node or tonsil finding that is not mentioned scores 0, as MDCalc's yes/no
 * toggles read. Each default is recorded as an assumption.
 *
 * Source: McIsaac WJ et al. A clinical score to reduce unnecessary antibiotic use in patients with sore throat.
 * CMAJ 1998;158:75-83 (modifying Centor RM et al. Med Decis Making 1981;1:239-46).
 * MDCalc: "Centor Score (Modified/McIsaac) for Strep Pharyngitis".
 * Inputs: age in years (3–120), temperature in °C (°F converted; plausible 25–45), booleans.
 */
export const calculator = defineCalculator({
  id: 'centor-mcisaac',
  version: '1.0.0',
  name: 'Centor Score (Modified/McIsaac) for Strep Pharyngitis',
  medcalcId: 20,
  category: 'severity',
  outputType: 'integer',
  unit: 'points',
  summary: 'Strep pharyngitis likelihood, −1 to 5 points; age ≥ 3 years required, temperature in °C.',
  reference: {
    primary: 'McIsaac WJ et al. CMAJ 1998;158:75-83.',
    mdcalc: 'Centor Score (Modified/McIsaac) for Strep Pharyngitis',
    others: [
      'Centor RM et al. The diagnosis of strep throat in adults in the emergency room. Med Decis Making 1981;1:239-46.',
    ],
  },
  inputs: {
    age: AGE_INPUT,
    temperature: TEMPERATURE_INPUT,
    coughAbsent: { type: 'boolean', label: 'Cough absent', entityKeys: ['Cough Absent'] },
    tenderNodes: {
      type: 'boolean',
      label: 'Tender or swollen anterior cervical lymph nodes',
      entityKeys: ['Tender/swollen anterior cervical lymph nodes'],
    },
    tonsillarExudate: {
      type: 'boolean',
      label: 'Tonsillar exudate or swelling',
      entityKeys: ['Exudate or swelling on tonsils'],
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    if (inputs.age === undefined) return derivation.notComputable(['age']);
    const age = inputs.age;
    if (age < 3) {
      return derivation.notComputable(
        [],
        `age ${formatNumber(age)} years is below 3 years, where the McIsaac score is not defined`,
      );
    }
    if (age < 15) derivation.add(`Age ${formatNumber(age)} years (3–14)`, 1);
    else if (age < 45) derivation.add(`Age ${formatNumber(age)} years (15–44)`, 0);
    else derivation.add(`Age ${formatNumber(age)} years (≥ 45)`, -1);

    if (inputs.temperature === undefined) {
      derivation.assume('Temperature: not mentioned, assumed not above 38 °C');
      derivation.add('Temperature: not mentioned', 0);
    } else {
      const temperature = inputs.temperature;
      const fever = temperature > 38;
      derivation.add(
        `Temperature ${formatNumber(temperature)} °C (${fever ? '> 38' : '≤ 38'})`,
        fever ? 1 : 0,
      );
    }
    if (inputs.coughAbsent === undefined) {
      derivation.assume('Cough: absence not mentioned, cough assumed present');
      derivation.add('Cough absent: not mentioned', 0);
    } else {
      derivation.add(`Cough absent: ${inputs.coughAbsent ? 'yes' : 'no'}`, inputs.coughAbsent ? 1 : 0);
    }
    derivation.flag('Tender or swollen anterior cervical nodes', inputs.tenderNodes, 1);
    derivation.flag('Tonsillar exudate or swelling', inputs.tonsillarExudate, 1);
    return derivation.score();
  },
});
