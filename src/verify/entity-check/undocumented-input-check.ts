import type { CalculatorSlug } from '../../catalog/medcalc-bench.js';
import type { PythonValue } from '../../dataset/python-literal.js';
import type { Finding } from '../types.js';
import { termsForCriterion } from './criterion-terms.js';
import { findNames } from './note-text.js';

/**
 * Inputs a calculator needs that a note can simply not mention. For each: the words any mention would use, the
 * option strings that mean "normal / absent", and whether a clinical default exists. HEART's ECG and troponin
 * are measurements (Six 2008: the score is computed on the ECG and the first troponin); Child-Pugh's ascites and
 * encephalopathy are graded at the bedside (Pugh 1973) and a case report that never examines for them gives no
 * grade (an abdominal examination that finds the abdomen soft counts as examining for ascites). None of the four has a clinical default, so a label that scored one of them without the note mentioning
 * it is a candidate for `not-computable`.
 */
interface DocumentedInput {
  key: string;
  label: string;
  mention: RegExp;
  normal: RegExp;
}

const ECG =
  /\b(?:ECG|EKG|electrocardiogra\w*|ST[- ](?:segment|elevation|depression|changes?)|T[- ]waves?|sinus (?:rhythm|tachycardia|bradycardia)|Q[- ]waves?|bundle branch|[LR]BBB|QRS|repolari[sz]ation|atrial fibrillation)\b/i;
const TROPONIN = /\b(?:troponins?|Tn[IT]|hs-?c?Tn\w*|cardiac (?:enzymes|markers|biomarkers)|CK-?MB)\b/i;
const ASCITES =
  /\b(?:ascit\w*|paracentesis|shifting dullness|fluid wave|free (?:peritoneal |intra-?abdominal )?fluid|abdominal (?:distension|distention|fluid|exam\w*)|abdomen (?:is |was )?(?:soft|distended|flat|tense|benign))\b/i;
const ENCEPHALOPATHY =
  /\b(?:encephalopath\w*|asterixis|flap\w*|confus\w*|disorient\w*|oriented|orientation|alert|mental status|mentation|somnolen\w*|letharg\w*|drows\w*|stupor\w*|coma\w*|obtund\w*|GCS|Glasgow|lactulose|rifaximin|sensorium|conscious\w*|cognitive|neurologic\w*)\b/i;

// prettier-ignore
const DOCUMENTED_INPUTS: Partial<Record<CalculatorSlug, readonly DocumentedInput[]>> = {
  'heart-score': [
    { key: 'Electrocardiogram Test', label: 'an ECG', mention: ECG, normal: /^normal$/i },
    { key: 'Initial troponin', label: 'a troponin', mention: TROPONIN,
      normal: /^(?:normal|less than or equal to normal limit|≤ normal limit)$/i },
  ],
  'child-pugh': [
    { key: 'Ascites', label: 'ascites', mention: ASCITES, normal: /^(?:absent|none|no)$/i },
    { key: 'Encephalopathy', label: 'encephalopathy or mental status', mention: ENCEPHALOPATHY,
      normal: /^(?:none|no encephalopathy|grade 0|absent|no)$/i },
  ],
};

/**
 * Wells criteria (PE: Wells 2000; DVT: Wells 2003). Unlike the inputs above, each has a clinical default: the
 * score counts a criterion only when the clinician finds it, so a criterion the note never mentions is
 * legitimately scored absent and is never a candidate for `not-computable`. What the issue asks for is the
 * converse: a criterion scored present (True) that the note never mentions in any words, negated or not. The DVT
 * rule's 'Alternative diagnosis…' is a judgment without terms (`criterion-terms.ts`), so it is not covered.
 */
const WELLS_CRITERIA: Partial<Record<CalculatorSlug, ReadonlySet<string>>> = {
  'wells-pe': new Set([
    'Clinical signs and symptoms of Deep Vein Thrombosis',
    'Pulmonary Embolism is #1 diagnosis OR equally likely',
    'Immobilization for at least 3 days',
    'Surgery in the previous 4 weeks',
    'Previously Documented Pulmonary Embolism',
    'Previously documented Deep Vein Thrombosis',
    'Hemoptysis',
    'Malignancy with treatment within 6 months or palliative',
  ]),
  'wells-dvt': new Set([
    'Active cancer',
    'Bedridden recently >3 days or major surgery within 12 weeks',
    'Major surgery within 12 weeks',
    'Calf swelling >3 centimeters compared to the other leg',
    'Collateral (nonvaricose) superficial veins present',
    'Entire Leg Swollen',
    'Localized tenderness along the deep venous system',
    'Pitting edema, confined to symptomatic leg',
    'Paralysis, paresis, or recent plaster immobilization of the lower extremity',
    'Previously documented Deep Vein Thrombosis',
  ]),
};

/** Whether `checkScoredPresentCriteria` reports this criterion (so the generic True check need not repeat it). */
export function isScoredPresentChecked(slug: CalculatorSlug | undefined, key: string): boolean {
  if (slug === undefined || !Object.hasOwn(WELLS_CRITERIA, slug)) return false;
  return WELLS_CRITERIA[slug]?.has(key) === true && termsForCriterion(key) !== null;
}

/**
 * Wells criteria stored True that the note never mentions (no term of the criterion anywhere, in any context):
 * the label scored points on nothing in the note. Category `extraction-error`, severity `warning`; deliberately
 * not `not-computable` (see `WELLS_CRITERIA`).
 */
export function checkScoredPresentCriteria(
  note: string,
  slug: CalculatorSlug | undefined,
  entities: Readonly<Record<string, PythonValue>>,
): Finding[] {
  const findings: Finding[] = [];
  for (const [key, raw] of Object.entries(entities)) {
    if (raw !== true || !isScoredPresentChecked(slug, key)) continue;
    const terms = termsForCriterion(key);
    if (terms === null || findNames(note, terms).length > 0) continue;
    findings.push({
      category: 'extraction-error',
      severity: 'warning',
      entity: key,
      message:
        `${key}: scored present, but the note never mentions it. Wells scores an unmentioned criterion absent, ` +
        'so the label gains points the note does not support (not a not-computable candidate)',
      evidence: [],
    });
  }
  return findings;
}

/**
 * For the calculator's inputs without a clinical default (`DOCUMENTED_INPUTS`): when the note never mentions the
 * input, a label that scored it (stored normal, stored abnormal, or not stored and defaulted to normal by the
 * label code) rests on nothing in the note. Category `not-computable`, severity `warning`: triage may treat the
 * item as a candidate for `not-computable`. Silent when the note mentions the input in any words.
 */
export function checkUndocumentedInputs(
  note: string,
  slug: CalculatorSlug | undefined,
  entities: Readonly<Record<string, PythonValue>>,
): Finding[] {
  // A hostile slug ("constructor") must not reach the prototype.
  const inputs =
    slug !== undefined && Object.hasOwn(DOCUMENTED_INPUTS, slug) ? DOCUMENTED_INPUTS[slug] : undefined;
  if (inputs === undefined) return [];
  const findings: Finding[] = [];
  for (const input of inputs) {
    if (input.mention.test(note)) continue;
    const raw = entities[input.key];
    const stored =
      raw === undefined
        ? 'not stored, so the label code scored it normal'
        : typeof raw === 'string' && input.normal.test(raw.trim())
          ? `stored as '${raw}' (scored normal)`
          : `stored as ${typeof raw === 'string' ? `'${raw}'` : JSON.stringify(raw)}`;
    findings.push({
      category: 'not-computable',
      severity: 'warning',
      entity: input.key,
      message:
        `${input.key}: the note never mentions ${input.label}; ${stored}. The calculator has no clinical ` +
        'default for it: a candidate for not-computable',
      evidence: [],
    });
  }
  return findings;
}
