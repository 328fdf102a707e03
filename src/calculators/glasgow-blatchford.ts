import { formatNumber, QUANTITY_KINDS } from '../units/index.js';
import { BLOOD_UREA_NITROGEN_INPUT, HEART_RATE_INPUT, SEX_INPUT, SYSTOLIC_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/** mg/dL of urea nitrogen per mmol/L of urea: each urea molecule carries two nitrogen atoms (28.014 mg/mmol). */
const BUN_MG_DL_PER_UREA_MMOL_L = QUANTITY_KINDS['blood-urea-nitrogen'].molecularWeight / 10;

interface BunBand {
  /** Lower bound: urea mmol/L for the paper's bands, BUN mg/dL for MDCalc's. */
  from: number;
  /** True when the lower bound itself belongs to the band below ("> 70"). */
  strict: boolean;
  points: number;
  text: string;
}

/** Blatchford's urea bands (mmol/L), highest first. */
const UREA_BANDS: readonly BunBand[] = [
  { from: 25, strict: false, points: 6, text: 'urea ≥ 25 mmol/L' },
  { from: 10, strict: false, points: 4, text: 'urea 10–< 25 mmol/L' },
  { from: 8, strict: false, points: 3, text: 'urea 8–< 10 mmol/L' },
  { from: 6.5, strict: false, points: 2, text: 'urea 6.5–< 8 mmol/L' },
];

/** MDCalc's rounded BUN bands (mg/dL), highest first. */
const MDCALC_BUN_BANDS: readonly BunBand[] = [
  { from: 70, strict: true, points: 6, text: 'BUN > 70 mg/dL' },
  { from: 28, strict: false, points: 4, text: 'BUN 28–70 mg/dL' },
  { from: 22.4, strict: false, points: 3, text: 'BUN 22.4–< 28 mg/dL' },
  { from: 18.2, strict: false, points: 2, text: 'BUN 18.2–< 22.4 mg/dL' },
];

/** Drops binary floating-point noise (8 mmol/L converts to 22.411199999… mg/dL and back to 7.99999999…). */
function withoutFloatNoise(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * Glasgow-Blatchford bleeding score for upper gastrointestinal bleeding (0–23 points; 0 identifies patients who can
 * be managed as outpatients).
 *
 * Points: blood urea 6.5–< 8 mmol/L 2, 8–< 10 mmol/L 3, 10–< 25 mmol/L 4, ≥ 25 mmol/L 6 (BUN is turned back
 * into urea, 1 mmol/L urea = 2.8014 mg/dL urea nitrogen, so the edges are 18.21, 22.41, 28.01, 70.04 mg/dL); haemoglobin in men
 * 12–< 13 g/dL 1, 10–< 12 g/dL 3, < 10 g/dL 6, in women 10–< 12 g/dL 1, < 10 g/dL 6; systolic pressure 100–109
 * mm Hg 1, 90–99 mm Hg 2, < 90 mm Hg 3; pulse ≥ 100/min 1; melaena 1; syncope 2; hepatic disease 2; cardiac
 * failure 2. Sex is required only when haemoglobin lies in 10–< 13 g/dL, where the bands differ. Missing history
 * items (melaena, syncope, hepatic disease, cardiac failure) are "not mentioned" and score 0; missing BUN,
 * haemoglobin, systolic pressure or pulse make the score not computable.
 *
 * Source: Blatchford O, Murray WR, Blatchford M. A risk score to predict need for treatment for upper-
 * gastrointestinal haemorrhage. Lancet 2000;356:1318-21.
 * MDCalc: "Glasgow-Blatchford Bleeding Score (GBS)".
 * Units: BUN mg/dL (1–300; urea in mmol/L converts exactly), haemoglobin g/dL (1.5–25), systolic pressure mm Hg
 * (10–300), heart rate beats/min (10–300).
 */
export const calculator = defineCalculator({
  id: 'glasgow-blatchford',
  version: '1.0.0',
  name: 'Glasgow-Blatchford Bleeding Score (GBS)',
  medcalcId: 27,
  category: 'risk',
  outputType: 'integer',
  unit: 'points',
  summary:
    'Upper GI bleeding risk, 0–23 points, from BUN (mg/dL), haemoglobin (g/dL), sex, SBP, pulse and four history items.',
  reference: {
    primary:
      'Blatchford O, Murray WR, Blatchford M. A risk score to predict need for treatment for upper-gastrointestinal haemorrhage. Lancet 2000;356:1318-21.',
    mdcalc: 'Glasgow-Blatchford Bleeding Score (GBS)',
  },
  inputs: {
    bun: BLOOD_UREA_NITROGEN_INPUT,
    hemoglobin: {
      type: 'quantity',
      quantity: 'hemoglobin',
      label: 'Haemoglobin',
      entityKeys: ['Hemoglobin'],
    },
    sex: SEX_INPUT,
    systolic: SYSTOLIC_INPUT,
    heartRate: HEART_RATE_INPUT,
    melena: { type: 'boolean', label: 'Melaena at presentation', entityKeys: ['Melena present'] },
    syncope: { type: 'boolean', label: 'Syncope at presentation', entityKeys: ['Recent syncope'] },
    hepaticDisease: {
      type: 'boolean',
      label: 'Hepatic disease',
      entityKeys: ['Hepatic disease history'],
      description: 'Known history, or clinical and laboratory evidence, of chronic or acute liver disease.',
    },
    cardiacFailure: {
      type: 'boolean',
      label: 'Cardiac failure',
      entityKeys: ['Cardiac failure present'],
      description: 'Known history, or clinical and echocardiographic evidence, of cardiac failure.',
    },
  },
  options: {
    bunCutoffs: {
      values: ['urea-exact', 'mdcalc-rounded'],
      default: 'urea-exact',
      description:
        "urea-exact: Blatchford 2000's blood-urea bands (6.5, 8, 10, 25 mmol/L) converted exactly to BUN (18.21, 22.41, " +
        '28.01, 70.04 mg/dL), ≥ at each lower bound. mdcalc-rounded: the rounded BUN bands of the MDCalc page ' +
        '(≥ 18.2, ≥ 22.4, ≥ 28, > 70 mg/dL); they differ only for BUN in 18.2–18.21, 22.4–22.41, 28–28.01 and 70–70.04 mg/dL.',
    },
  },
  compute(inputs, options) {
    const derivation = new Derivation();
    const { bun, hemoglobin, systolic, heartRate, sex } = inputs;
    const sexNeeded = hemoglobin !== undefined && hemoglobin >= 10 && hemoglobin < 13;
    if (bun === undefined || hemoglobin === undefined || systolic === undefined || heartRate === undefined) {
      return derivation.notComputable([
        ...(bun === undefined ? ['bun'] : []),
        ...(hemoglobin === undefined ? ['hemoglobin'] : []),
        ...(systolic === undefined ? ['systolic'] : []),
        ...(heartRate === undefined ? ['heartRate'] : []),
      ]);
    }
    if (sexNeeded && sex === undefined) {
      return derivation.notComputable(
        ['sex'],
        'sex is required: haemoglobin 10–< 13 g/dL scores differently by sex',
      );
    }

    const urea = bun / BUN_MG_DL_PER_UREA_MMOL_L;
    const [bands, compared] =
      options.bunCutoffs === 'mdcalc-rounded'
        ? [MDCALC_BUN_BANDS, withoutFloatNoise(bun)]
        : [UREA_BANDS, withoutFloatNoise(urea)];
    const band = bands.find((entry) => (entry.strict ? compared > entry.from : compared >= entry.from));
    const bunText = `BUN ${formatNumber(bun)} mg/dL (urea ${formatNumber(urea)} mmol/L)`;
    derivation.add(
      band ? `${bunText}: ${band.text}` : `${bunText}: below the lowest band`,
      band?.points ?? 0,
    );

    const hemoglobinText = `Haemoglobin ${formatNumber(hemoglobin)} g/dL`;
    if (hemoglobin < 10) derivation.add(`${hemoglobinText} (< 10)`, 6);
    else if (hemoglobin >= 13) derivation.add(`${hemoglobinText} (≥ 13)`, 0);
    else if (sex === 'male') {
      if (hemoglobin >= 12) derivation.add(`${hemoglobinText}, man (12–< 13)`, 1);
      else derivation.add(`${hemoglobinText}, man (10–< 12)`, 3);
    } else if (hemoglobin >= 12) derivation.add(`${hemoglobinText}, woman (≥ 12)`, 0);
    else derivation.add(`${hemoglobinText}, woman (10–< 12)`, 1);

    const systolicText = `Systolic pressure ${formatNumber(systolic)} mm Hg`;
    if (systolic < 90) derivation.add(`${systolicText} (< 90)`, 3);
    else if (systolic < 100) derivation.add(`${systolicText} (90–99)`, 2);
    else if (systolic < 110) derivation.add(`${systolicText} (100–109)`, 1);
    else derivation.add(`${systolicText} (≥ 110)`, 0);

    derivation.add(
      `Pulse ${formatNumber(heartRate)}/min (${heartRate >= 100 ? '≥' : '<'} 100)`,
      heartRate >= 100 ? 1 : 0,
    );
    derivation.flag('Melaena', inputs.melena, 1);
    derivation.flag('Syncope', inputs.syncope, 2);
    derivation.flag('Hepatic disease', inputs.hepaticDisease, 2);
    derivation.flag('Cardiac failure', inputs.cardiacFailure, 2);
    return derivation.score();
  },
});
