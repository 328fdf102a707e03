import { PREVIOUS_DVT_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Wells' criteria for deep vein thrombosis, the 2003 version with previous DVT (−2 to 9 points).
 *
 * +1 each: active cancer (treatment within 6 months or palliative); bedridden recently for more than 3 days or
 * major surgery within 12 weeks (one criterion; the benchmark carries it in two entities, counted once);
 * paralysis, paresis or recent plaster immobilisation of a leg; localised tenderness along the deep venous
 * system; entire leg swollen; calf swelling more than 3 cm compared with the other leg (measured 10 cm below the
 * tibial tuberosity); pitting oedema confined to the symptomatic leg; collateral (non-varicose) superficial
 * veins; previously documented DVT. −2: an alternative diagnosis at least as likely as DVT. Criteria not
 * mentioned are absent, as on MDCalc's yes/no form.
 *
 * Source: Wells PS et al. Evaluation of D-dimer in the diagnosis of suspected deep-vein thrombosis. N Engl J Med
 * 2003;349:1227-35 (criteria first published in Wells PS et al. Lancet 1997;350:1795-8).
 * MDCalc: "Wells' Criteria for DVT".
 * Inputs: booleans only.
 */
export const calculator = defineCalculator({
  id: 'wells-dvt',
  version: '1.0.0',
  name: "Wells' Criteria for DVT",
  medcalcId: 16,
  category: 'risk',
  outputType: 'integer',
  unit: 'points',
  summary:
    'Pre-test probability of DVT, −2 to 9 points; all criteria yes/no, not mentioned counts as absent.',
  reference: {
    primary: 'Wells PS et al. N Engl J Med 2003;349:1227-35.',
    mdcalc: "Wells' Criteria for DVT",
    others: ['Wells PS et al. Lancet 1997;350:1795-8 (the original nine-item model without previous DVT).'],
  },
  inputs: {
    activeCancer: {
      type: 'boolean',
      label: 'Active cancer',
      entityKeys: ['Active cancer'],
      description: 'Treatment within the last 6 months or palliative.',
    },
    bedriddenOrMajorSurgery: {
      type: 'boolean',
      label: 'Bedridden recently > 3 days or major surgery within 12 weeks',
      entityKeys: ['Bedridden recently >3 days or major surgery within 12 weeks'],
    },
    majorSurgery: {
      type: 'boolean',
      label: 'Major surgery within 12 weeks',
      entityKeys: ['Major surgery within 12 weeks'],
      description: 'Part of the bedridden-or-surgery criterion; never scored on its own.',
    },
    paralysisOrCast: {
      type: 'boolean',
      label: 'Paralysis, paresis or recent plaster immobilisation of the leg',
      entityKeys: ['Paralysis, paresis, or recent plaster immobilization of the lower extremity'],
    },
    localizedTenderness: {
      type: 'boolean',
      label: 'Localised tenderness along the deep venous system',
      entityKeys: ['Localized tenderness along the deep venous system'],
    },
    entireLegSwollen: { type: 'boolean', label: 'Entire leg swollen', entityKeys: ['Entire Leg Swollen'] },
    calfSwelling: {
      type: 'boolean',
      label: 'Calf swelling > 3 cm compared with the other leg',
      entityKeys: ['Calf swelling >3 centimeters compared to the other leg'],
    },
    pittingEdema: {
      type: 'boolean',
      label: 'Pitting oedema confined to the symptomatic leg',
      entityKeys: ['Pitting edema, confined to symptomatic leg'],
    },
    collateralVeins: {
      type: 'boolean',
      label: 'Collateral (non-varicose) superficial veins',
      entityKeys: ['Collateral (nonvaricose) superficial veins present'],
    },
    previousDvt: PREVIOUS_DVT_INPUT,
    alternativeDiagnosis: {
      type: 'boolean',
      label: 'Alternative diagnosis at least as likely as DVT',
      entityKeys: ['Alternative diagnosis to Deep Vein Thrombosis as likely or more likely'],
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    derivation.flag('Active cancer', inputs.activeCancer, 1);
    const immobility = [inputs.bedriddenOrMajorSurgery, inputs.majorSurgery];
    if (immobility.some((value) => value === true)) {
      derivation.add('Bedridden > 3 days or major surgery within 12 weeks: yes', 1);
    } else {
      if (immobility.some((value) => value === undefined)) {
        derivation.assume(
          'Bedridden > 3 days or major surgery within 12 weeks: not all mentioned, assumed absent',
        );
      }
      derivation.add('Bedridden > 3 days or major surgery within 12 weeks: no', 0);
    }
    derivation.flag(
      'Paralysis, paresis or recent plaster immobilisation of the leg',
      inputs.paralysisOrCast,
      1,
    );
    derivation.flag('Localised tenderness along the deep venous system', inputs.localizedTenderness, 1);
    derivation.flag('Entire leg swollen', inputs.entireLegSwollen, 1);
    derivation.flag('Calf swelling > 3 cm compared with the other leg', inputs.calfSwelling, 1);
    derivation.flag('Pitting oedema confined to the symptomatic leg', inputs.pittingEdema, 1);
    derivation.flag('Collateral (non-varicose) superficial veins', inputs.collateralVeins, 1);
    derivation.flag('Previously documented DVT', inputs.previousDvt, 1);
    derivation.flag('Alternative diagnosis at least as likely as DVT', inputs.alternativeDiagnosis, -2);
    return derivation.score();
  },
});
