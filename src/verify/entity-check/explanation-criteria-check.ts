import type { InputSpec } from '../../calculators/types.js';
import type { PythonValue } from '../../dataset/python-literal.js';
import type { EvidenceSpan, Finding } from '../types.js';
import { termsForCriterion } from './criterion-terms.js';
import { readCriterionStatements, type CriterionStatement } from './explanation-statements.js';
import { readMentionContext } from './negation.js';
import { findNames, spanOf } from './note-text.js';
import { matchOption } from './option-check.js';

/** Explanation names that differ from the entity key they stand for (typos and abbreviations included). */
const NAME_KEYS: Readonly<Record<string, readonly string[]>> = {
  'cerebrovascular disease': ['History of cerebrovascular disease', 'Cerebrovascular disease history'],
  'congestive heart failure': [
    'Congestive Heart Failure criteria for the Cardiac Risk Index rule',
    'Congestive Heart Faliure',
  ],
  'chf history': ['Congestive Heart Faliure'],
  'elevated risk surgery': ['Elevated-risk surgery'],
  'ischemetic heart disease': ['History of ischemic heart disease'],
  'pre-operative insulin treatment': ['Pre-operative treatment with insulin'],
  diabetes: ['Diabetes history'],
  'diabetes mellitus': ['Diabetes mellitus criteria for CCI rule'],
  stroke: ['Stroke'],
  'stroke history': ['Stroke'],
  thromboembolism: ['Thromboembolism history'],
  tia: ['Transient Ischemic Attacks History'],
  'transient ischemic attacks': ['Transient Ischemic Attacks History'],
  'vascular disease': ['Vascular disease history'],
  hypertension: ['Hypertension history'],
  'cerebral vascular accident': ['Cerebrovascular Accident'],
  'connective tissue diease': ['Connective tissue disease'],
  'liver disease': ['Liver disease severity', 'Liver disease criteria for the HAS-BLED rule'],
  'liver disease history': ['Liver disease severity'],
  'renal disease history': ['Renal disease'],
  'renal disease': ['Renal disease criteria for the HAS-BLED rule'],
  'hormonal use': ['Hormone use'],
  'malignany with treatment within 6 months or palliative': [
    'Malignancy with treatment within 6 months or palliative',
  ],
  'clinical signs and symptoms of dvt': ['Clinical signs and symptoms of Deep Vein Thrombosis'],
  'alternative diagnosis to dvt as likely or more likely': [
    'Alternative diagnosis to Deep Vein Thrombosis as likely or more likely',
  ],
  'bedridden recently >3 days': ['Bedridden recently >3 days or major surgery within 12 weeks'],
  'calf swelling >3 cm compared to the other leg': ['Calf swelling >3 centimeters compared to the other leg'],
  'previously documented dvt': ['Previously documented Deep Vein Thrombosis'],
  'cardiac failure': ['Cardiac failure present'],
  melena: ['Melena present'],
  'labile inr': ['Labile international normalized ratio'],
  'medications for bleeding': ['Medication usage predisposing to bleeding'],
  'prior bleeding': ['Prior major bleeding or predisposition to bleeding'],
  'current central venuous access': ['Current central venous access'],
  'previous dvt documented': ['Previously documented Deep Vein Thrombosis'],
  'previous pulmonary embolism documented': ['Previously Documented Pulmonary Embolism'],
  malignancy: ['Present or previous malignancy'],
  '0ther congenital or acquired thrombophilia': ['Other congenital or acquired thrombophilia'],
  'fever in the past 24 hours': ['Fever in past 24 hours'],
  'continuous positive airway pressure': [
    'Continous positive airway pressure',
    'Continuous positive airway pressure',
  ],
  'mechanical ventillation': ['On mechanical ventilation'],
  'is a smoker': ['Smoker'],
  'takes medicine for treating blood pressure': ['Blood pressure being treated with medicines'],
  immunocompromise: ['History of severe organ failure or immunocompromise'],
  'family with cvd': ['parent or sibling with Cardiovascular disease before age 65'],
  history: ['Suspicion History'],
  electrocardiogram: ['Electrocardiogram Test'],
};

/** Options that are the label code's default for a criterion it did not find (absent, none, normal). */
const DEFAULT_OPTIONS = new Set(['absent', 'none', 'normal', 'slightly-suspicious']);

function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function keysForName(name: string, entities: Readonly<Record<string, PythonValue>>): string[] {
  const listed = NAME_KEYS[name];
  if (listed !== undefined) return listed.filter((key) => key in entities);
  const wanted = normalizeName(name);
  return Object.keys(entities).filter((key) => normalizeName(key) === wanted);
}

type StoredReading =
  | { kind: 'boolean'; present: boolean }
  | { kind: 'option'; present: boolean; option: string; spec: InputSpec & { type: 'enum' } };

function readStored(raw: PythonValue, spec: InputSpec | undefined): StoredReading | undefined {
  if (typeof raw === 'boolean') return { kind: 'boolean', present: raw };
  if (typeof raw !== 'string' || spec?.type !== 'enum') return undefined;
  const option = matchOption(raw, spec);
  if (option === undefined || option === 'not mentioned') return undefined;
  return { kind: 'option', present: !DEFAULT_OPTIONS.has(option), option, spec };
}

function describeStored(raw: PythonValue): string {
  return typeof raw === 'string' ? `'${raw}'` : raw === true ? 'True' : 'False';
}

/** Un-negated note mentions of a criterion, as evidence that the stored positive value has support. */
function findSupport(note: string, key: string): EvidenceSpan[] {
  const terms = termsForCriterion(key);
  if (terms === null) return [];
  return findNames(note, terms)
    .filter((hit) => readMentionContext(note, hit.start, hit.end) === 'affirmed')
    .slice(0, 3)
    .map((hit) => spanOf(note, hit.start, hit.end));
}

interface StoredEntity {
  key: string;
  raw: PythonValue;
  stored: StoredReading;
}

function compare(
  note: string,
  { key, raw, stored }: StoredEntity,
  statement: CriterionStatement,
): Finding | undefined {
  const said = `the explanation says "${statement.sentence.slice(0, 140)}"`;
  if (statement.state === 'option') {
    if (stored.kind !== 'option' || statement.option === undefined) return undefined;
    const statedOption = matchOption(statement.option, stored.spec);
    if (statedOption === undefined || statedOption === stored.option) return undefined;
    return {
      category: 'extraction-error',
      severity: 'warning',
      entity: key,
      message: `${key} is ${describeStored(raw)}, but ${said}: the label was computed from another value`,
      evidence: [],
    };
  }
  if (statement.state === 'not-mentioned') {
    if (!stored.present) return undefined;
    return {
      category: 'calculator-logic',
      severity: 'warning',
      entity: key,
      message:
        `${key} is ${describeStored(raw)}, but ${said}: the label code did not read the stored entity ` +
        '(a key-name mismatch, medcalc-reference §6.4, or an entity added after labelling)',
      evidence: findSupport(note, key),
    };
  }
  const statedPresent = statement.state === 'present';
  if (statedPresent === stored.present) return undefined;
  // A stored option string read as the opposite is the label code's string matching (§6.3), not the extraction.
  const category = stored.kind === 'option' ? 'calculator-logic' : 'extraction-error';
  return {
    category,
    severity: 'warning',
    entity: key,
    message:
      `${key} is ${describeStored(raw)}, but ${said}` +
      (category === 'calculator-logic'
        ? ': the label code misread the option string (medcalc-reference §6.3)'
        : ': the entity and the label disagree (one was edited after the other)'),
    evidence: statedPresent ? [] : findSupport(note, key),
  };
}

/**
 * Compares what the explanation says about each criterion (present, absent, not mentioned, an option) with the
 * stored entity; the first statement about a key counts. Category choice: "not mentioned" while the entity
 * stores a positive value means the label was aggregated without the stored value, which is the label code's
 * doing (`calculator-logic`: RCRI's two cerebrovascular keys, Caprini's unread booleans), even where the entity
 * itself is right; present-versus-absent on a boolean means the entity and the label's reading disagree
 * (`extraction-error`: one was edited after the other).
 */
export function checkExplanationCriteria(
  note: string,
  explanation: string,
  {
    entities,
    findSpec,
  }: {
    entities: Readonly<Record<string, PythonValue>>;
    findSpec: (key: string) => InputSpec | undefined;
  },
): { findings: Finding[]; statements: number } {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let statements = 0;
  for (const statement of readCriterionStatements(explanation)) {
    for (const key of keysForName(statement.name, entities)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const raw = entities[key];
      if (raw === undefined) continue;
      const stored = readStored(raw, findSpec(key));
      if (stored === undefined) continue;
      statements++;
      const finding = compare(note, { key, raw, stored }, statement);
      if (finding !== undefined) findings.push(finding);
    }
  }
  return { findings, statements };
}
