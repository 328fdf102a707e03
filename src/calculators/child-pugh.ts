import { formatNumber } from '../units/index.js';
import { ALBUMIN_INPUT, BILIRUBIN_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Child-Pugh score for the severity of cirrhosis (5–15 points; class A 5–6, B 7–9, C 10–15).
 *
 * Five criteria of 1–3 points each:
 * - total bilirubin: < 2 mg/dL 1; 2–3 mg/dL 2 (both ends included, so exactly 2.0 scores 2); > 3 mg/dL 3;
 * - albumin: > 3.5 g/dL 1; 2.8–3.5 g/dL 2; < 2.8 g/dL 3;
 * - INR: < 1.7 1; 1.7–2.3 2; > 2.3 3;
 * - ascites: absent 1; slight 2; moderate (or severe, tense) 3;
 * - hepatic encephalopathy: none 1; grade 1–2 2; grade 3–4 3.
 *
 * Missing laboratory values make the score not computable. A missing ascites or encephalopathy finding is taken
 * as absent (1 point) and recorded as an assumption: the MDCalc form has no "unknown" choice and a note that does
 * not describe either is read as not having it. Bilirubin in µmol/L is converted exactly (584.66 g/mol), so the
 * 2 and 3 mg/dL cut-offs sit at 34.21 and 51.31 µmol/L (34.2 µmol/L is 1.9995 mg/dL and scores 1).
 *
 * Source: Pugh RNH, Murray-Lyon IM, Dawson JL, Pietroni MC, Williams R. Transection of the oesophagus for bleeding
 * oesophageal varices. Br J Surg 1973;60:646-9 (Child–Turcotte criteria with prothrombin time; INR per MDCalc).
 * MDCalc: "Child-Pugh Score for Cirrhosis Mortality".
 * Units: bilirubin mg/dL (0.05–60), albumin g/dL (0.5–6.5), INR unitless (0.8–10).
 */
export const calculator = defineCalculator({
  id: 'child-pugh',
  version: '1.0.0',
  name: 'Child-Pugh Score for Cirrhosis Mortality',
  medcalcId: 15,
  category: 'severity',
  outputType: 'integer',
  unit: 'points',
  summary:
    'Cirrhosis severity, 5–15 points, from bilirubin (mg/dL), albumin (g/dL), INR, ascites and encephalopathy; labs required.',
  reference: {
    primary:
      'Pugh RNH et al. Transection of the oesophagus for bleeding oesophageal varices. Br J Surg 1973;60:646-9.',
    mdcalc: 'Child-Pugh Score for Cirrhosis Mortality',
  },
  inputs: {
    bilirubin: BILIRUBIN_INPUT,
    albumin: ALBUMIN_INPUT,
    inr: {
      type: 'number',
      label: 'INR',
      entityKeys: ['international normalized ratio'],
      plausible: [0.8, 10],
    },
    ascites: {
      type: 'enum',
      label: 'Ascites',
      entityKeys: ['Ascites'],
      options: ['absent', 'slight', 'moderate'],
      aliases: {
        none: 'absent',
        no: 'absent',
        mild: 'slight',
        'moderate-severe': 'moderate',
        'moderate to severe': 'moderate',
        'moderate/severe': 'moderate',
        severe: 'moderate',
        tense: 'moderate',
        large: 'moderate',
      },
      description: 'absent, slight, or moderate (moderate-to-severe and tense ascites count as moderate).',
    },
    encephalopathy: {
      type: 'enum',
      label: 'Hepatic encephalopathy',
      entityKeys: ['Encephalopathy'],
      options: ['none', 'grade-1-2', 'grade-3-4'],
      aliases: {
        'no encephalopathy': 'none',
        'grade 0': 'none',
        absent: 'none',
        no: 'none',
        'grade 1-2': 'grade-1-2',
        'grade 1–2': 'grade-1-2',
        'grade 1': 'grade-1-2',
        'grade 2': 'grade-1-2',
        mild: 'grade-1-2',
        'grade 3-4': 'grade-3-4',
        'grade 3–4': 'grade-3-4',
        'grade 3': 'grade-3-4',
        'grade 4': 'grade-3-4',
        severe: 'grade-3-4',
      },
      description: 'West Haven grade: none (grade 0), grade 1–2, or grade 3–4.',
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { bilirubin, albumin, inr } = inputs;
    if (bilirubin === undefined || albumin === undefined || inr === undefined) {
      return derivation.notComputable([
        ...(bilirubin === undefined ? ['bilirubin'] : []),
        ...(albumin === undefined ? ['albumin'] : []),
        ...(inr === undefined ? ['inr'] : []),
      ]);
    }
    const bilirubinText = `Bilirubin ${formatNumber(bilirubin)} mg/dL`;
    if (bilirubin < 2) derivation.add(`${bilirubinText} (< 2)`, 1);
    else if (bilirubin <= 3) derivation.add(`${bilirubinText} (2–3)`, 2);
    else derivation.add(`${bilirubinText} (> 3)`, 3);

    const albuminText = `Albumin ${formatNumber(albumin)} g/dL`;
    if (albumin > 3.5) derivation.add(`${albuminText} (> 3.5)`, 1);
    else if (albumin >= 2.8) derivation.add(`${albuminText} (2.8–3.5)`, 2);
    else derivation.add(`${albuminText} (< 2.8)`, 3);

    const inrText = `INR ${formatNumber(inr)}`;
    if (inr < 1.7) derivation.add(`${inrText} (< 1.7)`, 1);
    else if (inr <= 2.3) derivation.add(`${inrText} (1.7–2.3)`, 2);
    else derivation.add(`${inrText} (> 2.3)`, 3);

    if (inputs.ascites === undefined) {
      derivation.assume('Ascites: not mentioned, assumed absent');
      derivation.add('Ascites: not mentioned (absent)', 1);
    } else {
      const points = inputs.ascites === 'moderate' ? 3 : inputs.ascites === 'slight' ? 2 : 1;
      derivation.add(`Ascites: ${inputs.ascites}`, points);
    }

    if (inputs.encephalopathy === undefined) {
      derivation.assume('Encephalopathy: not mentioned, assumed none');
      derivation.add('Encephalopathy: not mentioned (none)', 1);
    } else {
      const grade = inputs.encephalopathy;
      const points = grade === 'grade-3-4' ? 3 : grade === 'grade-1-2' ? 2 : 1;
      derivation.add(
        `Encephalopathy: ${grade === 'none' ? 'none' : grade.replace('grade-', 'grade ').replace(/-(\d)$/, '–$1')}`,
        points,
      );
    }

    const total = derivation.total;
    const childClass = total <= 6 ? 'A' : total <= 9 ? 'B' : 'C';
    derivation.step(`Child-Pugh class ${childClass} (A 5–6, B 7–9, C 10–15)`);
    return derivation.score();
  },
});
