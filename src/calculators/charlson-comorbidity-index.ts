import { formatNumber } from '../units/index.js';
import {
  AGE_INPUT,
  CONGESTIVE_HEART_FAILURE_INPUT,
  TRANSIENT_ISCHEMIC_ATTACK_INPUT,
} from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/** Weight-1 conditions, scored once each (CVA and TIA share one item). */
const SINGLE_POINT_ITEMS = [
  ['myocardialInfarction', 'Myocardial infarction'],
  ['congestiveHeartFailure', 'Congestive heart failure'],
  ['peripheralVascularDisease', 'Peripheral vascular disease'],
  ['dementia', 'Dementia'],
  ['copd', 'Chronic pulmonary disease'],
  ['connectiveTissueDisease', 'Connective tissue disease'],
  ['pepticUlcerDisease', 'Peptic ulcer disease'],
] as const;

/** Weight-2 and weight-6 yes/no conditions. */
const HEAVY_ITEMS = [
  ['hemiplegia', 'Hemiplegia', 2],
  ['leukemia', 'Leukaemia', 2],
  ['lymphoma', 'Lymphoma', 2],
  ['aids', 'AIDS', 6],
] as const;

const boolean = (label: string, entityKeys: string[]) => ({ type: 'boolean' as const, label, entityKeys });

/**
 * Age-adjusted Charlson Comorbidity Index (0–37 points), as on MDCalc.
 *
 * Age < 50 years 0, 50–59 1, 60–69 2, 70–79 3, ≥ 80 4. One point each: myocardial infarction, congestive heart
 * failure, peripheral vascular disease, cerebrovascular accident or TIA (one item), dementia, chronic pulmonary
 * disease, connective tissue disease, peptic ulcer disease, mild liver disease, diabetes without end-organ damage.
 * Two points: hemiplegia, moderate-to-severe chronic kidney disease, diabetes with end-organ damage, localized
 * solid tumour, leukaemia, lymphoma. Three points: moderate-to-severe liver disease. Six points: metastatic solid
 * tumour, AIDS. Diet-controlled diabetes scores 0. A solid tumour reported only as present (no stage) is scored as
 * localized (2) with an assumption, the lower of the two weights and the "any tumour" weight of the original index.
 * Missing comorbidities are "not mentioned" and score 0; a missing age makes the index not computable.
 *
 * Source: Charlson ME, Pompei P, Ales KL, MacKenzie CR. A new method of classifying prognostic comorbidity in
 * longitudinal studies: development and validation. J Chronic Dis 1987;40:373-83 (age weighting: Charlson ME et al.,
 * Validation of a combined comorbidity index. J Clin Epidemiol 1994;47:1245-51).
 * MDCalc: "Charlson Comorbidity Index (CCI)".
 * Units: age in years (0–120); all other inputs are yes/no or graded.
 */
export const calculator = defineCalculator({
  id: 'charlson-comorbidity-index',
  version: '1.0.0',
  name: 'Charlson Comorbidity Index (CCI)',
  medcalcId: 32,
  category: 'risk',
  outputType: 'integer',
  unit: 'points',
  summary: 'Age-adjusted comorbidity burden, 0–37 points; requires age, comorbidities default to absent.',
  reference: {
    primary: 'Charlson ME et al. J Chronic Dis 1987;40:373-83.',
    mdcalc: 'Charlson Comorbidity Index (CCI)',
    others: [
      'Charlson ME et al. Validation of a combined comorbidity index. J Clin Epidemiol 1994;47:1245-51.',
    ],
  },
  inputs: {
    age: AGE_INPUT,
    myocardialInfarction: boolean('History of myocardial infarction', ['Myocardial infarction']),
    congestiveHeartFailure: CONGESTIVE_HEART_FAILURE_INPUT,
    peripheralVascularDisease: boolean('Peripheral vascular disease', ['Peripheral vascular disease']),
    cerebrovascularAccident: boolean('Cerebrovascular accident', ['Cerebrovascular Accident']),
    transientIschemicAttack: TRANSIENT_ISCHEMIC_ATTACK_INPUT,
    dementia: boolean('Dementia', ['Dementia']),
    copd: boolean('Chronic pulmonary disease (COPD)', ['Chronic Obstructive Pulmonary Disease']),
    connectiveTissueDisease: boolean('Connective tissue disease', ['Connective tissue disease']),
    pepticUlcerDisease: boolean('Peptic ulcer disease', ['Peptic ulcer disease']),
    liverDisease: {
      type: 'enum',
      label: 'Liver disease',
      entityKeys: ['Liver disease severity'],
      options: ['none', 'mild', 'moderate-to-severe'],
      aliases: {
        absent: 'none',
        no: 'none',
        'moderate to severe': 'moderate-to-severe',
        'moderate-severe': 'moderate-to-severe',
        moderate: 'moderate-to-severe',
        severe: 'moderate-to-severe',
      },
      description:
        'mild = chronic hepatitis or cirrhosis without portal hypertension; moderate-to-severe = with it.',
    },
    diabetes: {
      type: 'enum',
      label: 'Diabetes mellitus',
      entityKeys: ['Diabetes mellitus criteria for CCI rule'],
      options: ['none', 'uncomplicated', 'end-organ-damage'],
      aliases: {
        'none or diet-controlled': 'none',
        'none or diet controlled': 'none',
        'diet-controlled': 'none',
        'diet controlled': 'none',
        'end-organ damage': 'end-organ-damage',
        'end organ damage': 'end-organ-damage',
      },
      description: 'none or diet-controlled; uncomplicated (on medication); end-organ damage.',
    },
    hemiplegia: boolean('Hemiplegia', ['Hemiplegia']),
    chronicKidneyDisease: {
      type: 'enum',
      label: 'Moderate to severe chronic kidney disease',
      entityKeys: ['Moderate to severe Chronic Kidney Disease'],
      options: ['absent', 'moderate-to-severe'],
      aliases: {
        none: 'absent',
        no: 'absent',
        mild: 'absent',
        moderate: 'moderate-to-severe',
        severe: 'moderate-to-severe',
        'moderate to severe': 'moderate-to-severe',
      },
      fromBoolean: { true: 'moderate-to-severe', false: 'absent' },
      description: 'Creatinine > 3 mg/dL, dialysis, transplantation or uraemia; mild CKD does not count.',
    },
    solidTumor: {
      type: 'enum',
      label: 'Solid tumour',
      entityKeys: ['Solid tumor'],
      options: ['none', 'localized', 'metastatic', 'unspecified'],
      aliases: { no: 'none', absent: 'none', localised: 'localized', present: 'unspecified' },
      fromBoolean: { true: 'unspecified', false: 'none' },
      description:
        'Within the last 5 years; "unspecified" (present, stage not given) is scored as localized.',
    },
    leukemia: boolean('Leukaemia', ['Leukemia']),
    lymphoma: boolean('Lymphoma', ['Lymphoma']),
    aids: boolean('AIDS (not just HIV positive)', ['AIDS']),
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { age } = inputs;
    if (age === undefined) return derivation.notComputable(['age']);
    const ageText = `Age ${formatNumber(age)} years`;
    if (age >= 80) derivation.add(`${ageText} (≥ 80)`, 4);
    else if (age >= 70) derivation.add(`${ageText} (70–79)`, 3);
    else if (age >= 60) derivation.add(`${ageText} (60–69)`, 2);
    else if (age >= 50) derivation.add(`${ageText} (50–59)`, 1);
    else derivation.add(`${ageText} (< 50)`, 0);

    for (const [name, label] of SINGLE_POINT_ITEMS) derivation.flag(label, inputs[name], 1);
    const cerebrovascular = [inputs.cerebrovascularAccident, inputs.transientIschemicAttack];
    if (cerebrovascular.some((value) => value === true)) {
      derivation.add('Cerebrovascular accident or TIA', 1);
    } else {
      if (cerebrovascular.some((value) => value === undefined)) {
        derivation.assume('Cerebrovascular accident/TIA: not all mentioned, assumed absent');
      }
      derivation.add('Cerebrovascular accident or TIA: none', 0);
    }

    const liver = inputs.liverDisease;
    if (liver === undefined) derivation.assume('Liver disease: not mentioned, assumed none');
    derivation.add(
      `Liver disease: ${liver ?? 'not mentioned'}`,
      liver === 'moderate-to-severe' ? 3 : liver === 'mild' ? 1 : 0,
    );

    const diabetes = inputs.diabetes;
    if (diabetes === undefined) derivation.assume('Diabetes mellitus: not mentioned, assumed none');
    const diabetesPoints = diabetes === 'end-organ-damage' ? 2 : diabetes === 'uncomplicated' ? 1 : 0;
    derivation.add(`Diabetes mellitus: ${diabetes ?? 'not mentioned'}`, diabetesPoints);

    const kidney = inputs.chronicKidneyDisease;
    if (kidney === undefined) derivation.assume('Moderate to severe CKD: not mentioned, assumed absent');
    derivation.add(
      `Moderate to severe CKD: ${kidney ?? 'not mentioned'}`,
      kidney === 'moderate-to-severe' ? 2 : 0,
    );

    const tumor = inputs.solidTumor;
    if (tumor === undefined) derivation.assume('Solid tumour: not mentioned, assumed none');
    if (tumor === 'unspecified') {
      derivation.assume(
        'Solid tumour present but not staged: scored as localized (2); metastatic would score 6',
      );
    }
    const tumorPoints = tumor === 'metastatic' ? 6 : tumor === 'localized' || tumor === 'unspecified' ? 2 : 0;
    derivation.add(`Solid tumour: ${tumor ?? 'not mentioned'}`, tumorPoints);

    for (const [name, label, points] of HEAVY_ITEMS) derivation.flag(label, inputs[name], points);
    return derivation.score();
  },
});
