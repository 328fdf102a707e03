import { formatNumber } from '../units/index.js';
import { AGE_INPUT, HYPERTENSION_HISTORY_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * HAS-BLED score for one-year major bleeding risk on anticoagulation for atrial fibrillation (0–9 points).
 *
 * +1 each: hypertension (uncontrolled, systolic > 160 mm Hg); abnormal renal function (dialysis, transplant,
 * creatinine ≥ 2.26 mg/dL / 200 µmol/L); abnormal liver function (cirrhosis, or bilirubin > 2× with AST/ALT/ALP
 * > 3× normal); prior stroke; prior major bleeding or predisposition to bleeding; labile INR (time in
 * therapeutic range < 60 %); elderly, age above 65 years; drugs predisposing to bleeding (antiplatelets,
 * NSAIDs); alcohol, 8 or more drinks a week. Criteria not mentioned are absent (MDCalc's yes/no form); age is
 * required. The benchmark's entity is "Hypertension history", not uncontrolled hypertension; we take it as the
 * criterion because that is what the entity offers, and say so in the derivation.
 *
 * Source: Pisters R et al. A novel user-friendly score (HAS-BLED) to assess 1-year risk of major bleeding in
 * patients with atrial fibrillation: the Euro Heart Survey. Chest 2010;138:1093-100.
 * MDCalc: "HAS-BLED Score for Major Bleeding Risk".
 * Inputs: age in years (0–120), alcoholic drinks per week (0–200), booleans.
 */
export const calculator = defineCalculator({
  id: 'has-bled',
  version: '1.0.0',
  name: 'HAS-BLED Score for Major Bleeding Risk',
  medcalcId: 25,
  category: 'risk',
  outputType: 'integer',
  unit: 'points',
  summary:
    'Major bleeding risk on anticoagulation, 0–9 points; age required, drinks per week, other criteria yes/no.',
  reference: {
    primary: 'Pisters R et al. Chest 2010;138:1093-100.',
    mdcalc: 'HAS-BLED Score for Major Bleeding Risk',
  },
  inputs: {
    hypertension: {
      ...HYPERTENSION_HISTORY_INPUT,
      label: 'Hypertension (uncontrolled, systolic > 160 mm Hg)',
      description: 'The benchmark records a history of hypertension; it is taken as this criterion.',
    },
    abnormalRenalFunction: {
      type: 'boolean',
      label: 'Abnormal renal function',
      entityKeys: ['Renal disease criteria for the HAS-BLED rule'],
      description: 'Dialysis, kidney transplant, or creatinine ≥ 2.26 mg/dL (200 µmol/L).',
    },
    abnormalLiverFunction: {
      type: 'boolean',
      label: 'Abnormal liver function',
      entityKeys: ['Liver disease criteria for the HAS-BLED rule'],
      description: 'Cirrhosis, or bilirubin > 2× normal with AST/ALT/ALP > 3× normal.',
    },
    stroke: { type: 'boolean', label: 'Prior stroke', entityKeys: ['Stroke'] },
    bleeding: {
      type: 'boolean',
      label: 'Prior major bleeding or predisposition to bleeding',
      entityKeys: ['Prior major bleeding or predisposition to bleeding'],
    },
    labileInr: {
      type: 'boolean',
      label: 'Labile INR',
      entityKeys: ['Labile international normalized ratio'],
      description: 'Unstable or high INRs, time in therapeutic range < 60 %.',
    },
    age: AGE_INPUT,
    drugs: {
      type: 'boolean',
      label: 'Medication predisposing to bleeding',
      entityKeys: ['Medication usage predisposing to bleeding'],
      description: 'Antiplatelet agents or NSAIDs.',
    },
    alcoholDrinksPerWeek: {
      type: 'number',
      label: 'Alcoholic drinks per week',
      entityKeys: ['Number of Alcoholic Drinks Per Week'],
      unit: 'drinks/week',
      plausible: [0, 200],
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    if (inputs.age === undefined) return derivation.notComputable(['age']);
    derivation.flag('Hypertension (taken from a history of hypertension)', inputs.hypertension, 1);
    derivation.flag('Abnormal renal function', inputs.abnormalRenalFunction, 1);
    derivation.flag('Abnormal liver function', inputs.abnormalLiverFunction, 1);
    derivation.flag('Prior stroke', inputs.stroke, 1);
    derivation.flag('Prior major bleeding or predisposition to bleeding', inputs.bleeding, 1);
    derivation.flag('Labile INR', inputs.labileInr, 1);
    const age = inputs.age;
    derivation.add(`Age ${formatNumber(age)} years (${age > 65 ? '> 65' : '≤ 65'})`, age > 65 ? 1 : 0);
    derivation.flag('Antiplatelet or NSAID use', inputs.drugs, 1);
    const drinks = inputs.alcoholDrinksPerWeek;
    if (drinks === undefined) {
      derivation.assume('Alcohol: not mentioned, fewer than 8 drinks a week assumed');
      derivation.add('Alcohol: not mentioned', 0);
    } else {
      derivation.add(
        `Alcohol ${formatNumber(drinks)} drinks/week (${drinks >= 8 ? '≥ 8' : '< 8'})`,
        drinks >= 8 ? 1 : 0,
      );
    }
    return derivation.score();
  },
});
