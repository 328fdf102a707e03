import { isHypotheticalMention, readMentionContext } from './negation.js';
import { compileTerm, findNames, type NameHit, type NamePattern } from './note-text.js';

/**
 * Words that, un-negated, state a criterion outright: the strict counterpart of `criterion-terms.ts`. Those lists
 * are generous because they only confirm a True entity; these accuse a False one, so every term must name the
 * condition itself (no drugs, labs or related findings) and qualifiers that change its meaning are excluded
 * ("portal hypertension", "heat stroke", "stroke volume", "non-diabetic", "diabetes insipidus").
 */
// prettier-ignore
const STATED = {
  hypertension: ['re:(?<!(?:portal|pulmonary|intracranial|ocular|gestational|induced|white[\\s-]coat|intra-abdominal)[\\s-]+)\\bhypertension\\b', 'HTN'],
  diabetes: ['re:(?<!(?:non|pre|gestational|steroid[\\s-]induced)[\\s-]*)\\bdiabetes(?![\\s-]+insipidus)\\b', 're:(?<!(?:non|pre)[\\s-]*)\\bdiabetic\\b', 'T1DM', 'T2DM', 'DM1', 'DM2', 'IDDM', 'NIDDM'],
  heartFailure: ['heart failure', 'cardiac failure', 'CHF', 'HFrEF', 'HFpEF'],
  stroke: ['re:(?<!heat[\\s-]*)\\bstrokes?\\b(?![\\s-]+(?:volume|index|work))', 'CVA', 'cerebrovascular accident*', 'cerebral infarction*'],
  tia: ['transient ischemic attack*', 'transient ischaemic attack*', 'TIA', 'TIAs'],
  myocardialInfarction: ['myocardial infarction', 'STEMI', 'NSTEMI', 'heart attack'],
  ischemicHeart: ['coronary artery disease', 'CAD', 'ischemic heart disease', 'ischaemic heart disease', 'IHD',
    'angina', 'myocardial infarction', 'STEMI', 'NSTEMI'],
  peripheralVascular: ['peripheral arterial disease', 'peripheral artery disease', 'peripheral vascular disease',
    'PAD', 'PVD', 'intermittent claudication'],
  copd: ['COPD', 'chronic obstructive pulmonary disease', 'emphysema'],
  dementia: ['dementia', 'alzheimer*'],
  pepticUlcer: ['peptic ulcer*', 'gastric ulcer*', 'duodenal ulcer*', 'PUD'],
  hemiplegia: ['hemipleg*', 'parapleg*', 'quadripleg*', 'tetrapleg*'],
  leukemia: ['leukemia', 'leukaemia', 'CLL', 'CML', 'AML'],
  lymphoma: ['lymphoma*'],
  aids: ['AIDS', 'acquired immunodeficiency syndrome'],
  connectiveTissue: ['systemic lupus erythematosus', 'SLE', 'rheumatoid arthritis', 'scleroderma',
    'systemic sclerosis', 'polymyositis', 'dermatomyositis', 'mixed connective tissue disease',
    'polymyalgia rheumatica'],
  cancer: ['carcinoma*', 'adenocarcinoma*', 'cancer', 'sarcoma', 'melanoma', 'metastatic'],
  liver: ['cirrho*', 'chronic liver disease', 'chronic hepatitis'],
  renal: ['chronic kidney disease', 'CKD', 'ESRD', 'ESKD', 'end-stage renal disease', 'end-stage kidney disease',
    'chronic renal failure', 'chronic renal insufficiency'],
  smoking: ['current smoker', 'active smoker', 'smokes', 're:\\b(?:cigarettes|packs?) (?:per|a) day\\b'],
  cholesterol: ['hypercholesterol*', 'hyperlipid*', 'dyslipid*'],
  obesity: ['obese', 'obesity'],
  pleuralEffusion: ['pleural effusion*'],
  nursingHome: ['nursing home resident', 'resident of a nursing home', 'lives in a nursing home',
    'resides in a nursing home', 'from a nursing home', 'nursing-home resident'],
  confusion: ['confusion', 'confused', 'disoriented', 'disorientation', 'altered mental status'],
  hemoptysis: ['hemoptysis', 'haemoptysis', 'coughing up blood'],
  melena: ['melena', 'melaena', 'tarry stool*'],
  syncope: ['syncope', 'syncopal', 'fainted', 'passed out'],
  ventilation: ['mechanical ventilation', 'mechanically ventilated'],
  cpap: ['CPAP', 'continuous positive airway pressure'],
  varicoseVeins: ['varicose vein*'],
  ibd: ['inflammatory bowel disease', 'crohn*', 'ulcerative colitis'],
  heparinInduced: ['heparin-induced thrombocytopenia'],
  hormones: ['oral contracepti*', 'hormone replacement', 'estrogen therapy', 'OCP', 'OCPs', 'HRT'],
  tonsillarExudate: ['tonsillar exudate*', 'exudative tonsil*', 'purulent tonsil*', 'tonsillar swelling',
    'swollen tonsils', 'enlarged tonsils', 'tonsillar enlargement', 'tonsillar hypertrophy'],
  purulentTonsils: ['tonsillar exudate*', 'exudative tonsil*', 'purulent tonsil*'],
  cervicalNodes: ['cervical lymphadenopathy', 'cervical adenopathy', 'anterior cervical lymph*',
    'tender cervical lymph*', 'swollen cervical lymph*'],
  ascites: ['ascites'],
  encephalopathy: ['hepatic encephalopathy', 'encephalopathy', 'asterixis'],
} as const satisfies Record<string, readonly string[]>;

type StatedConcept = keyof typeof STATED;

/**
 * The criteria this reading covers. Left out on purpose: judgment criteria ('Alternative diagnosis…', 'Cough
 * Absent', 'Elevated-risk surgery', 'Labile INR', suspicion grades), time-bounded ones ('… in the last month',
 * 'Surgery in the previous 4 weeks', 'Fever in past 24 hours', dialysis in the past week: a mention does not date
 * the event), severity or laterality ones ('Calf swelling >3 cm', 'Unilateral Leg Swelling'), lab results
 * ('Positive Factor V Leiden': a test named is not a test positive), relatives' history, and criteria whose
 * definition is narrower than any word for them (HAS-BLED renal disease, HEART atherosclerotic disease).
 */
const KEY_STATED: Readonly<Record<string, readonly StatedConcept[]>> = {
  'Hypertension history': ['hypertension'],
  'Diabetes history': ['diabetes'],
  'Diabetes mellitus criteria for CCI rule': ['diabetes'],
  'Congestive Heart Faliure': ['heartFailure'],
  'Congestive Heart Failure criteria for the Cardiac Risk Index rule': ['heartFailure'],
  'Cardiac failure present': ['heartFailure'],
  Stroke: ['stroke'],
  'Cerebrovascular Accident': ['stroke'],
  'Cerebrovascular disease history': ['stroke', 'tia'],
  'History of cerebrovascular disease': ['stroke', 'tia'],
  'Transient Ischemic Attacks History': ['tia'],
  'Myocardial infarction': ['myocardialInfarction'],
  'History of ischemic heart disease': ['ischemicHeart'],
  'Peripheral vascular disease': ['peripheralVascular'],
  'Vascular disease history': ['peripheralVascular'],
  'Chronic Obstructive Pulmonary Disease': ['copd'],
  Dementia: ['dementia'],
  'Peptic ulcer disease': ['pepticUlcer'],
  Hemiplegia: ['hemiplegia'],
  Leukemia: ['leukemia'],
  Lymphoma: ['lymphoma'],
  AIDS: ['aids'],
  'Connective tissue disease': ['connectiveTissue'],
  'Solid tumor': ['cancer'],
  'Present or previous malignancy': ['cancer'],
  'Liver disease severity': ['liver'],
  'Hepatic disease history': ['liver'],
  'Liver disease criteria for the HAS-BLED rule': ['liver'],
  'Renal disease': ['renal'],
  smoking: ['smoking'],
  Smoker: ['smoking'],
  hypercholesterolemia: ['cholesterol'],
  obesity: ['obesity'],
  'Pleural effusion on x-ray': ['pleuralEffusion'],
  'Nursing home resident': ['nursingHome'],
  Confusion: ['confusion'],
  'Altered mental status': ['confusion'],
  Hemoptysis: ['hemoptysis'],
  'Melena present': ['melena'],
  'Recent syncope': ['syncope'],
  'On mechanical ventilation': ['ventilation'],
  'Continous positive airway pressure': ['cpap'],
  'Continuous positive airway pressure': ['cpap'],
  'Varicose veins': ['varicoseVeins'],
  'History of inflammatory bowel disease': ['ibd'],
  'Heparin-induced thrombocytopenia': ['heparinInduced'],
  'Hormone use': ['hormones'],
  'Exudate or swelling on tonsils': ['tonsillarExudate'],
  'Purulent tonsils': ['purulentTonsils'],
  'Tender/swollen anterior cervical lymph nodes': ['cervicalNodes'],
  Ascites: ['ascites'],
  Encephalopathy: ['encephalopathy'],
};

const compiled = new Map<string, NamePattern[] | null>();

/** The strict statement terms for a criterion key; null when the key is not one this reading covers. */
export function statementTermsFor(key: string): NamePattern[] | null {
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  const concepts = KEY_STATED[key];
  const terms =
    concepts === undefined
      ? null
      : [...new Set(concepts.flatMap((concept) => STATED[concept]))].map(compileTerm);
  compiled.set(key, terms);
  return terms;
}

/**
 * Negation cues the clause reader (`negation.ts`) does not know or cannot reach: the synthetic notes list
 * criteria after one cue ("no history of A, B, C, … or D"), well past its 70-character window, and phrase
 * absence in prose ("void of any", "free from", "doesn't recall any", "ruling out").
 */
const SENTENCE_NEGATION =
  /\b(?:no|not|nor|never|none|without|denie[sd]|deny(?:ing)?|negative|free (?:of|from)|void of|absen(?:t|ce)|lack(?:s|ing)?|rul(?:ed|es|ing) out|unremarkable|\w+n't|cannot|neither)\b/gi;
/** A contrast or a new subject ends the reach of an earlier cue. */
const SENTENCE_CONTRAST = /\b(?:but|however|although|though|except|yet|whereas|aside from|apart from)\b/gi;
const SENTENCE_START = /(?:[.!?;]\s+|\n)(?=[^.!?;\n]*$)/;
/** A cue right after the mention ("… hypertension too seems to be absent", "… has been unremarkable"). */
const NEGATED_AFTER =
  /^[^.;!?\n]{0,40}?\b(?:absent|ruled out|excluded|unremarkable|negative|not (?:present|seen|found|noted|identified|reported))\b/i;
/** Something that happened after the presentation or is a transient effect, not the patient's standing state. */
const NOT_STANDING =
  /\b(?:subsequently|later|thereafter|afterwards?|post[\s-]?admission|hospital (?:day|course)|day \d+|on day|developed|developing|became|may suggest|suggest(?:s|ive of)?)\b/i;
const TRANSIENT_AFTER = /^[^.;!?\n]{0,40}?\b(?:resulting from|due to|secondary to|induced by|caused by)\b/i;

function readSentenceBefore(note: string, start: number): string {
  const before = note.slice(Math.max(0, start - 400), start);
  const match = SENTENCE_START.exec(before);
  return match === null ? before : before.slice(match.index + match[0].length);
}

function lastIndexOf(pattern: RegExp, text: string): number {
  let index = -1;
  for (const match of text.matchAll(pattern)) index = match.index;
  return index;
}

/** Whether a negation cue earlier in the sentence still reaches the mention (no contrast in between). */
function isNegatedInSentence(sentence: string): boolean {
  const cue = lastIndexOf(SENTENCE_NEGATION, sentence);
  return cue >= 0 && lastIndexOf(SENTENCE_CONTRAST, sentence) < cue;
}

/**
 * Mentions that state something about the patient as they present: not negated (in the clause or anywhere earlier
 * in the sentence), not a relative's, not hypothetical, not an event of the later course or a transient effect.
 * Stricter than the True-criterion reading on purpose: these mentions accuse a stored value.
 */
export function findAffirmedMentions(note: string, terms: readonly NamePattern[]): NameHit[] {
  const seen = new Set<number>();
  return findNames(note, terms).filter((hit) => {
    if (seen.has(hit.start)) return false;
    seen.add(hit.start);
    if (readMentionContext(note, hit.start, hit.end) !== 'affirmed') return false;
    if (isHypotheticalMention(note, hit.start, hit.end)) return false;
    const sentence = readSentenceBefore(note, hit.start);
    if (isNegatedInSentence(sentence) || NOT_STANDING.test(sentence)) return false;
    const after = note.slice(hit.end, hit.end + 60);
    return !NEGATED_AFTER.test(after) && !TRANSIENT_AFTER.test(after);
  });
}
